import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime } from './columns.js';

/**
 * The ledger summed by Shanghai day, kind and source, folded in by a job from a cursor, so
 * reports read a few thousand rows instead of scanning millions of entries.
 */
export class LedgerTotals1764000000026 implements MigrationInterface {
  name = 'LedgerTotals1764000000026';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'ledger_daily_totals',
        columns: [
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16', isPrimary: true },
          { name: 'source', type: 'varchar', length: '16', isPrimary: true },
          { name: 'amount', type: 'bigint', default: 0 },
          { name: 'entries', type: 'int', default: 0 },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report_cursors',
        columns: [
          { name: 'name', type: 'varchar', length: '40', isPrimary: true },
          { name: 'last_id', type: 'integer', default: 0 },
          datetime('up_to', true),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('report_cursors');
    await q.dropTable('ledger_daily_totals');
  }
}
