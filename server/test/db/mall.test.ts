import { startTestApp, type TestApp } from '../support/app.js';
import { createMembers } from '../support/members.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { LedgerAudit } from '../../src/ledger/ledger-audit.service.js';
import { PointsEntry } from '../../src/ledger/ledger.entities.js';
import { MallService } from '../../src/mall/mall.service.js';
import { MallCode, MallItem, MallRedemption } from '../../src/mall/mall.entities.js';
import { Member } from '../../src/members/member.entity.js';
import { DomainError } from '../../src/common/errors.js';
import { In } from 'typeorm';
import { Address } from '../../src/addresses/address.entity.js';
import { CouponsService } from '../../src/coupons/coupons.service.js';
import { Order } from '../../src/orders/order.entities.js';
import { OrdersService } from '../../src/orders/orders.service.js';

describe('points mall', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  const grant = (memberId: number, amount: number) =>
    t.app.get(LedgerService).earn({ memberId, amount, source: 'purchase', key: `grant-${memberId}-${amount}-${Math.random()}`, ref: { type: 'test', id: 1 } });
  /** A default address for each member, straight into the table. */
  const addressOf = async (memberIds: number[]) => {
    const now = t.clock.now();
    const rows = await t.dataSource.getRepository(Address).save(memberIds.map((memberId) => t.dataSource.getRepository(Address).create({
      memberId, name: '收件人', phone: '13900000000', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 1 号',
      isDefault: true, deleted: false, createdAt: now, updatedAt: now,
    })), { chunk: 200 });
    return rows.map((r) => r.id);
  };
  /** An item straight into the table; a virtual one gets a code for each unit of stock. */
  const item = async (fields: Partial<MallItem>) => {
    const saved = await t.dataSource.getRepository(MallItem).save(t.dataSource.getRepository(MallItem).create({
      kind: 'virtual', title: '测试券', subtitle: '', image: '/assets/goods/cup.png', goodsId: null, points: 100, stock: 10,
      perMemberLimit: null, startsAt: null, endsAt: null, status: 'on', sort: 99, createdAt: t.clock.now(), updatedAt: t.clock.now(), ...fields,
    }));
    if (saved.kind === 'virtual' && saved.stock > 0) {
      await t.dataSource.getRepository(MallCode).insert(Array.from({ length: saved.stock }, (_, i) => ({ itemId: saved.id, code: `T${saved.id}-${i}`, createdAt: t.clock.now() })));
    }
    return saved;
  };

  it('lists the items with the member\'s tier price', async () => {
    const visitor = await t.api('GET', '/api/mall/items');
    expect(visitor.status).toBe(200);
    const nuts = visitor.body.find((i: { title: string }) => i.title.startsWith('每日坚果'));
    expect(nuts).toMatchObject({ kind: 'goods', points: 12_000, memberPoints: 12_000, perMemberLimit: 2 });
    const login = await t.devLogin('金卡会员');
    await t.dataSource.getRepository(Member).update({ id: login.member.id }, { tier: 'gold' });
    const gold = await t.api('GET', '/api/mall/items', { token: login.accessToken });
    expect(gold.body.find((i: { id: number }) => i.id === nuts.id).memberPoints).toBe(11_400);
    // The item's page: the card's facts at the member's price, and the goods' description and pictures.
    const page = await t.api('GET', `/api/mall/items/${nuts.id}`, { token: login.accessToken });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ id: nuts.id, memberPoints: 11_400, images: ['/assets/goods/nuts.png'], coupon: null });
    expect(page.body.description.length).toBeGreaterThan(10);
    expect((await t.api('GET', '/api/mall/items/999999')).status).toBe(404);
  });

  it('redeems in one step: points, stock and the record, once per request key', async () => {
    const login = await t.devLogin('兑换达人');
    await grant(login.member.id, 20_000);
    const { id } = await item({ kind: 'goods', points: 5_000, stock: 3 });
    const headers = { 'idempotency-key': 'req-0001-abcdef' };
    const noAddress = await t.api('POST', `/api/mall/items/${id}/redeem`, { token: login.accessToken, headers: { 'idempotency-key': 'req-0000-abcdef' } });
    expect([noAddress.status, noAddress.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const addressId = (await addressOf([login.member.id]))[0];
    const first = await t.api('POST', `/api/mall/items/${id}/redeem`, { token: login.accessToken, headers, body: { addressId } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ itemId: id, points: 5_000, status: 'to_ship', available: 15_000, couponId: null });
    // Goods ship as a paid order of the mall, its points standing in for the whole amount.
    const order = await t.api('GET', `/api/orders/${first.body.orderId}`, { token: login.accessToken });
    expect(order.body).toMatchObject({ source: 'mall', status: 'paid', payFen: 0, points: 5_000, address: { name: '收件人' } });
    const again = await t.api('POST', `/api/mall/items/${id}/redeem`, { token: login.accessToken, headers, body: { addressId } });
    expect(again.body).toMatchObject({ id: first.body.id, available: 15_000 });
    expect((await t.dataSource.getRepository(MallItem).findOneByOrFail({ id })).stock).toBe(2);
    expect(await t.dataSource.getRepository(PointsEntry).countBy({ memberId: login.member.id, source: 'mall' })).toBe(1);
    const mine = await t.api('GET', '/api/mall/redemptions', { token: login.accessToken });
    expect(mine.body).toEqual([expect.objectContaining({ id: first.body.id, title: '测试券' })]);
    // Cancelling before it ships gives back the points, the unit and the member's limit.
    const other = await item({ kind: 'goods', points: 1_000, stock: 1, perMemberLimit: 1 });
    const second = await t.api('POST', `/api/mall/items/${other.id}/redeem`, { token: login.accessToken, body: { addressId } });
    const cancelled = await t.api('POST', `/api/orders/${second.body.orderId}/cancel`, { token: login.accessToken });
    expect(cancelled.body).toMatchObject({ status: 'refunded', refunds: [expect.objectContaining({ amountFen: 0, points: 1_000 })] });
    expect((await t.dataSource.getRepository(MallItem).findOneByOrFail({ id: other.id })).stock).toBe(1);
    const mineAfter = await t.api('GET', '/api/mall/redemptions', { token: login.accessToken });
    expect(mineAfter.body.find((r: { id: number }) => r.id === second.body.id).status).toBe('refunded');
    expect((await t.api('POST', `/api/mall/items/${other.id}/redeem`, { token: login.accessToken, body: { addressId } })).status).toBe(200);
  });

  it('sells goods for points + cash: the cash is paid like an order, or it closes and everything comes back', async () => {
    const login = await t.devLogin('积分加钱');
    await grant(login.member.id, 2_000);
    const [addressId] = await addressOf([login.member.id]);
    const hot = await item({ kind: 'goods', points: 500, cashFen: 990, stock: 2, perMemberLimit: 1 });
    const listed = await t.api('GET', '/api/mall/items');
    expect(listed.body.find((i: { id: number }) => i.id === hot.id)).toMatchObject({ points: 500, cashFen: 990 });
    const redeemed = await t.api('POST', `/api/mall/items/${hot.id}/redeem`, { token: login.accessToken, body: { addressId } });
    expect(redeemed.body).toMatchObject({ status: 'to_pay', points: 500, available: 1_500 });
    const order = await t.api('GET', `/api/orders/${redeemed.body.orderId}`, { token: login.accessToken });
    expect(order.body).toMatchObject({ source: 'mall', status: 'pending', payFen: 990, points: 500, goodsFen: 1_490, earnPoints: 0 });

    // Unpaid: after 15 minutes it closes, and the points, the unit and the limit come back.
    t.clock.advance(15 * 60_000);
    await t.app.get(OrdersService).closeExpired();
    expect((await t.api('GET', `/api/orders/${redeemed.body.orderId}`, { token: login.accessToken })).body.status).toBe('closed');
    expect((await t.dataSource.getRepository(MallItem).findOneByOrFail({ id: hot.id })).stock).toBe(2);
    const fresh = await t.devLogin('积分加钱');
    const again = await t.api('POST', `/api/mall/items/${hot.id}/redeem`, { token: fresh.accessToken, body: { addressId } });
    expect(again.body).toMatchObject({ status: 'to_pay', available: 1_500 });
    const paid = await t.api('POST', `/api/pay/sandbox/${again.body.orderId}`, { token: fresh.accessToken });
    expect(paid.body).toMatchObject({ status: 'paid', payChannel: 'sandbox' });
    const mine = await t.api('GET', '/api/mall/redemptions', { token: fresh.accessToken });
    expect(mine.body.map((r: { status: string }) => r.status)).toEqual(['to_ship', 'refunded']);
  });

  it('puts a redeemed coupon in the wallet', async () => {
    const login = await t.devLogin('换券');
    await grant(login.member.id, 1_000);
    const template = await t.app.get(CouponsService).createTemplate({
      name: '积分换券', kind: 'no_threshold', thresholdFen: 0, amountFen: 500, scope: 'all', scopeIds: [], channel: 'mall',
      validity: { type: 'relative', days: 7 }, total: 10, perMember: 2,
    } as never);
    const coupon = await item({ kind: 'coupon', points: 300, couponTemplateId: template.id });
    expect((await t.api('GET', `/api/mall/items/${coupon.id}`)).body.coupon).toEqual({ label: '无门槛减5', scopeLabel: '全场通用', validity: { type: 'relative', days: 7 } });
    const redeemed = await t.api('POST', `/api/mall/items/${coupon.id}/redeem`, { token: login.accessToken });
    expect(redeemed.body).toMatchObject({ status: 'granted', orderId: null, available: 700 });
    const wallet = await t.api('GET', '/api/coupons?state=available', { token: login.accessToken });
    expect(wallet.body.map((c: { id: number }) => c.id)).toEqual([redeemed.body.couponId]);
  });

  it('refuses past the limit, without points, sold out or out of its window, changing nothing', async () => {
    const login = await t.devLogin('限购');
    await grant(login.member.id, 1_000);
    const limited = await item({ points: 100, perMemberLimit: 2 });
    for (let i = 0; i < 2; i++) expect((await t.api('POST', `/api/mall/items/${limited.id}/redeem`, { token: login.accessToken })).status).toBe(200);
    const third = await t.api('POST', `/api/mall/items/${limited.id}/redeem`, { token: login.accessToken });
    expect([third.status, third.body.code]).toEqual([409, 'MALL_LIMIT_REACHED']);
    const dear = await item({ points: 5_000 });
    const poor = await t.api('POST', `/api/mall/items/${dear.id}/redeem`, { token: login.accessToken });
    expect([poor.status, poor.body.code]).toEqual([409, 'POINTS_INSUFFICIENT']);
    expect((await t.dataSource.getRepository(MallItem).findOneByOrFail({ id: dear.id })).stock).toBe(10);
    const gone = await item({ stock: 0 });
    expect((await t.api('POST', `/api/mall/items/${gone.id}/redeem`, { token: login.accessToken })).body.code).toBe('MALL_SOLD_OUT');
    const later = await item({ startsAt: new Date(t.clock.now().getTime() + 86_400_000) });
    expect((await t.api('POST', `/api/mall/items/${later.id}/redeem`, { token: login.accessToken })).body.code).toBe('MALL_NOT_AVAILABLE');
    expect((await t.api('POST', '/api/mall/items/999999/redeem', { token: login.accessToken })).status).toBe(404);
    expect((await t.api('POST', '/api/mall/items/abc/redeem', { token: login.accessToken })).status).toBe(400);
    expect((await t.api('POST', `/api/mall/items/${dear.id}/redeem`, { token: login.accessToken, headers: { 'idempotency-key': 'bad key!' } })).status).toBe(400);
    expect((await t.api('POST', `/api/mall/items/${dear.id}/redeem`)).status).toBe(401);
    expect(await t.dataSource.getRepository(PointsEntry).countBy({ memberId: login.member.id, source: 'mall' })).toBe(2);
  });

  it('sells exactly 100 of 100 to 2,000 concurrent redemptions, every point accounted for', async () => {
    const members = await createMembers(t.dataSource, 400, 'flash');
    for (const id of members) await grant(id, 1_000);
    const addresses = await addressOf(members);
    const hot = await item({ kind: 'goods', points: 300, stock: 100 });
    const mall = t.app.get(MallService);
    const outcomes = await Promise.all(Array.from({ length: 2_000 }, (_, i) =>
      mall.redeem(members[i % members.length], hot.id, undefined, addresses[i % members.length]).then(() => 'ok', (e: DomainError) => e.code)));
    const counts = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    expect(counts.ok).toBe(100);
    expect(Object.keys(counts).sort()).toEqual(['MALL_SOLD_OUT', 'ok']);
    expect((await t.dataSource.getRepository(MallItem).findOneByOrFail({ id: hot.id })).stock).toBe(0);
    const redemptions = await t.dataSource.getRepository(MallRedemption).findBy({ itemId: hot.id });
    expect(redemptions).toHaveLength(100);
    expect(await t.dataSource.getRepository(Order).countBy({ source: 'mall', status: 'paid', remark: '积分兑换', id: In(redemptions.map((r) => r.orderId!)) })).toBe(100);
    const spent = await t.dataSource.getRepository(PointsEntry).createQueryBuilder('e')
      .select('SUM(e.amount)', 'total').where("e.source = 'mall' AND e.ref_id IN (:...keys)", { keys: redemptions.map((r) => r.requestKey) }).getRawOne();
    expect(Number(spent.total)).toBe(-300 * 100);
    expect((await t.app.get(LedgerAudit).run()).drifts).toEqual([]);
  }, 180_000);
});
