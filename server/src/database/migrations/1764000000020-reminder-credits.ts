import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime } from './columns.js';

/**
 * Subscription-message consents: each 「允许」 a member gives in wx.requestSubscribeMessage lets
 * the shop send that template to them once. One row per (member, template) counts what is left.
 */
export class ReminderCredits1764000000020 implements MigrationInterface {
  name = 'ReminderCredits1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'reminder_credits',
        columns: [
          { name: 'member_id', type: 'integer', isPrimary: true },
          { name: 'template_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'credits', type: 'int', default: 0 },
          datetime('updated_at'),
        ],
        foreignKeys: [{ columnNames: ['member_id'], referencedTableName: 'members', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('reminder_credits', new TableIndex({ name: 'idx_reminder_credits_template', columnNames: ['template_id', 'member_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('reminder_credits');
  }
}
