import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, timestamps } from './columns.js';

export class Catalog1764000000001 implements MigrationInterface {
  name = 'Catalog1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'categories',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '32' },
          { name: 'icon', type: 'varchar', length: '255' },
          { name: 'sort', type: 'int', default: 0 },
          ...timestamps,
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'goods',
        columns: [
          id,
          { name: 'category_id', type: 'int' },
          { name: 'title', type: 'varchar', length: '64' },
          { name: 'subtitle', type: 'varchar', length: '128', default: "''" },
          { name: 'image', type: 'varchar', length: '255' },
          { name: 'price_fen', type: 'int' },
          { name: 'original_price_fen', type: 'int', isNullable: true },
          { name: 'points_price', type: 'int', isNullable: true },
          { name: 'stock', type: 'int', default: 0 },
          { name: 'sales', type: 'int', default: 0 },
          { name: 'status', type: 'varchar', length: '16', default: "'on_sale'" },
          { name: 'sort', type: 'int', default: 0 },
          ...timestamps,
        ],
        foreignKeys: [{ columnNames: ['category_id'], referencedTableName: 'categories', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('goods', new TableIndex({ name: 'idx_goods_category', columnNames: ['category_id', 'sort'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('goods');
    await q.dropTable('categories');
  }
}
