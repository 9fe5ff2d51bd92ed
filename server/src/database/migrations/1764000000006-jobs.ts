import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime } from './columns.js';

/** One row a scheduled job: who holds its lease, until when, and its last run. */
export class Jobs1764000000006 implements MigrationInterface {
  name = 'Jobs1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'job_leases',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'owner', type: 'varchar', length: '64', isNullable: true },
          datetime('lease_until', true),
          datetime('last_run_at', true),
          { name: 'last_result', type: 'varchar', length: '255', isNullable: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('job_leases');
  }
}
