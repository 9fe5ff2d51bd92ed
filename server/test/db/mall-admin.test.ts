import { startTestApp, type TestApp } from '../support/app.js';
import { createMembers } from '../support/members.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { LedgerAudit } from '../../src/ledger/ledger-audit.service.js';
import { PointsEntry } from '../../src/ledger/ledger.entities.js';
import { MallService } from '../../src/mall/mall.service.js';
import { MallCode, MallItem, MallRedemption } from '../../src/mall/mall.entities.js';
import { Member } from '../../src/members/member.entity.js';
import { CouponsService } from '../../src/coupons/coupons.service.js';
import type { DomainError } from '../../src/common/errors.js';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';

/** 管理 → 积分商城: what an operator sets up is what members redeem, and a virtual item delivers a code. */
describe('points mall run by operators', () => {
  let t: TestApp;
  let op: string;
  let templateId: number;
  let offTemplateId: number;
  beforeAll(async () => {
    t = await startTestApp();
    const login = await t.devLogin('运营阿珍');
    await t.dataSource.getRepository(Member).update({ id: login.member.id }, { role: 'operator' });
    op = login.accessToken;
    const coupons = t.app.get(CouponsService);
    const template = (name: string) => coupons.createTemplate({
      name, kind: 'no_threshold', amountFen: 500, scope: 'all', channel: 'mall', validity: { type: 'relative', days: 7 }, perMember: 5,
    });
    templateId = (await template('积分换5元')).id;
    offTemplateId = (await template('停用的券')).id;
    await coupons.setStatus(offTemplateId, 'off');
  });
  afterAll(() => t.close());

  const grant = (memberId: number, amount: number) =>
    t.app.get(LedgerService).earn({ memberId, amount, source: 'purchase', key: `grant-${memberId}-${amount}-${Math.random()}`, ref: { type: 'test', id: 1 } });
  const couponItem = (fields: Record<string, unknown> = {}) => ({ kind: 'coupon', title: '5元无门槛券', points: 400, stock: 20, couponTemplateId: templateId, ...fields });
  const create = (body: Record<string, unknown>) => t.api('POST', '/api/admin/mall/items', { token: op, body });

  it('creates a coupon item from a real template: members see it at their tier price and redeem it into the wallet', async () => {
    const created = await create(couponItem({ tierPoints: { gold: 300 }, perMemberLimit: 2 }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'coupon', status: 'on', stock: 20, version: 1, couponTemplateName: '积分换5元', tierPoints: { gold: 300 }, image: '/assets/mall/coupon.png', codes: null,
    });
    const shopper = await t.devLogin('换券的人');
    await grant(shopper.member.id, 1_000);
    await t.dataSource.getRepository(Member).update({ id: shopper.member.id }, { tier: 'gold' });
    const listed = (await t.api('GET', '/api/mall/items', { token: shopper.accessToken })).body.find((i: { id: number }) => i.id === created.body.id);
    expect(listed).toMatchObject({ points: 400, memberPoints: 300 });
    const redeemed = await t.api('POST', `/api/mall/items/${created.body.id}/redeem`, { token: shopper.accessToken });
    expect(redeemed.body).toMatchObject({ points: 300, available: 700, status: 'granted' });
    const wallet = (await t.api('GET', '/api/coupons?state=available', { token: shopper.accessToken })).body;
    expect(wallet.map((c: { id: number }) => c.id)).toEqual([redeemed.body.couponId]);
    expect((await t.api('GET', `/api/admin/mall/items/${created.body.id}`, { token: op })).body).toMatchObject({ stock: 19, redeemed: 1 });

    // Off the shelf: gone from the mall and refused.
    const off = await t.api('POST', `/api/admin/mall/items/${created.body.id}/status`, { token: op, body: { status: 'off', version: 1 } });
    expect(off.body).toMatchObject({ status: 'off', version: 2 });
    expect((await t.api('GET', '/api/mall/items')).body.map((i: { id: number }) => i.id)).not.toContain(created.body.id);
    const refused = await t.api('POST', `/api/mall/items/${created.body.id}/redeem`, { token: shopper.accessToken });
    expect(refused.body.code).toBe('MALL_NOT_AVAILABLE');
    expect((await t.api('GET', '/api/admin/mall/items?filter=off', { token: op })).body.map((i: { id: number }) => i.id)).toContain(created.body.id);
  });

  it('refuses bad input with the field named, changing nothing', async () => {
    const before = await t.dataSource.getRepository(MallItem).count();
    const cases: [Record<string, unknown>, string][] = [
      [couponItem({ points: 12.5 }), 'points'],
      [couponItem({ points: -1 }), 'points'],
      [couponItem({ points: 1e12 }), 'points'],
      [couponItem({ stock: -3 }), 'stock'],
      [couponItem({ stock: 2.5 }), 'stock'],
      [couponItem({ cashFen: 9.9 }), 'cashFen'],
      [couponItem({ cashFen: 990 }), 'cashFen'],
      [couponItem({ couponTemplateId: offTemplateId }), 'couponTemplateId'],
      [couponItem({ couponTemplateId: 999_999 }), 'couponTemplateId'],
      [couponItem({ couponTemplateId: null }), 'couponTemplateId'],
      [couponItem({ startsAt: '2026-12-10T00:00:00.000Z', endsAt: '2026-12-01T00:00:00.000Z' }), 'endsAt'],
      [couponItem({ startsAt: '2026-12-10T00:00:00.000Z', endsAt: '2026-12-10T00:00:00.000Z' }), 'endsAt'],
      [couponItem({ startsAt: 'tomorrow' }), 'startsAt'],
      [couponItem({ tierPoints: { gold: 500 } }), 'tierPoints.gold'],
      [couponItem({ tierPoints: { gold: 0.5 } }), 'tierPoints.gold'],
      [couponItem({ tierPoints: { vip: 5 } }), 'tierPoints.vip'],
      [couponItem({ image: 'http://evil.example/x.png' }), 'image'],
      [couponItem({ title: '  ' }), 'title'],
      [{ kind: 'goods', title: '无商品', points: 100, stock: 1 }, 'goodsId'],
      [{ kind: 'goods', title: '不存在', points: 100, stock: 1, goodsId: 999_999 }, 'goodsId'],
      [{ kind: 'virtual', title: '带库存的虚拟', points: 100, stock: 5 }, 'stock'],
      [{ kind: 'lottery', title: '?', points: 100 }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect([field, res.status, res.body.code]).toEqual([field, 400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    expect(await t.dataSource.getRepository(MallItem).count()).toBe(before);
  });

  it('refuses an edit made on a stale copy: the first edit is kept', async () => {
    const { body: item } = await create(couponItem({ title: '两人同时改' }));
    const edit = (title: string) => t.api('PUT', `/api/admin/mall/items/${item.id}`, {
      token: op, body: { title, points: 400, couponTemplateId: templateId, version: item.version },
    });
    const first = await edit('甲改的');
    expect(first.body).toMatchObject({ title: '甲改的', version: 2, stock: 20 });
    const second = await edit('乙改的');
    expect([second.status, second.body.code]).toEqual([409, 'MALL_ITEM_CHANGED']);
    expect((await t.api('GET', `/api/admin/mall/items/${item.id}`, { token: op })).body.title).toBe('甲改的');
    // Stock moves by signed changes, never below zero.
    const down = await t.api('POST', `/api/admin/mall/items/${item.id}/stock`, { token: op, body: { delta: -25, reason: '盘点' } });
    expect([down.status, down.body.code]).toEqual([409, 'STOCK_INSUFFICIENT']);
    const up = await t.api('POST', `/api/admin/mall/items/${item.id}/stock`, { token: op, body: { delta: 5, reason: '补货' } });
    expect(up.body.stock).toBe(25);
  });

  it('delivers a virtual item from its code pool: 200 concurrent redemptions of 50 codes hand out each code once', async () => {
    const { body: vip } = await create({ kind: 'virtual', title: '视频会员月卡', points: 300 });
    expect(vip).toMatchObject({ stock: 0, codes: { total: 0, unused: 0 }, image: '/assets/mall/vip.png' });
    const codes = Array.from({ length: 50 }, (_, i) => `CARD-${String(i).padStart(4, '0')}-X`);

    const twice = await t.api('POST', `/api/admin/mall/items/${vip.id}/codes`, { token: op, body: { codes: [...codes.slice(0, 3), codes[1]] } });
    expect([twice.status, twice.body.code, twice.body.message]).toEqual([400, 'VALIDATION_FAILED', `codes: 兑换码 ${codes[1]} 重复出现`]);
    const spaced = await t.api('POST', `/api/admin/mall/items/${vip.id}/codes`, { token: op, body: { codes: ['AB CD'] } });
    expect(spaced.status).toBe(400);
    const first = await t.api('POST', `/api/admin/mall/items/${vip.id}/codes`, { token: op, body: { codes: codes.slice(0, 30) } });
    expect(first.body).toMatchObject({ stock: 30, codes: { total: 30, unused: 30 } });
    const overlap = await t.api('POST', `/api/admin/mall/items/${vip.id}/codes`, { token: op, body: { codes: codes.slice(25) } });
    expect([overlap.status, overlap.body.message]).toEqual([400, `codes: 兑换码 ${codes[25]} 已在码池中`]);
    expect((await t.api('POST', `/api/admin/mall/items/${vip.id}/codes`, { token: op, body: { codes: codes.slice(30) } })).body)
      .toMatchObject({ stock: 50, codes: { total: 50, unused: 50 } });
    const stock = await t.api('POST', `/api/admin/mall/items/${vip.id}/stock`, { token: op, body: { delta: 5, reason: '补货' } });
    expect([stock.status, stock.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    // The audit log keeps how many codes were loaded, never the codes.
    const logged = await t.dataSource.getRepository(AuditEntry).find({ where: { action: 'POST /api/admin/mall/items/:id/codes' } });
    expect(logged.length).toBeGreaterThanOrEqual(2);
    for (const entry of logged) expect(entry.detail).not.toContain('CARD-');

    const members = await createMembers(t.dataSource, 200, 'vip');
    for (const id of members) await grant(id, 500);
    const mall = t.app.get(MallService);
    const outcomes = await Promise.all(members.map((id) => mall.redeem(id, vip.id).then((r) => r.code!, (e: DomainError) => e.code)));
    const handed = outcomes.filter((o) => o.startsWith('CARD-'));
    expect(handed).toHaveLength(50);
    expect(new Set(handed).size).toBe(50);
    expect(new Set(handed)).toEqual(new Set(codes));
    expect(outcomes.filter((o) => o === 'MALL_SOLD_OUT')).toHaveLength(150);

    const pool = await t.dataSource.getRepository(MallCode).findBy({ itemId: vip.id });
    expect(pool.every((c) => c.requestKey !== null && c.memberId !== null)).toBe(true);
    const redemptions = await t.dataSource.getRepository(MallRedemption).findBy({ itemId: vip.id });
    expect(redemptions.map((r) => r.code).sort()).toEqual([...codes].sort());
    expect(pool.map((c) => [c.memberId, c.code]).sort()).toEqual(redemptions.map((r) => [r.memberId, r.code]).sort());
    const spent = await t.dataSource.getRepository(PointsEntry).createQueryBuilder('e')
      .select('SUM(e.amount)', 'total').where("e.source = 'mall' AND e.ref_id IN (:...keys)", { keys: redemptions.map((r) => r.requestKey) }).getRawOne();
    expect(Number(spent.total)).toBe(-300 * 50);
    expect((await t.app.get(LedgerAudit).run()).drifts).toEqual([]);
    expect((await t.dataSource.getRepository(MallItem).findOneByOrFail({ id: vip.id })).stock).toBe(0);
    expect((await t.api('GET', '/api/admin/mall/items?filter=sold_out', { token: op })).body.map((i: { id: number }) => i.id)).toContain(vip.id);

    // The member sees their code in 我的兑换; the sold-out item says so.
    const winner = redemptions[0];
    const [mine] = await mall.mine(winner.memberId);
    expect(mine).toMatchObject({ itemId: vip.id, kind: 'virtual', status: 'granted', code: winner.code });
    const late = await t.devLogin('来晚了');
    await grant(late.member.id, 500);
    const refused = await t.api('POST', `/api/mall/items/${vip.id}/redeem`, { token: late.accessToken });
    expect([refused.status, refused.body.code, refused.body.message]).toEqual([409, 'MALL_SOLD_OUT', '已兑完']);
  }, 120_000);
});
