import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString } from 'class-validator';
import { ENTRY_KINDS, type EntryKind, type Page, type PointsBalanceDto, type PointsEntryDto, type StatementDto } from '@jifen/shared';
import { CurrentMember, type Caller, Roles } from '../auth/decorators.js';
import { OptionalInt } from '../common/validation.js';
import { LedgerQueries } from './ledger-queries.service.js';
import { LedgerAudit, type AuditReport } from './ledger-audit.service.js';
import { StatementsService } from './statements.service.js';

class EntriesQuery {
  @OptionalInt()
  cursor?: number;

  /** Comma-separated entry kinds, e.g. `earn,confirm`. */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @ArrayMaxSize(ENTRY_KINDS.length)
  @IsIn(ENTRY_KINDS as unknown as string[], { each: true })
  kind?: EntryKind[];

  @OptionalInt(100)
  limit?: number;
}

class StatementQuery {
  /** A Shanghai month, YYYY-MM (checked by the service). */
  @IsString()
  month: string;
}

class AuditQuery {
  @OptionalInt()
  memberId?: number;
}

@ApiTags('points')
@ApiBearerAuth()
@Controller()
export class LedgerController {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly audit: LedgerAudit,
    private readonly statements: StatementsService,
  ) {}

  @Get('points')
  balance(@CurrentMember() caller: Caller): Promise<PointsBalanceDto> {
    return this.queries.balance(caller.id);
  }

  @Get('points/entries')
  entries(@CurrentMember() caller: Caller, @Query() q: EntriesQuery): Promise<Page<PointsEntryDto>> {
    return this.queries.history(caller.id, { cursor: q.cursor, kinds: q.kind, limit: q.limit });
  }

  /** 积分对账单 of a Shanghai month (YYYY-MM). */
  @Get('points/statement')
  statement(@CurrentMember() caller: Caller, @Query() q: StatementQuery): Promise<StatementDto> {
    return this.statements.of(caller.id, q.month);
  }

  @Get('admin/ledger/audit')
  @ApiTags('admin')
  @Roles('owner', 'operator')
  runAudit(@Query() q: AuditQuery): Promise<AuditReport> {
    return this.audit.run(q.memberId);
  }
}
