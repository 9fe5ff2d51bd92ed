import { FakeWechat } from '../fake-wechat/server.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../../src/common/clock.js';
import { Category } from '../../src/catalog/category.entity.js';
import { Goods } from '../../src/catalog/goods.entity.js';
import { Sku } from '../../src/catalog/sku.entity.js';
import { LedgerAudit } from '../../src/ledger/ledger-audit.service.js';
import { LedgerQueries } from '../../src/ledger/ledger-queries.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { PointsEntry } from '../../src/ledger/ledger.entities.js';
import { Order } from '../../src/orders/order.entities.js';
import { Events } from '../../src/events/events.service.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { RefundsService } from '../../src/orders/refunds.service.js';

/**
 * WeChat Pay for real over HTTP: the app's client against the fake WeChat Pay, which signs
 * answers and encrypts notifications with keys made for this run.
 */
describe('WeChat Pay', () => {
  let t: TestApp;
  let wechat: FakeWechat;
  let seq = 0;
  let categoryId = 0;
  beforeAll(async () => {
    const clock = new ManualClock('2026-03-01T02:00:00.000Z');
    wechat = await new FakeWechat({ appId: 'wx0123456789abcdef', secret: 'test-secret' }).start();
    wechat.pay.clock = clock;
    t = await startTestApp({ env: { ...wechat.pay.env("https://shop.example.com"), OWNER_OPENIDS: "o-owner" }, clock });
    wechat.pay.deliverTo(t.baseUrl);
    const now = t.clock.now();
    categoryId = (await t.dataSource.getRepository(Category).save({ name: '测试', icon: '/x.png', sort: 0, createdAt: now, updatedAt: now })).id;
  });
  afterAll(async () => {
    await t.close();
    await wechat.stop();
  });

  const signIn = async (openid: string) => (await t.api('POST', '/api/auth/wechat', { body: { code: wechat.issueCode(openid) } })).body;
  const balance = (memberId: number) => t.app.get(LedgerQueries).balance(memberId);
  const order = (id: number) => t.dataSource.getRepository(Order).findOneByOrFail({ id });

  /** A shopper with points, an address and a pending order of one ¥88 item paid partly with 500 points. */
  async function pendingOrder(points = 500) {
    const login = await signIn(`o-shopper-${++seq}`);
    const token = login.accessToken as string;
    await t.app.get(LedgerService).earn({ memberId: login.member.id, amount: 1_000, source: 'purchase', key: `seed-${seq}`, ref: { type: 'test', id: seq } });
    const address = await t.api('POST', '/api/addresses', { token, body: { name: '李四', phone: '13700000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' } });
    const now = t.clock.now();
    const goods = await t.dataSource.getRepository(Goods).save({ categoryId, title: `支付测试${seq}`, subtitle: '', image: '/x.png', priceFen: 8_800, originalPriceFen: null,
      pointsPrice: null, stock: 0, sales: 0, status: 'on_sale', sort: 0, images: '[]', description: '', createdAt: now, updatedAt: now } as Partial<Goods>);
    const sku = await t.dataSource.getRepository(Sku).save({ goodsId: goods.id, name: '标准', priceFen: 8_800, stock: 10, sales: 0, sort: 0, createdAt: now, updatedAt: now });
    const created = await t.api('POST', '/api/orders', { token, body: { lines: [{ skuId: sku.id, quantity: 1 }], points, addressId: address.body.id, couponId: null } });
    expect(created.body).toMatchObject({ status: 'pending', payFen: 8_800 - points });
    return { token, memberId: login.member.id as number, order: created.body, skuId: sku.id };
  }

  it('prepays, and a verified notification pays the order once, however often it is delivered', async () => {
    const { token, memberId, order: o } = await pendingOrder();
    const pay = await t.api('POST', `/api/orders/${o.id}/pay`, { token });
    expect(pay.body.mode).toBe('wechat');
    expect(pay.body.params).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    expect(wechat.pay.orders.get(o.orderNo)).toMatchObject({ totalFen: 8_300 });

    const delivery = await wechat.pay.complete(o.orderNo);
    expect(delivery.status).toBe(204);
    expect(await order(o.id)).toMatchObject({ status: 'paid', payChannel: 'wechat', earnState: 'pending' });
    expect(await balance(memberId)).toMatchObject({ available: 500, pending: 83 });

    // The same delivery replayed, and WeChat's own retries: nothing changes.
    const replay = await fetch(`${t.baseUrl}/api/pay/notify`, { method: 'POST', headers: { 'content-type': 'application/json', ...delivery.headers }, body: delivery.rawBody });
    expect(replay.status).toBe(204);
    await Promise.all([1, 2, 3].map(() => wechat.pay.redeliver(o.orderNo)));
    expect(await balance(memberId)).toMatchObject({ available: 500, pending: 83 });
    expect(await t.dataSource.getRepository(PointsEntry).countBy({ memberId, kind: 'pending' })).toBe(1);
    const synced = await t.api('POST', `/api/orders/${o.id}/sync`, { token });
    expect(synced.body.status).toBe('paid');
    expect((await t.api('POST', `/api/pay/sandbox/${o.id}`, { token })).body.code).toBe('PAY_NOT_CONFIGURED');
  });

  it('refuses forged, tampered, stale and wrong-amount notifications, changing nothing', async () => {
    const { memberId, order: o, token } = await pendingOrder();
    await t.api('POST', `/api/orders/${o.id}/pay`, { token });
    const resource = (total: number) => ({
      appid: 'wx0123456789abcdef', mchid: wechat.pay.mchId, out_trade_no: o.orderNo, transaction_id: '4200000000000000000000000001', trade_type: 'JSAPI',
      trade_state: 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'OTHERS', attach: '', success_time: '2026-03-01T10:00:00+08:00',
      payer: { openid: 'o-x' }, amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
    });
    const url = 'https://shop.example.com/api/pay/notify';
    for (const [tamper, status, code] of [
      ['signature', 401, 'PAY_SIGNATURE_INVALID'], ['serial', 401, 'PAY_SIGNATURE_INVALID'], ['timestamp', 401, 'PAY_SIGNATURE_INVALID'],
      ['ciphertext', 400, 'PAY_NOTIFY_INVALID'],
    ] as const) {
      const d = await wechat.pay.sendNotification(url, resource(8_300), { eventType: 'TRANSACTION.SUCCESS', tamper });
      expect([tamper, d.status, (d.body as { code: string }).code]).toEqual([tamper, status, code]);
    }
    const cheap = await wechat.pay.sendNotification(url, resource(1), { eventType: 'TRANSACTION.SUCCESS' });
    expect([cheap.status, (cheap.body as { code: string }).code]).toEqual([409, 'PAY_AMOUNT_MISMATCH']);
    const otherApp = await wechat.pay.sendNotification(url, { ...resource(8_300), appid: 'wx-other' }, { eventType: 'TRANSACTION.SUCCESS' });
    expect(otherApp.status).toBe(400);
    const garbage = await fetch(`${t.baseUrl}/api/pay/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":1}' });
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);
    expect(await order(o.id)).toMatchObject({ status: 'pending', paidAt: null });
    expect(await balance(memberId)).toMatchObject({ available: 500, pending: 0 });
  });

  it('finds a payment whose notification was lost: on return (sync) and before closing', async () => {
    const a = await pendingOrder();
    await t.api('POST', `/api/orders/${a.order.id}/pay`, { token: a.token });
    wechat.pay.deliverTo('http://127.0.0.1:9'); // the notification goes nowhere
    await wechat.pay.complete(a.order.orderNo).catch(() => undefined);
    const b = await pendingOrder();
    await t.api('POST', `/api/orders/${b.order.id}/pay`, { token: b.token });
    await wechat.pay.complete(b.order.orderNo).catch(() => undefined);
    wechat.pay.deliverTo(t.baseUrl);
    expect((await order(a.order.id)).status).toBe('pending');

    const synced = await t.api('POST', `/api/orders/${a.order.id}/sync`, { token: a.token });
    expect(synced.body).toMatchObject({ status: 'paid', payChannel: 'wechat' });

    // b paid in its last minute; the close job asks WeChat first and finds it paid.
    const c = await pendingOrder();
    await t.api('POST', `/api/orders/${c.order.id}/pay`, { token: c.token });
    t.clock.advance(15 * 60_000);
    await t.app.get(OrdersService).closeExpired();
    expect((await order(b.order.id)).status).toBe('paid');
    expect(await order(c.order.id)).toMatchObject({ status: 'closed', closeReason: '超时未支付' });
    expect(wechat.pay.orders.get(c.order.orderNo)?.state).toBe('CLOSED');
    expect(await balance(c.memberId)).toMatchObject({ available: 1_000 });
  });

  it('reports each shipment of a WeChat-paid order to WeChat (发货信息录入) after it commits', async () => {
    const { order: o, token } = await pendingOrder();
    await t.api('POST', `/api/orders/${o.id}/pay`, { token });
    await wechat.pay.complete(o.orderNo);
    const owner = (await signIn('o-owner')).accessToken;
    const shipped = await t.api('POST', `/api/admin/orders/${o.id}/ship`, { token: owner, body: { expressCompany: '顺丰速运', trackingNo: 'SF1234567890' } });
    expect(shipped.body.status).toBe('shipped');
    await t.app.get(Events).drain();
    const paid = await order(o.id);
    const report = wechat.shipments.find((x) => x.order_key.transaction_id === paid.transactionId);
    expect(report).toMatchObject({
      logistics_type: 1, delivery_mode: 1, payer: { openid: expect.stringMatching(/^o-shopper-/) },
      shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: expect.stringContaining('支付测试'), contact: { receiver_contact: '137****0000' } }],
    });
    await t.app.get(Events).drain();
    expect(wechat.shipments.filter((x) => x.order_key.transaction_id === paid.transactionId)).toHaveLength(1);
  });

  it('refunds through WeChat Pay: refunding until the notification, then points reversed once', async () => {
    const { memberId, order: o, token } = await pendingOrder();
    await t.api('POST', `/api/orders/${o.id}/pay`, { token });
    await wechat.pay.complete(o.orderNo);
    const owner = (await signIn('o-owner')).accessToken;
    const asked = await t.api('POST', `/api/admin/orders/${o.id}/refund`, { token: owner, body: { reason: '质量问题' } });
    expect(asked.body).toMatchObject({ status: 'refunding', refunds: [expect.objectContaining({ status: 'processing', amountFen: 8_300, points: 500 })] });
    expect(await balance(memberId)).toMatchObject({ available: 500, pending: 83 });
    const refundNo = asked.body.refunds[0].refundNo;
    expect(wechat.pay.refunds.get(refundNo)).toMatchObject({ refundFen: 8_300 });
    // While WeChat works on it, the order neither ships nor completes.
    const ship = await t.api('POST', `/api/admin/orders/${o.id}/ship`, { token: owner, body: { expressCompany: '顺丰', trackingNo: 'SF00000001' } });
    expect([ship.status, ship.body.code]).toEqual([409, 'ORDER_STATE']);
    expect((await t.api('POST', `/api/orders/${o.id}/confirm`, { token })).body.code).toBe('ORDER_STATE');

    const done = await wechat.pay.finishRefund(refundNo, 'SUCCESS');
    expect(done.status).toBe(204);
    const replay = await fetch(`${t.baseUrl}/api/pay/refund-notify`, { method: 'POST', headers: { 'content-type': 'application/json', ...done.headers }, body: done.rawBody });
    expect(replay.status).toBe(204);
    expect(await order(o.id)).toMatchObject({ status: 'refunded', refundedFen: 8_300, earnState: 'cancelled' });
    expect(await balance(memberId)).toMatchObject({ available: 1_000, pending: 0 });
    expect((await t.app.get(LedgerAudit).run()).drifts).toEqual([]);
  });

  it('gives the money straight back when a payment arrives for an order that has closed', async () => {
    const { token, order: o } = await pendingOrder(0);
    await t.api('POST', `/api/orders/${o.id}/pay`, { token });
    expect((await t.api('POST', `/api/orders/${o.id}/cancel`, { token })).body.status).toBe('closed');
    // The shopper's payment went through at WeChat in the same moment (the race a close can lose).
    Object.assign(wechat.pay.orders.get(o.orderNo)!, { state: 'SUCCESS', transactionId: '4200000000000000000000000002' });
    const paid = {
      appid: 'wx0123456789abcdef', mchid: wechat.pay.mchId, out_trade_no: o.orderNo, transaction_id: '4200000000000000000000000002', trade_type: 'JSAPI',
      trade_state: 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'OTHERS', attach: '', success_time: '2026-03-01T10:00:00+08:00',
      payer: { openid: 'o-x' }, amount: { total: 8_800, payer_total: 8_800, currency: 'CNY', payer_currency: 'CNY' },
    };
    const url = 'https://shop.example.com/api/pay/notify';
    for (let i = 0; i < 2; i++) expect((await wechat.pay.sendNotification(url, paid, { eventType: 'TRANSACTION.SUCCESS' })).status).toBe(204);
    const refundNo = `RC${o.orderNo}`;
    expect(wechat.pay.refunds.get(refundNo)).toMatchObject({ refundFen: 8_800 });
    await wechat.pay.finishRefund(refundNo, 'SUCCESS');
    const after = await t.api('GET', `/api/orders/${o.id}`, { token });
    expect(after.body).toMatchObject({ status: 'closed', paidAt: null, refunds: [expect.objectContaining({ refundNo, status: 'success', amountFen: 8_800 })] });
  });

  it('keeps a refund without a clear answer processing and asks again with the same number', async () => {
    const { memberId, order: o, token } = await pendingOrder();
    await t.api('POST', `/api/orders/${o.id}/pay`, { token });
    await wechat.pay.complete(o.orderNo);
    const owner = (await signIn('o-owner')).accessToken;
    wechat.pay.failNext(500);
    const asked = await t.api('POST', `/api/admin/orders/${o.id}/refund`, { token: owner, body: { reason: '缺货' } });
    expect(asked.body).toMatchObject({ status: 'refunding', refunds: [expect.objectContaining({ status: 'processing' })] });
    const refundNo = asked.body.refunds[0].refundNo;
    expect(wechat.pay.refunds.has(refundNo)).toBe(false);
    const refunds = t.app.get(RefundsService);
    expect(await refunds.retryStuck()).toBe(0); // too soon
    t.clock.advance(5 * 60_000);
    await refunds.retryStuck();
    expect(wechat.pay.refunds.get(refundNo)).toMatchObject({ refundFen: 8_300, status: 'PROCESSING' });
    await wechat.pay.finishRefund(refundNo, 'SUCCESS');
    expect(await order(o.id)).toMatchObject({ status: 'refunded', refundedFen: 8_300 });
    expect(await balance(memberId)).toMatchObject({ available: 1_000, pending: 0 });
    expect([...wechat.pay.refunds.values()].filter((r) => r.outTradeNo === o.orderNo)).toHaveLength(1);
  });

  it('puts the order back when WeChat Pay turns a refund down', async () => {
    const { order: o, token } = await pendingOrder(0);
    await t.api('POST', `/api/orders/${o.id}/pay`, { token });
    await wechat.pay.complete(o.orderNo);
    const owner = (await signIn('o-owner')).accessToken;
    const asked = await t.api('POST', `/api/admin/orders/${o.id}/refund`, { token: owner, body: { reason: '测试' } });
    await wechat.pay.finishRefund(asked.body.refunds[0].refundNo, 'CLOSED');
    const back = await t.api('GET', `/api/admin/orders/${o.id}`, { token: owner });
    expect(back.body).toMatchObject({ status: 'paid', refundedFen: 0, refunds: [expect.objectContaining({ status: 'failed' })] });
    expect(back.body.lines[0].refundedQuantity).toBe(0);
    // The phone is masked on the order as in the list; the whole number is an audited action.
    expect(back.body.address.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const contact = await t.api('POST', `/api/admin/orders/${o.id}/contact`, { token: owner });
    expect(contact.body.phone).toMatch(/^1\d{10}$/);
    expect(contact.body.phone.slice(-4)).toBe(back.body.address.phone.slice(-4));
    const log = (await t.api('GET', '/api/admin/audit', { token: owner })).body as { action: string }[];
    expect(log[0].action).toBe('POST /api/admin/orders/:id/contact');
  });
});
