import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, timestamps } from './columns.js';

export class Members1764000000000 implements MigrationInterface {
  name = 'Members1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'members',
        columns: [
          id,
          { name: 'openid', type: 'varchar', length: '64' },
          { name: 'unionid', type: 'varchar', length: '64', isNullable: true },
          { name: 'nickname', type: 'varchar', length: '64' },
          { name: 'avatar_url', type: 'varchar', length: '512', isNullable: true },
          { name: 'role', type: 'varchar', length: '16', default: "'member'" },
          { name: 'tier', type: 'varchar', length: '16', default: "'normal'" },
          { name: 'token_version', type: 'int', default: 0 },
          ...timestamps,
        ],
      }),
    );
    await q.createIndex('members', new TableIndex({ name: 'uq_members_openid', columnNames: ['openid'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('members');
  }
}
