import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Validate } from 'class-validator';
import { AUDIT_AREA_KEYS, type AuditArea, type AuditQuery as AuditFilters } from '@jifen/shared';
import { Roles } from '../auth/decorators.js';
import { CalendarDay, OptionalInt } from '../common/validation.js';
import { type AuditEntryDto, AuditService } from './audit.service.js';

class AuditQuery implements AuditFilters {
  @OptionalInt()
  operatorId?: number;

  @IsOptional()
  @IsIn(AUDIT_AREA_KEYS)
  area?: AuditArea;

  /** Shanghai days, inclusive. */
  @IsOptional()
  @Validate(CalendarDay)
  from?: string;

  @IsOptional()
  @Validate(CalendarDay)
  to?: string;

  @OptionalInt()
  before?: number;

  @OptionalInt(200)
  limit?: number;
}

/** 管理 → 审计日志: who did what, filtered by operator, area and days. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('operators')
  operators(): Promise<{ id: number; name: string }[]> {
    return this.audit.operators();
  }

  @Get()
  list(@Query() query: AuditQuery): Promise<AuditEntryDto[]> {
    return this.audit.list(query);
  }
}
