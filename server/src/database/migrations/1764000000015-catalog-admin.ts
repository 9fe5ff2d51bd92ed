import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/**
 * The catalog run from 管理: categories can be hidden, goods carry a version (an edit made on
 * a stale copy is refused), and every stock change is a row with who and why.
 */
export class CatalogAdmin1764000000015 implements MigrationInterface {
  name = 'CatalogAdmin1764000000015';

  async up(q: QueryRunner): Promise<void> {
    // Plain ALTERs: TypeORM's addColumn on SQLite rebuilds the table from its cached copy of
    // the schema, which misses the columns earlier migrations added with plain SQL.
    await q.query('ALTER TABLE categories ADD COLUMN hidden int NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE goods ADD COLUMN version int NOT NULL DEFAULT 1');
    await q.createTable(
      new Table({
        name: 'stock_changes',
        columns: [
          id,
          { name: 'goods_id', type: 'integer' },
          { name: 'sku_id', type: 'integer' },
          { name: 'delta', type: 'int' },
          { name: 'stock_after', type: 'int' },
          { name: 'reason', type: 'varchar', length: '100' },
          { name: 'operator_id', type: 'integer', isNullable: true },
          datetime('created_at'),
        ],
      }),
    );
    await q.createIndex('stock_changes', new TableIndex({ name: 'idx_stock_changes_goods', columnNames: ['goods_id', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('stock_changes');
    await q.query('ALTER TABLE goods DROP COLUMN version');
    await q.query('ALTER TABLE categories DROP COLUMN hidden');
  }
}
