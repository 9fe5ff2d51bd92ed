import { Injectable } from '@nestjs/common';
import {
  type EntryKind, entryTitle, type Page, type PointsBalanceDto, type PointsEntryDto, type PointsSummary, shanghaiDay,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { Db } from '../common/db.js';

const DAY_MS = 86_400_000;

interface EntryRow {
  id: number;
  kind: EntryKind;
  source: PointsEntryDto['source'];
  amount: number;
  pending_delta: number;
  available_after: number;
  ref_type: string;
  ref_id: string;
  reason: string | null;
  expires_at: string | Date | null;
  created_at: string | Date;
}

/** Reads of the ledger for members and operators; they take no locks. */
@Injectable()
export class LedgerQueries {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Available, pending, debt and what expires within 30 days. Lots whose date has passed but
   * that the expiry job has not reached yet are no longer counted as available.
   */
  async balance(memberId: number): Promise<PointsBalanceDto> {
    const now = this.clock.now();
    const [account, lots] = await Promise.all([
      this.db.one<{ available: number; pending: number; debt: number }>('SELECT available, pending, debt FROM points_accounts WHERE member_id = ?', [memberId]),
      this.db.rows<{ expires_at: string | Date; total: unknown }>('SELECT expires_at, SUM(remaining) AS total FROM points_lots WHERE member_id = ? AND remaining > 0 AND expires_at <= ? GROUP BY expires_at ORDER BY expires_at',
        [memberId, sqlTime(new Date(now.getTime() + 30 * DAY_MS))]),
    ]);
    let due = 0;
    const expiring = new Map<string, number>();
    for (const lot of lots) {
      const at = readTime(lot.expires_at);
      if (at.getTime() < now.getTime()) due += num(lot.total);
      else {
        const day = shanghaiDay(at);
        expiring.set(day, (expiring.get(day) ?? 0) + num(lot.total));
      }
    }
    return {
      available: Math.max(0, num(account?.available) - due),
      pending: num(account?.pending),
      debt: num(account?.debt),
      expiring: [...expiring].map(([date, amount]) => ({ date, amount })),
    };
  }

  /** `balance` without the expiry list, in one statement (it follows every check-in and checkout). */
  async summary(memberId: number): Promise<PointsSummary> {
    const row = await this.db.one<{ available: unknown; pending: unknown; due: unknown }>(`SELECT a.available, a.pending,
        (SELECT SUM(l.remaining) FROM points_lots l WHERE l.member_id = a.member_id AND l.remaining > 0 AND l.expires_at < ?) AS due
       FROM points_accounts a WHERE a.member_id = ?`, [sqlTime(this.clock.now()), memberId]);
    return { available: Math.max(0, num(row?.available) - num(row?.due)), pending: num(row?.pending) };
  }

  /** Newest first; `cursor` is the last id of the previous page. */
  async history(memberId: number, options: { cursor?: number; kinds?: EntryKind[]; limit?: number } = {}): Promise<Page<PointsEntryDto>> {
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    const where = ['member_id = ?'];
    const params: unknown[] = [memberId];
    if (options.cursor) {
      where.push('id < ?');
      params.push(options.cursor);
    }
    if (options.kinds?.length) {
      where.push(`kind IN (${options.kinds.map(() => '?').join(', ')})`);
      params.push(...options.kinds);
    }
    const rows = await this.db.rows<EntryRow>(`SELECT id, kind, source, amount, pending_delta, available_after, ref_type, ref_id, reason, expires_at, created_at
       FROM points_entries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${limit + 1}`, params);
    const items = rows.slice(0, limit).map(toEntryDto);
    return { items, next: rows.length > limit ? String(items[items.length - 1].id) : null };
  }
}

function toEntryDto(r: EntryRow): PointsEntryDto {
  return {
    id: Number(r.id),
    kind: r.kind,
    source: r.source,
    title: entryTitle(r.kind, r.source),
    amount: num(r.amount),
    pendingAmount: num(r.pending_delta),
    availableAfter: num(r.available_after),
    refType: r.ref_type,
    refId: r.ref_id,
    reason: r.reason,
    expiresAt: r.expires_at ? readTime(r.expires_at).toISOString() : null,
    createdAt: readTime(r.created_at).toISOString(),
  };
}
