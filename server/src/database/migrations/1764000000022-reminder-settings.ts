import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime } from './columns.js';

/** 消息设置: a row only for a kind a member turned off (every kind is on until then). */
export class ReminderSettings1764000000022 implements MigrationInterface {
  name = 'ReminderSettings1764000000022';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'reminder_settings',
        columns: [
          { name: 'member_id', type: 'integer', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20', isPrimary: true },
          datetime('updated_at'),
        ],
        foreignKeys: [{ columnNames: ['member_id'], referencedTableName: 'members', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('reminder_settings');
  }
}
