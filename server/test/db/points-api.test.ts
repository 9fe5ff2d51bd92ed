import { startTestApp, type TestApp } from '../support/app.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';

describe('points API', () => {
  let t: TestApp;
  let token: string;
  let memberId: number;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const login = await t.devLogin('积分用户');
    token = login.accessToken;
    memberId = login.member.id;
    const ledger = t.app.get(LedgerService);
    t.clock.set('2026-03-01T02:00:00Z');
    for (let i = 1; i <= 25; i++) {
      await ledger.earn({ memberId, amount: i * 10, source: i % 2 ? 'purchase' : 'checkin', key: `api-e${i}`, ref: { type: 'order', id: i } });
    }
    await ledger.spend({ memberId, amount: 100, source: 'cash', key: 'api-s1', ref: { type: 'order', id: 99 } });
    await ledger.earn({ memberId, amount: 300, source: 'purchase', key: 'api-p1', ref: { type: 'order', id: 100 }, pending: true });
    t.clock.set('2027-02-15T02:00:00Z'); // the March lots expire within 30 days
    token = (await t.devLogin('积分用户')).accessToken; // the first token expired as time moved
  });
  afterAll(() => t.close());

  it('shows the balance with what expires soon, and on /me', async () => {
    const res = await t.api('GET', '/api/points', { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ available: 3150, pending: 300, debt: 0, expiring: [{ date: '2027-03-01', amount: 3150 }] });
    const me = await t.api('GET', '/api/me', { token });
    expect(me.body.points).toEqual({ available: 3150, pending: 300 });
  });

  it('pages the history newest first and filters by kind', async () => {
    const first = await t.api('GET', '/api/points/entries?limit=10', { token });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(10);
    expect(first.body.items[0]).toMatchObject({ kind: 'pending', title: '购物奖励（待到账）', pendingAmount: 300, amount: 0 });
    expect(first.body.items[1]).toMatchObject({ kind: 'spend', title: '积分抵现', amount: -100, availableAfter: 3150 });
    const ids: number[] = first.body.items.map((e: { id: number }) => e.id);
    let cursor = first.body.next;
    while (cursor) {
      const page = await t.api('GET', `/api/points/entries?limit=10&cursor=${cursor}`, { token });
      ids.push(...page.body.items.map((e: { id: number }) => e.id));
      cursor = page.body.next;
    }
    expect(ids).toHaveLength(27);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const spends = await t.api('GET', '/api/points/entries?kind=spend,expire', { token });
    expect(spends.body.items.map((e: { kind: string }) => e.kind)).toEqual(['spend']);
  });

  it('refuses bad queries and other members', async () => {
    for (const q of ['kind=stolen', 'limit=0', 'limit=101', 'cursor=-1', 'cursor=abc', 'member=1']) {
      const res = await t.api('GET', `/api/points/entries?${q}`, { token });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.api('GET', '/api/points')).status).toBe(401);
    const other = await t.devLogin('别人');
    expect((await t.api('GET', '/api/points/entries', { token: other.accessToken })).body.items).toEqual([]);
  });

  it('lets operators run the audit', async () => {
    expect((await t.api('GET', '/api/admin/ledger/audit', { token })).status).toBe(403);
    const operator = await t.devLogin('运营小美');
    const res = await t.api('GET', `/api/admin/ledger/audit?memberId=${memberId}`, { token: operator.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, members: 1, entries: 27, drifts: [] });
  });
});
