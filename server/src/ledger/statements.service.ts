import { Injectable } from '@nestjs/common';
import { addMonths, entryTitle, type EntryKind, type EntrySource, type StatementDto, startOfShanghaiDay, statementWhere } from '@jifen/shared';
import { Db } from '../common/db.js';
import { DomainError } from '../common/errors.js';
import { num, readTime, sqlTime } from '../common/sql.js';

/** The month's first instant and the next month's, for a Shanghai month YYYY-MM. */
function monthRange(month: string): [Date, Date] {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new DomainError('VALIDATION_FAILED', 'month: 须为 YYYY-MM', [{ field: 'month', problems: ['须为 YYYY-MM'] }]);
  const first = `${month}-01`;
  return [startOfShanghaiDay(first), startOfShanghaiDay(addMonths(first, 1))];
}

/**
 * 积分对账单: a member's Shanghai month from the ledger itself — the balance before its first
 * entry (the last entry before the month's balance after), every entry with where it came from,
 * the balance after the last, and what expires the month after. Balances are available − debt,
 * the quantity entries change, so closing − opening = Σ amounts holds for every statement.
 */
@Injectable()
export class StatementsService {
  constructor(private readonly db: Db) {}

  async of(memberId: number, month: string): Promise<StatementDto> {
    const [start, end] = monthRange(month);
    const [, after] = monthRange(addMonths(`${month}-01`, 1).slice(0, 7));
    const before = await this.db.one<{ available_after: unknown; debt_after: unknown }>(
      'SELECT available_after, debt_after FROM points_entries WHERE member_id = ? AND created_at < ? ORDER BY id DESC LIMIT 1', [memberId, sqlTime(start)]);
    const rows = await this.db.rows<{ kind: EntryKind; source: EntrySource; amount: unknown; pending_delta: unknown; available_after: unknown; debt_after: unknown; ref_type: string; ref_id: string; created_at: string | Date }>(
      `SELECT kind, source, amount, pending_delta, available_after, debt_after, ref_type, ref_id, created_at FROM points_entries
        WHERE member_id = ? AND created_at >= ? AND created_at < ? ORDER BY id`, [memberId, sqlTime(start), sqlTime(end)]);
    const opening = before ? num(before.available_after) - num(before.debt_after) : 0;
    const entries = rows.map((r) => ({
      at: readTime(r.created_at).toISOString(), title: entryTitle(r.kind, r.source), where: statementWhere(r.ref_type, r.ref_id),
      amount: num(r.amount), pendingAmount: num(r.pending_delta), balanceAfter: num(r.available_after) - num(r.debt_after),
    }));
    const expiring = await this.db.one<{ n: unknown }>('SELECT SUM(remaining) AS n FROM points_lots WHERE member_id = ? AND remaining > 0 AND expires_at >= ? AND expires_at < ?',
      [memberId, sqlTime(end), sqlTime(after)]);
    return { memberId, month, opening, closing: entries.length ? entries[entries.length - 1].balanceAfter : opening, entries, expiringNextMonth: num(expiring?.n) };
  }

  /**
   * The month's statements reconcile with the ledger: for every member with entries in it,
   * closing − opening equals the sum of its entries. Returns the members that do not (none, in
   * a sound ledger) and how many were checked.
   */
  async reconcile(month: string): Promise<{ members: number; mismatched: number[] }> {
    const [start, end] = monthRange(month);
    const rows = await this.db.rows<{ member_id: unknown; total: unknown; first_id: unknown; last_id: unknown }>(
      `SELECT member_id, SUM(amount) AS total, MIN(id) AS first_id, MAX(id) AS last_id FROM points_entries
        WHERE created_at >= ? AND created_at < ? GROUP BY member_id`, [sqlTime(start), sqlTime(end)]);
    const mismatched: number[] = [];
    for (const r of rows) {
      const s = await this.of(num(r.member_id), month);
      if (s.closing - s.opening !== num(r.total) || s.closing - s.opening !== s.entries.reduce((n, e) => n + e.amount, 0)) mismatched.push(num(r.member_id));
    }
    return { members: rows.length, mismatched };
  }
}
