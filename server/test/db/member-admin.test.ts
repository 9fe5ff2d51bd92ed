import { startTestApp, type TestApp } from '../support/app.js';
import { LedgerAudit } from '../../src/ledger/ledger-audit.service.js';
import { LedgerQueries } from '../../src/ledger/ledger-queries.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';

const OWNER = '店长甲';
const SECOND_OWNER = '店长乙';

/**
 * 管理 → 会员 and 积分审核: search (id, phone whole or masked, nickname), a member's page with
 * the phone masked and the full number only on request (audited), adjustments up to the rule's
 * line at once and above it on an owner's approval (never the requester's own), and the
 * ledger's flagged entries cleared or clawed back.
 */
describe('member lookup, adjustments and flags', () => {
  let t: TestApp;
  let owner: string;
  let second: string;
  let operator: string;
  let operatorId: number;
  let member: { id: number; token: string };
  beforeAll(async () => {
    t = await startTestApp({ env: { OWNER_OPENIDS: `dev:${OWNER},dev:${SECOND_OWNER}`, JWT_ACCESS_TTL: String(30 * 86400) } });
    owner = (await t.devLogin(OWNER)).accessToken;
    second = (await t.devLogin(SECOND_OWNER)).accessToken;
    const op = await t.devLogin('运营小周');
    operatorId = op.member.id;
    expect((await t.api('POST', `/api/admin/staff/${operatorId}/role`, { token: owner, body: { role: 'operator' } })).status).toBeLessThan(300);
    operator = op.accessToken;
    const login = await t.devLogin('会员小李');
    member = { id: login.member.id, token: login.accessToken };
    expect((await t.api('POST', '/api/me/phone/dev', { token: member.token, body: { phone: '13812348000' } })).status).toBe(200);
  });
  afterAll(() => t.close());

  const balance = () => t.app.get(LedgerQueries).balance(member.id);
  const audited = async (action: string) => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?', [action]))[0].n);

  it('finds a member by id, whole phone, masked phone or nickname, showing the phone masked', async () => {
    for (const q of [String(member.id), '13812348000', '138****8000', '小李']) {
      const res = await t.api('GET', `/api/admin/members?q=${encodeURIComponent(q)}`, { token: operator });
      expect([q, res.status]).toEqual([q, 200]);
      expect(res.body.find((m: { id: number }) => m.id === member.id)).toMatchObject({ nickname: '会员小李', phone: '138****8000', available: 100 });
    }
    expect((await t.api('GET', '/api/admin/members?q=139****8000', { token: operator })).body).toEqual([]);
    expect((await t.api('GET', `/api/admin/members?q=${'长'.repeat(31)}`, { token: operator })).status).toBe(400);
    expect((await t.api('GET', '/api/admin/members?q=小李', { token: member.token })).status).toBe(403);
  });

  it('shows a member\'s page masked; the full number only on request, and the request is audited', async () => {
    const page = await t.api('GET', `/api/admin/members/${member.id}`, { token: operator });
    expect(page.body).toMatchObject({ id: member.id, phone: '138****8000', available: 100, pending: 0, debt: 0, coupons: { used: 0 }, invites: { invited: 0 } });
    expect(page.body.entries.map((e: { title: string }) => e.title)).toEqual(['新人礼']);
    expect(JSON.stringify(page.body)).not.toContain('13812348000');
    const before = await audited('POST /api/admin/members/:id/phone');
    const phone = await t.api('POST', `/api/admin/members/${member.id}/phone`, { token: operator });
    expect(phone.body).toEqual({ phone: '13812348000' });
    expect(await audited('POST /api/admin/members/:id/phone')).toBe(before + 1);
    expect((await t.api('GET', '/api/admin/members/999999', { token: operator })).status).toBe(404);
  });

  it('refuses bad adjustments with the field, changing nothing', async () => {
    const cases: [unknown, string][] = [
      [{ amount: 0, reason: '补发' }, 'amount'],
      [{ amount: 1.5, reason: '补发' }, 'amount'],
      [{ amount: 2 ** 31, reason: '补发' }, 'amount'],
      [{ amount: '100', reason: '补发' }, 'amount'],
      [{ amount: 100 }, 'reason'],
      [{ amount: 100, reason: '   ' }, 'reason'],
      [{ amount: 100, reason: '长'.repeat(101) }, 'reason'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('POST', `/api/admin/members/${member.id}/adjustments`, { token: operator, body });
      expect([JSON.stringify(body), res.status, res.body.details?.field]).toEqual([JSON.stringify(body), 400, field]);
    }
    expect((await t.api('POST', `/api/admin/members/${member.id}/adjustments`, { token: member.token, body: { amount: 100, reason: '自己加' } })).status).toBe(403);
    expect((await balance()).available).toBe(100);
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM points_adjustments'))[0].n)).toBe(0);
  });

  it('applies an adjustment up to 5,000 at once, with the reason in the member\'s 积分明细; taking more than they have is refused', async () => {
    const res = await t.api('POST', `/api/admin/members/${member.id}/adjustments`, { token: operator, body: { amount: 300, reason: '门店活动补发' } });
    expect([res.status, res.body.status, res.body.requestedBy]).toEqual([201, 'applied', '运营小周']);
    expect((await balance()).available).toBe(400);
    const mine = await t.api('GET', '/api/points/entries?limit=1', { token: member.token });
    expect(mine.body.items[0]).toMatchObject({ source: 'adjust', amount: 300, reason: '门店活动补发' });
    const tooMuch = await t.api('POST', `/api/admin/members/${member.id}/adjustments`, { token: operator, body: { amount: -500, reason: '误发收回' } });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([409, 'POINTS_INSUFFICIENT']);
    expect((await balance()).available).toBe(400);
    expect((await t.api('GET', `/api/admin/members/${member.id}`, { token: operator })).body.adjustments).toHaveLength(1);
  });

  it('holds 6,000 for an owner: approval moves it once, the requester cannot approve, a rejection moves nothing', async () => {
    const big = await t.api('POST', `/api/admin/members/${member.id}/adjustments`, { token: owner, body: { amount: 6_000, reason: '大客户补偿' } });
    expect([big.status, big.body.status]).toEqual([201, 'pending']);
    expect((await balance()).available).toBe(400);
    const pending = await t.api('GET', '/api/admin/adjustments?status=pending', { token: operator });
    expect(pending.body.map((a: { id: number }) => a.id)).toEqual([big.body.id]);
    expect((await t.api('POST', `/api/admin/adjustments/${big.body.id}/approve`, { token: operator, body: {} })).status).toBe(403);
    const own = await t.api('POST', `/api/admin/adjustments/${big.body.id}/approve`, { token: owner, body: {} });
    expect([own.status, own.body.code]).toEqual([403, 'SELF_APPROVAL']);
    const [a, b] = await Promise.all([
      t.api('POST', `/api/admin/adjustments/${big.body.id}/approve`, { token: second, body: { note: '核实无误' } }),
      t.api('POST', `/api/admin/adjustments/${big.body.id}/approve`, { token: second, body: {} }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await balance()).available).toBe(6_400);
    expect((await t.api('POST', `/api/admin/adjustments/${big.body.id}/reject`, { token: second, body: {} })).body.code).toBe('ADJUSTMENT_DECIDED');

    const other = await t.api('POST', `/api/admin/members/${member.id}/adjustments`, { token: operator, body: { amount: -6_000, reason: '重复补偿收回' } });
    expect(other.body.status).toBe('pending');
    const rejected = await t.api('POST', `/api/admin/adjustments/${other.body.id}/reject`, { token: owner, body: { note: '不需要收回' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: OWNER, note: '不需要收回' });
    expect((await balance()).available).toBe(6_400);
    expect((await t.api('POST', '/api/admin/adjustments/999999/approve', { token: owner, body: {} })).status).toBe(404);
    expect((await t.app.get(LedgerAudit).run()).drifts).toEqual([]);
  });

  it('lists flagged entries; an operator clears one or claws one back through the ledger', async () => {
    const ledger = t.app.get(LedgerService);
    // 10,000 points in one entry pass the flag line (purchases: no daily cap).
    const big = await ledger.earn({ memberId: member.id, amount: 10_000, source: 'purchase', key: `flag-me-${member.id}`, ref: { type: 'test', id: 1 } });
    const other = await ledger.earn({ memberId: member.id, amount: 12_000, source: 'purchase', key: `flag-me-too-${member.id}`, ref: { type: 'test', id: 2 } });
    const flags = await t.api('GET', '/api/admin/flags', { token: operator });
    const [second, first] = flags.body;
    expect(first).toMatchObject({ memberId: member.id, memberName: '会员小李', amount: 10_000, entryId: big.entryId, status: 'open', title: '购物奖励' });
    expect(first.reason).toContain('10000');
    expect(second.entryId).toBe(other.entryId);
    const before = (await balance()).available;

    const cleared = await t.api('POST', `/api/admin/flags/${first.id}/clear`, { token: operator, body: {} });
    expect(cleared.body).toMatchObject({ status: 'cleared', reviewedBy: '运营小周' });
    expect((await t.api('POST', `/api/admin/flags/${first.id}/clear`, { token: operator, body: {} })).body.code).toBe('FLAG_REVIEWED');
    expect((await t.api('POST', `/api/admin/flags/${second.id}/claw-back`, { token: operator, body: {} })).status).toBe(400);
    const clawed = await t.api('POST', `/api/admin/flags/${second.id}/claw-back`, { token: operator, body: { reason: '活动配置错误' } });
    expect(clawed.body.status).toBe('clawed_back');
    expect((await balance()).available).toBe(before - 12_000);
    expect((await t.api('POST', `/api/admin/flags/${second.id}/claw-back`, { token: operator, body: { reason: '再来一次' } })).body.code).toBe('FLAG_REVIEWED');
    expect((await balance()).available).toBe(before - 12_000);
    expect((await t.api('GET', '/api/admin/flags?status=clawed_back', { token: operator })).body.map((f: { id: number }) => f.id)).toEqual([second.id]);
    expect((await t.api('GET', '/api/admin/flags', { token: member.token })).status).toBe(403);
    expect((await t.app.get(LedgerAudit).run()).drifts).toEqual([]);
  });
});
