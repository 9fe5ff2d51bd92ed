import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { SEGMENT_KEYS, SEGMENT_LABELS } from '@jifen/shared';
import { sqlTime } from '../../common/sql.js';
import { datetime, id, timestamps } from './columns.js';

/**
 * 分群与标签 and 定向发券: tags (the five RFM groups as system tags, operators' manual and
 * rule tags) with their members and counts; coupon batches with the audience each took when
 * it was sent (so a resumed batch issues nobody twice and skips nobody), and each coupon's batch.
 */
export class Segments1764000000029 implements MigrationInterface {
  name = 'Segments1764000000029';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'tags',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '32' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'segment_key', type: 'varchar', length: '16', isNullable: true },
          { name: 'rule', type: 'varchar', length: '200', isNullable: true },
          { name: 'member_count', type: 'int', default: 0 },
          datetime('counted_at', true),
          { name: 'created_by', type: 'integer', isNullable: true },
          ...timestamps,
        ],
      }),
    );
    await q.createIndex('tags', new TableIndex({ name: 'uq_tags_name', columnNames: ['name'], isUnique: true }));
    await q.createTable(
      new Table({
        name: 'member_tags',
        columns: [
          { name: 'tag_id', type: 'integer', isPrimary: true },
          { name: 'member_id', type: 'integer', isPrimary: true },
          datetime('created_at'),
        ],
      }),
    );
    await q.createIndex('member_tags', new TableIndex({ name: 'idx_member_tags_member', columnNames: ['member_id'] }));
    const now = sqlTime(new Date());
    for (const key of SEGMENT_KEYS) {
      await q.query("INSERT INTO tags (name, kind, segment_key, rule, member_count, counted_at, created_by, created_at, updated_at) VALUES (?, 'segment', ?, NULL, 0, NULL, NULL, ?, ?)",
        [SEGMENT_LABELS[key], key, now, now]);
    }
    await q.createTable(
      new Table({
        name: 'coupon_batches',
        columns: [
          id,
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'template_id', type: 'integer' },
          { name: 'tag_id', type: 'integer', isNullable: true },
          { name: 'status', type: 'varchar', length: '8' },
          { name: 'audience', type: 'int' },
          { name: 'holdout', type: 'int' },
          { name: 'holdout_pct', type: 'int' },
          { name: 'measure_days', type: 'int', isNullable: true },
          { name: 'issued', type: 'int', default: 0 },
          { name: 'skipped', type: 'int', default: 0 },
          { name: 'request_key', type: 'varchar', length: '80' },
          { name: 'created_by', type: 'integer', isNullable: true },
          datetime('finished_at', true),
          ...timestamps,
        ],
      }),
    );
    await q.createIndex('coupon_batches', new TableIndex({ name: 'uq_coupon_batches_key', columnNames: ['request_key'], isUnique: true }));
    await q.createIndex('coupon_batches', new TableIndex({ name: 'idx_coupon_batches_status', columnNames: ['status', 'id'] }));
    await q.createTable(
      new Table({
        name: 'coupon_batch_members',
        columns: [
          { name: 'batch_id', type: 'integer', isPrimary: true },
          { name: 'member_id', type: 'integer', isPrimary: true },
          // pending → issued | skipped; held: in a win-back's hold-out, given nothing.
          { name: 'state', type: 'varchar', length: '8' },
        ],
      }),
    );
    await q.createIndex('coupon_batch_members', new TableIndex({ name: 'idx_coupon_batch_members_state', columnNames: ['batch_id', 'state', 'member_id'] }));
    await q.addColumn('coupons', new TableColumn({ name: 'batch_id', type: 'integer', isNullable: true }));
    await q.createIndex('coupons', new TableIndex({ name: 'idx_coupons_batch', columnNames: ['batch_id', 'state'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('coupons', 'idx_coupons_batch');
    await q.dropColumn('coupons', 'batch_id');
    await q.dropTable('coupon_batch_members');
    await q.dropTable('coupon_batches');
    await q.dropTable('member_tags');
    await q.dropTable('tags');
  }
}
