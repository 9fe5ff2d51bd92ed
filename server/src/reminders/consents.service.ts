import { Inject, Injectable } from '@nestjs/common';
import { addDays, type ConsentAnswerDto, type ConsentResult, REMINDER_KINDS, REMINDER_LABELS, type ReminderKind, type ReminderTemplatesDto, shanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { fieldError } from '../common/errors.js';
import { num, sqlTime } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ReminderSettingsService } from './settings.service.js';

const RESULTS: readonly ConsentResult[] = ['accept', 'reject', 'ban', 'filter'];
/** WeChat lets a member allow the same template again and again; more than this unused is never needed. */
const MAX_CREDITS = 50;

/**
 * Consents to subscription messages: the storefront posts what wx.requestSubscribeMessage
 * answered, and each `accept` of a template the shop configured adds one send to the member's
 * credits for it (reject, ban and filter add nothing). Only configured ids are taken. The
 * kinds the button offered (`asks`) are turned on in 消息设置 — in H5, with no WeChat to ask,
 * that is all a tap does — and 「明天提醒我签到」 books tomorrow's 09:00 check-in reminder.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: ReminderSettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  templates(): ReminderTemplatesDto {
    return { kinds: REMINDER_KINDS.map((kind) => ({ kind, label: REMINDER_LABELS[kind], templateId: this.config.wechat.templates[kind]?.templateId ?? null })) };
  }

  async record(memberId: number, results: Record<string, unknown>, asks: unknown[] = []): Promise<ConsentAnswerDto> {
    const known = new Set(Object.values(this.config.wechat.templates).map((t) => t!.templateId));
    const entries = Object.entries(results);
    if (entries.length > 5) throw fieldError('results', '每次最多 5 个模板的结果');
    if (asks.length > 5) throw fieldError('asks', '每次最多 5 种提醒');
    for (const kind of asks) if (!(REMINDER_KINDS as readonly unknown[]).includes(kind)) throw fieldError('asks', `没有这种提醒：${String(kind)}`);
    if (entries.length === 0 && asks.length === 0) throw fieldError('results', '没有要记录的订阅结果');
    for (const [id, result] of entries) {
      if (!known.has(id)) throw fieldError(`results.${id}`, '不是本店配置的订阅消息模板');
      if (!RESULTS.includes(result as ConsentResult)) throw fieldError(`results.${id}`, '结果须为 accept、reject、ban 或 filter');
    }
    const at = this.clock.now();
    const now = sqlTime(at);
    const kinds = asks as ReminderKind[];
    const checkinDay = kinds.includes('checkin') ? addDays(shanghaiDay(at), 1) : null;
    await this.db.unit(async () => {
      if (kinds.length > 0) await this.settings.set(memberId, Object.fromEntries(kinds.map((k) => [k, true])));
      if (checkinDay) {
        await this.db.upsert('checkin_reminder_asks', { member_id: memberId, day: checkinDay, created_at: now }, ['member_id'], { day: 'set', created_at: 'set' });
      }
      for (const [id] of entries.filter(([, r]) => r === 'accept')) {
        await this.db.exec(`${this.db.insertOrIgnore} INTO reminder_credits (member_id, template_id, credits, updated_at) VALUES (?, ?, 0, ?)`, [memberId, id, now]);
        await this.db.exec('UPDATE reminder_credits SET credits = credits + 1, updated_at = ? WHERE member_id = ? AND template_id = ? AND credits < ?', [now, memberId, id, MAX_CREDITS]);
      }
    });
    return { credits: await this.credits(memberId), checkinReminderOn: await this.checkinReminderOn(memberId) };
  }

  /** The day a check-in reminder is booked for, or null. */
  async checkinReminderOn(memberId: number): Promise<string | null> {
    const row = await this.db.one<{ day: string }>('SELECT day FROM checkin_reminder_asks WHERE member_id = ?', [memberId]);
    return row?.day ?? null;
  }

  /** Sends left per configured template for the member (0 where none). */
  async credits(memberId: number): Promise<Record<string, number>> {
    const rows = await this.db.rows<{ template_id: string; credits: unknown }>('SELECT template_id, credits FROM reminder_credits WHERE member_id = ?', [memberId]);
    const held = new Map(rows.map((r) => [r.template_id, num(r.credits)]));
    return Object.fromEntries(Object.values(this.config.wechat.templates).map((t) => [t!.templateId, held.get(t!.templateId) ?? 0]));
  }
}
