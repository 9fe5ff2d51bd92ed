import { Injectable } from '@nestjs/common';
import { addMonths, entryTitle, type EntryKind, type EntrySource, type StatementDto, startOfShanghaiDay, statementWhere } from '@jifen/shared';
import { Db } from '../common/db.js';
import { fieldProblem } from '../common/errors.js';
import { num, readTime, sqlTime } from '../common/sql.js';

/** The first instants of a Shanghai month YYYY-MM and of the two after it. */
function monthStarts(month: string): [Date, Date, Date] {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw fieldProblem('month', '须为 YYYY-MM');
  const first = `${month}-01`;
  return [startOfShanghaiDay(first), startOfShanghaiDay(addMonths(first, 1)), startOfShanghaiDay(addMonths(first, 2))];
}

/**
 * 积分对账单: a member's Shanghai month from the ledger itself — the balance before its first
 * entry (the last entry before the month's balance after), every entry with where it came from,
 * the balance after the last, and what expires the month after. Balances are available − debt,
 * the quantity entries change, so closing − opening = Σ amounts holds for every statement (the
 * ledger audit checks that each entry moves the balance by its amount).
 */
@Injectable()
export class StatementsService {
  constructor(private readonly db: Db) {}

  async of(memberId: number, month: string): Promise<StatementDto> {
    const [start, end, after] = monthStarts(month);
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
}
