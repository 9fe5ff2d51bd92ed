import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/** Growth value: yuan paid on completed orders, one row an order, summed over 12 months for tiers. */
export class Growth1764000000007 implements MigrationInterface {
  name = 'Growth1764000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'growth_entries',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'ref', type: 'varchar', length: '64' },
          { name: 'yuan', type: 'int' },
          datetime('at'),
        ],
      }),
    );
    await q.createIndex('growth_entries', new TableIndex({ name: 'uq_growth_ref', columnNames: ['ref'], isUnique: true }));
    await q.createIndex('growth_entries', new TableIndex({ name: 'idx_growth_member', columnNames: ['member_id', 'at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('growth_entries');
  }
}
