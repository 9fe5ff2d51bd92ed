import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { id, timestamps } from './columns.js';

/**
 * Campaigns become rows operators create, edit and switch off (they were one JSON rule), and
 * 首页 banners become rows too, each linking to a page, goods or campaign. The campaigns of
 * the old rule, if any, are carried over.
 */
export class Campaigns1764000000017 implements MigrationInterface {
  name = 'Campaigns1764000000017';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'campaigns',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '32' },
          { name: 'kind', type: 'varchar', length: '12' },
          { name: 'multiplier_pct', type: 'int', default: 100 },
          { name: 'bonus_points', type: 'int', default: 0 },
          { name: 'goods_ids', type: 'varchar', length: '1000', default: "'[]'" },
          { name: 'starts_on', type: 'varchar', length: '10' },
          { name: 'ends_on', type: 'varchar', length: '10' },
          { name: 'weekdays', type: 'varchar', length: '40', default: "'[]'" },
          { name: 'days_of_month', type: 'varchar', length: '120', default: "'[]'" },
          { name: 'status', type: 'varchar', length: '4', default: "'on'" },
          { name: 'version', type: 'int', default: 1 },
          ...timestamps,
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'banners',
        columns: [
          id,
          { name: 'title', type: 'varchar', length: '32' },
          { name: 'image', type: 'varchar', length: '255' },
          { name: 'link_kind', type: 'varchar', length: '10' },
          { name: 'link_page', type: 'varchar', length: '16', isNullable: true },
          { name: 'link_id', type: 'integer', isNullable: true },
          { name: 'sort', type: 'int', default: 0 },
          { name: 'status', type: 'varchar', length: '4', default: "'on'" },
          ...timestamps,
        ],
      }),
    );
    const [rule] = (await q.query("SELECT value FROM rules WHERE rule_key = 'campaigns' ORDER BY effective_from DESC, id DESC LIMIT 1")) as { value: string }[];
    const old = rule ? ((JSON.parse(rule.value) as { campaigns?: OldCampaign[] }).campaigns ?? []) : [];
    const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
    for (const c of old) {
      await q.query(
        `INSERT INTO campaigns (name, kind, multiplier_pct, bonus_points, goods_ids, starts_on, ends_on, weekdays, days_of_month, status, version, created_at, updated_at)
         VALUES (?, 'multiplier', ?, 0, '[]', ?, ?, ?, ?, 'on', 1, ?, ?)`,
        [c.name.slice(0, 32), c.multiplierPct, c.from, c.to, JSON.stringify(c.weekdays ?? []), JSON.stringify(c.daysOfMonth ?? []), now, now]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('banners');
    await q.dropTable('campaigns');
  }
}

interface OldCampaign {
  name: string;
  multiplierPct: number;
  from: string;
  to: string;
  weekdays?: number[];
  daysOfMonth?: number[];
}
