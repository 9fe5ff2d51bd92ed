import { DEFAULT_RULES, type ShopRules } from '@jifen/shared';
import { startTestApp, type TestApp } from '../support/app.js';
import { Member } from '../../src/members/member.entity.js';
import { Rule } from '../../src/rules/rule.entity.js';
import { RulesService } from '../../src/rules/rules.service.js';

/** 管理 → 规则: what an owner saves is what the next member earns; history, revert, schedule and coherence. */
describe('rules edited by owners', () => {
  let t: TestApp;
  let owner: string;
  let operator: string;
  let shopper: string;
  beforeAll(async () => {
    t = await startTestApp();
    const as = async (nickname: string, role: Member['role']) => {
      const login = await t.devLogin(nickname);
      await t.dataSource.getRepository(Member).update({ id: login.member.id }, { role });
      return login.accessToken;
    };
    owner = await as('规则店主', 'owner');
    operator = await as('规则运营', 'operator');
    shopper = (await t.devLogin('规则顾客')).accessToken;
  });
  afterAll(() => t.close());

  const get = async <K extends keyof ShopRules>(key: K) =>
    ((await t.api('GET', '/api/admin/rules', { token: operator })).body as { key: K; value: ShopRules[K]; head: number | null; version: { id: number } | null }[])
      .find((r) => r.key === key)!;
  const put = (key: string, body: Record<string, unknown>, token = owner) => t.api('PUT', `/api/admin/rules/${key}`, { token, body });
  const checkinPays = async (nickname: string) => (await t.api('POST', '/api/checkin', { token: (await t.devLogin(nickname)).accessToken })).body.points as number;
  const rowCount = () => t.dataSource.getRepository(Rule).count();

  it('changing check-in points pays the new amount next; history lists both versions; revert restores the old amount', async () => {
    const before = await get('checkin');
    expect(before).toMatchObject({ value: DEFAULT_RULES.checkin, version: null, head: null });
    expect(await checkinPays('签到甲')).toBe(10);

    const first = await put('checkin', { value: { ...before.value, basePoints: 25 }, note: '冬季加码', baseVersion: null });
    expect(first.status).toBe(200);
    expect(first.body.value.basePoints).toBe(25);
    expect(await checkinPays('签到乙')).toBe(25);
    expect((await t.api('GET', '/api/rules')).body.checkin.basePoints).toBe(25);

    const second = await put('checkin', { value: { ...first.body.value, basePoints: 40 }, note: '再加', baseVersion: first.body.head });
    expect(second.status).toBe(200);
    expect(await checkinPays('签到丙')).toBe(40);

    const history = (await t.api('GET', '/api/admin/rules/checkin/history', { token: operator })).body;
    expect(history.map((v: { value: { basePoints: number }; note: string; by: string; state: string }) => [v.value.basePoints, v.note, v.by, v.state]))
      .toEqual([[40, '再加', '规则店主', 'current'], [25, '冬季加码', '规则店主', 'past']]);

    const reverted = await t.api('POST', '/api/admin/rules/checkin/revert', { token: owner, body: { versionId: history[1].id, note: '活动结束', baseVersion: second.body.head } });
    expect(reverted.status).toBe(200);
    expect(reverted.body.value.basePoints).toBe(25);
    expect(reverted.body.version.note).toBe(`恢复到 #${history[1].id}：活动结束`);
    expect(await checkinPays('签到丁')).toBe(25);
    expect((await t.api('GET', '/api/admin/rules/checkin/history', { token: operator })).body).toHaveLength(3);
  });

  it('an edit from a stale version is told it changed, also when two land at once', async () => {
    const now = await get('signup');
    const ok = await put('signup', { value: { giftPoints: 120 }, note: '新人礼 120', baseVersion: now.head });
    expect(ok.status).toBe(200);
    const count = await rowCount();
    const stale = await put('signup', { value: { giftPoints: 150 }, note: '晚了一步', baseVersion: now.head });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('RULE_CHANGED');
    expect(await rowCount()).toBe(count);

    const base = ok.body.head;
    const race = await Promise.all([130, 140, 150, 160].map((giftPoints) => put('signup', { value: { giftPoints }, note: '同时保存', baseVersion: base })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await rowCount()).toBe(count + 1);
  });

  it('refuses incoherent rules, naming the field, and changes nothing', async () => {
    const tiers = await get('tiers');
    const count = await rowCount();
    const broken = tiers.value.tiers.map((x) => ({ ...x }));
    broken[2].minGrowth = 100; // below 银卡's 500
    const cases: [string, Record<string, unknown>, string][] = [
      ['tiers', { tiers: broken }, 'tiers.2.minGrowth'],
      ['tiers', { tiers: tiers.value.tiers.map((x, i) => (i === 1 ? { ...x, multiplierPct: 0 } : x)) }, 'tiers.1.multiplierPct'],
      ['earn', { pointsPerYuan: 1.5 }, 'pointsPerYuan'],
      ['ledger', { ...DEFAULT_RULES.ledger, dailyCap: -5 }, 'dailyCap'],
      ['checkin', { ...DEFAULT_RULES.checkin, streakBonuses: { 9: 10 } }, 'streakBonuses.9'],
      ['invites', { ...DEFAULT_RULES.invites, inviteeTemplateId: 999_999 }, 'inviteeTemplateId'],
      ['shop', { name: '林记', contact: '400-000-0000', privacyEffectiveOn: '2026-02-30' }, 'privacyEffectiveOn'],
      ['shop', { name: 'x'.repeat(41), contact: '', privacyEffectiveOn: '' }, 'name'],
    ];
    for (const [key, value, field] of cases) {
      const res = await put(key, { value, note: '坏规则', baseVersion: (await get(key as keyof ShopRules)).head });
      expect([key, res.status, res.body.details?.field]).toEqual([key, 400, field]);
    }
    for (const body of [{ value: DEFAULT_RULES.earn, note: '', baseVersion: null }, { value: 'x', note: 'n', baseVersion: null }, { value: DEFAULT_RULES.earn, note: 'n', baseVersion: null, effectiveFrom: '2020-01-01T00:00:00Z' }]) {
      expect((await put('earn', body)).status).toBe(400);
    }
    expect((await put('nonsense', { value: {}, note: 'n', baseVersion: null })).status).toBe(404);
    expect(await rowCount()).toBe(count);
  });

  it('keeps the shop profile the privacy page states, empty until the owner fills it', async () => {
    expect((await t.api('GET', '/api/rules')).body.shop).toEqual({ name: '', contact: '', privacyEffectiveOn: '' });
    const profile = { name: '上海林记商贸有限公司', contact: '客服电话 021-5555 0100', privacyEffectiveOn: '2026-12-01' };
    const res = await put('shop', { value: profile, note: '填写运营者信息', baseVersion: (await get('shop')).head });
    expect(res.status).toBe(200);
    expect((await t.api('GET', '/api/rules')).body.shop).toEqual(profile);
  });

  it('lets only owners change rules; operators read them, shoppers and visitors neither', async () => {
    const body = { value: { pointsPerYuan: 3 }, note: '运营试改', baseVersion: (await get('earn')).head };
    expect((await put('earn', body, operator)).status).toBe(403);
    expect((await put('earn', body, shopper)).status).toBe(403);
    expect((await t.api('GET', '/api/admin/rules', { token: shopper })).status).toBe(403);
    expect((await t.api('GET', '/api/admin/rules')).status).toBe(401);
    expect((await t.api('GET', '/api/rules')).status).toBe(200);
  });

  it('the invite page names the coupon the rule will issue, and a stopped one is refused', async () => {
    const make = (name: string) => t.api('POST', '/api/admin/coupons/templates', {
      token: operator, body: { name, kind: 'threshold', thresholdFen: 5_000, amountFen: 1_000, scope: 'all', channel: 'invite', validity: { type: 'relative', days: 30 }, perMember: 1 },
    });
    const gift = (await make('邀请礼')).body;
    const off = (await make('停用的券')).body;
    expect((await t.api('PATCH', `/api/admin/coupons/templates/${off.id}`, { token: operator, body: { status: 'off' } })).status).toBeLessThan(300);
    const invites = await get('invites');
    expect((await t.api('GET', '/api/invites/me', { token: shopper })).body.rules.inviteeReward).toBeNull();
    const refused = await put('invites', { value: { ...invites.value, inviteeTemplateId: off.id }, note: '选了停用券', baseVersion: invites.head });
    expect([refused.status, refused.body.details?.field]).toEqual([400, 'inviteeTemplateId']);
    const chosen = await put('invites', { value: { ...invites.value, inviteeTemplateId: gift.id }, note: '好友得满50减10', baseVersion: invites.head });
    expect(chosen.status).toBe(200);
    expect((await t.api('GET', '/api/invites/me', { token: shopper })).body.rules).toMatchObject({ inviteeReward: '满50减10券', orderPoints: 200 });
  });
  it('a version scheduled for tomorrow applies from then, and purchase points follow the earn rule', async () => {
    const earn = await get('earn');
    const tomorrow = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const scheduled = await put('earn', { value: { pointsPerYuan: 2 }, note: '明天起双倍', baseVersion: earn.head, effectiveFrom: tomorrow });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ value: { pointsPerYuan: 1 }, scheduled: [{ value: { pointsPerYuan: 2 }, state: 'scheduled' }] });
    expect((await t.api('GET', '/api/rules')).body.pointsPerYuan).toBe(1);
    t.clock.advance(86_400_000 + 1_000);
    t.app.get(RulesService).forget();
    operator = (await t.devLogin('规则运营')).accessToken; // the day-old token has expired
    expect((await t.api('GET', '/api/rules')).body.pointsPerYuan).toBe(2);
    expect((await get('earn')).value.pointsPerYuan).toBe(2);
    const category = (await t.api('POST', '/api/admin/catalog/categories', { token: operator, body: { name: '规则分类' } })).body;
    const goods = (await t.api('POST', '/api/admin/catalog/goods', {
      token: operator, body: { categoryId: category.id, title: '规则杯', images: ['/assets/goods/cup.png'], skus: [{ name: '默认', priceFen: 12_399, stock: 9 }] },
    })).body;
    const buyer = (await t.devLogin('规则买家')).accessToken;
    const quote = await t.api('POST', '/api/checkout/quote', { token: buyer, body: { lines: [{ skuId: goods.skus[0].id, quantity: 1 }] } });
    expect(quote.body.earnPoints).toBe(246); // 123 whole yuan × 2
  });

});
