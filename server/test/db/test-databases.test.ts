import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS, dataSourceOptions } from '../../src/database/data-source.js';
import { loadConfig } from '../../src/config/config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The suites' databases: copies of the run's migrated template (test/support/global-setup.ts). */
describe('test databases from the migrated template', () => {
  const made: TestDatabase[] = [];
  const sources: DataSource[] = [];
  afterAll(async () => {
    for (const source of sources) if (source.isInitialized) await source.destroy();
    for (const db of made) await db.drop();
  });

  async function open(): Promise<DataSource> {
    const db = await createTestDatabase({ migrated: true });
    made.push(db);
    const options = dataSourceOptions(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url }).database);
    const source = new DataSource({ ...options, migrationsRun: false, logging: false } as DataSourceOptions);
    sources.push(source);
    await source.initialize();
    return source;
  }

  it('arrive with every migration applied, so the app runs none at start', async () => {
    const source = await open();
    expect(await source.showMigrations()).toBe(false); // nothing pending
    const rows: { name: string }[] = await source.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((M) => new M().name));
    expect(Number((await source.query('SELECT COUNT(*) AS n FROM members'))[0].n)).toBe(0);
  });

  it('are separate copies: a row written in one is not in another', async () => {
    const a = await open();
    const b = await open();
    const at = '2026-01-01 00:00:00.000';
    await a.query('INSERT INTO categories (name, icon, sort, created_at, updated_at) VALUES (?, ?, 0, ?, ?)', ['只在甲', '/a.png', at, at]);
    expect((await a.query('SELECT name FROM categories')).map((r: { name: string }) => r.name)).toEqual(['只在甲']);
    expect(await b.query('SELECT name FROM categories')).toEqual([]);
    const c = await open(); // made after the write: the template itself is untouched
    expect(await c.query('SELECT name FROM categories')).toEqual([]);
  });

  it('keep the schema whole: foreign keys and unique keys still refuse bad rows', async () => {
    const source = await open();
    const at = '2026-01-01 00:00:00.000';
    await expect(source.query('INSERT INTO points_accounts (member_id, updated_at) VALUES (?, ?)', [999_999, at])).rejects.toThrow();
    const member = 'INSERT INTO members (openid, nickname, created_at, updated_at) VALUES (?, ?, ?, ?)';
    await source.query(member, ['o-same', '甲', at, at]);
    await expect(source.query(member, ['o-same', '乙', at, at])).rejects.toThrow();
    await source.query('INSERT INTO categories (name, icon, sort, created_at, updated_at) VALUES (?, ?, 0, ?, ?)', ['分类', '/a.png', at, at]);
    const [{ id }] = await source.query('SELECT id FROM categories');
    expect(Number(id)).toBe(1); // the auto-increment starts where a fresh database's would
  });
});
