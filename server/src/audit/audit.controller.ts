import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators.js';
import { OptionalInt } from '../common/validation.js';
import { type AuditEntryDto, AuditService } from './audit.service.js';

class AuditQuery {
  @OptionalInt()
  operatorId?: number;

  @OptionalInt()
  before?: number;

  @OptionalInt(200)
  limit?: number;
}

/** 管理 → 审计日志: who did what. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQuery): Promise<AuditEntryDto[]> {
    return this.audit.list(query);
  }
}
