import { startTestApp, type TestApp } from '../support/app.js';
import { Db } from '../../src/common/db.js';
import { Category } from '../../src/catalog/category.entity.js';

const yieldToLoop = () => new Promise((r) => setImmediate(r));

/**
 * The unit of work means the same on SQLite and MySQL: the same assertions run on both.
 * Units here await real turns of the event loop inside, which is what would expose a shared
 * connection (TypeORM's SQLite driver has one) or reads that escape their unit.
 */
describe('Db units of work', () => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(Db);
  });
  afterAll(() => t.close());

  const row = (name: string) => ({ name, icon: '/x.png', sort: 0, createdAt: t.clock.now(), updatedAt: t.clock.now() });
  const count = (name: string) => db.read((m) => m.countBy(Category, { name }));

  it('keeps a rolled-back unit from taking a concurrent one with it', async () => {
    const failing = db.unit(async (m) => {
      await m.save(m.create(Category, row('rolled-back')));
      await yieldToLoop();
      await yieldToLoop();
      throw new Error('boom');
    });
    const committing = db.unit(async (m) => {
      await yieldToLoop();
      await m.save(m.create(Category, row('committed')));
      await yieldToLoop();
    });
    await expect(failing).rejects.toThrow('boom');
    await committing;
    expect(await count('committed')).toBe(1);
    expect(await count('rolled-back')).toBe(0);
  });

  it('gives each of many concurrent units its own commit', async () => {
    const n = 40;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        db.unit(async (m) => {
          await m.save(m.create(Category, row(`c${i}`)));
          await yieldToLoop();
          if (i % 4 === 0) throw new Error('planned');
        }).catch(() => undefined),
      ),
    );
    const names = (await db.read((m) => m.find(Category))).map((c) => c.name).filter((x) => /^c\d+$/.test(x));
    expect(names.sort()).toEqual(Array.from({ length: n }, (_, i) => i).filter((i) => i % 4 !== 0).map((i) => `c${i}`).sort());
  });

  it('lets code inside a unit read its own writes, through the manager and through raw SQL', async () => {
    const seen = await db.unit(async (m) => {
      await m.save(m.create(Category, row('inside')));
      await yieldToLoop();
      const viaRead = await db.read((r) => r.countBy(Category, { name: 'inside' }));
      const viaManager = await db.manager.countBy(Category, { name: 'inside' });
      const viaSql = await db.one<{ n: unknown }>('SELECT COUNT(*) AS n FROM categories WHERE name = ?', ['inside']);
      return [viaRead, viaManager, Number(viaSql?.n)];
    });
    expect(seen).toEqual([1, 1, 1]);
  });

  it('never shows a read outside a unit uncommitted or rolled-back work, under concurrent writers', async () => {
    const seenUncommitted: number[] = [];
    let writing = true;
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 10; i++) {
          await db.unit(async (m) => {
            await m.save(m.create(Category, row(`pending-${w}-${i}`)));
            await db.exec('UPDATE categories SET sort = sort + 1 WHERE name = ?', [`pending-${w}-${i}`]);
            await yieldToLoop();
            await yieldToLoop();
            throw new Error('never committed');
          }).catch(() => undefined);
        }
      })(),
    );
    const reader = (async () => {
      while (writing) {
        const [viaManager, viaSql] = await Promise.all([
          db.read((m) => m.createQueryBuilder(Category, 'c').where('c.name LIKE :p', { p: 'pending-%' }).getCount()),
          db.one<{ n: unknown }>("SELECT COUNT(*) AS n FROM categories WHERE name LIKE 'pending-%'"),
        ]);
        seenUncommitted.push(viaManager, Number(viaSql?.n));
        await yieldToLoop();
      }
    })();
    await Promise.all(writers);
    writing = false;
    await reader;
    expect(seenUncommitted.length).toBeGreaterThan(10);
    expect(seenUncommitted.every((n) => n === 0)).toBe(true);
  });

  it('makes a unit started inside another join it: one commit or one rollback for both', async () => {
    await expect(
      db.unit(async (outer) => {
        await db.unit(async (inner) => {
          expect(inner).toBe(outer);
          await inner.save(inner.create(Category, row('joined')));
        });
        // The outer unit sees the inner one's write: it is the same transaction.
        expect(await outer.countBy(Category, { name: 'joined' })).toBe(1);
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await count('joined')).toBe(0);

    await db.unit(async () => {
      await db.unit((m) => m.save(m.create(Category, row('joined-ok'))));
      await db.exec('UPDATE categories SET sort = 7 WHERE name = ?', ['joined-ok']);
    });
    expect(await db.read((m) => m.findOneBy(Category, { name: 'joined-ok' }))).toMatchObject({ sort: 7 });
  });

  it('runs a write outside any unit as a unit of its own', async () => {
    await db.unit((m) => m.save(m.create(Category, row('lonely'))));
    expect(await db.exec('UPDATE categories SET sort = 3 WHERE name = ?', ['lonely'])).toBe(1);
    expect(await db.read((m) => m.findOneBy(Category, { name: 'lonely' }))).toMatchObject({ sort: 3 });
  });

  it('does not let stray async work reuse a unit after it ended', async () => {
    let later: Promise<boolean> | null = null;
    await db.unit(async () => {
      later = new Promise((resolve) => setTimeout(() => resolve(db.inUnit), 20));
    });
    expect(await later).toBe(false);
  });
});
