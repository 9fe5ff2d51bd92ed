import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/**
 * 消息中心: one row per notice to a member. `dedupe_key` (event, member, kind) is unique, so a
 * replayed event or a second job run adds nothing; unread ones are found by (member, read_at).
 */
export class Messages1764000000021 implements MigrationInterface {
  name = 'Messages1764000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'messages',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'title', type: 'varchar', length: '40' },
          { name: 'body', type: 'varchar', length: '400' },
          { name: 'page', type: 'varchar', length: '200', isNullable: true },
          { name: 'dedupe_key', type: 'varchar', length: '128' },
          datetime('read_at', true),
          datetime('created_at'),
        ],
        foreignKeys: [{ columnNames: ['member_id'], referencedTableName: 'members', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('messages', new TableIndex({ name: 'uq_messages_dedupe', columnNames: ['dedupe_key'], isUnique: true }));
    await q.createIndex('messages', new TableIndex({ name: 'idx_messages_member', columnNames: ['member_id', 'id'] }));
    await q.createIndex('messages', new TableIndex({ name: 'idx_messages_unread', columnNames: ['member_id', 'read_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('messages');
  }
}
