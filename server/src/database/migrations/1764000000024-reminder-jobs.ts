import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/**
 * What the reminder jobs need: check-in reminders members asked for (one per member, for a
 * Shanghai day), 积分政策变更通知 fanned out in batches from a cursor, the coupons' expiry
 * index for the coupon scan, a mark on sends that waited out the quiet hours, and the
 * creation-time indexes 管理 → 消息 counts by.
 */
export class ReminderJobs1764000000024 implements MigrationInterface {
  name = 'ReminderJobs1764000000024';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'checkin_reminder_asks',
        columns: [
          { name: 'member_id', type: 'integer', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10' },
          datetime('created_at'),
        ],
        foreignKeys: [{ columnNames: ['member_id'], referencedTableName: 'members', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('checkin_reminder_asks', new TableIndex({ name: 'idx_checkin_reminder_asks_day', columnNames: ['day', 'member_id'] }));
    await q.createTable(
      new Table({
        name: 'policy_notices',
        columns: [
          id,
          { name: 'title', type: 'varchar', length: '40' },
          { name: 'summary', type: 'varchar', length: '600' },
          { name: 'operator_id', type: 'integer', isNullable: true },
          { name: 'after_member_id', type: 'integer', default: 0 },
          { name: 'reached', type: 'int', default: 0 },
          datetime('created_at'),
          datetime('done_at', true),
        ],
      }),
    );
    await q.createIndex('coupons', new TableIndex({ name: 'idx_coupons_ends', columnNames: ['ends_at', 'member_id'] }));
    await q.addColumn('reminder_sends', new TableColumn({ name: 'deferred', type: 'int', default: 0 }));
    await q.createIndex('reminder_sends', new TableIndex({ name: 'idx_reminder_sends_created', columnNames: ['created_at'] }));
    await q.createIndex('messages', new TableIndex({ name: 'idx_messages_created', columnNames: ['created_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('messages', 'idx_messages_created');
    await q.dropIndex('reminder_sends', 'idx_reminder_sends_created');
    await q.dropColumn('reminder_sends', 'deferred');
    await q.dropIndex('coupons', 'idx_coupons_ends');
    await q.dropTable('policy_notices');
    await q.dropTable('checkin_reminder_asks');
  }
}
