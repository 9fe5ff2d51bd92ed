import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/**
 * The points ledger (see src/ledger/README.md) and the rules table with history. Indexes are
 * only those a query needs: every one is another page written on each commit.
 */
export class Ledger1764000000002 implements MigrationInterface {
  name = 'Ledger1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'points_accounts',
        columns: [
          { name: 'member_id', type: 'integer', isPrimary: true },
          { name: 'available', type: 'int', default: 0 },
          { name: 'pending', type: 'int', default: 0 },
          { name: 'debt', type: 'int', default: 0 },
          { name: 'earned_count', type: 'int', default: 0 },
          { name: 'earned_total', type: 'bigint', default: 0 },
          datetime('updated_at'),
        ],
        foreignKeys: [{ columnNames: ['member_id'], referencedTableName: 'members', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'points_entries',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'source', type: 'varchar', length: '16' },
          { name: 'amount', type: 'int' },
          { name: 'pending_delta', type: 'int', default: 0 },
          { name: 'available_after', type: 'int' },
          { name: 'pending_after', type: 'int' },
          { name: 'debt_after', type: 'int' },
          { name: 'ref_type', type: 'varchar', length: '32' },
          { name: 'ref_id', type: 'varchar', length: '64' },
          { name: 'idempotency_key', type: 'varchar', length: '128' },
          { name: 'reverses_entry_id', type: 'integer', isNullable: true },
          { name: 'operator_id', type: 'integer', isNullable: true },
          { name: 'reason', type: 'varchar', length: '255', isNullable: true },
          datetime('expires_at', true),
          datetime('created_at'),
        ],
        foreignKeys: [{ columnNames: ['member_id'], referencedTableName: 'members', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('points_entries', new TableIndex({ name: 'uq_points_entries_key', columnNames: ['idempotency_key'], isUnique: true }));
    await q.createIndex('points_entries', new TableIndex({ name: 'idx_points_entries_member', columnNames: ['member_id', 'id'] }));

    await q.createTable(
      new Table({
        name: 'points_lots',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'entry_id', type: 'integer' },
          { name: 'amount', type: 'int' },
          { name: 'remaining', type: 'int' },
          datetime('expires_at'),
        ],
        foreignKeys: [{ columnNames: ['entry_id'], referencedTableName: 'points_entries', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('points_lots', new TableIndex({ name: 'idx_points_lots_member', columnNames: ['member_id', 'expires_at'] }));
    await q.createIndex('points_lots', new TableIndex({ name: 'idx_points_lots_expiry', columnNames: ['expires_at', 'member_id'] }));

    await q.createTable(
      new Table({
        name: 'points_allocations',
        columns: [
          id,
          { name: 'entry_id', type: 'integer' },
          { name: 'lot_id', type: 'integer' },
          { name: 'amount', type: 'int' },
        ],
        foreignKeys: [
          { columnNames: ['entry_id'], referencedTableName: 'points_entries', referencedColumnNames: ['id'] },
          { columnNames: ['lot_id'], referencedTableName: 'points_lots', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createIndex('points_allocations', new TableIndex({ name: 'idx_points_allocations_entry', columnNames: ['entry_id'] }));
    await q.createIndex('points_allocations', new TableIndex({ name: 'idx_points_allocations_lot', columnNames: ['lot_id'] }));

    await q.createTable(
      new Table({
        name: 'points_holds',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'entry_id', type: 'integer' },
          { name: 'source', type: 'varchar', length: '16' },
          { name: 'amount', type: 'int' },
          { name: 'remaining', type: 'int' },
          datetime('updated_at'),
        ],
        foreignKeys: [{ columnNames: ['entry_id'], referencedTableName: 'points_entries', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('points_holds', new TableIndex({ name: 'uq_points_holds_entry', columnNames: ['entry_id'], isUnique: true }));
    await q.createIndex('points_holds', new TableIndex({ name: 'idx_points_holds_member', columnNames: ['member_id'] }));

    await q.createTable(
      new Table({
        name: 'points_daily',
        columns: [
          { name: 'member_id', type: 'integer', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'capped_earned', type: 'int', default: 0 },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'points_flags',
        columns: [
          id,
          { name: 'member_id', type: 'integer' },
          { name: 'entry_id', type: 'integer' },
          { name: 'reason', type: 'varchar', length: '255' },
          { name: 'status', type: 'varchar', length: '16', default: "'open'" },
          { name: 'reviewed_by', type: 'integer', isNullable: true },
          datetime('reviewed_at', true),
          datetime('created_at'),
        ],
      }),
    );
    await q.createIndex('points_flags', new TableIndex({ name: 'idx_points_flags_status', columnNames: ['status', 'id'] }));

    await q.createTable(
      new Table({
        name: 'rules',
        columns: [
          id,
          { name: 'rule_key', type: 'varchar', length: '32' },
          { name: 'value', type: 'text' },
          datetime('effective_from'),
          { name: 'created_by', type: 'integer', isNullable: true },
          { name: 'note', type: 'varchar', length: '255', isNullable: true },
          datetime('created_at'),
        ],
      }),
    );
    await q.createIndex('rules', new TableIndex({ name: 'idx_rules_key', columnNames: ['rule_key', 'effective_from'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['rules', 'points_flags', 'points_daily', 'points_holds', 'points_allocations', 'points_lots', 'points_entries', 'points_accounts']) {
      await q.dropTable(t);
    }
  }
}
