import { Injectable } from '@nestjs/common';
import { ENTRY_SOURCES, type EntrySource, type LiabilityDto, type LiabilityMonthDto, POINTS_PER_YUAN_CASH, SOURCE_LABELS } from '@jifen/shared';
import { Db } from '../common/db.js';
import { num } from '../common/sql.js';
import { ledgerFlow, LedgerTotalsService } from './ledger-totals.service.js';

/**
 * 积分负债 for finance. What is owed is read live from the accounts (Σ available); how it came
 * about is the ledger's daily totals summed by month: issued by source, spent by use, expired,
 * reversed, and breakage (expired ÷ issued).
 */
@Injectable()
export class LiabilityService {
  constructor(
    private readonly db: Db,
    private readonly totals: LedgerTotalsService,
  ) {}

  async report(): Promise<LiabilityDto> {
    const held = await this.totals.outstanding();
    const rows = await this.db.rows<{ month: string; kind: string; source: EntrySource; amount: unknown }>(
      'SELECT SUBSTR(day, 1, 7) AS month, kind, source, SUM(amount) AS amount FROM ledger_daily_totals GROUP BY SUBSTR(day, 1, 7), kind, source');
    const months = new Map<string, LiabilityMonthDto>();
    for (const r of rows) {
      const m = months.get(r.month) ?? { month: r.month, issued: {}, issuedTotal: 0, spent: {}, spentTotal: 0, expired: 0, reversed: 0, breakagePermille: null };
      months.set(r.month, m);
      const amount = num(r.amount);
      switch (ledgerFlow(r.kind, amount)) {
        case 'issued':
          m.issued[r.source] = (m.issued[r.source] ?? 0) + amount;
          m.issuedTotal += amount;
          break;
        case 'spent':
          m.spent[r.source] = (m.spent[r.source] ?? 0) - amount;
          m.spentTotal -= amount;
          break;
        case 'expired':
          m.expired -= amount;
          break;
        case 'reversed':
          m.reversed += amount;
          break;
      }
    }
    for (const m of months.values()) m.breakagePermille = m.issuedTotal > 0 ? Math.round((m.expired * 1000) / m.issuedTotal) : null;
    const upTo = await this.totals.upTo();
    return {
      outstanding: { ...held, fen: Math.floor((held.points * 100) / POINTS_PER_YUAN_CASH) },
      months: [...months.values()].sort((a, b) => b.month.localeCompare(a.month)),
      totalsUpTo: upTo?.toISOString() ?? null,
    };
  }

  /** The monthly table as CSV (UTF-8 with a BOM, so Excel reads the Chinese headers). */
  async csv(): Promise<string> {
    const { months } = await this.report();
    // Columns in the ledger's order of sources, only those with points in some month.
    const issuedSources = ENTRY_SOURCES.filter((s) => months.some((m) => m.issued[s]));
    const spentSources = ENTRY_SOURCES.filter((s) => months.some((m) => m.spent[s]));
    const header = ['月份', ...issuedSources.map((s) => `发放·${SOURCE_LABELS[s]}`), '发放合计', ...spentSources.map((s) => `使用·${SOURCE_LABELS[s]}`), '使用合计', '过期', '退回净额', '沉淀率%'];
    const lines = months.map((m) => [
      m.month, ...issuedSources.map((s) => m.issued[s] ?? 0), m.issuedTotal, ...spentSources.map((s) => m.spent[s] ?? 0), m.spentTotal, m.expired, m.reversed,
      m.breakagePermille === null ? '' : `${Math.floor(m.breakagePermille / 10)}.${m.breakagePermille % 10}`,
    ].join(','));
    return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
  }
}
