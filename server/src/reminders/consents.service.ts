import { Inject, Injectable } from '@nestjs/common';
import { type ConsentAnswerDto, type ConsentResult, REMINDER_KINDS, REMINDER_LABELS, type ReminderTemplatesDto } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { fieldError } from '../common/errors.js';
import { num, sqlTime } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

const RESULTS: readonly ConsentResult[] = ['accept', 'reject', 'ban', 'filter'];
/** WeChat lets a member allow the same template again and again; more than this unused is never needed. */
const MAX_CREDITS = 50;

/**
 * Consents to subscription messages: the storefront posts what wx.requestSubscribeMessage
 * answered, and each `accept` of a template the shop configured adds one send to the member's
 * credits for it (reject, ban and filter add nothing). Only configured ids are taken.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  templates(): ReminderTemplatesDto {
    return { kinds: REMINDER_KINDS.map((kind) => ({ kind, label: REMINDER_LABELS[kind], templateId: this.config.wechat.templates[kind]?.templateId ?? null })) };
  }

  async record(memberId: number, results: Record<string, unknown>): Promise<ConsentAnswerDto> {
    const known = new Set(Object.values(this.config.wechat.templates).map((t) => t!.templateId));
    const entries = Object.entries(results);
    if (entries.length === 0 || entries.length > 5) throw fieldError('results', '每次须有 1–5 个模板的结果');
    for (const [id, result] of entries) {
      if (!known.has(id)) throw fieldError(`results.${id}`, '不是本店配置的订阅消息模板');
      if (!RESULTS.includes(result as ConsentResult)) throw fieldError(`results.${id}`, '结果须为 accept、reject、ban 或 filter');
    }
    const now = sqlTime(this.clock.now());
    await this.db.unit(async () => {
      for (const [id] of entries.filter(([, r]) => r === 'accept')) {
        await this.db.exec(`INSERT ${this.db.mysql ? 'IGNORE' : 'OR IGNORE'} INTO reminder_credits (member_id, template_id, credits, updated_at) VALUES (?, ?, 0, ?)`, [memberId, id, now]);
        await this.db.exec('UPDATE reminder_credits SET credits = credits + 1, updated_at = ? WHERE member_id = ? AND template_id = ? AND credits < ?', [now, memberId, id, MAX_CREDITS]);
      }
    });
    return { credits: await this.credits(memberId) };
  }

  /** Sends left per configured template for the member (0 where none). */
  async credits(memberId: number): Promise<Record<string, number>> {
    const rows = await this.db.rows<{ template_id: string; credits: unknown }>('SELECT template_id, credits FROM reminder_credits WHERE member_id = ?', [memberId]);
    const held = new Map(rows.map((r) => [r.template_id, num(r.credits)]));
    return Object.fromEntries(Object.values(this.config.wechat.templates).map((t) => [t!.templateId, held.get(t!.templateId) ?? 0]));
  }
}
