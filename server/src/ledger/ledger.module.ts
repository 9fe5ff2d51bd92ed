import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdjustmentsService } from './adjustments.service.js';
import { FlagsService } from './flags.service.js';
import { LedgerAdminController } from './ledger-admin.controller.js';
import { LedgerController } from './ledger.controller.js';
import { LEDGER_ENTITIES } from './ledger.entities.js';
import { LedgerAudit } from './ledger-audit.service.js';
import { LedgerQueries } from './ledger-queries.service.js';
import { StatementsService } from './statements.service.js';
import { LedgerService } from './ledger.service.js';
import { LedgerJobs } from './ledger.jobs.js';

@Module({
  imports: [TypeOrmModule.forFeature(LEDGER_ENTITIES)],
  controllers: [LedgerController, LedgerAdminController],
  providers: [LedgerService, LedgerQueries, LedgerAudit, LedgerJobs, AdjustmentsService, FlagsService, StatementsService],
  exports: [LedgerService, LedgerQueries, LedgerAudit, AdjustmentsService, StatementsService],
})
export class LedgerModule {}
