import { startTestApp, type TestApp } from '../support/app.js';
import { createApp } from '../../src/app.factory.js';
import { Category } from '../../src/catalog/category.entity.js';
import { Goods } from '../../src/catalog/goods.entity.js';
import { Sku } from '../../src/catalog/sku.entity.js';
import { CouponsService } from '../../src/coupons/coupons.service.js';
import { Events } from '../../src/events/events.service.js';
import { Jobs } from '../../src/jobs/jobs.service.js';
import { MallService } from '../../src/mall/mall.service.js';
import { MallCode, MallItem } from '../../src/mall/mall.entities.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { CheckinReminders } from '../../src/reminders/checkin-reminders.js';
import { ExpiryReminders } from '../../src/reminders/expiry-reminders.js';
import { PolicyNoticesService } from '../../src/reminders/policy-notices.service.js';

const OWNER = '店长';

/**
 * The reminders that jobs and events raise: 09:00 check-in reminders for those who asked, the
 * coupon scan, 积分到账 / 发货 / 邀请奖励 from the outbox, 兑换码 in 消息中心, 积分政策变更通知 to
 * everyone, 管理 → 消息's counts, and two processes running the jobs. The clock starts at
 * 10:00 in Shanghai on 2026-03-01.
 */
describe('reminder jobs and events', () => {
  let t: TestApp;
  let phone = 13_600_000_000;
  beforeAll(async () => {
    t = await startTestApp({ env: { OWNER_OPENIDS: `dev:${OWNER}`, JWT_ACCESS_TTL: String(30 * 86400) } });
  });
  afterAll(() => t.close());

  const member = async (name: string) => {
    const login = await t.devLogin(name);
    return { id: login.member.id as number, token: login.accessToken as string };
  };
  const notices = async (token: string) => (await t.api('GET', '/api/messages', { token })).body.items as { kind: string; title: string; body: string; page: string }[];
  const ofKind = async (token: string, kind: string) => (await notices(token)).filter((n) => n.kind === kind);
  const drain = () => t.app.get(Events).drain();

  it('asks for tomorrow\'s check-in reminder from H5 (no WeChat): turns the kind on and books the day; bad asks are refused', async () => {
    const a = await member('签到提醒甲');
    await t.api('PUT', '/api/reminders/settings', { token: a.token, body: { enabled: { checkin: false } } });
    const asked = await t.api('POST', '/api/reminders/consent', { token: a.token, body: { results: {}, asks: ['checkin'] } });
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ credits: {}, checkinReminderOn: '2026-03-02' });
    const settings = await t.api('GET', '/api/reminders/settings', { token: a.token });
    expect(settings.body.kinds.find((k: { kind: string }) => k.kind === 'checkin').enabled).toBe(true);
    for (const body of [{ results: {}, asks: ['spam'] }, { results: {} }, { results: {}, asks: 'checkin' }, { results: {}, asks: ['checkin'], memberId: 1 }]) {
      const res = await t.api('POST', '/api/reminders/consent', { token: a.token, body });
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('reminds at 09:00 only the members who asked and have not checked in yet, once', async () => {
    const asked = await member('签到提醒乙');
    const already = await member('签到提醒丙');
    const never = await member('签到提醒丁');
    // Yesterday's check-in makes today's reminder speak of the streak.
    expect((await t.api('POST', '/api/checkin', { token: asked.token })).status).toBe(200);
    for (const m of [asked, already]) await t.api('POST', '/api/reminders/consent', { token: m.token, body: { results: {}, asks: ['checkin'] } });
    t.clock.set('2026-03-02T00:30:00.000Z'); // 08:30 Shanghai
    expect((await t.api('POST', '/api/checkin', { token: already.token })).status).toBe(200);
    t.clock.set('2026-03-02T01:00:00.000Z'); // 09:00
    const job = t.app.get(CheckinReminders);
    expect(await job.run(t.clock.now())).toBeGreaterThanOrEqual(1);
    const [reminder] = await ofKind(asked.token, 'checkin');
    expect(reminder).toMatchObject({ title: '今天还没签到', page: 'pages/checkin/index' });
    expect(reminder.body).toContain('第 2 天');
    expect(await ofKind(already.token, 'checkin')).toEqual([]);
    expect(await ofKind(never.token, 'checkin')).toEqual([]);
    expect(await job.run(t.clock.now())).toBe(0); // an ask is used once
    t.clock.set('2026-03-03T01:00:00.000Z');
    expect(await job.run(t.clock.now())).toBe(0);
    expect(await ofKind(asked.token, 'checkin')).toHaveLength(1);
  });

  it('tells holders 3 days before a coupon lapses, one notice per member and day', async () => {
    t.clock.set('2026-03-10T02:00:00.000Z');
    const holder = await member('券快过期');
    const coupons = t.app.get(CouponsService);
    const now = t.clock.now();
    const tpl = await coupons.createTemplate({
      name: '满100减20', kind: 'threshold', thresholdFen: 10_000, amountFen: 2_000, scope: 'all', scopeIds: [], channel: 'targeted',
      validity: { type: 'fixed', startsAt: now.toISOString(), endsAt: '2026-03-13T10:00:00.000Z' }, total: null, perMember: 5,
    } as never);
    for (const n of [1, 2]) await coupons.grant({ memberId: holder.id, templateId: tpl.id, key: `expiring:${holder.id}:${n}`, channel: 'targeted' });
    const scan = t.app.get(ExpiryReminders);
    t.clock.set('2026-03-09T02:00:00.000Z');
    await scan.coupons(t.clock.now()); // four days ahead: not yet
    expect(await ofKind(holder.token, 'coupon_expiring')).toEqual([]);
    t.clock.set('2026-03-10T02:00:00.000Z');
    expect(await scan.coupons(t.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await scan.coupons(t.clock.now())).toBe(0);
    const [notice] = await ofKind(holder.token, 'coupon_expiring');
    expect(notice).toMatchObject({ title: '优惠券即将过期', page: 'pages/coupons/index' });
    expect(notice.body).toBe('满100减20 等 2 张优惠券将于 2026-03-13 过期，记得使用');
  });

  it('follows orders from the outbox: 发货通知 with company and number, 积分到账 on completion; replays add nothing', async () => {
    const shopper = await member('到账提醒');
    const owner = await member(OWNER);
    const now = t.clock.now();
    const category = await t.dataSource.getRepository(Category).save(t.dataSource.getRepository(Category).create({
      name: '提醒测试', icon: '', sort: 1, hidden: false, createdAt: now, updatedAt: now,
    } as Partial<Category>));
    const goods = await t.dataSource.getRepository(Goods).save(t.dataSource.getRepository(Goods).create({
      categoryId: category.id, title: '提醒测试商品', subtitle: '', image: '/assets/goods/cup.png', priceFen: 12_800, originalPriceFen: null,
      pointsPrice: null, stock: 0, sales: 0, status: 'on_sale', sort: 100, images: '[]', description: '', createdAt: now, updatedAt: now,
    } as Partial<Goods>));
    const [sku] = await t.dataSource.getRepository(Sku).save([t.dataSource.getRepository(Sku).create({
      goodsId: goods.id, name: '标准', priceFen: 12_800, stock: 5, sales: 0, sort: 0, createdAt: now, updatedAt: now,
    })]);
    const address = await t.api('POST', '/api/addresses', {
      token: shopper.token, body: { name: '张三', phone: '13900000000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 100 号' },
    });
    const order = await t.api('POST', '/api/orders', { token: shopper.token, body: { lines: [{ skuId: sku.id, quantity: 1 }], addressId: address.body.id } });
    expect(order.status).toBe(201);
    await t.api('POST', `/api/orders/${order.body.id}/pay`, { token: shopper.token });
    expect((await t.api('POST', `/api/pay/sandbox/${order.body.id}`, { token: shopper.token })).body.status).toBe('paid');
    const shipped = await t.api('POST', `/api/admin/orders/${order.body.id}/ship`, { token: owner.token, body: { expressCompany: '顺丰速运', trackingNo: 'SF1234567890' } });
    expect(shipped.body.status).toBe('shipped');
    await drain();
    const [ship] = await ofKind(shopper.token, 'order_shipped');
    expect(ship).toMatchObject({ title: '订单已发货', body: '提醒测试商品 已发货：顺丰速运 SF1234567890', page: `pages/order/index?id=${order.body.id}` });
    expect((await t.api('POST', `/api/orders/${order.body.id}/confirm`, { token: shopper.token })).body.status).toBe('completed');
    await drain();
    const [arrived] = await ofKind(shopper.token, 'points_arrived');
    expect(arrived).toMatchObject({ title: '积分已到账', page: 'pages/points/index' });
    expect(arrived.body).toBe(`订单确认收货，${order.body.earnPoints} 积分已到账，当前可用 ${order.body.earnPoints} 积分`);
    // The same events again (a crash before they were marked done): nothing new.
    await t.dataSource.query("UPDATE outbox SET status = 'pending', next_at = created_at WHERE topic IN ('order.shipped', 'order.completed')");
    await drain();
    expect(await ofKind(shopper.token, 'order_shipped')).toHaveLength(1);
    expect(await ofKind(shopper.token, 'points_arrived')).toHaveLength(1);
  });

  it('tells an inviter when a reward arrives, naming the friend', async () => {
    const inviter = await member('邀请提醒人');
    const friend = await member('被邀好友');
    const code = (await t.api('GET', '/api/invites/me', { token: inviter.token })).body.code;
    expect((await t.api('POST', '/api/invites/visit', { token: friend.token, body: { code } })).status).toBeLessThan(300);
    expect((await t.api('POST', '/api/me/phone/dev', { token: friend.token, body: { phone: String(phone++) } })).status).toBe(200);
    await drain();
    await drain();
    const [reward] = await ofKind(inviter.token, 'invite_reward');
    expect(reward).toMatchObject({ title: '邀请奖励到账', body: '被邀好友 注册成为会员，50 邀请奖励积分已到账', page: 'pages/invite/index' });
  });

  it('delivers a virtual item\'s code to 消息中心, once however often the request is retried', async () => {
    const buyer = await member('兑换码用户');
    await t.app.get(LedgerService).earn({ memberId: buyer.id, amount: 500, source: 'purchase', key: `grant-code-${buyer.id}`, ref: { type: 'test', id: 1 } });
    const now = t.clock.now();
    const item = await t.dataSource.getRepository(MallItem).save(t.dataSource.getRepository(MallItem).create({
      kind: 'virtual', title: '视频会员月卡', subtitle: '', image: '/assets/mall/vip.png', goodsId: null, points: 100, stock: 1,
      perMemberLimit: null, startsAt: null, endsAt: null, status: 'on', sort: 99, createdAt: now, updatedAt: now,
    }));
    await t.dataSource.getRepository(MallCode).insert({ itemId: item.id, code: 'VIP-2026-ABCD', createdAt: now });
    const mall = t.app.get(MallService);
    await mall.redeem(buyer.id, item.id, 'code-req-1');
    await mall.redeem(buyer.id, item.id, 'code-req-1');
    const codes = await ofKind(buyer.token, 'mall_code');
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ title: '兑换码已发放', body: '「视频会员月卡」的兑换码：VIP-2026-ABCD', page: 'pages/redemptions/index' });
  });

  it('sends an owner\'s 积分政策变更通知 to every member; refuses it too long, from an operator or a shopper', async () => {
    const owner = await member(OWNER);
    const shopper = await member('政策读者');
    const long = await t.api('POST', '/api/admin/reminders/policy', { token: owner.token, body: { title: '积'.repeat(21), summary: '内容' } });
    expect([long.status, long.body.code, long.body.message]).toEqual([400, 'VALIDATION_FAILED', 'title: 标题最多 20 个字']);
    const longSummary = await t.api('POST', '/api/admin/reminders/policy', { token: owner.token, body: { title: '规则调整', summary: '长'.repeat(301) } });
    expect([longSummary.status, longSummary.body.message]).toEqual([400, 'summary: 内容最多 300 个字']);
    const missing = await t.api('POST', '/api/admin/reminders/policy', { token: owner.token, body: { title: '规则调整' } });
    expect(missing.status).toBe(400);
    expect((await t.api('POST', '/api/admin/reminders/policy', { token: shopper.token, body: { title: '假通知', summary: '假' } })).status).toBe(403);
    const members = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM members'))[0].n);
    const sent = await t.api('POST', '/api/admin/reminders/policy', { token: owner.token, body: { title: '积分有效期调整', summary: '自 4 月 1 日起，积分有效期由 12 个月调整为 24 个月。' } });
    expect(sent.status).toBe(201);
    await t.app.get(PolicyNoticesService).fanOut();
    const list = await t.api('GET', '/api/admin/reminders/policy', { token: owner.token });
    expect(list.body[0]).toMatchObject({ title: '积分有效期调整', reached: members, done: true, operatorName: OWNER });
    // Off in 消息设置 still reaches 消息中心: a policy notice always does.
    await t.api('PUT', '/api/reminders/settings', { token: shopper.token, body: { enabled: { policy: false } } });
    const [notice] = await ofKind(shopper.token, 'policy');
    expect(notice).toMatchObject({ title: '积分有效期调整', body: '自 4 月 1 日起，积分有效期由 12 个月调整为 24 个月。' });
    expect(await t.app.get(PolicyNoticesService).fanOut()).toBe(0);
    expect(await ofKind(shopper.token, 'policy')).toHaveLength(1);
  });

  it('counts notices per kind and day in 管理 → 消息', async () => {
    const owner = await member(OWNER);
    const stats = await t.api('GET', '/api/admin/reminders/stats?days=31', { token: owner.token });
    expect(stats.status).toBe(200);
    const day = (d: string, kind: string) => stats.body.days.find((x: { day: string; kind: string }) => x.day === d && x.kind === kind);
    // 签到提醒甲 asked in the first test and never checked in.
    expect(day('2026-03-02', 'checkin')).toMatchObject({ notices: 2, queued: 0, sent: 0 });
    expect(day('2026-03-10', 'coupon_expiring').notices).toBe(1);
    expect(stats.body.templated).toEqual([]);
    expect((await t.api('GET', '/api/admin/reminders/stats?days=0', { token: owner.token })).status).toBe(400);
  });

  it('runs each reminder job once across two server processes on one database', async () => {
    const second = await createApp(t.config, { clock: t.clock, logger: ['error'] });
    try {
      const m = await member('两实例');
      await t.api('POST', '/api/reminders/consent', { token: m.token, body: { results: {}, asks: ['checkin'] } });
      t.clock.set('2026-03-11T01:00:30.000Z'); // 09:00 on the day after the ask
      const [a, b] = await Promise.all([t.app.get(Jobs).runDue(), second.get(Jobs).runDue()]);
      expect([...a, ...b].filter((name) => name === 'reminders.checkin')).toHaveLength(1);
      expect(await ofKind(m.token, 'checkin')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
