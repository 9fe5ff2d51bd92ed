import { holdoutSize, winbackUplift } from '@jifen/shared';
import { createApp } from '../../src/app.factory.js';
import { CouponsService } from '../../src/coupons/coupons.service.js';
import { Events } from '../../src/events/events.service.js';
import { ChurnService } from '../../src/reports/churn.service.js';
import { CouponBatchesService } from '../../src/marketing/coupon-batches.service.js';
import { SegmentsService } from '../../src/marketing/segments.service.js';
import { startTestApp, type TestApp } from '../support/app.js';

const OWNER = '分群店长';
const DAY_MS = 86_400_000;

/** 分群与标签, 定向发券 and 流失挽回 on fixture members. */
describe('segments, tags and targeted coupons', () => {
  let t: TestApp;
  let owner: string;
  let seq = 0;
  beforeAll(async () => {
    t = await startTestApp({ env: {
      OWNER_OPENIDS: `dev:${OWNER}`, JWT_ACCESS_TTL: String(30 * 86400),
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify({ coupon_arrived: { id: 'tpl-coupon-arrived', fields: { thing1: ['thing', 'coupon'], date2: ['date', 'date'] } } }),
    } });
    t.clock.set('2026-06-30T04:00:00.000Z');
    owner = (await t.devLogin(OWNER)).accessToken;
  });
  afterAll(() => t.close());

  const sqlAt = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
  const daysAgo = (n: number) => sqlAt(new Date(t.clock.now().getTime() - n * DAY_MS));
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);
  /** Members inserted directly (10,000 by devLogin would take minutes), joined `joined` days ago. */
  async function members(n: number, joined: number, prefix: string): Promise<number[]> {
    const at = daysAgo(joined);
    for (let i = 0; i < n; i += 500) {
      const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => [`dev:${prefix}-${i + k}`, `${prefix}${i + k}`, at, at]);
      await t.dataSource.query(`INSERT INTO members (openid, nickname, role, tier, token_version, created_at, updated_at) VALUES ${rows.map(() => "(?, ?, 'member', 'normal', 0, ?, ?)").join(', ')}`, rows.flat());
    }
    return (await t.dataSource.query('SELECT id FROM members WHERE openid LIKE ? ORDER BY id', [`dev:${prefix}-%`])).map((r: { id: unknown }) => Number(r.id));
  }
  /** A paid order `ago` days ago of `fen`, in category `categoryId`. */
  async function order(memberId: number, ago: number, fen: number, categoryId = 1, couponId: number | null = null) {
    const at = daysAgo(ago);
    const id = ++seq;
    await t.dataSource.query(`INSERT INTO orders (order_no, member_id, status, source, goods_fen, pay_fen, address, request_key, coupon_id, paid_at, created_at, updated_at)
      VALUES (?, ?, 'completed', 'shop', ?, ?, '{}', ?, ?, ?, ?, ?)`, [`S${id}`, memberId, fen, fen, `seg-${id}`, couponId, at, at, at]);
    const [{ id: orderId }] = await t.dataSource.query('SELECT id FROM orders WHERE order_no = ?', [`S${id}`]);
    await t.dataSource.query(`INSERT INTO order_lines (order_id, goods_id, sku_id, category_id, title, sku_name, image, price_fen, quantity, amount_fen, coupon_fen, points, refunded_quantity)
      VALUES (?, 1, 1, ?, '苹果', '1斤', '/a.png', ?, 1, ?, 0, 0, 0)`, [orderId, categoryId, fen, fen]);
  }
  const tags = async () => (await t.api('GET', '/api/admin/tags', { token: owner })).body as { id: number; name: string; kind: string; segmentKey: string | null; members: number; ruleLabel: string | null }[];
  const template = (fields: Record<string, unknown> = {}) => t.app.get(CouponsService).createTemplate({
    name: '回来看看 减10', kind: 'no_threshold', thresholdFen: 0, amountFen: 1_000, scope: 'all', channel: 'targeted',
    validity: { type: 'relative', days: 14 }, perMember: 1, ...fields,
  } as never);

  it('places fixture members in their RFM groups and counts them', async () => {
    const [fresh] = await members(1, 5, 'fresh');
    const [vip] = await members(1, 400, 'vip');
    const [slipping] = await members(1, 400, 'slip');
    const [steady] = await members(1, 400, 'steady');
    const [asleep] = await members(1, 400, 'asleep');
    for (const ago of [2, 40, 80, 120]) await order(vip, ago, 20_000);
    for (let i = 0; i < 10; i++) await order(slipping, 60 + i * 7, 10_000);
    await order(steady, 50, 5_000);
    await order(asleep, 300, 5_000);
    await t.app.get(ChurnService).score();
    expect(await t.app.get(SegmentsService).place()).toBeGreaterThanOrEqual(5);
    const of = async (id: number) => (await t.api('GET', `/api/admin/members/${id}`, { token: owner })).body.tags.map((x: { name: string }) => x.name);
    expect(await of(fresh)).toEqual(['新客']);
    expect(await of(vip)).toEqual(['高价值活跃']);
    expect(await of(slipping)).toEqual(['流失风险']);
    expect(await of(steady)).toEqual(['潜力']);
    expect(await of(asleep)).toEqual(['沉睡']);
    // Placed again: still one group each, counts the same.
    const before = await tags();
    await t.app.get(SegmentsService).place();
    expect(await tags()).toEqual(before);
    const segments = before.filter((x) => x.kind === 'segment');
    expect(segments.map((x) => x.name)).toEqual(['高价值活跃', '潜力', '新客', '流失风险', '沉睡']);
    expect(segments.reduce((n, x) => n + x.members, 0)).toBe(await count('SELECT COUNT(*) AS n FROM members'));
  });

  it('fills rule tags, keeps manual tags by hand, and refuses what does not fit', async () => {
    await t.dataSource.query("INSERT INTO categories (id, name, icon, sort, created_at, updated_at) VALUES (7, '水果', '/a.png', 0, ?, ?)", [daysAgo(0), daysAgo(0)]);
    const [fruit, old, none] = await members(3, 100, 'fruit');
    await order(fruit, 10, 3_000, 7);
    await order(old, 120, 3_000, 7);
    await order(none, 10, 3_000, 1);
    await t.dataSource.query("UPDATE members SET tier = 'diamond' WHERE id = ?", [none]);
    const bought = await t.api('POST', '/api/admin/tags', { token: owner, body: { name: '近期买水果', rule: { kind: 'bought_category', categoryId: 7, days: 90 } } });
    expect(bought.status).toBe(201);
    expect(bought.body).toMatchObject({ kind: 'rule', members: 1, ruleLabel: '90 天内买过水果' });
    const gold = await t.api('POST', '/api/admin/tags', { token: owner, body: { name: '金卡以上', rule: { kind: 'tier_at_least', tier: 'gold' } } });
    expect(gold.body).toMatchObject({ members: 1, ruleLabel: '等级 ≥ 金卡会员' });

    const unknown = await t.api('POST', '/api/admin/tags', { token: owner, body: { name: '坏规则', rule: { kind: 'bought_category', categoryId: 999, days: 90 } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].field).toBe('rule.categoryId');
    expect((await t.api('POST', '/api/admin/tags', { token: owner, body: { name: '金卡以上' } })).body.code).toBe('TAG_NAME_TAKEN');
    expect((await t.api('POST', '/api/admin/tags', { token: owner, body: { name: '' } })).status).toBe(400);
    expect((await tags()).some((x) => x.name === '坏规则')).toBe(false);

    const vipTag = (await t.api('POST', '/api/admin/tags', { token: owner, body: { name: '到店熟客' } })).body;
    const added = await t.api('POST', `/api/admin/tags/${vipTag.id}/members`, { token: owner, body: { memberIds: [fruit, old, fruit, 99_999_999] } });
    expect(added.body).toEqual({ added: 2, members: 2 });
    expect((await t.api('POST', `/api/admin/tags/${vipTag.id}/members`, { token: owner, body: { memberIds: [fruit] } })).body).toEqual({ added: 0, members: 2 });
    expect((await t.api('DELETE', `/api/admin/tags/${vipTag.id}/members/${old}`, { token: owner })).body).toEqual({ removed: 1 });
    expect((await tags()).find((x) => x.id === vipTag.id)!.members).toBe(1);
    expect((await t.api('POST', `/api/admin/tags/${gold.body.id}/members`, { token: owner, body: { memberIds: [old] } })).body.code).toBe('TAG_NOT_MANUAL');
    expect((await t.api('POST', `/api/admin/tags/${vipTag.id}/members`, { token: owner, body: { memberIds: [1.5] } })).status).toBe(400);

    // The rule's members follow the data at the next refill: one joins, one leaves.
    await t.dataSource.query("UPDATE members SET tier = 'gold' WHERE id = ?", [old]);
    await t.dataSource.query("UPDATE members SET tier = 'normal' WHERE id = ?", [none]);
    await t.app.get(SegmentsService).place();
    const { TagsService } = await import('../../src/marketing/tags.service.js');
    await t.app.get(TagsService).refillRuleTags();
    expect((await tags()).find((x) => x.id === gold.body.id)!.members).toBe(1);
    const held = await t.dataSource.query('SELECT member_id FROM member_tags WHERE tag_id = ?', [gold.body.id]);
    expect(held.map((r: { member_id: unknown }) => Number(r.member_id))).toEqual([old]);
  });

  it('sends a batch of 10,000 that is interrupted halfway and resumed by another process: exactly 10,000 coupons', async () => {
    const ids = await members(10_000, 200, 'bulk');
    const tag = (await t.api('POST', '/api/admin/tags', { token: owner, body: { name: '万人名单' } })).body;
    for (let i = 0; i < ids.length; i += 5_000) {
      await t.api('POST', `/api/admin/tags/${tag.id}/members`, { token: owner, body: { memberIds: ids.slice(i, i + 5_000) } });
    }
    expect((await t.api('GET', `/api/admin/coupon-batches/preview?tagId=${tag.id}`, { token: owner })).body).toEqual({ audience: 10_000 });
    const tpl = await template({ name: '万人券' });
    const batches = t.app.get(CouponBatchesService);
    // Created by the service directly so the sender does not start at once; half is sent, then the process "dies".
    const batch = await batches.targeted({ templateId: tpl.id, tagId: tag.id }, 1, 'bulk-batch-0001');
    for (let sent = 0; sent < 5_000;) sent += await batches.sendChunk(batch.id);
    expect((await batches.get(batch.id)).issued).toBe(5_000);

    const other = await createApp(t.config, { clock: t.clock, logger: ['error'] });
    try {
      const resumed = other.get(CouponBatchesService);
      await Promise.all([resumed.sendAll(), batches.sendAll()]);
    } finally {
      await other.close();
    }
    const done = await batches.get(batch.id);
    expect(done).toMatchObject({ status: 'done', audience: 10_000, issued: 10_000, skipped: 0 });
    expect(await count('SELECT COUNT(*) AS n FROM coupons WHERE batch_id = ?', [batch.id])).toBe(10_000);
    expect(await count('SELECT COUNT(DISTINCT member_id) AS n FROM coupons WHERE batch_id = ?', [batch.id])).toBe(10_000);
    expect(await count('SELECT issued AS n FROM coupon_templates WHERE id = ?', [tpl.id])).toBe(10_000);
    // The same key again returns the batch; nothing more is issued.
    expect((await batches.targeted({ templateId: tpl.id, tagId: tag.id }, 1, 'bulk-batch-0001')).id).toBe(batch.id);
    expect(await count('SELECT COUNT(*) AS n FROM coupons WHERE template_id = ?', [tpl.id])).toBe(10_000);
  });

  it('skips members at the per-member limit and past the total, and reports use and GMV per batch', async () => {
    const ids = await members(5, 200, 'limit');
    const tag = (await t.api('POST', '/api/admin/tags', { token: owner, body: { name: '五人组' } })).body;
    await t.api('POST', `/api/admin/tags/${tag.id}/members`, { token: owner, body: { memberIds: ids } });
    const tpl = await template({ name: '限量券', total: 3 });
    await t.app.get(CouponsService).grant({ memberId: ids[0], templateId: tpl.id, key: 'earlier', channel: 'targeted' });
    // Only the member holding a consent for 优惠券到账 is reminded (ids[2]; ids[1] used theirs up, ids[4] gets no coupon).
    for (const [id, credits] of [[ids[1], 0], [ids[2], 1], [ids[4], 1]]) {
      await t.dataSource.query("INSERT INTO reminder_credits (member_id, template_id, credits, updated_at) VALUES (?, 'tpl-coupon-arrived', ?, ?)", [id, credits, daysAgo(0)]);
    }
    const res = await t.api('POST', '/api/admin/coupon-batches', { token: owner, body: { templateId: tpl.id, tagId: tag.id } });
    expect(res.status).toBe(201);
    await t.app.get(CouponBatchesService).sendAll();
    await t.app.get(Events).drain();
    await t.app.get(Events).drain();
    const reminded = await t.dataSource.query("SELECT member_id, body FROM messages WHERE kind = 'coupon_arrived'");
    expect(reminded.map((r: { member_id: unknown }) => Number(r.member_id))).toEqual([ids[2]]);
    expect(reminded[0].body).toContain('限量券');
    const coupon = (await t.dataSource.query('SELECT id, member_id FROM coupons WHERE batch_id = ? ORDER BY member_id LIMIT 1', [res.body.id]))[0];
    await t.dataSource.query("UPDATE coupons SET state = 'used' WHERE id = ?", [coupon.id]);
    await order(Number(coupon.member_id), 0, 8_800, 1, Number(coupon.id));
    const batch = (await t.api('GET', `/api/admin/coupon-batches/${res.body.id}`, { token: owner })).body;
    expect(batch).toMatchObject({ status: 'done', audience: 5, issued: 2, skipped: 3, used: 1, useRatePermille: 500, gmvFen: 8_800, gmvPerCouponFen: 4_400, tagName: '五人组' });
  });

  it('refuses a batch to an empty tag, a missing template and bad hold-out shares, changing nothing', async () => {
    const empty = (await t.api('POST', '/api/admin/tags', { token: owner, body: { name: '空标签' } })).body;
    const tpl = await template({ name: '空发券' });
    const before = await count('SELECT COUNT(*) AS n FROM coupon_batches');
    const none = await t.api('POST', '/api/admin/coupon-batches', { token: owner, body: { templateId: tpl.id, tagId: empty.id } });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: 'AUDIENCE_EMPTY', details: { field: 'tagId' } });
    expect((await t.api('POST', '/api/admin/coupon-batches', { token: owner, body: { templateId: 99_999, tagId: empty.id } })).body.code).toBe('COUPON_NOT_FOUND');
    expect((await t.api('POST', '/api/admin/coupon-batches', { token: owner, body: { templateId: 'x', tagId: empty.id } })).status).toBe(400);
    for (const holdoutPct of [51, -1, 10.5]) {
      const res = await t.api('POST', '/api/admin/coupon-batches/winback', { token: owner, body: { templateId: tpl.id, holdoutPct } });
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('holdoutPct');
    }
    // Everyone held out: the one member at risk would be kept back and nobody get the coupon.
    const [lonely] = await members(1, 200, 'lonely');
    await t.dataSource.query('DELETE FROM member_churn');
    await t.dataSource.query("INSERT INTO member_churn (member_id, score, reasons, value_at_risk_fen, last_order_at, computed_at) VALUES (?, 60, '[]', 1000, NULL, ?)", [lonely, daysAgo(0)]);
    const all = await t.api('POST', '/api/admin/coupon-batches/winback', { token: owner, body: { templateId: tpl.id, holdoutPct: 50 } });
    expect(all.status).toBe(400);
    expect(all.body.details[0].field).toBe('holdoutPct');
    expect(await count('SELECT COUNT(*) AS n FROM coupon_batches')).toBe(before);
    const shopper = (await t.devLogin('路过的顾客')).accessToken;
    expect((await t.api('POST', '/api/admin/coupon-batches/winback', { token: shopper, body: { templateId: tpl.id } })).status).toBe(403);
  });

  it('holds out the configured share of 10,000 at-risk members and measures their return against the treated', async () => {
    await t.dataSource.query('DELETE FROM member_churn');
    const ids = await members(10_000, 400, 'risk');
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await t.dataSource.query(`INSERT INTO member_churn (member_id, score, reasons, value_at_risk_fen, last_order_at, computed_at) VALUES ${chunk.map(() => "(?, 60, '[]', 1000, NULL, ?)").join(', ')}`,
        chunk.flatMap((id) => [id, daysAgo(0)]));
    }
    const tpl = await template({ name: '挽回券' });
    const res = await t.api('POST', '/api/admin/coupon-batches/winback', { token: owner, body: { templateId: tpl.id, holdoutPct: 10, days: 30 }, headers: { 'idempotency-key': 'winback-0001' } });
    expect(res.status).toBe(201);
    await t.app.get(CouponBatchesService).sendAll();
    const held = (await t.dataSource.query("SELECT member_id FROM coupon_batch_members WHERE batch_id = ? AND state = 'held'", [res.body.id])).map((r: { member_id: unknown }) => Number(r.member_id));
    expect(held.length).toBe(holdoutSize(10_000, 10));
    expect(held.length).toBe(1_000);
    // Random, not the first or last thousand: the held ids spread across the list.
    const heldSet = new Set(held);
    const firstHalf = ids.slice(0, 5_000).filter((id) => heldSet.has(id)).length;
    expect(firstHalf).toBeGreaterThan(400);
    expect(firstHalf).toBeLessThan(600);
    expect(await count('SELECT COUNT(*) AS n FROM coupons WHERE batch_id = ? AND member_id IN (SELECT member_id FROM coupon_batch_members WHERE batch_id = ? AND state = \'held\')', [res.body.id, res.body.id])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM coupons WHERE batch_id = ?', [res.body.id])).toBe(9_000);

    // A known answer by hand: 2,700 of 9,000 treated (30%) and 200 of 1,000 held (20%) return within the window; uplift 10 points,
    // ±1.96·√(0.3·0.7/9000 + 0.2·0.8/1000) = ±2.65 points, so 7.3%–12.7%. One held member buys after the window: not counted.
    const treated = ids.filter((id) => !heldSet.has(id));
    t.clock.advance(10 * DAY_MS);
    for (const id of treated.slice(0, 2_700)) await order(id, 1, 5_000);
    for (const id of held.slice(0, 200)) await order(id, 2, 5_000);
    const early = (await t.api('GET', `/api/admin/coupon-batches/${res.body.id}`, { token: owner })).body.winback;
    expect(early.final).toBe(false);
    t.clock.advance(25 * DAY_MS);
    await order(held[500], 0, 5_000);
    owner = (await t.devLogin(OWNER)).accessToken; // 35 days on: the old token has lapsed
    const result = (await t.api('GET', `/api/admin/coupon-batches/${res.body.id}`, { token: owner })).body.winback;
    expect(result).toMatchObject({ days: 30, final: true, treated: { members: 9_000, returned: 2_700, ratePermille: 300 }, holdout: { members: 1_000, returned: 200, ratePermille: 200 } });
    expect(result.uplift).toEqual({ upliftPermille: 100, lowPermille: 73, highPermille: 127, significant: true });
  });
});
