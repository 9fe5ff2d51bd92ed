import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/**
 * Operators' point adjustments: applied at once up to the rule's approval line, otherwise a
 * request an owner approves (the points move then, under the request's key) or rejects.
 */
export class Adjustments1764000000025 implements MigrationInterface {
  name = 'Adjustments1764000000025';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'points_adjustments',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'amount', type: 'int' },
          { name: 'reason', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'requested_by', type: 'integer' },
          datetime('requested_at'),
          { name: 'decided_by', type: 'integer', isNullable: true },
          datetime('decided_at', true),
          { name: 'note', type: 'varchar', length: '200', isNullable: true },
          { name: 'entry_id', type: 'integer', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['member_id'], referencedTableName: 'members', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('points_adjustments', new TableIndex({ name: 'idx_points_adjustments_status', columnNames: ['status', 'id'] }));
    await q.createIndex('points_adjustments', new TableIndex({ name: 'idx_points_adjustments_member', columnNames: ['member_id', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('points_adjustments');
  }
}
