import { Injectable, type OnModuleInit } from '@nestjs/common';
import { addDays, checkinReward, shanghaiDay } from '@jifen/shared';
import { Db } from '../common/db.js';
import { num } from '../common/sql.js';
import { Jobs } from '../jobs/jobs.service.js';
import { RulesService } from '../rules/rules.service.js';
import { RemindersService } from './reminders.service.js';

const BATCH = 500;

/**
 * 签到提醒 at 09:00 Shanghai, only for members who asked (「明天提醒我签到」 books the next day),
 * and only if they have not checked in yet that morning. Each ask is used once: WeChat's
 * consent is one-time, so the reminder is too; the member asks again after the next check-in.
 */
@Injectable()
export class CheckinReminders implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly jobs: Jobs,
    private readonly rules: RulesService,
    private readonly reminders: RemindersService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'reminders.checkin', dailyAtMinute: 9 * 60, leaseMs: 30 * 60_000, run: async (now) => `reminded ${await this.run(now)}` });
  }

  async run(now: Date): Promise<number> {
    const day = shanghaiDay(now);
    const rule = await this.rules.of('checkin');
    let reminded = 0;
    for (let after = 0; ;) {
      // The streak they would continue is yesterday's; a member already in today is not reminded.
      const rows = await this.db.rows<{ member_id: unknown; today: unknown; streak: unknown }>(
        `SELECT a.member_id, t.id AS today, y.streak FROM checkin_reminder_asks a
           LEFT JOIN checkins t ON t.member_id = a.member_id AND t.day = ?
           LEFT JOIN checkins y ON y.member_id = a.member_id AND y.day = ?
          WHERE a.day = ? AND a.member_id > ? ORDER BY a.member_id LIMIT ${BATCH}`, [day, addDays(day, -1), day, after]);
      for (const r of rows) {
        const memberId = num(r.member_id);
        if (r.today === null || r.today === undefined) {
          const streak = num(r.streak ?? 0) + 1;
          const points = checkinReward(streak, false, rule);
          if (await this.reminders.remind({
            memberId, kind: 'checkin', cause: `checkin:${day}`,
            title: '今天还没签到', body: streak > 1 ? `签到第 ${streak} 天可得 ${points} 积分，别断了连续签到` : `今日签到可得 ${points} 积分`,
            page: 'pages/checkin/index',
            values: { title: '每日签到提醒', streak, points, tip: streak > 1 ? `连续签到第${streak}天` : '今日签到领积分' },
          })) reminded++;
        }
      }
      if (rows.length < BATCH) break;
      after = num(rows[rows.length - 1].member_id);
    }
    // Used once: today's asks (and any a missed run left behind) are done.
    await this.db.exec('DELETE FROM checkin_reminder_asks WHERE day <= ?', [day]);
    return reminded;
  }
}
