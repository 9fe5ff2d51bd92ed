import { Injectable, type OnModuleInit } from '@nestjs/common';
import { shanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { Jobs } from '../jobs/jobs.service.js';

const CURSOR = 'ledger_daily_totals';
const BATCH = 5_000;
/**
 * Entries younger than this are left for the next run: an id is taken at INSERT and the row is
 * seen at COMMIT, so a lower id may still be in flight while a higher one is visible.
 */
export const SETTLE_MS = 2 * 60_000;

/** Where a day's total of one entry kind goes in a report; null for kinds that move no available points. */
export function ledgerFlow(kind: string, amount: number): 'issued' | 'spent' | 'expired' | 'reversed' | null {
  if ((kind === 'earn' || kind === 'confirm') && amount > 0) return 'issued';
  if (kind === 'spend' || (kind === 'earn' && amount < 0)) return 'spent';
  if (kind === 'expire') return 'expired';
  if (kind === 'reverse') return 'reversed';
  return null;
}

/**
 * Folds the ledger into `ledger_daily_totals` (Shanghai day × kind × source), a batch of entries
 * at a time from a cursor kept in the same transaction as the sums, so a crash or a second
 * process never counts an entry twice. Reports read the totals, never the entries.
 */
@Injectable()
export class LedgerTotalsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'reports.ledger-totals', everyMinutes: 5, leaseMs: 10 * 60_000, run: async () => `folded ${await this.fold()}` });
  }

  /** Folds every settled entry not yet counted; returns how many. */
  async fold(): Promise<number> {
    let folded = 0;
    for (;;) {
      const step = await this.db.unit(async () => {
        const cursor = await this.db.one<{ last_id: unknown }>(`SELECT last_id FROM report_cursors WHERE name = ?${this.db.forUpdate}`, [CURSOR]);
        const after = num(cursor?.last_id ?? 0);
        const threshold = this.clock.now().getTime() - SETTLE_MS;
        const batch = await this.db.rows<{ id: unknown; kind: string; source: string; amount: unknown; created_at: string | Date }>(
          `SELECT id, kind, source, amount, created_at FROM points_entries WHERE id > ? ORDER BY id LIMIT ${BATCH}`, [after]);
        // Stop before the first entry too young to be sure of: nothing past it is folded yet. (Cut
        // here, in the batch read by id: a MIN(id) over created_at would scan the rest of the
        // ledger for every batch, there being no time index on the hottest table.)
        const young = batch.findIndex((r) => readTime(r.created_at).getTime() >= threshold);
        const rows = young < 0 ? batch : batch.slice(0, young);
        if (rows.length === 0) return { n: 0, done: true };
        const sums = new Map<string, { day: string; kind: string; source: string; amount: number; entries: number }>();
        let upTo = new Date(0);
        for (const r of rows) {
          const at = readTime(r.created_at);
          if (at > upTo) upTo = at;
          const day = shanghaiDay(at);
          const key = `${day}|${r.kind}|${r.source}`;
          const sum = sums.get(key) ?? { day, kind: r.kind, source: r.source, amount: 0, entries: 0 };
          sum.amount += num(r.amount);
          sum.entries += 1;
          sums.set(key, sum);
        }
        for (const s of sums.values()) {
          await this.db.upsert('ledger_daily_totals', s, ['day', 'kind', 'source'], { amount: 'add', entries: 'add' });
        }
        const last = num(rows[rows.length - 1].id);
        if (cursor) await this.db.exec('UPDATE report_cursors SET last_id = ?, up_to = ? WHERE name = ?', [last, sqlTime(upTo), CURSOR]);
        else await this.db.exec('INSERT INTO report_cursors (name, last_id, up_to) VALUES (?, ?, ?)', [CURSOR, last, sqlTime(upTo)]);
        // Done at the end of the ledger, or at a young entry (the next run goes on from it).
        return { n: rows.length, done: young >= 0 || batch.length < BATCH };
      });
      folded += step.n;
      if (step.done) return folded;
    }
  }

  /** What members hold now: Σ available and pending, and how many hold any (live, from the accounts). */
  async outstanding(): Promise<{ points: number; pending: number; members: number }> {
    const row = await this.db.one<{ points: unknown; pending: unknown; members: unknown }>(
      'SELECT SUM(available) AS points, SUM(pending) AS pending, SUM(CASE WHEN available > 0 THEN 1 ELSE 0 END) AS members FROM points_accounts');
    return { points: num(row?.points), pending: num(row?.pending), members: num(row?.members) };
  }

  /** The newest entry time the totals include, or null before the first fold. */
  async upTo(): Promise<Date | null> {
    const row = await this.db.one<{ up_to: string | Date | null }>('SELECT up_to FROM report_cursors WHERE name = ?', [CURSOR]);
    return row?.up_to ? readTime(row.up_to) : null;
  }
}
