import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id, timestamps } from './columns.js';

/**
 * Refresh-token families: one per sign-in on a device. `generation` numbers the one refresh
 * token of the family that still works; refreshing moves it on, and a retired token shown
 * again revokes the family (revoked_at).
 */
export class RefreshFamilies1764000000014 implements MigrationInterface {
  name = 'RefreshFamilies1764000000014';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'refresh_families',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'generation', type: 'int', default: 0 },
          datetime('used_at'),
          datetime('revoked_at', true),
          ...timestamps,
        ],
      }),
    );
    await q.createIndex('refresh_families', new TableIndex({ name: 'idx_refresh_families_member', columnNames: ['member_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('refresh_families');
  }
}
