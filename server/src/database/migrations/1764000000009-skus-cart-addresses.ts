import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, timestamps } from './columns.js';

/**
 * SKUs (specs with their own price and stock), goods images and description, the cart and the
 * address book. Every existing goods row gets one SKU ('默认') with its price and stock, so old
 * data stays sellable.
 */
export class SkusCartAddresses1764000000009 implements MigrationInterface {
  name = 'SkusCartAddresses1764000000009';

  async up(q: QueryRunner): Promise<void> {
    // Plain ADD COLUMN on both databases (TypeORM's SQLite addColumn would rebuild the table).
    // images is a JSON array of paths: varchar, since MySQL TEXT cannot have a default.
    await q.query(`ALTER TABLE goods ADD COLUMN images varchar(1024) NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE goods ADD COLUMN description varchar(1000) NOT NULL DEFAULT ''`);

    await q.createTable(
      new Table({
        name: 'goods_skus',
        columns: [
          id,
          { name: 'goods_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '32' },
          { name: 'price_fen', type: 'int' },
          { name: 'stock', type: 'int' },
          { name: 'sales', type: 'int', default: 0 },
          { name: 'sort', type: 'int', default: 0 },
          ...timestamps,
        ],
        foreignKeys: [{ columnNames: ['goods_id'], referencedTableName: 'goods', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('goods_skus', new TableIndex({ name: 'idx_goods_skus_goods', columnNames: ['goods_id', 'sort'] }));
    await q.query(
      `INSERT INTO goods_skus (goods_id, name, price_fen, stock, sales, sort, created_at, updated_at)
       SELECT id, '默认', price_fen, stock, sales, 0, created_at, updated_at FROM goods`,
    );

    await q.createTable(
      new Table({
        name: 'cart_items',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'sku_id', type: 'integer' },
          { name: 'quantity', type: 'int' },
          { name: 'checked', type: 'int', default: 1 },
          ...timestamps,
        ],
      }),
    );
    await q.createIndex('cart_items', new TableIndex({ name: 'uq_cart_items_member_sku', columnNames: ['member_id', 'sku_id'], isUnique: true }));

    await q.createTable(
      new Table({
        name: 'addresses',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '20' },
          { name: 'phone', type: 'varchar', length: '11' },
          { name: 'province', type: 'varchar', length: '20' },
          { name: 'city', type: 'varchar', length: '20' },
          { name: 'district', type: 'varchar', length: '20' },
          { name: 'detail', type: 'varchar', length: '120' },
          { name: 'is_default', type: 'int', default: 0 },
          { name: 'deleted', type: 'int', default: 0 },
          ...timestamps,
        ],
      }),
    );
    await q.createIndex('addresses', new TableIndex({ name: 'idx_addresses_member', columnNames: ['member_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('addresses');
    await q.dropTable('cart_items');
    await q.dropTable('goods_skus');
    await q.query('ALTER TABLE goods DROP COLUMN description');
    await q.query('ALTER TABLE goods DROP COLUMN images');
  }
}
