import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Jobs } from '../jobs/jobs.service.js';
import { LedgerService } from './ledger.service.js';

/** Expires due points every day five minutes after Shanghai midnight. */
@Injectable()
export class LedgerJobs implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly ledger: LedgerService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'ledger.expire',
      dailyAtMinute: 5,
      leaseMs: 30 * 60_000,
      run: async (now) => {
        const { members, points } = await this.ledger.expireDue(now);
        return `expired ${points} points of ${members} members`;
      },
    });
  }
}
