import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { datetime, id } from './columns.js';

/** Invite codes, link visits (for attribution only) and invites with their status. */
export class Invites1764000000005 implements MigrationInterface {
  name = 'Invites1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('members', new TableColumn({ name: 'invite_code', type: 'varchar', length: '16', isNullable: true }));
    await q.createIndex('members', new TableIndex({ name: 'uq_members_invite_code', columnNames: ['invite_code'], isUnique: true }));
    await q.createTable(
      new Table({
        name: 'invite_visits',
        columns: [id, { name: 'inviter_id', type: 'integer' }, { name: 'visitor_id', type: 'integer' }, datetime('created_at')],
      }),
    );
    await q.createIndex('invite_visits', new TableIndex({ name: 'idx_invite_visits_visitor', columnNames: ['visitor_id', 'created_at'] }));
    await q.createTable(
      new Table({
        name: 'invites',
        columns: [
          id,
          { name: 'inviter_id', type: 'integer' },
          { name: 'invitee_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'points', type: 'int', default: 0 },
          datetime('opened_at'),
          datetime('signed_up_at', true),
          datetime('ordered_at', true),
          datetime('rewarded_at', true),
          { name: 'note', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
    await q.createIndex('invites', new TableIndex({ name: 'uq_invites_invitee', columnNames: ['invitee_id'], isUnique: true }));
    await q.createIndex('invites', new TableIndex({ name: 'idx_invites_inviter', columnNames: ['inviter_id', 'opened_at'] }));
    // Rewarded invitees per inviter per Shanghai month: a conditional update keeps the cap.
    await q.createTable(
      new Table({
        name: 'invite_monthly',
        columns: [
          { name: 'inviter_id', type: 'integer', isPrimary: true },
          { name: 'month', type: 'varchar', length: '7', isPrimary: true },
          { name: 'rewarded', type: 'int', default: 0 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('invite_monthly');
    await q.dropTable('invites');
    await q.dropTable('invite_visits');
    await q.dropIndex('members', 'uq_members_invite_code');
    await q.dropColumn('members', 'invite_code');
  }
}
