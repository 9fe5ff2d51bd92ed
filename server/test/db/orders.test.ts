import { startTestApp, type TestApp } from '../support/app.js';
import { loadConfig } from '../../src/config/config.js';
import { Goods } from '../../src/catalog/goods.entity.js';
import { Sku } from '../../src/catalog/sku.entity.js';
import { CouponsService } from '../../src/coupons/coupons.service.js';
import { Coupon } from '../../src/coupons/coupon.entities.js';
import { Events } from '../../src/events/events.service.js';
import { LedgerAudit } from '../../src/ledger/ledger-audit.service.js';
import { LedgerQueries } from '../../src/ledger/ledger-queries.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { Order } from '../../src/orders/order.entities.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { TiersService } from '../../src/tiers/tiers.service.js';

/** Orders end to end over HTTP, paid through the sandbox (no merchant configured). */
describe('orders', () => {
  let t: TestApp;
  let goodsSeq = 0;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  const grant = (memberId: number, amount: number) =>
    t.app.get(LedgerService).earn({ memberId, amount, source: 'purchase', key: `grant-${memberId}-${Math.random()}`, ref: { type: 'test', id: 1 } });
  const balance = (memberId: number) => t.app.get(LedgerQueries).balance(memberId);

  /** A goods row with SKUs of the given prices and stock, in the first demo category. */
  async function goods(prices: number[], stock = 50, categoryId = 1) {
    const now = t.clock.now();
    const g = await t.dataSource.getRepository(Goods).save(t.dataSource.getRepository(Goods).create({
      categoryId, title: `测试商品${++goodsSeq}`, subtitle: '', image: '/assets/goods/cup.png', priceFen: Math.min(...prices), originalPriceFen: null,
      pointsPrice: null, stock: 0, sales: 0, status: 'on_sale', sort: 100, images: '[]', description: '', createdAt: now, updatedAt: now,
    } as Partial<Goods>));
    const skus = await t.dataSource.getRepository(Sku).save(prices.map((priceFen, i) => t.dataSource.getRepository(Sku).create({
      goodsId: g.id, name: `规格${i + 1}`, priceFen, stock, sales: 0, sort: i, createdAt: now, updatedAt: now,
    })));
    return { goods: g, skus };
  }

  async function shopper(nickname: string, points = 0) {
    const login = await t.devLogin(nickname);
    if (points) await grant(login.member.id, points);
    const address = await t.api('POST', '/api/addresses', {
      token: login.accessToken, body: { name: '张三', phone: '13900000000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 100 号' },
    });
    expect(address.status).toBeLessThan(300);
    return { id: login.member.id, token: login.accessToken, addressId: address.body.id as number };
  }

  async function template(fields: Record<string, unknown>) {
    const t0 = t.clock.now();
    return t.app.get(CouponsService).createTemplate({
      name: '测试券', kind: 'threshold', thresholdFen: 10_000, amountFen: 2_000, scope: 'all', scopeIds: [], channel: 'targeted',
      validity: { type: 'fixed', startsAt: new Date(t0.getTime() - 3600_000).toISOString(), endsAt: new Date(t0.getTime() + 30 * 86400_000).toISOString() },
      total: null, perMember: 5, ...fields,
    } as never);
  }
  const give = async (memberId: number, templateId: number) =>
    t.app.get(CouponsService).grant({ memberId, templateId, key: `test:${memberId}:${templateId}:${Math.random()}`, channel: 'targeted' });

  it('prices on the server: coupon, points as cash capped at 50% in steps of 100, and refuses client prices', async () => {
    const me = await shopper('算价', 100_000);
    const { skus } = await goods([6_000, 9_900]);
    const tpl = await template({ thresholdFen: 10_000, amountFen: 2_000 });
    const coupon = await give(me.id, tpl.id);
    const lines = [{ skuId: skus[0].id, quantity: 1 }, { skuId: skus[1].id, quantity: 1 }];

    const best = await t.api('POST', '/api/checkout/quote', { token: me.token, body: { lines, points: 500 } });
    expect(best.status).toBe(200);
    expect(best.body).toMatchObject({ goodsFen: 15_900, couponId: coupon.id, couponFen: 2_000, points: 500, pointsFen: 500, payFen: 13_400, maxPoints: 7_900 });
    expect(best.body.earnPoints).toBe(134); // 1 point a whole yuan paid, normal tier

    const none = await t.api('POST', '/api/checkout/quote', { token: me.token, body: { lines, couponId: null } });
    expect(none.body).toMatchObject({ couponId: null, couponFen: 0, payFen: 15_900 });

    const cases: [unknown, number, string][] = [
      [{ lines, points: 550 }, 400, 'POINTS_NOT_STEP'],
      [{ lines, points: 8_000 }, 409, 'POINTS_OVER_CAP'],
      [{ lines, points: -100 }, 400, 'VALIDATION_FAILED'],
      [{ lines, payFen: 1 }, 400, 'VALIDATION_FAILED'],
      [{ lines: [{ skuId: skus[0].id, quantity: 1, priceFen: 1 }] }, 400, 'VALIDATION_FAILED'],
      [{ lines: [] }, 400, 'VALIDATION_FAILED'],
      [{ lines: [{ skuId: 999_999, quantity: 1 }] }, 404, 'GOODS_NOT_FOUND'],
      [{ lines: [{ skuId: skus[0].id, quantity: 51 }] }, 409, 'STOCK_INSUFFICIENT'],
      [{ lines: [{ skuId: skus[0].id, quantity: 1 }], couponId: coupon.id }, 409, 'COUPON_NOT_USABLE'], // ¥60 < ¥100
    ];
    for (const [body, status, code] of cases) {
      const r = await t.api('POST', '/api/checkout/quote', { token: me.token, body });
      expect([r.status, r.body.code]).toEqual([status, code]);
    }
  });

  it('never lets coupon and points exceed the goods amount', async () => {
    const me = await shopper('大额券', 100_000);
    const { skus } = await goods([1_000]);
    const tpl = await template({ kind: 'no_threshold', thresholdFen: 0, amountFen: 5_000 });
    await give(me.id, tpl.id);
    const q = await t.api('POST', '/api/checkout/quote', { token: me.token, body: { lines: [{ skuId: skus[0].id, quantity: 1 }] } });
    expect(q.body).toMatchObject({ goodsFen: 1_000, couponFen: 1_000, maxPoints: 0, payFen: 0 });
  });

  it('walks the loop: order reserves, sandbox pays (points pending), ships, confirms (points available)', async () => {
    const me = await shopper('全流程', 2_000);
    const { skus } = await goods([12_800], 5);
    const tpl = await template({ thresholdFen: 10_000, amountFen: 1_000 });
    const coupon = await give(me.id, tpl.id);
    const headers = { 'idempotency-key': 'checkout-0001' };
    const body = { lines: [{ skuId: skus[0].id, quantity: 1 }], points: 500, addressId: me.addressId };
    const created = await t.api('POST', '/api/orders', { token: me.token, body, headers });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', goodsFen: 12_800, couponFen: 1_000, points: 500, payFen: 11_300, earnPoints: 113 });
    expect(created.body.address).toEqual({ name: '张三', phone: '13900000000', full: '上海市上海市浦东新区世纪大道 100 号' });
    const again = await t.api('POST', '/api/orders', { token: me.token, body, headers });
    expect(again.body.id).toBe(created.body.id);
    expect((await t.dataSource.getRepository(Sku).findOneByOrFail({ id: skus[0].id })).stock).toBe(4);
    expect((await t.dataSource.getRepository(Coupon).findOneByOrFail({ id: coupon.id })).state).toBe('locked');
    expect((await balance(me.id)).available).toBe(1_500);

    const pay = await t.api('POST', `/api/orders/${created.body.id}/pay`, { token: me.token });
    expect(pay.body).toEqual({ mode: 'sandbox' });
    const paid = await t.api('POST', `/api/pay/sandbox/${created.body.id}`, { token: me.token });
    expect(paid.body).toMatchObject({ status: 'paid', payChannel: 'sandbox', earnState: 'pending' });
    expect(await balance(me.id)).toMatchObject({ available: 1_500, pending: 113 });
    expect((await t.dataSource.getRepository(Coupon).findOneByOrFail({ id: coupon.id })).state).toBe('used');

    const shopper2 = await shopper('旁人');
    expect((await t.api('GET', `/api/orders/${created.body.id}`, { token: shopper2.token })).status).toBe(404);
    expect((await t.api('POST', `/api/admin/orders/${created.body.id}/ship`, { token: me.token, body: { expressCompany: '顺丰', trackingNo: 'SF1234567890' } })).status).toBe(403);

    const operator = await t.api('POST', '/api/auth/dev', { body: { nickname: '运营小美' } });
    const shipped = await t.api('POST', `/api/admin/orders/${created.body.id}/ship`, { token: operator.body.accessToken, body: { expressCompany: '顺丰', trackingNo: 'SF1234567890' } });
    expect(shipped.body).toMatchObject({ status: 'shipped', trackingNo: 'SF1234567890' });
    const confirmed = await t.api('POST', `/api/orders/${created.body.id}/confirm`, { token: me.token });
    expect(confirmed.body).toMatchObject({ status: 'completed', earnState: 'confirmed' });
    expect(await balance(me.id)).toMatchObject({ available: 1_613, pending: 0 });
    expect((await t.api('POST', `/api/orders/${created.body.id}/confirm`, { token: me.token })).body.code).toBe('ORDER_STATE');
    expect((await t.app.get(LedgerAudit).run()).drifts).toEqual([]);
  });

  it('closes unpaid orders after 15 minutes and gives back stock, coupon and points', async () => {
    const me = await shopper('超时', 1_000);
    const { skus } = await goods([20_000], 3);
    const tpl = await template({ thresholdFen: 10_000, amountFen: 2_000 });
    const coupon = await give(me.id, tpl.id);
    const order = await t.api('POST', '/api/orders', { token: me.token, body: { lines: [{ skuId: skus[0].id, quantity: 2 }], points: 1_000, addressId: me.addressId } });
    expect(order.body).toMatchObject({ status: 'pending', couponId: coupon.id, points: 1_000 });
    const orders = t.app.get(OrdersService);
    t.clock.advance(14 * 60_000);
    expect(await orders.closeExpired()).toBe(0);
    t.clock.advance(60_000);
    expect(await orders.closeExpired()).toBe(1);
    const closed = await t.api('GET', `/api/orders/${order.body.id}`, { token: me.token });
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: '超时未支付' });
    expect((await t.dataSource.getRepository(Sku).findOneByOrFail({ id: skus[0].id })).stock).toBe(3);
    expect((await t.dataSource.getRepository(Coupon).findOneByOrFail({ id: coupon.id })).state).toBe('available');
    expect((await balance(me.id)).available).toBe(1_000);
    expect((await t.api('POST', `/api/pay/sandbox/${order.body.id}`, { token: me.token })).body.code).toBe('ORDER_STATE');
    expect(await orders.closeExpired()).toBe(0);
  });

  it('completes shipped orders after 7 days and tells invites and tiers', async () => {
    const me = await shopper('自动收货');
    const { skus } = await goods([5_000]);
    const order = await t.api('POST', '/api/orders', { token: me.token, body: { lines: [{ skuId: skus[0].id, quantity: 1 }], addressId: me.addressId } });
    await t.api('POST', `/api/pay/sandbox/${order.body.id}`, { token: me.token });
    await t.app.get(OrdersService).ship(order.body.id, { expressCompany: '中通', trackingNo: 'ZT000001' });
    const orders = t.app.get(OrdersService);
    t.clock.advance(7 * 86400_000 - 60_000);
    expect(await orders.completeDue()).toBe(0);
    t.clock.advance(60_000);
    expect(await orders.completeDue()).toBe(1);
    expect((await balance(me.id)).available).toBe(50);
    await t.app.get(Events).drain();
    expect(await t.app.get(TiersService).growth(me.id)).toBe(50);
  });

  it('lets one of two concurrent orders have a coupon and the last unit of stock', async () => {
    const me = await shopper('抢券', 0);
    const { skus } = await goods([15_000], 1);
    const tpl = await template({ thresholdFen: 10_000, amountFen: 2_000 });
    const coupon = await give(me.id, tpl.id);
    const attempts = await Promise.all(Array.from({ length: 6 }, () =>
      t.api('POST', '/api/orders', { token: me.token, body: { lines: [{ skuId: skus[0].id, quantity: 1 }], couponId: coupon.id, addressId: me.addressId } })));
    expect(attempts.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of attempts.filter((r) => r.status !== 201)) expect(['STOCK_INSUFFICIENT', 'COUPON_NOT_USABLE']).toContain(r.body.code);
    expect((await t.dataSource.getRepository(Sku).findOneByOrFail({ id: skus[0].id })).stock).toBe(0);

    // A coupon shared by two orders of different goods: one wins.
    const a = await goods([15_000], 10);
    const coupon2 = await give(me.id, tpl.id);
    const race = await Promise.all([0, 1].map(() =>
      t.api('POST', '/api/orders', { token: me.token, body: { lines: [{ skuId: a.skus[0].id, quantity: 1 }], couponId: coupon2.id, addressId: me.addressId } })));
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await t.dataSource.getRepository(Order).countBy({ couponId: coupon2.id })).toBe(1);
    expect((await t.dataSource.getRepository(Sku).findOneByOrFail({ id: a.skus[0].id })).stock).toBe(9);
  });

  it('refuses another member\'s coupon and address, changing nothing', async () => {
    const me = await shopper('我的券');
    const other = await shopper('别人的券');
    const { skus } = await goods([20_000], 5);
    const tpl = await template({});
    const theirs = await give(other.id, tpl.id);
    const r1 = await t.api('POST', '/api/orders', { token: me.token, body: { lines: [{ skuId: skus[0].id, quantity: 1 }], couponId: theirs.id, addressId: me.addressId } });
    expect([r1.status, r1.body.code]).toEqual([409, 'COUPON_NOT_USABLE']);
    const r2 = await t.api('POST', '/api/orders', { token: me.token, body: { lines: [{ skuId: skus[0].id, quantity: 1 }], addressId: other.addressId } });
    expect([r2.status, r2.body.code]).toEqual([404, 'ADDRESS_NOT_FOUND']);
    expect((await t.dataSource.getRepository(Sku).findOneByOrFail({ id: skus[0].id })).stock).toBe(5);
    expect(await t.dataSource.getRepository(Order).countBy({ memberId: me.id })).toBe(0);
  });

  it('has no sandbox pay in production unless switched on', async () => {
    const prod = await startTestApp({ env: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), OPEN_API_SECRET_KEY: 'y'.repeat(40), SEED_DEMO: '0' } });
    try {
      expect(prod.config.paySandbox).toBe(false);
      expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), OPEN_API_SECRET_KEY: 'y'.repeat(40), PAY_SANDBOX: '1', DATABASE_URL: 'sqlite::memory:' }).paySandbox).toBe(true);
    } finally {
      await prod.close();
    }
  });

  it('pays nothing when coupon and points cover it all', async () => {
    const me = await shopper('零元', 10_000);
    const { skus } = await goods([1_000]);
    const tpl = await template({ kind: 'no_threshold', thresholdFen: 0, amountFen: 500 });
    await give(me.id, tpl.id);
    const order = await t.api('POST', '/api/orders', { token: me.token, body: { lines: [{ skuId: skus[0].id, quantity: 1 }], points: 500, addressId: me.addressId } });
    expect(order.body).toMatchObject({ status: 'paid', payFen: 0, payChannel: 'none', couponFen: 500, points: 500 });
  });

  it('refunds per line and in full: points as cash back, purchase points taken back pro rata, the coupon back at the end', async () => {
    const me = await shopper('退款', 5_000);
    const { skus } = await goods([10_000, 5_000], 10);
    const tpl = await template({ thresholdFen: 10_000, amountFen: 3_000 });
    const coupon = await give(me.id, tpl.id);
    const order = await t.api('POST', '/api/orders', {
      token: me.token, body: { lines: [{ skuId: skus[0].id, quantity: 2 }, { skuId: skus[1].id, quantity: 1 }], points: 2_000, addressId: me.addressId },
    });
    // goods 25,000 − coupon 3,000 − points 2,000 = 20,000 fen: 200 purchase points.
    expect(order.body).toMatchObject({ goodsFen: 25_000, couponFen: 3_000, payFen: 20_000, earnPoints: 200 });
    await t.api('POST', `/api/pay/sandbox/${order.body.id}`, { token: me.token });
    await t.app.get(OrdersService).ship(order.body.id, { expressCompany: '顺丰', trackingNo: 'SF0000001' });
    await t.api('POST', `/api/orders/${order.body.id}/confirm`, { token: me.token });
    expect(await balance(me.id)).toMatchObject({ available: 3_200, pending: 0 });

    const operator = (await t.api('POST', '/api/auth/dev', { body: { nickname: '运营小美' } })).body.accessToken;
    const line = order.body.lines.find((l: { skuId: number }) => l.skuId === skus[0].id);
    const part = await t.api('POST', `/api/admin/orders/${order.body.id}/refund`, { token: operator, body: { lines: [{ lineId: line.id, quantity: 1 }], reason: '少发一件' } });
    expect(part.status).toBe(200);
    // The line of 2 × 100 yuan carries 2,400 of the coupon and 1,600 of the points: one unit is 8,000 fen and 800 points.
    expect(part.body).toMatchObject({ status: 'completed', refundedFen: 8_000 });
    expect(part.body.refunds[0]).toMatchObject({ amountFen: 8_000, points: 800, earnedPointsTaken: 80, status: 'success' });
    expect(await balance(me.id)).toMatchObject({ available: 3_200 + 800 - 80 });

    const tooMany = await t.api('POST', `/api/admin/orders/${order.body.id}/refund`, { token: operator, body: { lines: [{ lineId: line.id, quantity: 2 }], reason: 'x' } });
    expect([tooMany.status, tooMany.body.code]).toEqual([409, 'REFUND_EXCEEDS']);

    const rest = await t.api('POST', `/api/admin/orders/${order.body.id}/refund`, { token: operator, body: { reason: '整单退款' } });
    expect(rest.body).toMatchObject({ status: 'refunded', refundedFen: 20_000 });
    expect(rest.body.refunds.reduce((s: number, r: { points: number }) => s + r.points, 0)).toBe(2_000);
    expect(rest.body.refunds.reduce((s: number, r: { earnedPointsTaken: number }) => s + r.earnedPointsTaken, 0)).toBe(200);
    expect(await balance(me.id)).toMatchObject({ available: 5_000, pending: 0, debt: 0 });
    expect((await t.dataSource.getRepository(Coupon).findOneByOrFail({ id: coupon.id })).state).toBe('available');
    // Growth given at completion (200 yuan) is taken back by the refunds after it, exactly.
    await t.app.get(Events).drain();
    expect(await t.app.get(TiersService).growth(me.id)).toBe(0);
    expect((await t.api('POST', `/api/admin/orders/${order.body.id}/refund`, { token: operator, body: { reason: 'again' } })).body.code).toBe('ORDER_STATE');
    expect((await t.app.get(LedgerAudit).run()).drifts).toEqual([]);
  });

  it('cancels a paid order before shipping as a full refund that cancels pending points and restocks', async () => {
    const me = await shopper('取消已付', 1_000);
    const { skus } = await goods([8_000], 4);
    const order = await t.api('POST', '/api/orders', { token: me.token, body: { lines: [{ skuId: skus[0].id, quantity: 2 }], points: 500, addressId: me.addressId } });
    await t.api('POST', `/api/pay/sandbox/${order.body.id}`, { token: me.token });
    expect(await balance(me.id)).toMatchObject({ available: 500, pending: 155 });
    const cancelled = await t.api('POST', `/api/orders/${order.body.id}/cancel`, { token: me.token });
    expect(cancelled.body).toMatchObject({ status: 'refunded', earnState: 'cancelled', refundedFen: 15_500 });
    expect(await balance(me.id)).toMatchObject({ available: 1_000, pending: 0 });
    expect((await t.dataSource.getRepository(Sku).findOneByOrFail({ id: skus[0].id })).stock).toBe(4);
  });
  it('completes a checkout burst of 3× the connection pool: every flow ends, none hangs, stock exact', async () => {
    const pool = Number((t.dataSource.options as { extra?: { connectionLimit?: number } }).extra?.connectionLimit ?? 24);
    const n = pool * 3;
    const { skus } = await goods([3_000], n - 2); // two flows must be refused, cleanly
    const tpl = await template({ thresholdFen: 1_000, amountFen: 500, perMember: 1 });
    const shoppers = [];
    for (let i = 0; i < n; i++) shoppers.push(await shopper(`抢购${i}`, 1_000));
    await Promise.all(shoppers.map((s) => give(s.id, tpl.id)));
    const flow = async (s: Awaited<ReturnType<typeof shopper>>) => {
      const body = { lines: [{ skuId: skus[0].id, quantity: 1 }], points: 500, addressId: s.addressId };
      const quote = await t.api('POST', '/api/checkout/quote', { token: s.token, body: { lines: body.lines, points: 500 } });
      if (quote.status !== 200) return quote.body.code as string;
      const order = await t.api('POST', '/api/orders', { token: s.token, body: { ...body, couponId: quote.body.couponId } });
      if (order.status >= 300) return order.body.code as string;
      const paid = await t.api('POST', `/api/pay/sandbox/${order.body.id}`, { token: s.token });
      return paid.status < 300 ? (paid.body.status as string) : (paid.body.code as string);
    };
    const outcomes = await Promise.race([
      Promise.all(shoppers.map(flow)),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('checkout burst hung')), 45_000)),
    ]);
    expect(outcomes.filter((o) => o === 'paid')).toHaveLength(n - 2);
    expect(outcomes.filter((o) => o !== 'paid')).toEqual(['STOCK_INSUFFICIENT', 'STOCK_INSUFFICIENT']);
    expect((await t.dataSource.getRepository(Sku).findOneByOrFail({ id: skus[0].id })).stock).toBe(0);
    // The server still answers afterwards.
    expect((await t.api('GET', '/api/health')).status).toBe(200);
    expect((await t.app.get(LedgerAudit).run()).drifts).toEqual([]);
  }, 90_000);

  it('lets operators find orders by order number, buyer nickname or recipient phone, within a status', async () => {
    const { skus } = await goods([2_000]);
    const buyer = await shopper('搜索买家');
    const order = (await t.api('POST', '/api/orders', { token: buyer.token, body: { lines: [{ skuId: skus[0].id, quantity: 1 }], addressId: buyer.addressId } })).body;
    const operator = (await t.api('POST', '/api/auth/dev', { body: { nickname: '运营小美' } })).body.accessToken;
    const find = async (q: string, status?: string) => ((await t.api('GET', `/api/admin/orders?q=${encodeURIComponent(q)}${status ? `&status=${status}` : ''}`, { token: operator })).body as { id: number }[]).map((o) => o.id);
    expect(await find(order.orderNo)).toEqual([order.id]);
    expect(await find(order.orderNo.slice(-6))).toContain(order.id);
    expect(await find('搜索买家')).toEqual([order.id]);
    expect(await find('13900000000')).toContain(order.id); // the recipient's phone (the address book's)
    expect(await find('搜索买家', 'pending')).toEqual([order.id]);
    expect(await find('搜索买家', 'paid')).toEqual([]);
    expect(await find('100%_不存在')).toEqual([]);
    expect((await t.api('GET', `/api/admin/orders?q=${'x'.repeat(31)}`, { token: operator })).status).toBe(400);
  });
});
