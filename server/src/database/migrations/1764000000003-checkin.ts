import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/** Daily check-ins (one row a member a Shanghai day) and the member's birthday (for the birthday month). */
export class Checkin1764000000003 implements MigrationInterface {
  name = 'Checkin1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'checkins',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'day', type: 'varchar', length: '10' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'streak', type: 'int' },
          { name: 'points', type: 'int' },
          datetime('created_at'),
        ],
        foreignKeys: [{ columnNames: ['member_id'], referencedTableName: 'members', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('checkins', new TableIndex({ name: 'uq_checkins_member_day', columnNames: ['member_id', 'day'], isUnique: true }));
    await q.addColumn('members', new TableColumn({ name: 'birthday', type: 'varchar', length: '10', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('members', 'birthday');
    await q.dropTable('checkins');
  }
}
