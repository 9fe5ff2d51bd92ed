import { Injectable } from '@nestjs/common';
import { Db } from '../common/db.js';
import { num } from '../common/sql.js';

export interface Drift {
  memberId: number | null;
  check: string;
  detail: string;
}

export interface AuditReport {
  ok: boolean;
  members: number;
  entries: number;
  drifts: Drift[];
}

/**
 * Checks every invariant of the ledger, for all members or one, with set-based queries:
 *   available = Σ lots.remaining            (what can be spent is exactly the lots)
 *   available − debt = Σ entries.amount     (the balance is explained by its entries)
 *   pending = Σ entries.pending_delta = Σ holds.remaining
 *   each entry's balance after − the one before = its amount (monthly statements reconcile)
 *   the newest entry's balances = the account
 *   0 ≤ lot.remaining ≤ lot.amount, and lot.amount − remaining = Σ its allocations
 *   never available and debt together; no negative balance
 *   every reversal points at an entry of the same member; keys are unique (by index).
 */
@Injectable()
export class LedgerAudit {
  constructor(private readonly db: Db) {}

  /**
   * One pass as a unit of work: on SQLite it takes the writer's turn, so it sees one
   * consistent state; on MySQL each query sees what was committed when it ran.
   */
  run(memberId?: number): Promise<AuditReport> {
    return this.db.unit(() => this.check(memberId));
  }

  private async check(memberId?: number): Promise<AuditReport> {
    const only = (col: string) => (memberId === undefined ? '' : ` AND ${col} = ${Number(memberId)}`);
    const drifts: Drift[] = [];
    const add = (check: string, rows: Record<string, unknown>[], detail: (r: Record<string, unknown>) => string) => {
      for (const r of rows) drifts.push({ memberId: r.member_id === undefined ? null : Number(r.member_id), check, detail: detail(r) });
    };

    add('available = Σ lots.remaining', await this.db.rows(`SELECT a.member_id, a.available, COALESCE(l.total, 0) AS lots FROM points_accounts a
       LEFT JOIN (SELECT member_id, SUM(remaining) AS total FROM points_lots GROUP BY member_id) l ON l.member_id = a.member_id
       WHERE a.available <> COALESCE(l.total, 0)${only('a.member_id')}`),
    (r) => `available ${num(r.available)}, lots ${num(r.lots)}`);

    add('available − debt = Σ entries', await this.db.rows(`SELECT a.member_id, a.available, a.debt, COALESCE(e.total, 0) AS entries FROM points_accounts a
       LEFT JOIN (SELECT member_id, SUM(amount) AS total FROM points_entries GROUP BY member_id) e ON e.member_id = a.member_id
       WHERE a.available - a.debt <> COALESCE(e.total, 0)${only('a.member_id')}`),
    (r) => `available ${num(r.available)} − debt ${num(r.debt)} vs entries ${num(r.entries)}`);

    // Every entry moves the balance by its amount: so every monthly statement (对账单) reconciles,
    // closing − opening = Σ its entries, for any member and any month.
    add('statements reconcile: balance after − before = amount', await this.db.rows(`SELECT member_id, id, amount, bal, prev FROM (
         SELECT member_id, id, amount, available_after - debt_after AS bal,
                COALESCE(LAG(available_after - debt_after) OVER (PARTITION BY member_id ORDER BY id), 0) AS prev FROM points_entries WHERE 1 = 1${only('member_id')}) x
       WHERE bal - prev <> amount`),
    (r) => `entry ${num(r.id)}: ${num(r.prev)} → ${num(r.bal)} but amount ${num(r.amount)}`);

    add('pending = Σ entries.pending_delta = Σ holds', await this.db.rows(`SELECT a.member_id, a.pending, COALESCE(e.total, 0) AS entries, COALESCE(h.total, 0) AS holds FROM points_accounts a
       LEFT JOIN (SELECT member_id, SUM(pending_delta) AS total FROM points_entries GROUP BY member_id) e ON e.member_id = a.member_id
       LEFT JOIN (SELECT member_id, SUM(remaining) AS total FROM points_holds GROUP BY member_id) h ON h.member_id = a.member_id
       WHERE (a.pending <> COALESCE(e.total, 0) OR a.pending <> COALESCE(h.total, 0))${only('a.member_id')}`),
    (r) => `pending ${num(r.pending)}, entries ${num(r.entries)}, holds ${num(r.holds)}`);

    add('newest entry = account', await this.db.rows(`SELECT a.member_id, a.available, a.pending, a.debt, e.available_after, e.pending_after, e.debt_after FROM points_accounts a
       JOIN points_entries e ON e.id = (SELECT MAX(id) FROM points_entries x WHERE x.member_id = a.member_id)
       WHERE (e.available_after <> a.available OR e.pending_after <> a.pending OR e.debt_after <> a.debt)${only('a.member_id')}`),
    (r) => `account ${num(r.available)}/${num(r.pending)}/${num(r.debt)}, entry ${num(r.available_after)}/${num(r.pending_after)}/${num(r.debt_after)}`);

    add('balances in range', await this.db.rows(`SELECT member_id, available, pending, debt FROM points_accounts
       WHERE (available < 0 OR pending < 0 OR debt < 0 OR (available > 0 AND debt > 0))${only('member_id')}`),
    (r) => `available ${num(r.available)}, pending ${num(r.pending)}, debt ${num(r.debt)}`);

    add('lot within 0..amount and explained by allocations', await this.db.rows(`SELECT l.member_id, l.id, l.amount, l.remaining, COALESCE(s.total, 0) AS allocated FROM points_lots l
       LEFT JOIN (SELECT lot_id, SUM(amount) AS total FROM points_allocations GROUP BY lot_id) s ON s.lot_id = l.id
       WHERE (l.remaining < 0 OR l.remaining > l.amount OR l.amount - l.remaining <> COALESCE(s.total, 0))${only('l.member_id')}`),
    (r) => `lot ${r.id}: amount ${num(r.amount)}, remaining ${num(r.remaining)}, allocated ${num(r.allocated)}`);

    add('reversal points at an entry of the member', await this.db.rows(`SELECT e.member_id, e.id FROM points_entries e LEFT JOIN points_entries t ON t.id = e.reverses_entry_id
       WHERE e.kind IN ('reverse', 'confirm', 'cancel') AND (t.id IS NULL OR t.member_id <> e.member_id)${only('e.member_id')}`),
    (r) => `entry ${r.id}`);

    add('entry has its reference', await this.db.rows(`SELECT member_id, id FROM points_entries WHERE (ref_type = '' OR ref_id = '')${only('member_id')}`),
    (r) => `entry ${r.id}`);

    const counts = await this.db.one<{ members: unknown; entries: unknown }>(`SELECT (SELECT COUNT(*) FROM points_accounts WHERE 1 = 1${only('member_id')}) AS members,
              (SELECT COUNT(*) FROM points_entries WHERE 1 = 1${only('member_id')}) AS entries`);
    return { ok: drifts.length === 0, members: num(counts?.members), entries: num(counts?.entries), drifts };
  }
}
