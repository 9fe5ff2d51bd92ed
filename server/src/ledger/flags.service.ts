import { Injectable } from '@nestjs/common';
import { type EntryKind, type EntrySource, entryTitle, type FlagDto, type FlagStatus } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError, fieldError } from '../common/errors.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { LedgerService } from './ledger.service.js';

interface Row {
  id: unknown; member_id: unknown; entry_id: unknown; reason: string; status: FlagStatus; reviewed_by: unknown; reviewed_at: string | Date | null;
  amount: unknown; kind: EntryKind; source: EntrySource; idempotency_key: string; entry_at: string | Date;
}

const SELECT = `SELECT f.id, f.member_id, f.entry_id, f.reason, f.status, f.reviewed_by, f.reviewed_at,
    e.amount, e.kind, e.source, e.idempotency_key, e.created_at AS entry_at
  FROM points_flags f JOIN points_entries e ON e.id = f.entry_id`;

/**
 * 异常积分: entries the ledger flagged (one too large, or far above the member's usual) wait
 * here for an operator, who clears the flag or claws the points back — a reversal through the
 * ledger, so a member who already spent them owes the rest as debt. Audited as admin writes.
 */
@Injectable()
export class FlagsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
  ) {}

  async list(status: FlagStatus = 'open'): Promise<FlagDto[]> {
    return this.toDtos(await this.db.rows<Row>(`${SELECT} WHERE f.status = ? ORDER BY f.id DESC LIMIT 100`, [status]));
  }

  async clear(id: number, operatorId: number): Promise<FlagDto> {
    await this.db.unit(async () => {
      await this.open(id);
      await this.review(id, 'cleared', operatorId);
    });
    return this.find(id);
  }

  async clawBack(id: number, operatorId: number, reason: unknown): Promise<FlagDto> {
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (!text) throw fieldError('reason', '请填写追回原因');
    if ([...text].length > 100) throw fieldError('reason', '原因最多 100 个字');
    await this.db.unit(async () => {
      const flag = await this.open(id);
      await this.ledger.reverse({ key: `flag:${id}`, entryKey: flag.idempotency_key, reason: text, operatorId, ref: { type: 'flag', id } });
      await this.review(id, 'clawed_back', operatorId);
    });
    return this.find(id);
  }

  private async find(id: number): Promise<FlagDto> {
    const [dto] = await this.toDtos(await this.db.rows<Row>(`${SELECT} WHERE f.id = ?`, [id]));
    if (!dto) throw new DomainError('FLAG_NOT_FOUND', '没有这条异常记录');
    return dto;
  }

  private async open(id: number): Promise<Row> {
    const row = await this.db.one<Row>(`${SELECT} WHERE f.id = ?${this.db.forUpdate}`, [id]);
    if (!row) throw new DomainError('FLAG_NOT_FOUND', '没有这条异常记录');
    if (row.status !== 'open') throw new DomainError('FLAG_REVIEWED', '这条异常记录已审核过了');
    return row;
  }

  private async review(id: number, status: FlagStatus, by: number): Promise<void> {
    await this.db.exec('UPDATE points_flags SET status = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?', [status, by, sqlTime(this.clock.now()), id]);
  }

  private async toDtos(rows: Row[]): Promise<FlagDto[]> {
    const names = await this.db.labels('SELECT id, nickname AS label FROM members WHERE id IN ({ids})',
      rows.flatMap((r) => [num(r.member_id), num(r.reviewed_by)]).filter((n) => n > 0));
    return rows.map((r) => ({
      id: num(r.id), memberId: num(r.member_id), memberName: names.get(num(r.member_id)) ?? '', entryId: num(r.entry_id), amount: num(r.amount),
      source: r.source, title: entryTitle(r.kind, r.source), entryAt: readTime(r.entry_at).toISOString(), reason: r.reason, status: r.status,
      reviewedBy: r.reviewed_by === null ? null : names.get(num(r.reviewed_by)) ?? null,
      reviewedAt: r.reviewed_at === null ? null : readTime(r.reviewed_at).toISOString(),
    }));
  }
}
