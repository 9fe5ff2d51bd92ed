import { DEFAULT_RULES, type RulePreviewDto } from '@jifen/shared';
import { startTestApp, type TestApp } from '../support/app.js';
import { Category } from '../../src/catalog/category.entity.js';
import { Goods } from '../../src/catalog/goods.entity.js';
import { Sku } from '../../src/catalog/sku.entity.js';
import { Events } from '../../src/events/events.service.js';
import { Member } from '../../src/members/member.entity.js';
import { OrdersService } from '../../src/orders/orders.service.js';

/**
 * 预览影响 against a shop whose 30 days are known by hand: check-ins with streaks, a birthday
 * month and a 补签, two completed orders (one at 银卡), sign-ups and one invite, all made
 * through the API with the clock moved. Today is 2026-03-15, so the window is 02-13 … 03-14.
 */
describe('rules preview over the last 30 days', () => {
  let t: TestApp;
  let owner: string;
  let phone = 13_800_000_000;
  const ids: Record<string, number> = {};

  const on = (day: string) => t.clock.set(new Date(`${day}T02:00:00.000Z`)); // 10:00 in Shanghai
  const token = async (nickname: string) => (await t.devLogin(nickname)).accessToken;
  const call = async (nickname: string, method: string, path: string, body?: unknown) => {
    const res = await t.api(method, path, { token: await token(nickname), body });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    await t.app.get(Events).drain();
    return res.body;
  };
  const checkIns = async (nickname: string, days: string[]) => {
    for (const day of days) {
      on(day);
      await call(nickname, 'POST', '/api/checkin');
    }
  };
  const signUp = (nickname: string) => call(nickname, 'POST', '/api/me/phone/dev', { phone: String(phone++) });

  /** Buys one unit at `priceFen` and completes the order the same day. */
  const buy = async (nickname: string, skuId: number) => {
    const address = await call(nickname, 'POST', '/api/addresses', { name: '张三', phone: '13900000000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 1 号' });
    const order = await call(nickname, 'POST', '/api/orders', { lines: [{ skuId, quantity: 1 }], addressId: address.id });
    await call(nickname, 'POST', `/api/pay/sandbox/${order.id}`);
    await t.app.get(OrdersService).ship(order.id, { expressCompany: '顺丰', trackingNo: `SF${order.id}` });
    await call(nickname, 'POST', `/api/orders/${order.id}/confirm`);
  };
  const preview = (key: string, value: unknown, as = owner) => t.api('POST', `/api/admin/rules/${key}/preview`, { token: as, body: { value } });

  beforeAll(async () => {
    t = await startTestApp();
    on('2026-02-05');
    for (const nick of ['预览甲', '预览乙', '预览丙', '预览店主']) ids[nick] = (await t.devLogin(nick)).member.id;
    const members = t.dataSource.getRepository(Member);
    await members.update({ id: ids['预览店主'] }, { role: 'owner' });
    await members.update({ id: ids['预览乙'] }, { birthday: '1990-02-20' });
    await members.update({ id: ids['预览丙'] }, { tier: 'silver' });

    const now = t.clock.now();
    const category = await t.dataSource.getRepository(Category).save({ name: '预览', icon: '', sort: 1, hidden: false, createdAt: now, updatedAt: now });
    const goods = async (priceFen: number) => {
      const g = await t.dataSource.getRepository(Goods).save(t.dataSource.getRepository(Goods).create({
        categoryId: category.id, title: `预览商品${priceFen}`, subtitle: '', image: '/assets/goods/cup.png', priceFen, originalPriceFen: null,
        pointsPrice: null, stock: 10, sales: 0, status: 'on_sale', sort: 1, images: '[]', description: '', createdAt: now, updatedAt: now,
      } as Partial<Goods>));
      return (await t.dataSource.getRepository(Sku).save({ goodsId: g.id, name: '默认', priceFen, stock: 10, sales: 0, sort: 0, createdAt: now, updatedAt: now })).id;
    };
    const cup = await goods(12_345);
    const pot = await goods(10_000);

    await signUp('预览丙'); // before the window: its gift is not counted
    await checkIns('预览甲', ['2026-02-10', '2026-02-11']); // before the window
    on('2026-02-13');
    await signUp('预览甲');
    await checkIns('预览甲', ['2026-02-13', '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
    on('2026-02-16');
    await signUp('预览乙');
    await checkIns('预览乙', ['2026-02-20', '2026-02-21']);
    on('2026-02-23');
    await call('预览乙', 'POST', '/api/checkin/makeup', { day: '2026-02-22' });
    await checkIns('预览乙', ['2026-02-23', '2026-03-01']);
    await checkIns('预览甲', ['2026-03-14']);

    on('2026-02-25'); // 丁 arrives through 丙's link
    const code = (await call('预览丙', 'GET', '/api/invites/me')).code;
    await call('预览丁', 'POST', '/api/invites/visit', { code });
    await signUp('预览丁');
    on('2026-02-26');
    await buy('预览丙', cup);
    await buy('预览丁', pot);

    on('2026-03-15');
    owner = await token('预览店主');
  });
  afterAll(() => t.close());

  it('matches the hand-computed 30 days under a draft check-in rule', async () => {
    const res = await preview('checkin', { ...DEFAULT_RULES.checkin, basePoints: 20 });
    expect(res.status).toBe(200);
    const p = res.body as RulePreviewDto;
    expect([p.from, p.to]).toEqual(['2026-02-13', '2026-03-14']);
    const by = Object.fromEntries(p.sources.map((s) => [s.source, [s.events, s.actual, s.draft]]));
    // 甲: streak 1–7 (10,10,20,10,10,10,60) and 03-14 (10) = 140; at 20 a day: 20,20,30,20,20,20,70 + 20 = 220.
    // 乙: 02-20, 02-21 and 02-23 (streak 4 after the 补签) in the birthday month ×2: 20+20+20, 03-01: 10 = 70; at 20: 40+40+40+20 = 140.
    expect(by.checkin).toEqual([12, 210, 360]);
    expect(by.makeup).toEqual([1, 10, 20]);
    // 丙 at 银卡 ×1.2 on ¥123.45: 147; 丁 ¥100.00: 100.
    expect(by.purchase).toEqual([2, 247, 247]);
    // 丙 for 丁: sign-up +50, first order +200.
    expect(by.invite).toEqual([2, 250, 250]);
    // 甲, 乙, 丁 signed up in the window (丙 before it).
    expect(by.signup).toEqual([3, 300, 300]);
    expect([p.actual, p.draft, p.delta]).toEqual([1017, 1177, 160]);
    // Owed now: 甲 260 (20 before the window), 乙 70 + 10 − 20 (the 补签) + 100, 丙 147 + 100 + 250, 丁 100 + 100.
    expect([p.outstanding, p.outstandingAfter]).toEqual([1117, 1277]);
    expect(p.currentReplay).toBeNull();
    expect(p.notes).toEqual([]);
  });

  it('replays purchase points, tiers and the invite cap under their drafts', async () => {
    const earn = (await preview('earn', { pointsPerYuan: 2 })).body as RulePreviewDto;
    // 丙: ⌊123 × 2 × 1.2⌋ = 295; 丁: 200.
    expect(earn.sources.find((s) => s.source === 'purchase')).toMatchObject({ actual: 247, draft: 495 });
    expect(earn.delta).toBe(248);

    const tiers = DEFAULT_RULES.tiers.tiers.map((tier) => (tier.name === 'silver' ? { ...tier, multiplierPct: 150, minGrowth: 800 } : tier));
    const byTier = (await preview('tiers', { tiers })).body as RulePreviewDto;
    expect(byTier.sources.find((s) => s.source === 'purchase')).toMatchObject({ actual: 247, draft: 284 }); // 184 + 100
    expect(byTier.notes).toEqual(['按会员下单时的等级重算；门槛变化带来的升降级不在预览中']);

    const none = (await preview('invites', { ...DEFAULT_RULES.invites, monthlyCap: 0 })).body as RulePreviewDto;
    expect(none.sources.find((s) => s.source === 'invite')).toMatchObject({ events: 2, actual: 250, draft: 0 });
    const more = (await preview('invites', { ...DEFAULT_RULES.invites, signupPoints: 80, orderPoints: 300 })).body as RulePreviewDto;
    expect(more.sources.find((s) => s.source === 'invite')).toMatchObject({ actual: 250, draft: 380 });

    const capped = (await preview('ledger', { ...DEFAULT_RULES.ledger, dailyCap: 15, expiryMonths: 6 })).body as RulePreviewDto;
    // Every reward above 15 stops at 15: 甲 10,10,15,10,10,10,15,10 and 乙 15,15,15,10; each gift and invite reward 15.
    expect(capped.sources.find((s) => s.source === 'checkin')).toMatchObject({ actual: 210, draft: 145 });
    expect(capped.sources.find((s) => s.source === 'signup')).toMatchObject({ draft: 45 });
    expect(capped.sources.find((s) => s.source === 'invite')).toMatchObject({ draft: 30 });
    expect(capped.notes).toContain('有效期只决定今后获得的积分何时到期，不改变已发放的积分');
  });

  it('tells when the rules now would not have issued what was issued (a rule changed inside the window)', async () => {
    on('2026-03-10');
    const put = await t.api('PUT', '/api/admin/rules/signup', { token: await token('预览店主'), body: { value: { giftPoints: 150 }, note: '新人礼加码', baseVersion: null } });
    expect(put.status).toBe(200);
    on('2026-03-15');
    owner = await token('预览店主');
    const p = (await preview('checkin', DEFAULT_RULES.checkin)).body as RulePreviewDto;
    expect(p.sources.find((s) => s.source === 'signup')).toMatchObject({ actual: 300, draft: 450 });
    expect(p.currentReplay).toBe(p.draft);
    expect(p.delta).toBe(150);
  });

  it('refuses an incoherent draft with the field named, and shoppers', async () => {
    const bad = await preview('tiers', { tiers: DEFAULT_RULES.tiers.tiers.map((tier, i) => (i === 2 ? { ...tier, minGrowth: 100 } : tier)) });
    expect([bad.status, bad.body.code, bad.body.details?.field]).toEqual([400, 'VALIDATION_FAILED', 'tiers.2.minGrowth']);
    const shopper = await preview('checkin', DEFAULT_RULES.checkin, await token('预览甲'));
    expect(shopper.status).toBe(403);
    const missing = await t.api('POST', '/api/admin/rules/checkin/preview', { token: owner, body: {} });
    expect(missing.status).toBe(400);
    // A preview changes nothing, so it is not an operator action in the audit log.
    const logged = (await t.api('GET', '/api/admin/audit', { token: owner })).body as { action: string }[];
    expect(logged.map((e) => e.action)).toEqual(['PUT /api/admin/rules/:key']);
  });
});
