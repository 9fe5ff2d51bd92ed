import { startTestApp, type TestApp } from '../support/app.js';
import { createMembers } from '../support/members.js';
import { Db } from '../../src/common/db.js';
import { DomainError } from '../../src/common/errors.js';
import { Events } from '../../src/events/events.service.js';
import { Member } from '../../src/members/member.entity.js';
import { Coupon, CouponMemberCount, CouponTemplate } from '../../src/coupons/coupon.entities.js';
import { CouponsService, type CouponTemplateInput } from '../../src/coupons/coupons.service.js';
import { DEFAULT_RULES, type PricedLine } from '@jifen/shared';
import { RulesService } from '../../src/rules/rules.service.js';

const DAY = 86_400_000;

describe('coupons', () => {
  let t: TestApp;
  let coupons: CouponsService;
  let tx: Db;
  let phone = 13_600_000_000;
  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_ACCESS_TTL: String(30 * 86400) } });
    coupons = t.app.get(CouponsService);
    tx = t.app.get(Db);
  });
  afterAll(() => t.close());

  const member = async (name: string) => {
    const login = await t.devLogin(name);
    return { id: login.member.id, token: login.accessToken };
  };
  const operator = async (name: string) => {
    const m = await member(name);
    await t.dataSource.getRepository(Member).update({ id: m.id }, { role: 'operator' });
    return m;
  };
  const template = (fields: Partial<CouponTemplateInput> = {}) => coupons.createTemplate({
    name: '满100减20', kind: 'threshold', thresholdFen: 10_000, amountFen: 2_000, scope: 'all', channel: 'center',
    validity: { type: 'relative', days: 7 }, perMember: 1, ...fields,
  });
  const lines = (amountFen: number, categoryId = 1, goodsId = 1): PricedLine[] => [{ goodsId, categoryId, amountFen }];
  const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: DomainError) => e.code ?? String(e));
  const tally = (xs: string[]) => xs.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
  const couponRow = (id: number) => t.dataSource.getRepository(Coupon).findOneByOrFail({ id });
  const lock = (memberId: number, couponId: number, orderId: number, l: PricedLine[] = lines(20_000)) =>
    tx.unit((m) => coupons.lock({ memberId, couponId, orderId, lines: l }));

  it('shows the claim centre and claims within the per-member limit and the total', async () => {
    const tpl = await template({ name: '限量券', total: 3, perMember: 2 });
    const hidden = await template({ name: '定向券', channel: 'targeted' });
    const later = await template({ name: '未开抢', claimStartsAt: new Date(t.clock.now().getTime() + DAY).toISOString() });
    const visitor = await t.api('GET', '/api/coupons/center');
    expect(visitor.status).toBe(200);
    const ids = visitor.body.map((x: { id: number }) => x.id);
    expect(ids).toContain(tpl.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(later.id);
    expect(visitor.body.find((x: { id: number }) => x.id === tpl.id)).toMatchObject({ label: '满100减20', mine: 0, claimable: true, issued: 0, total: 3 });

    const a = await member('领券甲');
    const b = await member('领券乙');
    const c = await member('领券丙');
    const claim = (token: string, id = tpl.id, headers?: Record<string, string>) => t.api('POST', `/api/coupons/center/${id}/claim`, { token, headers });
    const first = await claim(a.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ templateId: tpl.id, state: 'available', label: '满100减20', thresholdFen: 10_000, amountFen: 2_000, orderId: null });
    expect(new Date(first.body.endsAt).getTime()).toBeGreaterThan(t.clock.now().getTime() + 7 * DAY - 1);
    expect((await claim(a.token)).status).toBe(200);
    const third = await claim(a.token);
    expect([third.status, third.body.code]).toEqual([409, 'COUPON_LIMIT_REACHED']);
    const mine = await t.api('GET', '/api/coupons/center', { token: a.token });
    expect(mine.body.find((x: { id: number }) => x.id === tpl.id)).toMatchObject({ mine: 2, claimable: false, issued: 2 });
    expect((await claim(b.token)).status).toBe(200);
    const gone = await claim(c.token);
    expect([gone.status, gone.body.code]).toEqual([409, 'COUPON_SOLD_OUT']);
    expect((await claim(c.token, hidden.id)).body.code).toBe('COUPON_NOT_CLAIMABLE');
    expect((await claim(c.token, later.id)).body.code).toBe('COUPON_NOT_CLAIMABLE');
    expect((await claim(c.token, 999_999)).status).toBe(404);
    expect((await t.api('POST', '/api/coupons/center/abc/claim', { token: c.token })).status).toBe(400);
    expect((await claim(c.token, tpl.id, { 'idempotency-key': 'bad key!' })).status).toBe(400);
    expect((await t.api('POST', `/api/coupons/center/${tpl.id}/claim`)).status).toBe(401);
    expect((await t.dataSource.getRepository(CouponTemplate).findOneByOrFail({ id: tpl.id })).issued).toBe(3);
    expect(await t.dataSource.getRepository(Coupon).countBy({ templateId: tpl.id })).toBe(3);
    expect(await t.dataSource.getRepository(Coupon).countBy({ memberId: c.id })).toBe(0);
  });

  it('issues exactly 1 coupon to 64 concurrent claims of a template with total 1', async () => {
    const tpl = await template({ name: '秒杀券', total: 1 });
    const members = await createMembers(t.dataSource, 64, 'rush');
    const outcomes = await Promise.all(members.map((id) => outcome(coupons.claim(id, tpl.id))));
    expect(tally(outcomes)).toEqual({ ok: 1, COUPON_SOLD_OUT: 63 });
    expect(await t.dataSource.getRepository(Coupon).countBy({ templateId: tpl.id })).toBe(1);
    expect((await t.dataSource.getRepository(CouponTemplate).findOneByOrFail({ id: tpl.id })).issued).toBe(1);
    const counts = await t.dataSource.getRepository(CouponMemberCount).findBy({ templateId: tpl.id });
    expect(counts.reduce((s, r) => s + r.received, 0)).toBe(1);
  }, 60_000);

  it('never lets one member pass the per-member limit with concurrent claims', async () => {
    const tpl = await template({ name: '每人3张', perMember: 3, total: 50 });
    const [id] = await createMembers(t.dataSource, 1, 'greedy');
    const outcomes = await Promise.all(Array.from({ length: 24 }, () => outcome(coupons.claim(id, tpl.id))));
    expect(tally(outcomes)).toEqual({ ok: 3, COUPON_LIMIT_REACHED: 21 });
    expect(await t.dataSource.getRepository(Coupon).countBy({ templateId: tpl.id, memberId: id })).toBe(3);
    expect((await t.dataSource.getRepository(CouponTemplate).findOneByOrFail({ id: tpl.id })).issued).toBe(3);
    expect((await t.dataSource.getRepository(CouponMemberCount).findOneByOrFail({ templateId: tpl.id, memberId: id })).received).toBe(3);
  }, 60_000);

  it('gives one coupon for one Idempotency-Key, retried or concurrent', async () => {
    const tpl = await template({ name: '幂等券', perMember: 5 });
    const a = await member('幂等');
    const headers = { 'idempotency-key': 'claim-0001-abcdef' };
    const first = await t.api('POST', `/api/coupons/center/${tpl.id}/claim`, { token: a.token, headers });
    const again = await t.api('POST', `/api/coupons/center/${tpl.id}/claim`, { token: a.token, headers });
    expect(again.body.id).toBe(first.body.id);
    const racing = await Promise.all(Array.from({ length: 8 }, () => coupons.claim(a.id, tpl.id, 'claim-0002-abcdef')));
    expect(new Set(racing.map((c) => c.id)).size).toBe(1);
    expect(await t.dataSource.getRepository(Coupon).countBy({ templateId: tpl.id })).toBe(2);
    expect((await t.dataSource.getRepository(CouponTemplate).findOneByOrFail({ id: tpl.id })).issued).toBe(2);
    expect((await t.dataSource.getRepository(CouponMemberCount).findOneByOrFail({ templateId: tpl.id, memberId: a.id })).received).toBe(2);
  }, 60_000);

  it('locks a coupon for exactly one of two concurrent orders, and only for its owner', async () => {
    const tpl = await template({ name: '一单一券' });
    const [owner, other] = await createMembers(t.dataSource, 2, 'lock');
    const c = await coupons.grant({ memberId: owner, templateId: tpl.id, key: `t:${owner}:lock`, channel: 'targeted' });
    const results = await Promise.all([outcome(lock(owner, c.id, 1001)), outcome(lock(owner, c.id, 1002))]);
    expect(results.sort()).toEqual(['COUPON_NOT_USABLE', 'ok']);
    const row = await couponRow(c.id);
    expect(row.state).toBe('locked');
    expect([1001, 1002]).toContain(row.orderId);
    // The same order asking again keeps it; another member never gets it.
    await expect(lock(owner, c.id, row.orderId!)).resolves.toEqual({ discountFen: 2_000, name: '一单一券' });
    const c2 = await coupons.grant({ memberId: owner, templateId: tpl.id, key: `t:${owner}:lock2`, channel: 'targeted' }).catch((e) => e);
    expect(c2).toMatchObject({ code: 'COUPON_LIMIT_REACHED' });
    const mine = await coupons.grant({ memberId: other, templateId: tpl.id, key: `t:${other}:lock`, channel: 'targeted' });
    await expect(lock(owner, mine.id, 1003)).rejects.toMatchObject({ code: 'COUPON_NOT_USABLE' });
    expect((await couponRow(mine.id)).state).toBe('available');
  });

  it('refuses an expired or not yet started coupon and one below its threshold, with the reason, changing nothing', async () => {
    const [id] = await createMembers(t.dataSource, 1, 'refuse');
    const now = t.clock.now().getTime();
    const soon = await template({ name: '下周生效', validity: { type: 'fixed', startsAt: new Date(now + 7 * DAY).toISOString(), endsAt: new Date(now + 30 * DAY).toISOString() } });
    const notYet = await coupons.grant({ memberId: id, templateId: soon.id, key: `t:${id}:soon`, channel: 'targeted' });
    await expect(lock(id, notYet.id, 2001)).rejects.toMatchObject({ code: 'COUPON_NOT_USABLE', message: '优惠券尚未生效' });
    const short = await template({ name: '短期券', validity: { type: 'fixed', startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + DAY).toISOString() } });
    const expiring = await coupons.grant({ memberId: id, templateId: short.id, key: `t:${id}:short`, channel: 'targeted' });
    const below = await lock(id, expiring.id, 2002, lines(9_000)).catch((e: DomainError) => e);
    expect(below).toMatchObject({ code: 'COUPON_NOT_USABLE', message: '差 ¥10.00 可用' });
    const elsewhere = await lock(id, expiring.id, 2002, [{ goodsId: 1, categoryId: 1, amountFen: 0 }]).catch((e: DomainError) => e);
    expect(elsewhere).toMatchObject({ code: 'COUPON_NOT_USABLE', message: '不适用于所选商品' });
    expect((await couponRow(expiring.id)).state).toBe('available');
    t.clock.advance(2 * DAY);
    try {
      await expect(lock(id, expiring.id, 2003)).rejects.toMatchObject({ code: 'COUPON_NOT_USABLE', message: '优惠券已过期' });
      expect(await couponRow(expiring.id)).toMatchObject({ state: 'available', orderId: null });
    } finally {
      t.clock.advance(-2 * DAY);
    }
  });

  it('releases, marks used, restores, each once and only for its order', async () => {
    const tpl = await template({ name: '状态券', perMember: 3 });
    const [id] = await createMembers(t.dataSource, 1, 'states');
    const c = await coupons.grant({ memberId: id, templateId: tpl.id, key: `t:${id}:1`, channel: 'targeted' });
    await lock(id, c.id, 3001);
    expect(await tx.unit((m) => coupons.release(c.id, 9999))).toBe(false); // another order's release
    expect(await tx.unit((m) => coupons.markUsed(c.id, 9999))).toBe(false);
    expect((await couponRow(c.id)).state).toBe('locked');
    expect(await tx.unit((m) => coupons.release(c.id, 3001))).toBe(true);
    expect(await tx.unit((m) => coupons.release(c.id, 3001))).toBe(false);
    expect(await couponRow(c.id)).toMatchObject({ state: 'available', orderId: null });

    await lock(id, c.id, 3002);
    expect(await tx.unit((m) => coupons.markUsed(c.id, 3002))).toBe(true);
    expect(await tx.unit((m) => coupons.markUsed(c.id, 3002))).toBe(false);
    expect(await tx.unit((m) => coupons.release(c.id, 3002))).toBe(false); // paid: closing does not return it
    const used = await couponRow(c.id);
    expect(used).toMatchObject({ state: 'used', orderId: 3002 });
    expect(used.usedAt).not.toBeNull();
    await expect(lock(id, c.id, 3003)).rejects.toMatchObject({ code: 'COUPON_NOT_USABLE', message: '优惠券已使用' });

    expect(await tx.unit((m) => coupons.restore(c.id, 3002))).toBe(true);
    expect(await tx.unit((m) => coupons.restore(c.id, 3002))).toBe(false);
    expect(await couponRow(c.id)).toMatchObject({ state: 'available', orderId: null, usedAt: null });

    // A refund after the coupon expired keeps it used.
    const d = await coupons.grant({ memberId: id, templateId: tpl.id, key: `t:${id}:2`, channel: 'targeted' });
    await lock(id, d.id, 3004);
    await tx.unit((m) => coupons.markUsed(d.id, 3004));
    t.clock.advance(10 * DAY);
    try {
      expect(await tx.unit((m) => coupons.restore(d.id, 3004))).toBe(false);
      expect((await couponRow(d.id)).state).toBe('used');
    } finally {
      t.clock.advance(-10 * DAY);
    }
  });

  it('lists the wallet by state: soonest expiry first, then used and expired most recent first; checkout shows the fitting ones first', async () => {
    const a = await member('钱包');
    const week = await template({ name: '7天券', validity: { type: 'relative', days: 7 } });
    const fortnight = await template({ name: '14天券', kind: 'no_threshold', thresholdFen: 0, amountFen: 500, validity: { type: 'relative', days: 14 } });
    const threeDays = await template({ name: '3天券', validity: { type: 'relative', days: 3 } });
    const tenOff = await template({ name: '满50减10', thresholdFen: 5_000, amountFen: 1_000, validity: { type: 'relative', days: 30 } });
    const g = (tplId: number) => coupons.grant({ memberId: a.id, templateId: tplId, key: `w:${a.id}:${tplId}`, channel: 'targeted' });
    const cWeek = await g(week.id);
    const cFortnight = await g(fortnight.id);
    const cThree = await g(threeDays.id);
    const cTen = await g(tenOff.id);
    const wallet = (state: string) => t.api('GET', `/api/coupons?state=${state}`, { token: a.token }).then((r) => r.body.map((c: { id: number }) => c.id));
    expect(await wallet('available')).toEqual([cThree.id, cWeek.id, cFortnight.id, cTen.id]);
    expect((await t.api('GET', '/api/coupons', { token: a.token })).body).toHaveLength(4);
    expect((await t.api('GET', '/api/coupons?state=lost', { token: a.token })).status).toBe(400);

    const checkout = await coupons.forCheckout(a.id, lines(8_000));
    expect(checkout.map((c) => [c.id, c.usable, c.discountFen])).toEqual([
      [cTen.id, true, 1_000], [cFortnight.id, true, 500], [cThree.id, false, 0], [cWeek.id, false, 0],
    ]);
    expect(checkout[2].reason).toBe('差 ¥20.00 可用');

    await lock(a.id, cTen.id, 4001, lines(8_000));
    await tx.unit((m) => coupons.markUsed(cTen.id, 4001));
    await lock(a.id, cFortnight.id, 4002, lines(8_000)); // locked still shows as 可使用
    expect(await wallet('available')).toEqual([cThree.id, cWeek.id, cFortnight.id]);
    expect(await wallet('used')).toEqual([cTen.id]);
    expect((await coupons.forCheckout(a.id, lines(8_000))).map((c) => c.id)).toEqual([cThree.id, cWeek.id]);

    t.clock.advance(9 * DAY);
    try {
      expect(await wallet('available')).toEqual([cFortnight.id]);
      expect(await wallet('expired')).toEqual([cWeek.id, cThree.id]);
      const expired = (await t.api('GET', '/api/coupons?state=expired', { token: a.token })).body;
      expect(expired.every((c: { state: string }) => c.state === 'expired')).toBe(true);
      expect(await wallet('used')).toEqual([cTen.id]);
      expect(await coupons.forCheckout(a.id, lines(20_000))).toEqual([]);
    } finally {
      t.clock.advance(-9 * DAY);
    }
  });

  it('grants the new-member coupon once on sign-up, a replayed event gives nothing twice; invite coupons follow invite.rewarded', async () => {
    const welcome = await template({ name: '新人无门槛减10', kind: 'no_threshold', thresholdFen: 0, amountFen: 1_000, channel: 'new_member', validity: { type: 'relative', days: 15 } });
    const full = await template({ name: '已发完的新人券', channel: 'new_member', total: 1 });
    await coupons.grant({ memberId: (await createMembers(t.dataSource, 1, 'first'))[0], templateId: full.id, key: 'first-taker', channel: 'new_member' });
    const off = await template({ name: '停发新人券', channel: 'new_member', status: 'off' });
    const a = await member('新人');
    const events = t.app.get(Events);
    await events.drain();
    const signedUp = await t.api('POST', '/api/me/phone/dev', { token: a.token, body: { phone: String(phone++) } });
    // The answer names the coupon on its way (not the one all taken, nor the one switched off).
    expect([signedUp.status, signedUp.body.giftCoupons]).toEqual([200, ['新人无门槛减10']]);
    await events.drain();
    const held = async () => (await t.dataSource.getRepository(Coupon).findBy({ memberId: a.id })).map((c) => c.templateId);
    expect(await held()).toEqual([welcome.id]);
    await tx.unit((m) => events.emit('member.signed_up', { memberId: a.id, at: t.clock.now().toISOString() }));
    expect(await events.drain()).toBe(1);
    expect(await held()).toEqual([welcome.id]);
    expect(await held()).not.toContain(full.id);
    expect(await held()).not.toContain(off.id);

    const gift = await template({ name: '邀请好礼', thresholdFen: 5_000, amountFen: 1_000, channel: 'invite', validity: { type: 'relative', days: 30 } });
    // Only the template the invite rule names is issued (what the invite page promises), not every invite template.
    const unchosen = await template({ name: '未选用', thresholdFen: 5_000, amountFen: 500, channel: 'invite', validity: { type: 'relative', days: 30 } });
    await t.app.get(RulesService).set('invites', { ...DEFAULT_RULES.invites, inviteeTemplateId: gift.id }, { operatorId: null });
    for (let i = 0; i < 2; i++) {
      await tx.unit((m) => events.emit('invite.rewarded', { inviteId: 77, inviterId: 1, inviteeId: a.id, at: t.clock.now().toISOString() }));
      await events.drain();
    }
    expect((await held()).filter((x) => x === gift.id)).toHaveLength(1);
    const row = await t.dataSource.getRepository(Coupon).findOneByOrFail({ memberId: a.id, templateId: gift.id });
    expect(row.channel).toBe('invite');
    expect(await held()).not.toContain(unchosen.id);
  });

  it('lets operators create templates with kind-specific checks, switch them, issue to members and see the funnel', async () => {
    const op = await operator('券运营');
    const shopper = await member('普通会员');
    const body = {
      name: '零食9折', kind: 'discount', discountPct: 90, maxOffFen: 3_000, scope: 'categories', scopeIds: [2], channel: 'targeted',
      validity: { type: 'relative', days: 10 }, perMember: 1,
    };
    expect((await t.api('POST', '/api/admin/coupons/templates', { token: shopper.token, body })).status).toBe(403);
    const created = await t.api('POST', '/api/admin/coupons/templates', { token: op.token, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ label: '9折 最高减30', status: 'on', issued: 0, used: 0, gmvFen: 0, validity: { type: 'relative', days: 10 } });

    const before = await t.dataSource.getRepository(CouponTemplate).count();
    const bad: Record<string, unknown>[] = [
      { ...body, discountPct: 100 },
      { ...body, discountPct: 0 },
      { ...body, discountPct: undefined },
      { ...body, kind: 'threshold', discountPct: undefined, maxOffFen: undefined, thresholdFen: 1_000, amountFen: 1_000 },
      { ...body, kind: 'no_threshold', discountPct: undefined, maxOffFen: undefined, amountFen: 0 },
      { ...body, kind: 'no_threshold', discountPct: undefined, maxOffFen: undefined, amountFen: -5 },
      { ...body, kind: 'cashback' },
      { ...body, validity: { type: 'relative', days: 0 } },
      { ...body, validity: { type: 'relative', days: 366 } },
      { ...body, validity: { type: 'fixed', startsAt: '2026-04-01T00:00:00Z', endsAt: '2026-03-01T00:00:00Z' } },
      { ...body, validity: { type: 'fixed', startsAt: 'tomorrow', endsAt: '2026-03-01T00:00:00Z' } },
      { ...body, scopeIds: [] },
      { ...body, scope: 'all' },
      { ...body, name: '   ' },
      { ...body, amountFen: 1.5 },
      { ...body, total: 0 },
      { ...body, hacker: true },
      { ...body, validity: { type: 'relative', days: 7, extra: 1 } },
    ];
    for (const b of bad) {
      const res = await t.api('POST', '/api/admin/coupons/templates', { token: op.token, body: b });
      expect([res.status, res.body.code, JSON.stringify(b)]).toEqual([400, 'VALIDATION_FAILED', JSON.stringify(b)]);
    }
    expect(await t.dataSource.getRepository(CouponTemplate).count()).toBe(before);

    const id = created.body.id;
    const [m1, m2] = await createMembers(t.dataSource, 2, 'target');
    const headers = { 'idempotency-key': 'issue-0001-abcdef' };
    const issued = await t.api('POST', `/api/admin/coupons/templates/${id}/issue`, { token: op.token, body: { memberIds: [m1, m2, 999_999] }, headers });
    expect([issued.status, issued.body]).toEqual([200, { issued: 2, skipped: 1 }]);
    const replay = await t.api('POST', `/api/admin/coupons/templates/${id}/issue`, { token: op.token, body: { memberIds: [m1, m2] }, headers });
    expect(replay.body).toEqual({ issued: 2, skipped: 0 });
    const second = await t.api('POST', `/api/admin/coupons/templates/${id}/issue`, { token: op.token, body: { memberIds: [m1] } });
    expect(second.body).toEqual({ issued: 0, skipped: 1 }); // one per member
    expect((await t.api('POST', `/api/admin/coupons/templates/${id}/issue`, { token: op.token, body: { memberIds: [] } })).status).toBe(400);
    expect((await t.api('POST', `/api/admin/coupons/templates/${id}/issue`, { token: op.token, body: { memberIds: ['x'] } })).status).toBe(400);
    expect(await t.dataSource.getRepository(Coupon).countBy({ templateId: id })).toBe(2);

    const c = (await t.dataSource.getRepository(Coupon).findOneByOrFail({ templateId: id, memberId: m1 }));
    await lock(m1, c.id, 5001, lines(10_000, 2));
    await tx.unit((m) => coupons.markUsed(c.id, 5001));
    const stats = await t.api('GET', '/api/admin/coupons/templates', { token: op.token });
    expect(stats.status).toBe(200);
    // GMV comes from paid orders (the orders module); none were paid here.
    expect(stats.body.find((x: { id: number }) => x.id === id)).toMatchObject({ issued: 2, used: 1, useRatePermille: 500, gmvFen: 0 });
    expect((await t.api('GET', '/api/admin/coupons/templates', { token: shopper.token })).status).toBe(403);

    const offed = await t.api('PATCH', `/api/admin/coupons/templates/${id}`, { token: op.token, body: { status: 'off' } });
    expect([offed.status, offed.body.status]).toEqual([200, 'off']);
    expect((await t.api('PATCH', `/api/admin/coupons/templates/${id}`, { token: op.token, body: { status: 'maybe' } })).status).toBe(400);
    expect((await t.api('PATCH', '/api/admin/coupons/templates/999999', { token: op.token, body: { status: 'on' } })).status).toBe(404);
    const refused = await t.api('POST', `/api/admin/coupons/templates/${id}/issue`, { token: op.token, body: { memberIds: [m2] } });
    expect([refused.status, refused.body.code]).toEqual([409, 'COUPON_NOT_CLAIMABLE']);
  });
});

describe('demo coupons', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  it('fills the claim centre and gives 小明 two available coupons (one expiring in 2 days) and one expired', async () => {
    const center = await t.api('GET', '/api/coupons/center');
    expect(center.body.map((c: { label: string }) => c.label)).toEqual(['满100减20', '满199减40', '9折 最高减30', '无门槛减5']);
    const xiaoming = await t.devLogin('小明');
    const available = (await t.api('GET', '/api/coupons?state=available', { token: xiaoming.accessToken })).body;
    expect(available).toHaveLength(2);
    // Where each can be used, by the category's name.
    expect(available.map((c: { name: string; scopeLabel: string }) => [c.name, c.scopeLabel])).toEqual([['满100减20', '全场通用'], ['零食9折券', '限休闲零食可用']]);
    expect(new Date(available[0].endsAt).getTime() - t.clock.now().getTime()).toBeLessThan(3 * DAY);
    expect((await t.api('GET', '/api/coupons?state=expired', { token: xiaoming.accessToken })).body).toHaveLength(1);
    const mine = (await t.api('GET', '/api/coupons/center', { token: xiaoming.accessToken })).body;
    expect(mine.find((c: { label: string }) => c.label === '满100减20')).toMatchObject({ mine: 1, claimable: false });
  });
});
