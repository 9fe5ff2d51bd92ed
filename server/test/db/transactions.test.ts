import { startTestApp, type TestApp } from '../support/app.js';
import { Transactions } from '../../src/common/transactions.js';
import { Category } from '../../src/catalog/category.entity.js';

const yieldToLoop = () => new Promise((r) => setImmediate(r));

/**
 * TypeORM's SQLite driver shares one connection, so concurrent transactions nest as
 * savepoints unless the project serialises them. These transactions await real turns of
 * the event loop inside, which is what exposes the problem.
 */
describe('Transactions', () => {
  let t: TestApp;
  let tx: Transactions;
  beforeAll(async () => {
    t = await startTestApp();
    tx = t.app.get(Transactions);
  });
  afterAll(() => t.close());

  const row = (name: string) => ({ name, icon: '/x.png', sort: 0, createdAt: t.clock.now(), updatedAt: t.clock.now() });

  it('keeps a rolled-back transaction from taking a concurrent one with it', async () => {
    const failing = tx.run(async (m) => {
      await m.save(m.create(Category, row('rolled-back')));
      await yieldToLoop();
      await yieldToLoop();
      throw new Error('boom');
    });
    const committing = tx.run(async (m) => {
      await yieldToLoop();
      await m.save(m.create(Category, row('committed')));
      await yieldToLoop();
    });
    await expect(failing).rejects.toThrow('boom');
    await committing;
    const names = (await t.dataSource.getRepository(Category).find()).map((c) => c.name);
    expect(names).toContain('committed');
    expect(names).not.toContain('rolled-back');
  });

  it('gives each of many concurrent transactions its own commit', async () => {
    const n = 40;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        tx.run(async (m) => {
          await m.save(m.create(Category, row(`c${i}`)));
          await yieldToLoop();
          if (i % 4 === 0) throw new Error('planned');
        }).catch(() => undefined),
      ),
    );
    const names = (await t.dataSource.getRepository(Category).find()).map((c) => c.name).filter((x) => /^c\d+$/.test(x));
    expect(names.sort()).toEqual(Array.from({ length: n }, (_, i) => i).filter((i) => i % 4 !== 0).map((i) => `c${i}`).sort());
  });

  it('lets a read inside a transaction run at once, and refuses an unjoined nested transaction on SQLite', async () => {
    const seen = await tx.run(async (m) => {
      await m.save(m.create(Category, row('inside')));
      return tx.read((r) => r.countBy(Category, { name: 'inside' }));
    });
    // SQLite: the same connection, so the read sees the open transaction's row; MySQL: another
    // pooled connection at READ COMMITTED, which does not.
    expect(seen).toBe(t.db.kind === 'sqlite' ? 1 : 0);
    if (t.db.kind === 'sqlite') {
      await expect(tx.run(() => tx.run(async () => 1))).rejects.toThrow(/nested transaction/);
    }
  });

  it('joins the caller\'s transaction when one is passed in', async () => {
    await expect(
      tx.run(async (outer) => {
        await tx.run(async (inner) => {
          expect(inner).toBe(outer);
          await inner.save(inner.create(Category, row('joined')));
        }, outer);
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await t.dataSource.getRepository(Category).countBy({ name: 'joined' })).toBe(0);
  });
});
