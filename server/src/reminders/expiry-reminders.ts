import { Injectable, type OnModuleInit } from '@nestjs/common';
import { addDays, shanghaiDay, startOfShanghaiDay } from '@jifen/shared';
import { Db } from '../common/db.js';
import { num, sqlTime } from '../common/sql.js';
import { Jobs } from '../jobs/jobs.service.js';
import { RemindersService } from './reminders.service.js';

/** Members are told this many days before their points lapse (积分过期自动提醒). */
export const EXPIRY_NOTICE_DAYS = [30, 7] as const;
const BATCH = 500;

/**
 * The daily scan for points about to lapse: for each notice day, the members with lots that
 * expire on that Shanghai day, a batch at a time by member id (keyset, on the lots' expiry
 * index), each reminded once per (days, date) however often the job runs.
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
    this.jobs.register({ name: 'reminders.points-expiring', dailyAtMinute: 10 * 60, leaseMs: 30 * 60_000, run: async (now) => `reminded ${await this.run(now)}` });
  }

  async run(now: Date): Promise<number> {
    let reminded = 0;
    for (const days of EXPIRY_NOTICE_DAYS) {
      const day = addDays(shanghaiDay(now), days);
      const range = [sqlTime(startOfShanghaiDay(day)), sqlTime(startOfShanghaiDay(addDays(day, 1)))];
      for (let after = 0; ;) {
        const rows = await this.db.rows<{ member_id: unknown; points: unknown }>(
          `SELECT member_id, SUM(remaining) AS points FROM points_lots
            WHERE expires_at >= ? AND expires_at < ? AND remaining > 0 AND member_id > ?
            GROUP BY member_id ORDER BY member_id LIMIT ${BATCH}`, [...range, after]);
        for (const r of rows) {
          const points = num(r.points);
          const added = await this.reminders.remind({
            memberId: num(r.member_id), kind: 'points_expiring', cause: `expiring:${days}:${day}`,
            title: '积分即将过期', body: `${points} 积分将于 ${day} 过期，去积分商城兑换吧`, page: 'pages/points/index',
            values: { title: '积分即将过期', points, date: day, tip: '去积分商城兑换好礼' },
          });
          if (added) reminded++;
        }
        if (rows.length < BATCH) break;
        after = num(rows[rows.length - 1].member_id);
      }
    }
    return reminded;
  }
}
