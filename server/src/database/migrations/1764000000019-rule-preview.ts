import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * What the rules preview (管理 → 规则 → 预览影响) replays the last 30 days from: each shop
 * order keeps the tier and campaign its purchase points were computed with, each check-in
 * whether it fell in the member's birthday month (filled in for the existing ones), and the
 * facts it reads by time get an index on that time — for check-ins one that holds every
 * input of the reward, so the window is read from the index alone. Orders from before carry
 * no factors; the preview takes the member's tier and no campaign for them.
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
    await q.addColumn('checkins', new TableColumn({ name: 'birthday_month', type: 'int', default: 0 }));
    await q.query(`UPDATE checkins SET birthday_month = 1 WHERE EXISTS
      (SELECT 1 FROM members m WHERE m.id = checkins.member_id AND SUBSTR(m.birthday, 6, 2) = SUBSTR(checkins.day, 6, 2))`);
    await q.createIndex('checkins', new TableIndex({ name: 'idx_checkins_day', columnNames: ['day', 'kind', 'streak', 'birthday_month', 'points'] }));
    await q.createIndex('members', new TableIndex({ name: 'idx_members_signed_up', columnNames: ['signed_up_at'] }));
    await q.createIndex('invites', new TableIndex({ name: 'idx_invites_signed_up', columnNames: ['signed_up_at'] }));
    await q.createIndex('invites', new TableIndex({ name: 'idx_invites_ordered', columnNames: ['ordered_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, index] of [['invites', 'idx_invites_ordered'], ['invites', 'idx_invites_signed_up'], ['members', 'idx_members_signed_up'],
      ['checkins', 'idx_checkins_day'], ['orders', 'idx_orders_completed']] as const) await q.dropIndex(table, index);
    await q.dropColumn('checkins', 'birthday_month');
    for (const column of ['earn_bonus', 'earn_campaign_pct', 'earn_tier']) await q.dropColumn('orders', column);
  }
}
