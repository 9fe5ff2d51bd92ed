import { shanghaiDay, addDays } from '@jifen/shared';
import { startTestApp, type TestApp } from '../support/app.js';
import { Member } from '../../src/members/member.entity.js';
import { PointsEntry } from '../../src/ledger/ledger.entities.js';
import { Campaign } from '../../src/campaigns/campaign.entity.js';
import { Banner } from '../../src/campaigns/banner.entity.js';

/** 管理 → 活动 / 横幅: a campaign an operator sets up is what a paid order earns, and its banner lives as long as it runs. */
describe('campaigns and banners run by operators', () => {
  let t: TestApp;
  let op: string;
  let goodsId: number;
  let otherGoodsId: number;
  let skuId: number;
  let otherSkuId: number;
  beforeAll(async () => {
    t = await startTestApp();
    const login = await t.devLogin('活动运营');
    await t.dataSource.getRepository(Member).update({ id: login.member.id }, { role: 'operator' });
    op = login.accessToken;
    const category = (await t.api('POST', '/api/admin/catalog/categories', { token: op, body: { name: '活动分类' } })).body;
    const make = async (title: string) => (await t.api('POST', '/api/admin/catalog/goods', {
      token: op, body: { categoryId: category.id, title, images: ['/assets/goods/cup.png'], skus: [{ name: '默认', priceFen: 10_000, stock: 100 }] },
    })).body;
    const cup = await make('活动杯');
    const pot = await make('普通壶');
    [goodsId, skuId, otherGoodsId, otherSkuId] = [cup.id, cup.skus[0].id, pot.id, pot.skus[0].id];
  });
  afterAll(() => t.close());

  const today = () => shanghaiDay(t.clock.now());
  const campaign = (fields: Record<string, unknown>) => ({
    name: '双倍积分日', kind: 'multiplier', multiplierPct: 200, bonusPoints: 0, goodsIds: [], startsOn: today(), endsOn: today(), weekdays: [], daysOfMonth: [], ...fields,
  });
  const create = (body: Record<string, unknown>) => t.api('POST', '/api/admin/campaigns', { token: op, body });
  async function buy(nickname: string, lines: { skuId: number; quantity: number }[]) {
    const login = await t.devLogin(nickname);
    const address = await t.api('POST', '/api/addresses', {
      token: login.accessToken, body: { name: '张三', phone: '13900000000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 100 号' },
    });
    const quote = await t.api('POST', '/api/checkout/quote', { token: login.accessToken, body: { lines } });
    const order = await t.api('POST', '/api/orders', { token: login.accessToken, body: { lines, addressId: address.body.id } });
    expect(order.status).toBe(201);
    const paid = await t.api('POST', `/api/pay/sandbox/${order.body.id}`, { token: login.accessToken });
    expect(paid.body.status).toBe('paid');
    const pending = await t.dataSource.getRepository(PointsEntry).findOneByOrFail({ memberId: login.member.id, source: 'purchase' });
    return { quoted: quote.body.earnPoints as number, campaign: [quote.body.campaignPct, quote.body.campaignBonus], earned: paid.body.earnPoints as number, pending: pending.pendingDelta };
  }

  it('a ×2 campaign for today doubles a paid order\'s pending points and its banner shows; once it ends, both are gone', async () => {
    expect(await buy('平日顾客', [{ skuId, quantity: 1 }])).toEqual({ quoted: 100, campaign: [100, 0], earned: 100, pending: 100 });

    const double = await create(campaign({}));
    expect(double.status).toBe(201);
    expect(double.body).toMatchObject({ state: 'running', activeToday: true, summary: '活动期间 下单积分×2', status: 'on', version: 1 });
    const banner = await t.api('POST', '/api/admin/banners', {
      token: op, body: { title: '今日双倍积分', image: '/assets/banners/double-points.png', link: { kind: 'campaign', campaignId: double.body.id } },
    });
    expect(banner.body).toMatchObject({ live: true, linkLabel: '活动 双倍积分日' });
    const shown = (await t.api('GET', '/api/banners')).body;
    expect(shown).toEqual([{ id: banner.body.id, title: '今日双倍积分', image: '/assets/banners/double-points.png', link: { kind: 'campaign', campaignId: double.body.id } }]);
    expect((await t.api('GET', '/api/campaigns')).body.map((c: { id: number }) => c.id)).toEqual([double.body.id]);

    expect(await buy('活动日顾客', [{ skuId, quantity: 1 }])).toEqual({ quoted: 200, campaign: [200, 0], earned: 200, pending: 200 });

    // The next Shanghai day the campaign has ended: no banner, no double points.
    t.clock.set(new Date(`${addDays(today(), 1)}T02:00:00+08:00`));
    op = (await t.devLogin('活动运营')).accessToken; // the old token expired overnight
    expect((await t.api('GET', '/api/banners')).body).toEqual([]);
    const ended = await t.api('GET', '/api/admin/campaigns?state=ended', { token: op });
    expect(ended.body.map((c: { id: number }) => c.id)).toContain(double.body.id);
    expect((await t.api('GET', '/api/admin/banners', { token: op })).body[0]).toMatchObject({ id: banner.body.id, live: false });
    expect(await buy('次日顾客', [{ skuId, quantity: 1 }])).toEqual({ quoted: 100, campaign: [100, 0], earned: 100, pending: 100 });
  });

  it('a member day on Fridays and bonus points on chosen goods; switched off, they give nothing', async () => {
    // 2026-01-02 is a Friday in Shanghai.
    t.clock.set('2026-01-01T08:00:00Z');
    op = (await t.devLogin('活动运营')).accessToken;
    const friday = await create(campaign({ name: '周五会员日', multiplierPct: 150, startsOn: '2026-01-01', endsOn: '2026-12-31', weekdays: [5] }));
    const bonus = await create(campaign({ name: '杯子加赠', kind: 'bonus', multiplierPct: 100, bonusPoints: 30, goodsIds: [goodsId], startsOn: '2026-01-01', endsOn: '2026-01-31' }));
    expect(friday.body).toMatchObject({ state: 'running', activeToday: false, summary: '每周五 下单积分×1.5' });
    expect(bonus.body).toMatchObject({ activeToday: true, summary: '活动期间 指定商品每件 +30 积分' });
    // Thursday: the bonus only, per unit of the chosen goods.
    expect(await buy('周四顾客', [{ skuId, quantity: 2 }, { skuId: otherSkuId, quantity: 1 }])).toMatchObject({ earned: 300 + 60, campaign: [100, 60] });
    t.clock.set('2026-01-02T08:00:00Z');
    op = (await t.devLogin('活动运营')).accessToken;
    expect(await buy('周五顾客', [{ skuId, quantity: 2 }, { skuId: otherSkuId, quantity: 1 }])).toMatchObject({ earned: 450 + 60, campaign: [150, 60] });
    const off = await t.api('POST', `/api/admin/campaigns/${bonus.body.id}/status`, { token: op, body: { status: 'off', version: 1 } });
    expect(off.body).toMatchObject({ status: 'off', activeToday: false });
    expect(await buy('关闭后顾客', [{ skuId, quantity: 2 }])).toMatchObject({ earned: 300, campaign: [150, 0] });
    const stale = await t.api('POST', `/api/admin/campaigns/${bonus.body.id}/status`, { token: op, body: { status: 'on', version: 1 } });
    expect([stale.status, stale.body.code]).toEqual([409, 'CONFLICT']);
    expect(otherGoodsId).toBeGreaterThan(0);
    const upcoming = await create(campaign({ name: '春节', startsOn: '2026-02-16', endsOn: '2026-02-22' }));
    const listed = (await t.api('GET', '/api/admin/campaigns?state=upcoming', { token: op })).body.map((c: { id: number }) => c.id);
    expect(listed).toContain(upcoming.body.id);
    expect(listed).not.toContain(friday.body.id);
    expect((await t.api('GET', '/api/campaigns')).body.map((c: { name: string }) => c.name)).toEqual(['周五会员日']);
  });

  it('refuses incoherent campaigns and banners with the field named, changing nothing', async () => {
    const before = [await t.dataSource.getRepository(Campaign).count(), await t.dataSource.getRepository(Banner).count()];
    const cases: [Record<string, unknown>, string][] = [
      [campaign({ startsOn: '2026-03-10', endsOn: '2026-03-01' }), 'endsOn'],
      [campaign({ startsOn: '2026-02-30' }), 'startsOn'],
      [campaign({ multiplierPct: 100 }), 'multiplierPct'],
      [campaign({ multiplierPct: 1.5 }), 'multiplierPct'],
      [campaign({ multiplierPct: 5000 }), 'multiplierPct'],
      [campaign({ weekdays: [0] }), 'weekdays'],
      [campaign({ weekdays: [5, 5] }), 'weekdays'],
      [campaign({ daysOfMonth: [32] }), 'daysOfMonth'],
      [campaign({ weekdays: [5], daysOfMonth: [8] }), 'daysOfMonth'],
      [campaign({ kind: 'bonus', bonusPoints: 0, goodsIds: [goodsId] }), 'bonusPoints'],
      [campaign({ kind: 'bonus', bonusPoints: 10, goodsIds: [] }), 'goodsIds'],
      [campaign({ kind: 'bonus', bonusPoints: 10, goodsIds: [999_999] }), 'goodsIds'],
      [campaign({ kind: 'bonus', bonusPoints: -5, goodsIds: [goodsId] }), 'bonusPoints'],
      [campaign({ name: '' }), 'name'],
      [campaign({ kind: 'lottery' }), 'kind'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect([field, res.status, res.body.code]).toEqual([field, 400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    const banners: [Record<string, unknown>, string][] = [
      [{ title: '坏链接', image: '/assets/banners/new-member.png', link: { kind: 'page', page: 'admin' } }, 'link.page'],
      [{ title: '坏链接', image: '/assets/banners/new-member.png', link: { kind: 'page' } }, 'link.page'],
      [{ title: '坏链接', image: '/assets/banners/new-member.png', link: { kind: 'goods', goodsId: 999_999 } }, 'link.goodsId'],
      [{ title: '坏链接', image: '/assets/banners/new-member.png', link: { kind: 'campaign', campaignId: 999_999 } }, 'link.campaignId'],
      [{ title: '外链图', image: 'https://evil.example/x.png', link: { kind: 'none' } }, 'image'],
    ];
    for (const [body, field] of banners) {
      const res = await t.api('POST', '/api/admin/banners', { token: op, body });
      expect([field, res.status]).toEqual([field, 400]);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    expect([await t.dataSource.getRepository(Campaign).count(), await t.dataSource.getRepository(Banner).count()]).toEqual(before);
  });

  it('orders and removes banners; a page banner always shows', async () => {
    const a = (await t.api('POST', '/api/admin/banners', { token: op, body: { title: '签到', image: '/assets/banners/new-member.png', link: { kind: 'page', page: 'checkin' } } })).body;
    const b = (await t.api('POST', '/api/admin/banners', { token: op, body: { title: '好杯', image: '/assets/banners/new-member.png', link: { kind: 'goods', goodsId } } })).body;
    const all = (await t.api('GET', '/api/admin/banners', { token: op })).body.map((x: { id: number }) => x.id);
    const reordered = await t.api('PUT', '/api/admin/banners/order', { token: op, body: { ids: [b.id, ...all.filter((id: number) => id !== b.id)] } });
    expect(reordered.body[0]).toMatchObject({ id: b.id, linkLabel: '商品 活动杯', live: true });
    expect((await t.api('GET', '/api/banners')).body.slice(0, 2).map((x: { title: string }) => x.title)).toEqual(['好杯', '签到']);
    expect((await t.api('DELETE', `/api/admin/banners/${a.id}`, { token: op })).status).toBe(204);
    expect((await t.api('DELETE', `/api/admin/banners/${a.id}`, { token: op })).status).toBe(404);
    expect((await t.api('GET', '/api/banners')).body.map((x: { id: number }) => x.id)).not.toContain(a.id);
  });
});
