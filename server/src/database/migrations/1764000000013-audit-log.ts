import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/** Every operator action that changes something: who, what, on what, with what, and how it ended. */
export class AuditLog1764000000013 implements MigrationInterface {
  name = 'AuditLog1764000000013';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id,
          { name: 'operator_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '96' },
          { name: 'target', type: 'varchar', length: '255' },
          { name: 'detail', type: 'varchar', length: '1000' },
          { name: 'status', type: 'int' },
          datetime('created_at'),
        ],
      }),
    );
    await q.createIndex('audit_log', new TableIndex({ name: 'idx_audit_log_operator', columnNames: ['operator_id', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_log');
  }
}
