import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/**
 * WeChat subscription messages on their way: one row per (cause, member, kind), unique, so a
 * message is never sent twice; `next_at` defers quiet hours and retries, `claimed_until` lets
 * another process take over a send whose process died.
 */
export class ReminderSends1764000000023 implements MigrationInterface {
  name = 'ReminderSends1764000000023';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'reminder_sends',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'template_id', type: 'varchar', length: '64' },
          { name: 'dedupe_key', type: 'varchar', length: '128' },
          { name: 'page', type: 'varchar', length: '200' },
          { name: 'data', type: 'varchar', length: '2000' },
          { name: 'status', type: 'varchar', length: '8' },
          { name: 'errcode', type: 'int', isNullable: true },
          { name: 'errmsg', type: 'varchar', length: '255', isNullable: true },
          { name: 'attempts', type: 'int', default: 0 },
          datetime('next_at'),
          datetime('claimed_until', true),
          datetime('sent_at', true),
          datetime('created_at'),
        ],
        foreignKeys: [{ columnNames: ['member_id'], referencedTableName: 'members', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('reminder_sends', new TableIndex({ name: 'uq_reminder_sends_dedupe', columnNames: ['dedupe_key'], isUnique: true }));
    await q.createIndex('reminder_sends', new TableIndex({ name: 'idx_reminder_sends_due', columnNames: ['status', 'next_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('reminder_sends');
  }
}
