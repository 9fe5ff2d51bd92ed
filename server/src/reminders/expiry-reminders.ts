import { Injectable, type OnModuleInit } from '@nestjs/common';
import { addDays, shanghaiDay, startOfShanghaiDay } from '@jifen/shared';
import { Db } from '../common/db.js';
import { num, sqlTime } from '../common/sql.js';
import { Jobs } from '../jobs/jobs.service.js';
import { RemindersService } from './reminders.service.js';

/** Members are told this many days before their points lapse (积分过期自动提醒). */
export const EXPIRY_NOTICE_DAYS = [30, 7] as const;
/** …and this many days before a coupon they hold lapses. */
export const COUPON_NOTICE_DAYS = 3;
const BATCH = 500;

/**
 * The daily scans for what is about to lapse: points (30 and 7 days ahead) and coupons (3
 * days ahead). Each walks the members with something ending on that Shanghai day a batch at a
 * time by member id (keyset, on an expiry index), never a whole table in memory, and reminds
 * each once per (kind, days, date) however often the job runs.
 */
@Injectable()
export class ExpiryReminders implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly jobs: Jobs,
    private readonly reminders: RemindersService,
  ) {}

  onModuleInit(): void {
    // 10:00 in Shanghai: inside WeChat's sending hours, when members are awake.
    this.jobs.register({ name: 'reminders.points-expiring', dailyAtMinute: 10 * 60, leaseMs: 30 * 60_000, run: async (now) => `reminded ${await this.points(now)}` });
    this.jobs.register({ name: 'reminders.coupons-expiring', dailyAtMinute: 10 * 60, leaseMs: 30 * 60_000, run: async (now) => `reminded ${await this.coupons(now)}` });
  }

  async points(now: Date): Promise<number> {
    let reminded = 0;
    for (const days of EXPIRY_NOTICE_DAYS) {
      const day = addDays(shanghaiDay(now), days);
      reminded += await this.eachMember<{ points: unknown }>(
        `SELECT member_id, SUM(remaining) AS points FROM points_lots
          WHERE expires_at >= ? AND expires_at < ? AND remaining > 0 AND member_id > ?
          GROUP BY member_id ORDER BY member_id LIMIT ${BATCH}`, day, (memberId, r) => {
          const points = num(r.points);
          return this.reminders.remind({
            memberId, kind: 'points_expiring', cause: `expiring:${days}:${day}`,
            title: '积分即将过期', body: `${points} 积分将于 ${day} 过期，去积分商城兑换吧`, page: 'pages/points/index',
            values: { title: '积分即将过期', points, date: day, tip: '去积分商城兑换好礼' },
          });
        });
    }
    return reminded;
  }

  async coupons(now: Date): Promise<number> {
    const day = addDays(shanghaiDay(now), COUPON_NOTICE_DAYS);
    return this.eachMember<{ n: unknown; name: string }>(
      `SELECT c.member_id, COUNT(*) AS n, MIN(t.name) AS name FROM coupons c JOIN coupon_templates t ON t.id = c.template_id
        WHERE c.ends_at >= ? AND c.ends_at < ? AND c.state = 'available' AND c.member_id > ?
        GROUP BY c.member_id ORDER BY c.member_id LIMIT ${BATCH}`, day, (memberId, r) => {
        const n = num(r.n);
        const coupon = n > 1 ? `${r.name} 等 ${n} 张` : r.name;
        return this.reminders.remind({
          memberId, kind: 'coupon_expiring', cause: `coupons:${day}`,
          title: '优惠券即将过期', body: `${coupon}优惠券将于 ${day} 过期，记得使用`, page: 'pages/coupons/index',
          values: { title: '优惠券即将过期', coupon, date: day, tip: '下单时自动可用' },
        });
      });
  }

  /** Runs `remind` for each row of `sql` (member_id first, keyset `member_id > ?`) for things ending on `day`. */
  private async eachMember<R>(sql: string, day: string, remind: (memberId: number, row: R) => Promise<boolean>): Promise<number> {
    const range = [sqlTime(startOfShanghaiDay(day)), sqlTime(startOfShanghaiDay(addDays(day, 1)))];
    let reminded = 0;
    for (let after = 0; ;) {
      const rows = await this.db.rows<R & { member_id: unknown }>(sql, [...range, after]);
      for (const r of rows) if (await remind(num(r.member_id), r)) reminded++;
      if (rows.length < BATCH) return reminded;
      after = num(rows[rows.length - 1].member_id);
    }
  }
}
