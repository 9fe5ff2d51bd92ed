import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/**
 * The open API (/open/v1): keys (the secret kept only encrypted), the nonces seen within the
 * clock-skew window (a replay is a duplicate key), and every request a key made or tried, with
 * its answer, for the owner to see per key.
 */
export class OpenApi1764000000030 implements MigrationInterface {
  name = 'OpenApi1764000000030';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'open_api_keys',
        columns: [
          id,
          { name: 'key_id', type: 'varchar', length: '32' },
          { name: 'name', type: 'varchar', length: '40' },
          { name: 'secret_enc', type: 'varchar', length: '200' },
          { name: 'scopes', type: 'varchar', length: '100' },
          { name: 'rate_per_minute', type: 'int' },
          { name: 'status', type: 'varchar', length: '8' },
          { name: 'created_by', type: 'integer' },
          datetime('created_at'),
          datetime('revoked_at', true),
        ],
      }),
    );
    await q.createIndex('open_api_keys', new TableIndex({ name: 'uq_open_api_keys_key', columnNames: ['key_id'], isUnique: true }));
    await q.createTable(
      new Table({
        name: 'open_api_nonces',
        columns: [
          { name: 'key_id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'nonce', type: 'varchar', length: '64', isPrimary: true },
          datetime('seen_at'),
        ],
      }),
    );
    await q.createIndex('open_api_nonces', new TableIndex({ name: 'idx_open_api_nonces_seen', columnNames: ['seen_at'] }));
    await q.createTable(
      new Table({
        name: 'open_api_requests',
        columns: [
          id,
          { name: 'key_id', type: 'varchar', length: '32' },
          { name: 'method', type: 'varchar', length: '8' },
          { name: 'path', type: 'varchar', length: '200' },
          { name: 'status', type: 'int' },
          { name: 'code', type: 'varchar', length: '40', isNullable: true },
          datetime('at'),
        ],
      }),
    );
    await q.createIndex('open_api_requests', new TableIndex({ name: 'idx_open_api_requests_key', columnNames: ['key_id', 'id'] }));
    // 会员码: a code (member × 60 s step) spends once.
    await q.createTable(
      new Table({
        name: 'member_code_uses',
        columns: [
          { name: 'member_id', type: 'integer', isPrimary: true },
          { name: 'step', type: 'bigint', isPrimary: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('member_code_uses');
    await q.dropTable('open_api_requests');
    await q.dropTable('open_api_nonces');
    await q.dropTable('open_api_keys');
  }
}
