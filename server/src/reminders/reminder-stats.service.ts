import { Inject, Injectable } from '@nestjs/common';
import { addDays, REMINDER_KINDS, type ReminderKind, type ReminderStatsDto, shanghaiDay, startOfShanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

type Day = ReminderStatsDto['days'][number];

/** 管理 → 消息: notices and WeChat sends per kind and Shanghai day, counted in SQL, and the last failures. */
@Injectable()
export class ReminderStatsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async stats(days: number): Promise<ReminderStatsDto> {
    const since = sqlTime(startOfShanghaiDay(addDays(shanghaiDay(this.clock.now()), 1 - days)));
    const byKey = new Map<string, Day>();
    const at = (day: string, kind: ReminderKind): Day => {
      const key = `${day}|${kind}`;
      let d = byKey.get(key);
      if (!d) byKey.set(key, (d = { day, kind, notices: 0, queued: 0, sent: 0, skipped: 0, deferred: 0, failed: 0, errors: {} }));
      return d;
    };
    const notices = await this.db.rows<{ day: string; kind: ReminderKind; n: unknown }>(
      `SELECT ${this.db.shanghaiDayOf('created_at')} AS day, kind, COUNT(*) AS n FROM messages WHERE created_at >= ? GROUP BY 1, 2`, [since]);
    for (const r of notices) at(r.day, r.kind).notices += num(r.n);
    const sends = await this.db.rows<{ day: string; kind: ReminderKind; status: string; deferred: unknown; errcode: unknown; n: unknown }>(
      `SELECT ${this.db.shanghaiDayOf('created_at')} AS day, kind, status, deferred, errcode, COUNT(*) AS n
         FROM reminder_sends WHERE created_at >= ? GROUP BY 1, 2, 3, 4, 5`, [since]);
    for (const r of sends) {
      const d = at(r.day, r.kind);
      const n = num(r.n);
      if (r.status === 'sent') d.sent += n;
      else if (r.status === 'skipped') d.skipped += n;
      else if (r.status === 'failed') d.failed += n;
      else d.queued += n; // queued, or being sent
      if (num(r.deferred)) d.deferred += n;
      if (r.errcode !== null && r.errcode !== undefined && (r.status === 'failed' || r.status === 'skipped')) {
        d.errors[String(num(r.errcode))] = (d.errors[String(num(r.errcode))] ?? 0) + n;
      }
    }
    const failures = await this.db.rows<{ id: unknown; kind: ReminderKind; member_id: unknown; errcode: unknown; errmsg: string | null; created_at: string | Date }>(
      `SELECT id, kind, member_id, errcode, errmsg, created_at FROM reminder_sends WHERE status = 'failed' ORDER BY id DESC LIMIT 10`);
    const order = new Map(REMINDER_KINDS.map((k, i) => [k, i]));
    return {
      days: [...byKey.values()].sort((a, b) => b.day.localeCompare(a.day) || (order.get(a.kind)! - order.get(b.kind)!)),
      lastFailures: failures.map((f) => ({
        id: num(f.id), kind: f.kind, memberId: num(f.member_id), errcode: f.errcode === null ? null : num(f.errcode), errmsg: f.errmsg, at: readTime(f.created_at).toISOString(),
      })),
      templated: REMINDER_KINDS.filter((k) => this.config.wechat.templates[k]),
    };
  }
}
