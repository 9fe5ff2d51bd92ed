import { startTestApp, type TestApp } from '../support/app.js';
import { Events } from '../../src/events/events.service.js';
import { Db } from '../../src/common/db.js';
import { TiersService } from '../../src/tiers/tiers.service.js';
import { Member } from '../../src/members/member.entity.js';

describe('tiers', () => {
  let t: TestApp;
  let order = 0;
  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_ACCESS_TTL: String(30 * 86400) } });
  });
  afterAll(() => t.close());

  const complete = async (memberId: number, paidFen: number, id = ++order) => {
    const events = t.app.get(Events);
    await t.app.get(Db).unit((m) => events.emit('order.completed', { orderId: id, memberId, paidFen, at: t.clock.now().toISOString() }));
    await events.drain();
  };
  const tierOf = async (id: number) => (await t.dataSource.getRepository(Member).findOneByOrFail({ id })).tier;

  it('raises the tier when an order completes and shows the progress', async () => {
    t.clock.set('2026-03-10T02:00:00Z');
    const login = await t.devLogin('升级');
    await complete(login.member.id, 49_999); // 499 yuan
    expect(await tierOf(login.member.id)).toBe('normal');
    const info = await t.api('GET', '/api/me/tier', { token: login.accessToken });
    expect(info.body).toMatchObject({ tier: 'normal', growth: 499, next: { tier: 'silver', label: '银卡会员', need: 1 } });
    await complete(login.member.id, 100);
    expect(await tierOf(login.member.id)).toBe('silver');
    await complete(login.member.id, 100, order); // the same order again: counted once
    const silver = await t.api('GET', '/api/me/tier', { token: login.accessToken });
    expect(silver.body).toMatchObject({ tier: 'silver', label: '银卡会员', growth: 500, multiplierPct: 120, next: { tier: 'gold', need: 1500 } });
    expect(silver.body.benefits[0]).toBe('每消费 1 元得 1.2 积分');
  });

  it('lowers only at the monthly review once orders leave the 12-month window', async () => {
    t.clock.set('2026-04-15T02:00:00Z');
    const login = await t.devLogin('降级');
    await complete(login.member.id, 200_000); // 2,000 yuan: 金卡
    expect(await tierOf(login.member.id)).toBe('gold');
    const tiers = t.app.get(TiersService);
    t.clock.set('2027-04-20T02:00:00Z'); // the order left the window, mid-month
    await tiers.review();
    expect(await tierOf(login.member.id)).toBe('gold');
    t.clock.set('2027-04-30T17:00:00Z'); // 05-01 01:00 in Shanghai: the monthly review
    expect((await tiers.review()).lowered).toBeGreaterThanOrEqual(1); // with the member of the test before
    expect(await tierOf(login.member.id)).toBe('normal');
  });
});
