import { startTestApp, type TestApp } from '../support/app.js';
import { createApp } from '../../src/app.factory.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { LedgerTotalsService } from '../../src/reports/ledger-totals.service.js';

const OWNER = '财务店长';

/**
 * 积分负债: the owed points are Σ available of all accounts; the monthly table comes from the
 * ledger's daily totals, folded from a cursor once per entry (also by two processes at once),
 * and leaves entries younger than two minutes for the next run. Months are Shanghai months.
 */
describe('points liability', () => {
  let t: TestApp;
  let owner: string;
  let ledger: LedgerService;
  let totals: LedgerTotalsService;
  const ids: number[] = [];
  beforeAll(async () => {
    t = await startTestApp({ env: { OWNER_OPENIDS: `dev:${OWNER}`, JWT_ACCESS_TTL: String(30 * 86400) } });
    owner = (await t.devLogin(OWNER)).accessToken;
    ledger = t.app.get(LedgerService);
    totals = t.app.get(LedgerTotalsService);
    for (const name of ['负债甲', '负债乙']) ids.push((await t.devLogin(name)).member.id);
  });
  afterAll(() => t.close());

  const earn = (memberId: number, amount: number, source: 'purchase' | 'campaign', key: string, expiresAt?: Date) =>
    ledger.earn({ memberId, amount, source, key, ref: { type: 'test', id: key }, expiresAt });
  const report = async () => (await t.api('GET', '/api/admin/reports/liability', { token: owner })).body;

  it('sums each month: issued by source, spent by use, expired, reversed, breakage; the debt owed equals Σ available', async () => {
    // February, Shanghai time: 2026-02-28 23:30 is still February there (15:30 UTC).
    t.clock.set('2026-02-28T15:30:00.000Z');
    await earn(ids[0], 1_000, 'purchase', 'liab-a1');
    await earn(ids[1], 500, 'campaign', 'liab-b1', new Date('2026-03-05T15:59:59.999Z'));
    await ledger.spend({ memberId: ids[0], amount: 300, source: 'cash', key: 'liab-a-spend', ref: { type: 'test', id: 1 } });
    // 16:00 UTC is midnight in Shanghai: March from here.
    t.clock.set('2026-02-28T16:00:00.000Z');
    await ledger.spend({ memberId: ids[1], amount: 100, source: 'mall', key: 'liab-b-mall', ref: { type: 'test', id: 2 } });
    await ledger.reverse({ key: 'liab-a-back', entryKey: 'liab-a-spend', amount: 100 });
    t.clock.set('2026-03-06T00:00:00.000Z');
    await ledger.expireDue(t.clock.now()); // b's 400 left of the campaign lapse
    t.clock.advance(3 * 60_000);
    expect(await totals.fold()).toBeGreaterThanOrEqual(6);

    const r = await report();
    const sum = Number((await t.dataSource.query('SELECT SUM(available) AS n FROM points_accounts'))[0].n);
    expect(r.outstanding).toMatchObject({ points: sum, fen: sum });
    const feb = r.months.find((m: { month: string }) => m.month === '2026-02');
    const mar = r.months.find((m: { month: string }) => m.month === '2026-03');
    expect(feb).toMatchObject({ issued: { purchase: 1_000, campaign: 500 }, issuedTotal: 1_500, spent: { cash: 300 }, spentTotal: 300, expired: 0, breakagePermille: 0 });
    expect(mar).toMatchObject({ spent: { mall: 100 }, spentTotal: 100, expired: 400, reversed: 100, issuedTotal: 0, breakagePermille: null });
    expect(r.totalsUpTo).not.toBeNull();
  });

  it('folds each entry once, leaves the young for later, and two processes folding at once count the same', async () => {
    const before = await report();
    await earn(ids[0], 70, 'purchase', 'liab-young');
    expect(await totals.fold()).toBe(0); // younger than two minutes
    t.clock.advance(3 * 60_000);
    const second = await createApp(t.config, { clock: t.clock, logger: ['error'] });
    try {
      await earn(ids[1], 30, 'purchase', 'liab-young-2');
      t.clock.advance(3 * 60_000);
      const [a, b] = await Promise.all([totals.fold(), second.get(LedgerTotalsService).fold()]);
      expect(a + b).toBe(2);
    } finally {
      await second.close();
    }
    expect(await totals.fold()).toBe(0);
    const after = await report();
    const month = (r: { months: { month: string; issuedTotal: number }[] }) => r.months.find((m) => m.month === '2026-03')!.issuedTotal;
    expect(month(after) - month(before)).toBe(100);
    expect(after.outstanding.points - before.outstanding.points).toBe(100);
  });

  it('exports the monthly table as CSV for finance, and refuses shoppers', async () => {
    const res = await fetch(`${t.baseUrl}/api/admin/reports/liability.csv`, { headers: { authorization: `Bearer ${owner}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    const [header, ...lines] = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header.split(',')).toEqual(['月份', '发放·购物奖励', '发放·活动奖励', '发放合计', '使用·积分抵现', '使用·积分兑换', '使用合计', '过期', '退回净额', '沉淀率%']);
    expect(lines[1]).toBe('2026-02,1000,500,1500,300,0,300,0,0,0.0');
    const shopper = await t.devLogin('负债甲');
    expect((await t.api('GET', '/api/admin/reports/liability', { token: shopper.accessToken })).status).toBe(403);
  });
});
