import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id, timestamps } from './columns.js';

/**
 * Coupons: templates (the rule, validity, claim window, total and per-member limit), the
 * coupons members hold, and per-member counts for the limit. 'expired' is not stored: a
 * coupon is expired when its ends_at has passed and it was not used.
 */
export class Coupons1764000000010 implements MigrationInterface {
  name = 'Coupons1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'coupon_templates',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'threshold_fen', type: 'int', default: 0 },
          { name: 'amount_fen', type: 'int', default: 0 },
          { name: 'discount_pct', type: 'int', default: 100 },
          { name: 'max_off_fen', type: 'int', isNullable: true },
          { name: 'scope', type: 'varchar', length: '16', default: "'all'" },
          { name: 'scope_ids', type: 'text' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'validity_type', type: 'varchar', length: '8' },
          datetime('starts_at', true),
          datetime('ends_at', true),
          { name: 'valid_days', type: 'int', isNullable: true },
          datetime('claim_starts_at', true),
          datetime('claim_ends_at', true),
          { name: 'total', type: 'int', isNullable: true },
          { name: 'issued', type: 'int', default: 0 },
          { name: 'per_member', type: 'int', default: 1 },
          { name: 'status', type: 'varchar', length: '8', default: "'on'" },
          ...timestamps,
        ],
      }),
    );
    await q.createIndex('coupon_templates', new TableIndex({ name: 'idx_coupon_templates_channel', columnNames: ['channel', 'status'] }));
    await q.createTable(
      new Table({
        name: 'coupons',
        columns: [
          id,
          { name: 'template_id', type: 'integer' },
          { name: 'member_id', type: 'integer' },
          { name: 'state', type: 'varchar', length: '10' },
          datetime('starts_at'),
          datetime('ends_at'),
          { name: 'order_id', type: 'integer', isNullable: true },
          { name: 'issue_key', type: 'varchar', length: '120' },
          { name: 'channel', type: 'varchar', length: '16' },
          datetime('received_at'),
          datetime('used_at', true),
          ...timestamps,
        ],
      }),
    );
    await q.createIndex('coupons', new TableIndex({ name: 'uq_coupons_issue_key', columnNames: ['issue_key'], isUnique: true }));
    await q.createIndex('coupons', new TableIndex({ name: 'idx_coupons_member_state', columnNames: ['member_id', 'state', 'ends_at'] }));
    await q.createIndex('coupons', new TableIndex({ name: 'idx_coupons_template_state', columnNames: ['template_id', 'state'] }));
    await q.createTable(
      new Table({
        name: 'coupon_member_counts',
        columns: [
          { name: 'member_id', type: 'integer', isPrimary: true },
          { name: 'template_id', type: 'integer', isPrimary: true },
          { name: 'received', type: 'int', default: 0 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('coupon_member_counts');
    await q.dropTable('coupons');
    await q.dropTable('coupon_templates');
  }
}
