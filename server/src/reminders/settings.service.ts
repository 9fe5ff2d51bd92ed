import { Injectable } from '@nestjs/common';
import { ALWAYS_IN_CENTRE, REMINDER_KINDS, REMINDER_LABELS, type ReminderKind, type ReminderSettingsDto } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { fieldError } from '../common/errors.js';
import { sqlTime } from '../common/sql.js';

/**
 * 消息设置: which reminder kinds a member wants. Stored as the kinds turned off, so a new kind
 * starts on for everyone and a member who never opened the settings gets every reminder.
 */
@Injectable()
export class ReminderSettingsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async off(memberId: number): Promise<Set<ReminderKind>> {
    const rows = await this.db.rows<{ kind: ReminderKind }>('SELECT kind FROM reminder_settings WHERE member_id = ?', [memberId]);
    return new Set(rows.map((r) => r.kind));
  }

  async wants(memberId: number, kind: ReminderKind): Promise<boolean> {
    return !(await this.db.one('SELECT kind FROM reminder_settings WHERE member_id = ? AND kind = ?', [memberId, kind]));
  }

  async get(memberId: number): Promise<ReminderSettingsDto> {
    const off = await this.off(memberId);
    return { kinds: REMINDER_KINDS.map((kind) => ({ kind, label: REMINDER_LABELS[kind], enabled: !off.has(kind), alwaysInCentre: ALWAYS_IN_CENTRE.includes(kind) })) };
  }

  async set(memberId: number, enabled: Record<string, unknown>): Promise<ReminderSettingsDto> {
    const entries = Object.entries(enabled);
    if (entries.length === 0) throw fieldError('enabled', '请至少设置一种提醒');
    for (const [kind, on] of entries) {
      if (!(REMINDER_KINDS as readonly string[]).includes(kind)) throw fieldError(`enabled.${kind}`, '没有这种提醒');
      if (typeof on !== 'boolean') throw fieldError(`enabled.${kind}`, '须为 true 或 false');
    }
    const now = sqlTime(this.clock.now());
    await this.db.unit(async () => {
      for (const [kind, on] of entries) {
        if (on) await this.db.exec('DELETE FROM reminder_settings WHERE member_id = ? AND kind = ?', [memberId, kind]);
        else await this.db.exec(`${this.db.insertOrIgnore} INTO reminder_settings (member_id, kind, updated_at) VALUES (?, ?, ?)`, [memberId, kind, now]);
      }
    });
    return this.get(memberId);
  }
}
