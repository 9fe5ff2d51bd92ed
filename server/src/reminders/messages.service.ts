import { Injectable } from '@nestjs/common';
import { ALWAYS_IN_CENTRE, cutChars, type MessageDto, type MessagesPageDto, type ReminderKind } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError } from '../common/errors.js';
import { isUniqueViolation, num, readTime, sqlTime } from '../common/sql.js';
import { Message } from './message.entity.js';
import { ReminderSettingsService } from './settings.service.js';

const PAGE = 20;

export interface Notice {
  memberId: number;
  kind: ReminderKind;
  title: string;
  body: string;
  page?: string | null;
  /** What caused it, e.g. `expiring:30:2026-12-07` — with member and kind it is the dedupe key. */
  cause: string;
}

/**
 * 消息中心: notices to members, newest first, with unread counts. `notify` is idempotent by
 * (cause, member, kind): a replayed event or a second run of a job adds nothing; a kind the
 * member turned off in 消息设置 adds nothing either (order and policy notices always land).
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: ReminderSettingsService,
  ) {}

  /** Adds the notice once, unless the member turned its kind off; true when it was new. */
  async notify(n: Notice): Promise<boolean> {
    if (!ALWAYS_IN_CENTRE.includes(n.kind) && !(await this.settings.wants(n.memberId, n.kind))) return false;
    const key = `${n.kind}:${n.memberId}:${n.cause}`.slice(0, 128);
    try {
      await this.db.insert('INSERT INTO messages (member_id, kind, title, body, page, dedupe_key, read_at, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)',
        [n.memberId, n.kind, cutChars(n.title, 40), cutChars(n.body, 400), n.page ?? null, key, sqlTime(this.clock.now())]);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async page(memberId: number, before?: number): Promise<MessagesPageDto> {
    const rows = await this.db.findBy(Message, { memberId }, `${before ? `AND id < ${Number(before)} ` : ''}ORDER BY id DESC LIMIT ${PAGE + 1}`);
    const items = rows.slice(0, PAGE).map(toDto);
    return { items, next: rows.length > PAGE ? items[items.length - 1].id : null, unread: await this.unread(memberId) };
  }

  async unread(memberId: number): Promise<number> {
    const row = await this.db.one<{ n: unknown }>('SELECT COUNT(*) AS n FROM messages WHERE member_id = ? AND read_at IS NULL', [memberId]);
    return num(row?.n ?? 0);
  }

  async markRead(memberId: number, id: number): Promise<number> {
    const changed = await this.db.exec('UPDATE messages SET read_at = ? WHERE id = ? AND member_id = ? AND read_at IS NULL', [sqlTime(this.clock.now()), id, memberId]);
    if (changed === 0 && !(await this.db.one('SELECT id FROM messages WHERE id = ? AND member_id = ?', [id, memberId]))) {
      throw new DomainError('NOT_FOUND', '没有这条消息');
    }
    return this.unread(memberId);
  }

  async markAllRead(memberId: number): Promise<number> {
    await this.db.exec('UPDATE messages SET read_at = ? WHERE member_id = ? AND read_at IS NULL', [sqlTime(this.clock.now()), memberId]);
    return 0;
  }
}

function toDto(m: Message): MessageDto {
  return { id: m.id, kind: m.kind, title: m.title, body: m.body, page: m.page, read: m.readAt !== null, createdAt: readTime(m.createdAt).toISOString() };
}
