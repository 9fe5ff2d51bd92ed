import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/**
 * The points mall run from 管理: items carry a version (an edit made on a stale copy is
 * refused) and optional per-tier prices; virtual items deliver from a pool of codes, each
 * handed out once, and a redemption keeps the code it got.
 */
export class MallAdmin1764000000016 implements MigrationInterface {
  name = 'MallAdmin1764000000016';

  async up(q: QueryRunner): Promise<void> {
    // Plain ALTERs, as in CatalogAdmin1764000000015 (TypeORM's SQLite addColumn rebuilds from a stale copy).
    await q.query('ALTER TABLE mall_items ADD COLUMN version int NOT NULL DEFAULT 1');
    await q.query("ALTER TABLE mall_items ADD COLUMN tier_points varchar(200) NOT NULL DEFAULT '{}'");
    await q.query('ALTER TABLE mall_redemptions ADD COLUMN code varchar(64) NULL');
    await q.createTable(
      new Table({
        name: 'mall_codes',
        columns: [
          id,
          { name: 'item_id', type: 'integer' },
          { name: 'code', type: 'varchar', length: '64' },
          // The redemption's request key once handed out; null while unused.
          { name: 'request_key', type: 'varchar', length: '80', isNullable: true },
          { name: 'member_id', type: 'integer', isNullable: true },
          datetime('issued_at', true),
          { name: 'loaded_by', type: 'integer', isNullable: true },
          datetime('created_at'),
        ],
      }),
    );
    await q.createIndex('mall_codes', new TableIndex({ name: 'uq_mall_codes_item_code', columnNames: ['item_id', 'code'], isUnique: true }));
    await q.createIndex('mall_codes', new TableIndex({ name: 'uq_mall_codes_request', columnNames: ['request_key'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('mall_codes');
    await q.query('ALTER TABLE mall_redemptions DROP COLUMN code');
    await q.query('ALTER TABLE mall_items DROP COLUMN tier_points');
    await q.query('ALTER TABLE mall_items DROP COLUMN version');
  }
}
