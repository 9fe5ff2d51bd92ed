import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id, timestamps } from './columns.js';

/** The points mall: items with stock and limits, redemptions, and per-member counts for the limits. */
export class Mall1764000000008 implements MigrationInterface {
  name = 'Mall1764000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'mall_items',
        columns: [
          id,
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'title', type: 'varchar', length: '64' },
          { name: 'subtitle', type: 'varchar', length: '128', default: "''" },
          { name: 'image', type: 'varchar', length: '255' },
          { name: 'goods_id', type: 'integer', isNullable: true },
          { name: 'points', type: 'int' },
          { name: 'stock', type: 'int' },
          { name: 'per_member_limit', type: 'int', isNullable: true },
          datetime('starts_at', true),
          datetime('ends_at', true),
          { name: 'status', type: 'varchar', length: '8', default: "'on'" },
          { name: 'sort', type: 'int', default: 0 },
          ...timestamps,
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mall_redemptions',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'item_id', type: 'integer' },
          { name: 'points', type: 'int' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'request_key', type: 'varchar', length: '80' },
          datetime('created_at'),
        ],
      }),
    );
    await q.createIndex('mall_redemptions', new TableIndex({ name: 'uq_mall_redemptions_key', columnNames: ['request_key'], isUnique: true }));
    await q.createIndex('mall_redemptions', new TableIndex({ name: 'idx_mall_redemptions_member', columnNames: ['member_id', 'id'] }));
    await q.createTable(
      new Table({
        name: 'mall_member_counts',
        columns: [
          { name: 'member_id', type: 'integer', isPrimary: true },
          { name: 'item_id', type: 'integer', isPrimary: true },
          { name: 'redeemed', type: 'int', default: 0 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('mall_member_counts');
    await q.dropTable('mall_redemptions');
    await q.dropTable('mall_items');
  }
}
