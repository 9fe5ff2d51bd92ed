import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime } from './columns.js';

/**
 * 管理's dashboard: counts per Shanghai day kept by a job, and the time indexes the job counts
 * a day's members, orders, coupons, invites and redemptions by.
 */
const INDEXES: [table: string, column: string][] = [
  ['members', 'created_at'], ['orders', 'paid_at'], ['coupons', 'received_at'], ['coupons', 'used_at'],
  ['invites', 'opened_at'], ['invites', 'rewarded_at'], ['mall_redemptions', 'created_at'],
];

export class DailyMetrics1764000000027 implements MigrationInterface {
  name = 'DailyMetrics1764000000027';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'daily_metrics',
        columns: [
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'metric', type: 'varchar', length: '24', isPrimary: true },
          { name: 'value', type: 'bigint', default: 0 },
          datetime('counted_at'),
        ],
      }),
    );
    for (const [table, column] of INDEXES) await q.createIndex(table, new TableIndex({ name: `idx_${table}_${column}`, columnNames: [column] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of INDEXES) await q.dropIndex(table, `idx_${table}_${column}`);
    await q.dropTable('daily_metrics');
  }
}
