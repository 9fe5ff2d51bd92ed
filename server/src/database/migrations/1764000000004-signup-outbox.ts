import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/** Verified phone and completed sign-up on members; the outbox for after-commit events. */
export class SignupOutbox1764000000004 implements MigrationInterface {
  name = 'SignupOutbox1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('members', [
      new TableColumn({ name: 'phone', type: 'varchar', length: '20', isNullable: true }),
      new TableColumn(datetime('signed_up_at', true)),
    ]);
    await q.createIndex('members', new TableIndex({ name: 'uq_members_phone', columnNames: ['phone'], isUnique: true }));
    await q.createTable(
      new Table({
        name: 'outbox',
        columns: [
          id,
          { name: 'topic', type: 'varchar', length: '64' },
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '12', default: "'pending'" },
          { name: 'attempts', type: 'int', default: 0 },
          datetime('next_at'),
          { name: 'claimed_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '255', isNullable: true },
          datetime('created_at'),
          datetime('done_at', true),
        ],
      }),
    );
    await q.createIndex('outbox', new TableIndex({ name: 'idx_outbox_due', columnNames: ['status', 'next_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('outbox');
    await q.dropIndex('members', 'uq_members_phone');
    await q.dropColumn('members', 'signed_up_at');
    await q.dropColumn('members', 'phone');
  }
}
