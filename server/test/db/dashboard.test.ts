import { startTestApp, type TestApp } from '../support/app.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { DailyMetricsService } from '../../src/reports/daily-metrics.service.js';
import { LedgerTotalsService } from '../../src/reports/ledger-totals.service.js';

const OWNER = '看板店长';

/**
 * 数据看板 on a hand-built fixture: each metric counted on its Shanghai day, with the day
 * changing at 16:00 UTC (a member who joins at 15:59:59 UTC belongs to the day before one who
 * joins at 16:00). Counts come from the job's table, points from the ledger's daily totals.
 */
describe('dashboard', () => {
  let t: TestApp;
  let owner: string;
  const at = (iso: string) => iso.replace('T', ' ').replace('Z', '');
  beforeAll(async () => {
    t = await startTestApp({ env: { OWNER_OPENIDS: `dev:${OWNER}`, JWT_ACCESS_TTL: String(30 * 86400) } });
    t.clock.set('2026-03-01T02:00:00.000Z'); // 10:00 on 03-01 in Shanghai
    owner = (await t.devLogin(OWNER)).accessToken;
  });
  afterAll(() => t.close());

  const member = async (name: string, createdAt: string) => {
    const login = await t.devLogin(name);
    await t.dataSource.query('UPDATE members SET created_at = ? WHERE id = ?', [at(createdAt), login.member.id]);
    return { id: login.member.id as number, token: login.accessToken as string };
  };
  let orderSeq = 0;
  const order = (memberId: number, payFen: number, paidAt: string, couponId: number | null = null) => t.dataSource.query(
    `INSERT INTO orders (order_no, member_id, status, source, goods_fen, coupon_id, pay_fen, address, request_key, paid_at, created_at, updated_at)
     VALUES (?, ?, 'paid', 'shop', ?, ?, ?, '{}', ?, ?, ?, ?)`,
    [`D${++orderSeq}`, memberId, payFen, couponId, payFen, `dash-${orderSeq}`, at(paidAt), at(paidAt), at(paidAt)]);

  it('counts each metric on its Shanghai day, the day turning at 16:00 UTC', async () => {
    const a = await member('看板甲', '2026-03-01T02:00:00.000Z');
    const b = await member('看板乙', '2026-03-01T15:59:59.000Z'); // 23:59:59 on 03-01
    const c = await member('看板丙', '2026-03-01T16:00:00.000Z'); // 00:00 on 03-02
    await t.dataSource.query('UPDATE members SET created_at = ? WHERE nickname = ?', [at('2026-02-01T02:00:00.000Z'), OWNER]);
    expect((await t.api('POST', '/api/checkin', { token: a.token })).status).toBe(200);
    t.clock.set('2026-03-01T16:30:00.000Z'); // 00:30 on 03-02
    expect((await t.api('POST', '/api/checkin', { token: b.token })).status).toBe(200);
    expect((await t.api('POST', '/api/checkin', { token: c.token })).status).toBe(200);
    await order(a.id, 12_800, '2026-03-01T15:59:00.000Z');
    await order(b.id, 5_000, '2026-03-01T16:01:00.000Z', 1);
    await t.dataSource.query(`INSERT INTO invites (inviter_id, invitee_id, status, points, opened_at, signed_up_at, ordered_at, rewarded_at)
      VALUES (?, ?, 'rewarded', 250, ?, ?, ?, ?)`, [a.id, c.id, at('2026-03-01T10:00:00.000Z'), at('2026-03-01T16:00:00.000Z'), at('2026-03-01T16:01:00.000Z'), at('2026-03-01T16:01:00.000Z')]);
    await t.app.get(LedgerService).spend({ memberId: a.id, amount: 5, source: 'mall', key: 'dash-spend', ref: { type: 'test', id: 1 } });
    t.clock.set('2026-03-02T02:00:00.000Z');
    await t.app.get(LedgerTotalsService).fold();
    expect(await t.app.get(DailyMetricsService).count()).toBeGreaterThanOrEqual(2);

    const res = await t.api('GET', '/api/admin/reports/dashboard?days=7', { token: owner });
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(7);
    const day = (d: string) => res.body.days.find((x: { day: string }) => x.day === d);
    expect(day('2026-03-01')).toMatchObject({
      newMembers: 2, members: 3, checkins: 1, checkinRatePermille: 333, activeMembers: 1, orders: 1, gmvFen: 12_800, couponGmvFen: 0,
      invitesOpened: 1, invitesSignedUp: 0, pointsIssued: 10,
    });
    expect(day('2026-03-02')).toMatchObject({
      newMembers: 1, members: 4, checkins: 2, checkinRatePermille: 500, activeMembers: 2, orders: 1, gmvFen: 5_000, couponGmvFen: 5_000,
      invitesSignedUp: 1, invitesOrdered: 1, invitesRewarded: 1, pointsIssued: 20, pointsSpent: 5,
    });
    expect(res.body.outstandingPoints).toBe(Number((await t.dataSource.query('SELECT SUM(available) AS n FROM points_accounts'))[0].n));
  });

  it('recounts only yesterday and today once it has run; bad ranges and shoppers are refused', async () => {
    expect(await t.app.get(DailyMetricsService).count()).toBe(2);
    expect((await t.api('GET', '/api/admin/reports/dashboard?days=8', { token: owner })).status).toBe(400);
    const shopper = await t.devLogin('看板甲');
    expect((await t.api('GET', '/api/admin/reports/dashboard', { token: shopper.accessToken })).status).toBe(403);
    expect((await t.api('GET', '/api/admin/reports/dashboard?days=90', { token: owner })).body.days).toHaveLength(90);
  });
});
