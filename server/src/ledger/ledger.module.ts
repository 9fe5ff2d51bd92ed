import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerController } from './ledger.controller.js';
import { LEDGER_ENTITIES } from './ledger.entities.js';
import { LedgerAudit } from './ledger-audit.service.js';
import { LedgerQueries } from './ledger-queries.service.js';
import { LedgerService } from './ledger.service.js';
import { LedgerJobs } from './ledger.jobs.js';

@Module({
  imports: [TypeOrmModule.forFeature(LEDGER_ENTITIES)],
  controllers: [LedgerController],
  providers: [LedgerService, LedgerQueries, LedgerAudit, LedgerJobs],
  exports: [LedgerService, LedgerQueries, LedgerAudit],
})
export class LedgerModule {}
