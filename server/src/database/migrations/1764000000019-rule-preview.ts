import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * What the rules preview (管理 → 规则 → 预览影响) replays the last 30 days from: each shop
 * order keeps the tier and campaign its purchase points were computed with, and the facts it
 * reads by time (check-ins, completed orders, sign-ups, invites) get an index on that time,
 * so the preview reads the window and nothing else. Orders from before carry no factors; the
 * preview takes the member's tier and no campaign for them.
 */
export class RulePreview1764000000019 implements MigrationInterface {
  name = 'RulePreview1764000000019';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('orders', [
      new TableColumn({ name: 'earn_tier', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'earn_campaign_pct', type: 'int', isNullable: true }),
      new TableColumn({ name: 'earn_bonus', type: 'int', isNullable: true }),
    ]);
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_completed', columnNames: ['completed_at'] }));
    await q.createIndex('checkins', new TableIndex({ name: 'idx_checkins_day', columnNames: ['day'] }));
    await q.createIndex('members', new TableIndex({ name: 'idx_members_signed_up', columnNames: ['signed_up_at'] }));
    await q.createIndex('invites', new TableIndex({ name: 'idx_invites_signed_up', columnNames: ['signed_up_at'] }));
    await q.createIndex('invites', new TableIndex({ name: 'idx_invites_ordered', columnNames: ['ordered_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, index] of [['invites', 'idx_invites_ordered'], ['invites', 'idx_invites_signed_up'], ['members', 'idx_members_signed_up'],
      ['checkins', 'idx_checkins_day'], ['orders', 'idx_orders_completed']] as const) await q.dropIndex(table, index);
    for (const column of ['earn_bonus', 'earn_campaign_pct', 'earn_tier']) await q.dropColumn('orders', column);
  }
}
