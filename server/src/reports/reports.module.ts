import { Module } from '@nestjs/common';
import { ChurnService } from './churn.service.js';
import { DailyMetricsService } from './daily-metrics.service.js';
import { LedgerTotalsService } from './ledger-totals.service.js';
import { LiabilityService } from './liability.service.js';
import { ReportsAdminController } from './reports-admin.controller.js';

/** Reports for operators and finance, read from totals that jobs keep (never by scanning the ledger per request). */
@Module({
  controllers: [ReportsAdminController],
  providers: [LedgerTotalsService, LiabilityService, DailyMetricsService, ChurnService],
  exports: [LedgerTotalsService],
})
export class ReportsModule {}
