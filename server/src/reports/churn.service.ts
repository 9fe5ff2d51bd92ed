import { Injectable, type OnModuleInit } from '@nestjs/common';
import { addDays, CHURN_AT_RISK, type ChurnListDto, shanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { Jobs } from '../jobs/jobs.service.js';
import { churnScore } from './churn-score.js';

const BATCH = 500;
const DAY_MS = 86_400_000;

/**
 * 流失预警: each night (03:00 Shanghai, leased) every member who has paid an order is scored
 * from their orders, check-ins and redemptions, a batch of members at a time by id; the list
 * shows those at risk, most valuable first.
 */
@Injectable()
export class ChurnService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'reports.churn', dailyAtMinute: 3 * 60, leaseMs: 30 * 60_000, run: async (now) => `scored ${await this.score(now)}` });
  }

  async score(now = this.clock.now()): Promise<number> {
    const today = shanghaiDay(now);
    const d90 = addDays(today, -90);
    const d180 = addDays(today, -180);
    const t90 = sqlTime(new Date(now.getTime() - 90 * DAY_MS));
    const t180 = sqlTime(new Date(now.getTime() - 180 * DAY_MS));
    let scored = 0;
    for (let after = 0; ;) {
      const members = (await this.db.rows<{ member_id: unknown }>(
        `SELECT DISTINCT member_id FROM orders WHERE paid_at IS NOT NULL AND member_id > ? ORDER BY member_id LIMIT ${BATCH}`, [after])).map((r) => num(r.member_id));
      if (members.length === 0) return scored;
      const list = members.map(() => '?').join(', ');
      const orders = await this.db.rows<{ member_id: unknown; paid_at: string | Date; pay_fen: unknown }>(
        `SELECT member_id, paid_at, pay_fen FROM orders WHERE member_id IN (${list}) AND paid_at IS NOT NULL AND status <> 'refunded' ORDER BY member_id, paid_at`, members);
      const checkins = await this.db.rows<{ member_id: unknown; recent: unknown; earlier: unknown }>(
        `SELECT member_id, SUM(CASE WHEN day > ? THEN 1 ELSE 0 END) AS recent, SUM(CASE WHEN day <= ? THEN 1 ELSE 0 END) AS earlier
           FROM checkins WHERE member_id IN (${list}) AND day > ? GROUP BY member_id`, [d90, d90, ...members, d180]);
      const redemptions = await this.db.rows<{ member_id: unknown; recent: unknown; earlier: unknown }>(
        `SELECT member_id, SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END) AS recent, SUM(CASE WHEN created_at < ? THEN 1 ELSE 0 END) AS earlier
           FROM mall_redemptions WHERE member_id IN (${list}) AND created_at >= ? GROUP BY member_id`, [t90, t90, ...members, t180]);
      const byMember = <T extends { member_id: unknown }>(rows: T[]) => new Map(rows.map((r) => [num(r.member_id), r]));
      const c = byMember(checkins);
      const r = byMember(redemptions);
      const ordersOf = new Map<number, { at: Date; fen: number }[]>();
      for (const o of orders) {
        const id = num(o.member_id);
        let list = ordersOf.get(id);
        if (!list) ordersOf.set(id, (list = []));
        list.push({ at: readTime(o.paid_at), fen: num(o.pay_fen) });
      }
      const rows = members.map((id) => {
        const mine = ordersOf.get(id) ?? [];
        const result = churnScore({
          orders: mine, now,
          checkins: [num(c.get(id)?.recent), num(c.get(id)?.earlier)],
          redemptions: [num(r.get(id)?.recent), num(r.get(id)?.earlier)],
        });
        return {
          member_id: id, score: result.score, reasons: JSON.stringify(result.reasons).slice(0, 400), value_at_risk_fen: result.valueAtRiskFen,
          last_order_at: mine.length ? sqlTime(mine[mine.length - 1].at) : null, computed_at: sqlTime(now),
        };
      });
      // A few multi-row statements per batch, not one per member: a million members is a few thousand statements.
      await this.db.unit(() => this.db.upsertMany('member_churn', rows, ['member_id'],
        { score: 'set', reasons: 'set', value_at_risk_fen: 'set', last_order_at: 'set', computed_at: 'set' }));
      scored += members.length;
      after = members[members.length - 1];
    }
  }

  /** Members at risk (score ≥ 40): how many and what they are worth in all, the most valuable first. */
  async atRisk(limit = 50): Promise<ChurnListDto> {
    const all = await this.db.one<{ n: unknown; fen: unknown }>('SELECT COUNT(*) AS n, SUM(value_at_risk_fen) AS fen FROM member_churn WHERE score >= ?', [CHURN_AT_RISK]);
    const rows = await this.db.rows<{ member_id: unknown; nickname: string; score: unknown; reasons: string; value_at_risk_fen: unknown; last_order_at: string | Date | null; computed_at: string | Date }>(
      `SELECT c.member_id, m.nickname, c.score, c.reasons, c.value_at_risk_fen, c.last_order_at, c.computed_at
         FROM member_churn c JOIN members m ON m.id = c.member_id
        WHERE c.score >= ? ORDER BY c.value_at_risk_fen DESC, c.member_id LIMIT ${Math.min(200, Math.max(1, Math.floor(limit)))}`, [CHURN_AT_RISK]);
    const members = rows.map((x) => ({
      memberId: num(x.member_id), nickname: x.nickname, score: num(x.score), reasons: JSON.parse(x.reasons) as string[], valueAtRiskFen: num(x.value_at_risk_fen),
      lastOrderAt: x.last_order_at ? readTime(x.last_order_at).toISOString() : null, computedAt: readTime(x.computed_at).toISOString(),
    }));
    return { total: num(all?.n), valueAtRiskFen: num(all?.fen), members };
  }
}
