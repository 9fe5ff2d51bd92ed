import { startTestApp, type TestApp } from '../support/app.js';
import { createMembers } from '../support/members.js';
import { Jobs, latestInstant } from '../../src/jobs/jobs.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { PointsEntry } from '../../src/ledger/ledger.entities.js';

describe('scheduled jobs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds the latest Shanghai 00:05', () => {
    expect(latestInstant(new Date('2026-03-01T16:05:00Z'), 5).toISOString()).toBe('2026-03-01T16:05:00.000Z');
    expect(latestInstant(new Date('2026-03-01T16:04:59Z'), 5).toISOString()).toBe('2026-02-28T16:05:00.000Z');
  });

  it('expires due points once a day, once across concurrent runners', async () => {
    const [id] = await createMembers(t.dataSource, 1, 'job');
    t.clock.set('2026-03-01T02:00:00Z');
    await t.app.get(LedgerService).earn({ memberId: id, amount: 30, source: 'purchase', key: `job-${id}`, ref: { type: 'test', id: 1 } });
    const jobs = t.app.get(Jobs);
    const expiry = async () => (await jobs.runDue()).filter((name) => name === 'ledger.expire');
    expect(await expiry()).toEqual(['ledger.expire']); // never ran: due at once
    expect(await expiry()).toEqual([]); // ran since the latest 00:05
    t.clock.set('2027-03-01T16:04:00Z'); // the lot expired at 16:00 UTC; a year of runs missed (server down)
    expect(await expiry()).toEqual(['ledger.expire']); // catches up at once
    expect(await t.dataSource.getRepository(PointsEntry).countBy({ memberId: id, kind: 'expire' })).toBe(1);
    t.clock.set('2027-03-01T16:06:00Z');
    // two instances ticking at once: one wins the lease
    const runs = await Promise.all([expiry(), expiry()]);
    expect(runs.flat()).toEqual(['ledger.expire']);
    const status = (await jobs.status()).find((j) => j.name === 'ledger.expire');
    expect(status).toMatchObject({ name: 'ledger.expire', owner: null, lastResult: 'expired 0 points of 0 members' });
  });
});
