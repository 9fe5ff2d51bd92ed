import { Injectable, type OnModuleInit } from '@nestjs/common';
import { addDays, DAILY_METRICS, type DailyMetric, type DashboardDayDto, type DashboardDto, shanghaiDay, startOfShanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { Jobs } from '../jobs/jobs.service.js';
import { ledgerFlow, LedgerTotalsService } from './ledger-totals.service.js';

/** How far back a first run counts; later runs recount only yesterday and today. */
const BACKFILL_DAYS = 400;

interface DayRange { day: string; start: string; end: string }
type Count = (d: DayRange) => [sql: string, params: unknown[]];
/** Rows of a table whose time column falls in the day. */
const within = (table: string, column: string, extra = ''): Count => ({ start, end }) =>
  [`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} >= ? AND ${column} < ?${extra}`, [start, end]];

/** One metric of one Shanghai day, counted on an indexed time range [start, end) or the day itself. */
const COUNTS: Record<DailyMetric, Count> = {
  newMembers: within('members', 'created_at'),
  members: ({ end }) => ['SELECT COUNT(*) AS n FROM members WHERE created_at < ?', [end]],
  activeMembers: ({ day, start, end }) => [`SELECT COUNT(DISTINCT member_id) AS n FROM (
      SELECT member_id FROM checkins WHERE day = ?
      UNION SELECT member_id FROM orders WHERE paid_at >= ? AND paid_at < ?
      UNION SELECT member_id FROM mall_redemptions WHERE created_at >= ? AND created_at < ?) a`, [day, start, end, start, end]],
  checkins: ({ day }) => ['SELECT COUNT(*) AS n FROM checkins WHERE day = ?', [day]],
  invitesOpened: within('invites', 'opened_at'),
  invitesSignedUp: within('invites', 'signed_up_at'),
  invitesOrdered: within('invites', 'ordered_at'),
  invitesRewarded: within('invites', 'rewarded_at'),
  couponsIssued: within('coupons', 'received_at'),
  couponsUsed: within('coupons', 'used_at'),
  couponGmvFen: ({ start, end }) => ['SELECT COALESCE(SUM(pay_fen), 0) AS n FROM orders WHERE paid_at >= ? AND paid_at < ? AND coupon_id IS NOT NULL', [start, end]],
  orders: within('orders', 'paid_at'),
  gmvFen: ({ start, end }) => ['SELECT COALESCE(SUM(pay_fen), 0) AS n FROM orders WHERE paid_at >= ? AND paid_at < ?', [start, end]],
  redemptions: within('mall_redemptions', 'created_at'),
};

/**
 * 数据看板: counts per Shanghai day in `daily_metrics`, kept by a leased job. A day is counted on
 * the time indexes of its tables (never a scan of the ledger: points come from its daily totals);
 * a finished day is counted once more after midnight and then left alone.
 */
@Injectable()
export class DailyMetricsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
    private readonly totals: LedgerTotalsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'reports.daily-metrics', everyMinutes: 10, leaseMs: 30 * 60_000, run: async () => `counted ${await this.count()} days` });
  }

  /** Counts yesterday and today (and on a first run the days before, back to the first member). */
  async count(): Promise<number> {
    const now = this.clock.now();
    const today = shanghaiDay(now);
    const last = await this.db.one<{ day: string | null }>('SELECT MAX(day) AS day FROM daily_metrics');
    let from = last?.day ? addDays(last.day < today ? last.day : today, -1) : null;
    if (!from) {
      const first = await this.db.one<{ at: string | Date | null }>('SELECT MIN(created_at) AS at FROM members');
      from = first?.at ? shanghaiDay(readTime(first.at)) : today;
      if (from < addDays(today, -BACKFILL_DAYS)) from = addDays(today, -BACKFILL_DAYS);
    }
    let days = 0;
    for (let day = from; day <= today; day = addDays(day, 1)) {
      await this.countDay(day, now);
      days++;
    }
    return days;
  }

  private async countDay(day: string, now: Date): Promise<void> {
    const range = { day, start: sqlTime(startOfShanghaiDay(day)), end: sqlTime(startOfShanghaiDay(addDays(day, 1))) };
    const values: Record<string, number> = {};
    for (const metric of DAILY_METRICS) {
      const [sql, params] = COUNTS[metric](range);
      values[metric] = num((await this.db.one<{ n: unknown }>(sql, params))?.n);
    }
    await this.db.unit(async () => {
      for (const metric of DAILY_METRICS) {
        await this.db.upsert('daily_metrics', { day, metric, value: values[metric], counted_at: sqlTime(now) }, ['day', 'metric'], { value: 'set', counted_at: 'set' });
      }
    });
  }

  /** The last `days` Shanghai days, oldest first, with the ledger's points beside the counts. */
  async dashboard(days: number): Promise<DashboardDto> {
    const today = shanghaiDay(this.clock.now());
    const from = addDays(today, 1 - days);
    const rows = await this.db.rows<{ day: string; metric: DailyMetric; value: unknown; counted_at: string | Date }>(
      'SELECT day, metric, value, counted_at FROM daily_metrics WHERE day >= ? AND day <= ?', [from, today]);
    const points = await this.db.rows<{ day: string; kind: string; amount: unknown }>(
      'SELECT day, kind, SUM(amount) AS amount FROM ledger_daily_totals WHERE day >= ? AND day <= ? GROUP BY day, kind', [from, today]);
    const { points: outstandingPoints } = await this.totals.outstanding();
    const byDay = new Map<string, DashboardDayDto>();
    for (let day = from; day <= today; day = addDays(day, 1)) {
      byDay.set(day, { day, ...Object.fromEntries(DAILY_METRICS.map((m) => [m, 0])), pointsIssued: 0, pointsSpent: 0, pointsExpired: 0, checkinRatePermille: 0 } as DashboardDayDto);
    }
    let countedAt: Date | null = null;
    for (const r of rows) {
      const d = byDay.get(r.day);
      if (!d) continue;
      d[r.metric] = num(r.value);
      const at = readTime(r.counted_at);
      if (!countedAt || at > countedAt) countedAt = at;
    }
    for (const p of points) {
      const d = byDay.get(p.day);
      if (!d) continue;
      const amount = num(p.amount);
      const flow = ledgerFlow(p.kind, amount);
      if (flow === 'issued') d.pointsIssued += amount;
      else if (flow === 'spent') d.pointsSpent -= amount;
      else if (flow === 'expired') d.pointsExpired -= amount;
    }
    for (const d of byDay.values()) d.checkinRatePermille = d.members > 0 ? Math.round((d.checkins * 1000) / d.members) : 0;
    return { days: [...byDay.values()], outstandingPoints, countedAt: countedAt?.toISOString() ?? null };
  }
}
