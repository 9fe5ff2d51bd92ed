import { Controller, Get, Header, Query } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { Type } from 'class-transformer';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChurnListDto, DashboardDto, LiabilityDto } from '@jifen/shared';
import { Roles } from '../auth/decorators.js';
import { ChurnService } from './churn.service.js';
import { DailyMetricsService } from './daily-metrics.service.js';
import { LiabilityService } from './liability.service.js';

class DashboardQuery {
  /** 7, 30 or 90 Shanghai days, today included (default 7). */
  @IsOptional()
  @Type(() => Number)
  @IsIn([7, 30, 90])
  days?: number;
}

/** 管理 → 数据看板 and 积分负债: the shop's days, what it owes in points, and the monthly table behind it. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/reports')
export class ReportsAdminController {
  constructor(
    private readonly liability: LiabilityService,
    private readonly metrics: DailyMetricsService,
    private readonly churn: ChurnService,
  ) {}

  /** 流失预警: members at risk with the reasons, the most valuable first. */
  @Get('churn')
  atRisk(): Promise<ChurnListDto> {
    return this.churn.atRisk();
  }

  @Get('dashboard')
  dashboard(@Query() query: DashboardQuery): Promise<DashboardDto> {
    return this.metrics.dashboard(query.days ?? 7);
  }

  @Get('liability')
  report(): Promise<LiabilityDto> {
    return this.liability.report();
  }

  @Get('liability.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="points-liability.csv"')
  csv(): Promise<string> {
    return this.liability.csv();
  }
}
