import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LiabilityDto } from '@jifen/shared';
import { Roles } from '../auth/decorators.js';
import { LiabilityService } from './liability.service.js';

/** 管理 → 积分负债: what the shop owes in points, and the monthly table behind it. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/reports')
export class ReportsAdminController {
  constructor(private readonly liability: LiabilityService) {}

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
