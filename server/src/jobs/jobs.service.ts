import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { IsNull, LessThan } from 'typeorm';
import { addDays, shanghaiDay, startOfShanghaiDay } from '@jifen/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { JobLease } from './job-lease.entity.js';

export interface JobDefinition {
  name: string;
  /** Runs once a Shanghai day at this minute past midnight (e.g. 5 = 00:05)… */
  dailyAtMinute?: number;
  /** …or every this many minutes (closing unpaid orders), on the minute boundaries. */
  everyMinutes?: number;
  /** Longest a run may take before another instance may take the job over. */
  leaseMs?: number;
  run(now: Date): Promise<string>;
}

/**
 * Scheduled work (point expiry, tier review, reminders) with a lease row per job, so two
 * server instances never run one job at once, and a run that died is taken up again once its
 * lease ends. A job is due when its last run is older than its latest scheduled instant; a
 * server that was down at that time catches up at its next tick.
 */
@Injectable()
export class Jobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly instance = randomBytes(6).toString('hex');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(job: JobDefinition): void {
    this.jobs.set(job.name, job);
  }

  onApplicationBootstrap(): void {
    if (this.config.jobsTickMs > 0) {
      this.timer = setInterval(() => void this.runDue().catch((e: Error) => this.logger.error(e.stack)), this.config.jobsTickMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Runs every job that is due now and not leased elsewhere; returns the names it ran. */
  async runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.jobs.values()) {
      const now = this.clock.now();
      const scheduled = job.everyMinutes ? latestTick(now, job.everyMinutes) : latestInstant(now, job.dailyAtMinute ?? 0);
      if (await this.runLeased(job, now, scheduled)) ran.push(job.name);
    }
    return ran;
  }

  /** Runs a job now, due or not, unless another instance holds its lease (work just queued for it). */
  async runNow(name: string): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job ${name}`);
    const now = this.clock.now();
    return this.runLeased(job, now, new Date(now.getTime() + 1));
  }

  /** Takes the lease when due and free, runs the job, and releases the lease with the result. */
  private async runLeased(job: JobDefinition, now: Date, scheduled: Date): Promise<boolean> {
    if (!(await this.acquire(job, now, scheduled))) return false;
    try {
      const result = await job.run(now);
      await this.db.unit((m) => m.update(JobLease, { name: job.name, owner: this.instance }, {
        owner: null, leaseUntil: null, lastRunAt: now, lastResult: result.slice(0, 255),
      }));
      this.logger.log(`${job.name}: ${result}`);
      return true;
    } catch (error) {
      // Leave lastRunAt as it was: the next tick tries again once the lease is released.
      await this.db.unit((m) => m.update(JobLease, { name: job.name, owner: this.instance }, {
        owner: null, leaseUntil: null, lastResult: `failed: ${(error as Error).message}`.slice(0, 255),
      }));
      this.logger.error(`${job.name} failed: ${(error as Error).stack}`);
      return false;
    }
  }

  async status(): Promise<JobLease[]> {
    return this.db.read((m) => m.find(JobLease, { order: { name: 'ASC' } }));
  }

  /** Takes the job's lease if it is due and free (a conditional update: one winner). */
  private async acquire(job: JobDefinition, now: Date, scheduled: Date): Promise<boolean> {
    return this.db.unit(async (m) => {
      if (!(await m.findOneBy(JobLease, { name: job.name }))) {
        await m.insert(JobLease, { name: job.name, owner: null, leaseUntil: null, lastRunAt: null, lastResult: null }).catch(() => undefined);
      }
      const lease = { owner: this.instance, leaseUntil: new Date(now.getTime() + (job.leaseMs ?? 10 * 60_000)) };
      const due = [{ lastRunAt: IsNull() }, { lastRunAt: LessThan(scheduled) }];
      for (const free of [{ leaseUntil: IsNull() }, { leaseUntil: LessThan(now) }]) {
        for (const when of due) {
          const taken = await m.update(JobLease, { name: job.name, ...free, ...when }, lease);
          if (taken.affected) return true;
        }
      }
      return false;
    });
  }
}

/** The latest multiple of `minutes` (since the epoch) at or before `now`. */
export function latestTick(now: Date, minutes: number): Date {
  const every = minutes * 60_000;
  return new Date(Math.floor(now.getTime() / every) * every);
}

/** The latest instant at or before `now` that is `minute` minutes past a Shanghai midnight. */
export function latestInstant(now: Date, minute: number): Date {
  const today = shanghaiDay(now);
  const at = new Date(startOfShanghaiDay(today).getTime() + minute * 60_000);
  return at.getTime() <= now.getTime() ? at : new Date(startOfShanghaiDay(addDays(today, -1)).getTime() + minute * 60_000);
}
