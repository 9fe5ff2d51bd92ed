import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { afterQuietHours, ALWAYS_IN_CENTRE, type FieldInput, REMINDER_VALUES, type ReminderKind, templateData } from '@jifen/shared';
import { DEV_OPENID_PREFIX } from '../auth/auth.service.js';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { isUniqueViolation, num, sqlTime } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Jobs } from '../jobs/jobs.service.js';
import { WechatClient, WechatError } from '../wechat/wechat.client.js';
import { MessagesService } from './messages.service.js';
import { ReminderSettingsService } from './settings.service.js';

export interface Reminder {
  memberId: number;
  kind: ReminderKind;
  /** What caused it (`expiring:30:2026-12-07`): with member and kind, it is sent at most once. */
  cause: string;
  title: string;
  body: string;
  page: string | null;
  /** The kind's values (REMINDER_VALUES) the template's fields take. */
  values: Record<string, FieldInput>;
}

const BATCH = 200;
/** Sends in flight at once. */
const LANES = 8;
const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;
/** WeChat's answers that no retry changes: the field, openid, template or page is wrong. */
const PERMANENT = new Set([47003, 40003, 40037, 41030]);

/**
 * Reminders: every one lands in 消息中心; when the kind has a template, the member a WeChat
 * openid and a consent left, a subscription message is queued too. The sender job spends one
 * consent per message sent, in the unit that marks it sent; 43101 (no consent on WeChat's side)
 * drops one; a permanent refusal is kept with its errmsg; anything else retries with backoff.
 * Messages due between 22:00 and 08:00 Shanghai wait for 08:00.
 */
@Injectable()
export class RemindersService implements OnModuleInit {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly messages: MessagesService,
    private readonly settings: ReminderSettingsService,
    private readonly wechat: WechatClient,
    private readonly jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'reminders.send', everyMinutes: 1, leaseMs: 5 * 60_000, run: async () => `sent ${await this.sendDue()}` });
  }

  /** The notice, and a queued WeChat message when one may go; false when it was already there. */
  async remind(r: Reminder): Promise<boolean> {
    // Every value the kind carries is given, so any template the shop maps to it can be filled.
    const missing = REMINDER_VALUES[r.kind].filter((v) => !(v in r.values));
    if (missing.length > 0) throw new Error(`a ${r.kind} reminder needs ${missing.join(', ')}`);
    const added = await this.messages.notify({ memberId: r.memberId, kind: r.kind, title: r.title, body: r.body, page: r.page, cause: r.cause });
    if (!added) return false;
    const template = this.config.wechat.templates[r.kind];
    if (!template) return true;
    if (ALWAYS_IN_CENTRE.includes(r.kind) && !(await this.settings.wants(r.memberId, r.kind))) return true;
    const member = await this.db.one<{ openid: string }>('SELECT openid FROM members WHERE id = ?', [r.memberId]);
    if (!member || member.openid.startsWith(DEV_OPENID_PREFIX)) return true; // no WeChat account to send to
    const values = Object.fromEntries(Object.entries(template.fields).map(([key, f]) => [key, r.values[f.value]]));
    const data = templateData(Object.fromEntries(Object.entries(template.fields).map(([key, f]) => [key, f.type])), values);
    const now = this.clock.now();
    const due = afterQuietHours(now);
    try {
      await this.db.insert(
        `INSERT INTO reminder_sends (member_id, kind, template_id, dedupe_key, page, data, status, attempts, next_at, deferred, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
        [r.memberId, r.kind, template.templateId, `${r.kind}:${r.memberId}:${r.cause}`.slice(0, 128), r.page ?? '', JSON.stringify(data),
          sqlTime(due), due > now ? 1 : 0, sqlTime(now)]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return true;
  }

  /**
   * Sends what is due; returns how many went out. Sends go out on several lanes at once (the
   * time is in the database's commits and WeChat's answers, not the CPU), a member's always on
   * the same lane so two of theirs never race for one consent. Each send reads the clock afresh:
   * a long drain keeps its claims' leases and its sent times true to when each message went.
   */
  async sendDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = sqlTime(this.clock.now());
      const due = await this.db.rows<{ id: unknown; member_id: unknown }>(
        `SELECT id, member_id FROM reminder_sends WHERE (status = 'queued' AND next_at <= ?) OR (status = 'sending' AND claimed_until < ?) ORDER BY id LIMIT ${BATCH}`,
        [now, now]);
      if (due.length === 0) return sent;
      const lanes: number[][] = Array.from({ length: LANES }, () => []);
      for (const r of due) lanes[num(r.member_id) % LANES].push(num(r.id));
      let claimedAny = false;
      await Promise.all(lanes.map(async (ids) => {
        for (const id of ids) {
          const result = await this.sendOne(id, this.clock.now());
          if (result !== 'lost') claimedAny = true;
          if (result === 'sent') sent++;
        }
      }));
      if (!claimedAny) return sent;
    }
  }

  private async sendOne(id: number, now: Date): Promise<'sent' | 'done' | 'retry' | 'lost'> {
    const claimed = await this.db.exec(
      `UPDATE reminder_sends SET status = 'sending', claimed_until = ? WHERE id = ? AND (status = 'queued' OR (status = 'sending' AND claimed_until < ?))`,
      [sqlTime(new Date(now.getTime() + LEASE_MS)), id, sqlTime(now)]);
    if (claimed !== 1) return 'lost'; // another process has it
    const row = (await this.db.one<{ member_id: unknown; template_id: string; page: string; data: string; attempts: unknown; openid: string; credits: unknown }>(
      `SELECT s.member_id, s.template_id, s.page, s.data, s.attempts, m.openid, COALESCE(c.credits, 0) AS credits
         FROM reminder_sends s JOIN members m ON m.id = s.member_id
         LEFT JOIN reminder_credits c ON c.member_id = s.member_id AND c.template_id = s.template_id
        WHERE s.id = ?`, [id]))!;
    const finish = (status: string, errcode: number | null, errmsg: string | null) =>
      this.db.exec('UPDATE reminder_sends SET status = ?, errcode = ?, errmsg = ?, claimed_until = NULL, sent_at = ? WHERE id = ?',
        [status, errcode, errmsg, status === 'sent' ? sqlTime(now) : null, id]);
    const spend = () => this.db.exec('UPDATE reminder_credits SET credits = credits - 1, updated_at = ? WHERE member_id = ? AND template_id = ? AND credits > 0',
      [sqlTime(now), num(row.member_id), row.template_id]);
    if (num(row.credits) <= 0) {
      await finish('skipped', null, 'no consent left');
      return 'done';
    }
    try {
      await this.wechat.sendSubscribeMessage({
        openid: row.openid, templateId: row.template_id, page: row.page, data: JSON.parse(row.data), state: 'formal',
      });
    } catch (error) {
      if (error instanceof WechatError && error.errcode === 43101) {
        await this.db.unit(async () => {
          await spend();
          await finish('skipped', 43101, error.errmsg.slice(0, 255));
        });
        return 'done';
      }
      if (error instanceof WechatError && PERMANENT.has(error.errcode)) {
        this.logger.warn(`reminder ${id}: WeChat refused ${error.errcode} ${error.errmsg}`);
        await finish('failed', error.errcode, error.errmsg.slice(0, 255));
        return 'done';
      }
      const attempts = num(row.attempts) + 1;
      const errcode = error instanceof WechatError ? error.errcode : null;
      const errmsg = (error as Error).message.slice(0, 255);
      if (attempts >= MAX_ATTEMPTS) {
        await finish('failed', errcode, errmsg);
        return 'done';
      }
      const next = afterQuietHours(new Date(now.getTime() + Math.min(3_600_000, 60_000 * 2 ** attempts)));
      await this.db.exec(`UPDATE reminder_sends SET status = 'queued', attempts = ?, errcode = ?, errmsg = ?, next_at = ?, claimed_until = NULL WHERE id = ?`,
        [attempts, errcode, errmsg, sqlTime(next), id]);
      return 'retry';
    }
    // The consent is spent in the unit that marks the message sent.
    await this.db.unit(async () => {
      await spend();
      await finish('sent', null, null);
    });
    return 'sent';
  }
}
