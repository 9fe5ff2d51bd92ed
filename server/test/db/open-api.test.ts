import { createHash, createHmac, randomBytes } from 'node:crypto';
import { canonicalRequest, OPEN_API_HEADERS } from '@jifen/shared';
import { startTestApp, type TestApp } from '../support/app.js';

const OWNER = '接口店长';

/** The open API (/open/v1): keys made by owners, every request signed, refusals coded and logged. */
describe('open API: keys and signed requests', () => {
  let t: TestApp;
  let owner: string;
  let key: { keyId: string; secret: string };
  let member: number;
  beforeAll(async () => {
    t = await startTestApp({ env: { OWNER_OPENIDS: `dev:${OWNER}`, JWT_ACCESS_TTL: String(30 * 86400) } });
    owner = (await t.devLogin(OWNER)).accessToken;
    member = (await t.devLogin('门店顾客')).member.id;
    const made = await t.api('POST', '/api/admin/open-api/keys', { token: owner, body: { name: '南京路店收银', scopes: ['points:earn'] } });
    expect(made.status).toBe(201);
    key = made.body;
  });
  afterAll(() => t.close());

  /** A request signed as the POS would sign it; `tamper` changes what is sent after signing. */
  function signed(method: string, path: string, body: unknown, opts: { key?: { keyId: string; secret: string }; timestamp?: number; nonce?: string; sendBody?: string; secret?: string; rawBody?: string } = {}) {
    const k = opts.key ?? key;
    const raw = opts.rawBody ?? (body === undefined ? '' : JSON.stringify(body));
    const url = new URL(path, 'http://x');
    const query: Record<string, string[]> = {};
    for (const [n, v] of url.searchParams) (query[n] ??= []).push(v);
    const timestamp = String(opts.timestamp ?? t.clock.now().getTime());
    const nonce = opts.nonce ?? randomBytes(12).toString('hex');
    const contentSha256 = createHash('sha256').update(raw).digest('hex');
    const signature = createHmac('sha256', opts.secret ?? k.secret).update(canonicalRequest({ method, path: url.pathname, query, timestamp, nonce, contentSha256 })).digest('hex');
    return t.api(method, path, {
      raw: body === undefined && opts.rawBody === undefined ? undefined : opts.sendBody ?? raw,
      headers: {
        [OPEN_API_HEADERS.key]: k.keyId, [OPEN_API_HEADERS.timestamp]: timestamp, [OPEN_API_HEADERS.nonce]: nonce,
        [OPEN_API_HEADERS.contentSha256]: contentSha256, [OPEN_API_HEADERS.signature]: signature,
      },
    });
  }
  const entries = async () => Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM points_entries WHERE source = 'pos'"))[0].n);
  const earn = (posOrderNo: string, amountFen = 12_345) => ({ memberId: member, amountFen, storeId: 'nanjing-rd', posOrderNo });

  it('shows the secret once and keeps it only sealed; the key lists without it', async () => {
    expect(key.keyId).toMatch(/^ak_/);
    expect(key.secret).toMatch(/^sk_/);
    const [row] = await t.dataSource.query('SELECT secret_enc FROM open_api_keys WHERE key_id = ?', [key.keyId]);
    expect(row.secret_enc).not.toContain(key.secret.slice(3, 20));
    const list = await t.api('GET', '/api/admin/open-api/keys', { token: owner });
    expect(list.body).toEqual([expect.objectContaining({ keyId: key.keyId, scopes: ['points:earn'], status: 'active' })]);
    expect(JSON.stringify(list.body)).not.toContain(key.secret);
    const shopper = (await t.devLogin('门店顾客')).accessToken;
    expect((await t.api('POST', '/api/admin/open-api/keys', { token: shopper, body: { name: 'x', scopes: ['points:earn'] } })).status).toBe(403);
    expect((await t.api('POST', '/api/admin/open-api/keys', { token: owner, body: { name: 'x', scopes: ['points:everything'] } })).body.details[0].field).toBe('scopes');
  });

  it('answers a well-signed request and earns as online: points per yuan, once per store and POS order number', async () => {
    const ping = await signed('GET', '/open/v1/ping?b=2&a=1', undefined);
    expect(ping.status).toBe(200);
    expect(ping.body).toEqual({ keyId: key.keyId, scopes: ['points:earn'] });
    const first = await signed('POST', '/open/v1/points/earn', earn('POS-0001'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ memberId: member, points: 123, replayed: false });
    const again = await signed('POST', '/open/v1/points/earn', earn('POS-0001'));
    expect(again.body).toMatchObject({ points: 123, replayed: true, available: first.body.available });
    expect(await entries()).toBe(1);
    // 最近调用 follows from the key's request log (written just after each answer).
    let listed = await t.api('GET', '/api/admin/open-api/keys', { token: owner });
    for (let i = 0; i < 50 && !listed.body[0].lastUsedAt; i++) {
      await new Promise((r) => setTimeout(r, 20));
      listed = await t.api('GET', '/api/admin/open-api/keys', { token: owner });
    }
    expect(listed.body[0].lastUsedAt).toBe(t.clock.now().toISOString());
  });

  it('turns 20 concurrent identical earn requests into one entry', async () => {
    const before = await entries();
    const answers = await Promise.all(Array.from({ length: 20 }, () => signed('POST', '/open/v1/points/earn', earn('POS-RACE'))));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => !a.body.replayed)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.available)).size).toBe(1);
    expect(await entries()).toBe(before + 1);
  });

  it('refuses bad signatures, stale and future times, replays, changed bodies, unknown, revoked and unscoped keys; nothing changes', async () => {
    const before = await entries();
    const now = t.clock.now().getTime();
    const code = async (p: Promise<{ status: number; body: { code: string } }>) => {
      const r = await p;
      return `${r.status} ${r.body.code}`;
    };
    expect(await code(signed('POST', '/open/v1/points/earn', earn('BAD-1'), { secret: 'sk_wrong' }))).toBe('401 OPEN_API_SIGNATURE_INVALID');
    expect(await code(signed('POST', '/open/v1/points/earn', earn('BAD-2'), { timestamp: now - 6 * 60_000 }))).toBe('401 OPEN_API_TIMESTAMP_INVALID');
    expect(await code(signed('POST', '/open/v1/points/earn', earn('BAD-3'), { timestamp: now + 6 * 60_000 }))).toBe('401 OPEN_API_TIMESTAMP_INVALID');
    const nonce = randomBytes(8).toString('hex');
    expect(await code(signed('GET', '/open/v1/ping', undefined, { nonce }))).toBe('200 undefined');
    expect(await code(signed('GET', '/open/v1/ping', undefined, { nonce }))).toBe('401 OPEN_API_REPLAYED');
    expect(await code(signed('POST', '/open/v1/points/earn', earn('BAD-4'), { sendBody: JSON.stringify(earn('BAD-4', 99_999_999)) }))).toBe('401 OPEN_API_BODY_MISMATCH');
    expect(await code(signed('POST', '/open/v1/points/earn', earn('BAD-5'), { key: { keyId: 'ak_nobody', secret: 'sk_x' } }))).toBe('401 OPEN_API_KEY_UNKNOWN');
    const readOnly = (await t.api('POST', '/api/admin/open-api/keys', { token: owner, body: { name: '只读', scopes: ['members:read'] } })).body;
    expect(await code(signed('POST', '/open/v1/points/earn', earn('BAD-6'), { key: readOnly }))).toBe('403 OPEN_API_SCOPE_MISSING');
    const doomed = (await t.api('POST', '/api/admin/open-api/keys', { token: owner, body: { name: '将停用', scopes: ['points:earn'] } })).body;
    expect((await t.api('POST', `/api/admin/open-api/keys/${doomed.keyId}/revoke`, { token: owner })).body.status).toBe('revoked');
    expect(await code(signed('POST', '/open/v1/points/earn', earn('BAD-7'), { key: doomed }))).toBe('401 OPEN_API_KEY_REVOKED');
    expect((await t.api('POST', '/open/v1/points/earn', { body: earn('BAD-8') })).status).toBe(401);
    expect(await entries()).toBe(before);

    // Each attempt is kept under its key with its answer.
    let logged = await t.api('GET', `/api/admin/open-api/keys/${readOnly.keyId}/requests`, { token: owner });
    for (let i = 0; i < 50 && logged.body.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      logged = await t.api('GET', `/api/admin/open-api/keys/${readOnly.keyId}/requests`, { token: owner });
    }
    expect(logged.body).toEqual([expect.objectContaining({ method: 'POST', path: '/open/v1/points/earn', status: 403, code: 'OPEN_API_SCOPE_MISSING' })]);
  });

  it('refuses amounts of 0, negative, fractional or ≥ 2³¹ fen and bodies that are not JSON, with the field', async () => {
    const before = await entries();
    for (const amountFen of [0, -100, 12.5, 2 ** 31]) {
      const r = await signed('POST', '/open/v1/points/earn', earn(`AMT-${String(amountFen).replace(/\W/g, '')}`, amountFen));
      expect(r.status).toBe(400);
      expect(r.body.details[0].field).toBe('amountFen');
    }
    // Signed as sent, but not JSON: refused before any check of the key, and still logged under it.
    const notJson = await signed('POST', '/open/v1/points/earn', undefined, { rawBody: '{"memberId": 1, not json' });
    expect(notJson.status).toBe(400);
    expect(await entries()).toBe(before);
    // The log line is written once the answer has gone: wait for it.
    let logged: unknown[] = [];
    for (let i = 0; i < 50 && logged.length === 0; i++) {
      logged = await t.dataSource.query("SELECT status, code FROM open_api_requests WHERE key_id = ? AND status = 400 AND code = ?", [key.keyId, notJson.body.code]);
      if (logged.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(logged).toEqual([{ status: 400, code: notJson.body.code }]);
  });

  describe('member codes, spend and reverse', () => {
    let till: { keyId: string; secret: string };
    let shopper: string;
    beforeAll(async () => {
      till = (await t.api('POST', '/api/admin/open-api/keys', { token: owner, body: { name: '全功能收银', scopes: ['members:read', 'points:earn', 'points:spend'] } })).body;
      shopper = (await t.devLogin('门店顾客')).accessToken;
      await t.dataSource.query("UPDATE members SET phone = '13800138123' WHERE id = ?", [member]);
      await signed('POST', '/open/v1/points/earn', earn('FUND-1', 500_00), { key: till }); // 500 points to spend
    });
    const code = async () => (await t.api('GET', '/api/me/member-code', { token: shopper })).body as { code: string; expiresAt: string; available: number };
    const spend = (memberCode: string, posOrderNo: string, points = 100) => signed('POST', '/open/v1/points/spend', { memberCode, points, storeId: 'nanjing-rd', posOrderNo }, { key: till });

    it('shows the member a code that turns over each minute and refuses anyone signed out', async () => {
      const c = await code();
      expect(c.code).toMatch(new RegExp(`^6${String(member).padStart(9, '0')}\\d{8}$`));
      expect(new Date(c.expiresAt).getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(60_000);
      t.clock.advance(60_000);
      expect((await code()).code).not.toBe(c.code);
      expect((await t.api('GET', '/api/me/member-code')).status).toBe(401);
    });

    it('looks a member up by code or phone; the phone is whole only for members:read', async () => {
      const byCode = await signed('GET', `/open/v1/members/lookup?code=${(await code()).code}`, undefined, { key: till });
      expect(byCode.body).toMatchObject({ memberId: member, phone: '13800138123' });
      const byPhone = await signed('GET', '/open/v1/members/lookup?phone=13800138123', undefined, { key: till });
      expect(byPhone.body.memberId).toBe(member);
      const masked = await signed('GET', `/open/v1/members/lookup?code=${(await code()).code}`, undefined);
      expect(masked.body.phone).toBe('138****8123');
      const refused = await signed('GET', '/open/v1/members/lookup?phone=13800138123', undefined);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('OPEN_API_SCOPE_MISSING');
    });

    it('spends once per code and per POS order; an expired, reused or another member’s code is refused', async () => {
      const c = (await code()).code;
      const first = await spend(c, 'SPEND-1');
      expect(first.body).toMatchObject({ memberId: member, points: -100, replayed: false });
      expect((await spend(c, 'SPEND-1')).body).toMatchObject({ points: -100, replayed: true }); // the retry
      const reused = await spend(c, 'SPEND-2');
      expect([reused.status, reused.body.code]).toEqual([409, 'MEMBER_CODE_USED']);
      const old = (await code()).code;
      t.clock.advance(2 * 60_000);
      expect((await spend(old, 'SPEND-3')).body.code).toBe('MEMBER_CODE_INVALID');
      const other = (await t.devLogin('另一位顾客')).member.id as number;
      const forged = `6${String(other).padStart(9, '0')}${(await code()).code.slice(10)}`;
      expect((await spend(forged, 'SPEND-4')).body.code).toBe('MEMBER_CODE_INVALID');
      const previousStep = (await code()).code;
      t.clock.advance(60_000); // the previous minute's code still spends
      expect((await spend(previousStep, 'SPEND-5', 50)).status).toBe(200);
      const entries = await t.dataSource.query("SELECT COUNT(*) AS n FROM points_entries WHERE source = 'pos' AND kind = 'spend'");
      expect(Number(entries[0].n)).toBe(2);
    });

    it('turns 10 identical spends sent at once with one code into one entry, all answered alike', async () => {
      const c = (await code()).code;
      const answers = await Promise.all(Array.from({ length: 10 }, () => spend(c, 'SPEND-RACE', 10)));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(answers.filter((a) => !a.body.replayed)).toHaveLength(1);
      expect(new Set(answers.map((a) => a.body.available)).size).toBe(1);
      const n = await t.dataSource.query("SELECT COUNT(*) AS n FROM points_entries WHERE idempotency_key LIKE '%:SPEND-RACE:spend'");
      expect(Number(n[0].n)).toBe(1);
    });

    it('reverses a spend in part then in full, once per refund number, and never more than was spent', async () => {
      t.clock.advance(60_000); // a fresh code: the last test used this minute's
      const c = (await code()).code;
      const spent = await spend(c, 'REV-1', 200);
      expect(spent.status).toBe(200);
      const before = spent.body.available;
      const rev = (points: number | undefined, refundNo: string) =>
        signed('POST', '/open/v1/points/reverse', { storeId: 'nanjing-rd', posOrderNo: 'REV-1', of: 'spend', points, refundNo }, { key: till });
      expect((await rev(50, 'R-1')).body).toMatchObject({ points: 50, available: before + 50 });
      expect((await rev(50, 'R-1')).body).toMatchObject({ replayed: true, available: before + 50 });
      expect((await rev(undefined, 'R-2')).body).toMatchObject({ points: 150, available: before + 200 });
      expect((await rev(1, 'R-3')).status).toBe(409);
      const unknown = await signed('POST', '/open/v1/points/reverse', { storeId: 'nanjing-rd', posOrderNo: 'NOPE', of: 'earn', refundNo: 'R-9' }, { key: till });
      expect([unknown.status, unknown.body.code, unknown.body.details.field]).toEqual([404, 'POS_ORDER_NOT_FOUND', 'posOrderNo']);
      const earnOnly = await signed('POST', '/open/v1/points/reverse', { storeId: 'nanjing-rd', posOrderNo: 'REV-1', of: 'spend', refundNo: 'R-4' });
      expect(earnOnly.body.code).toBe('OPEN_API_SCOPE_MISSING');
    });
  });

  describe('monthly statement', () => {
    it('explains a fixture member’s month by hand: opening, each entry with where and when, closing, next month’s expiry', async () => {
      const { LedgerService } = await import('../../src/ledger/ledger.service.js');
      const ledger = t.app.get(LedgerService);
      const m = (await t.devLogin('对账顾客')).member.id as number;
      const at = (iso: string) => t.clock.set(iso);
      at('2026-04-30T15:00:00.000Z'); // 23:00 on 30 April in Shanghai: still April
      await ledger.earn({ memberId: m, amount: 300, source: 'checkin', key: `stmt:${m}:apr`, ref: { type: 'checkin', id: '2026-04-30' }, expiresAt: new Date('2026-06-15T15:59:59.999Z') });
      at('2026-04-30T16:00:00.000Z'); // 00:00 on 1 May in Shanghai
      owner = (await t.devLogin(OWNER)).accessToken; // two months on: a fresh session
      const reader = (await t.api('POST', '/api/admin/open-api/keys', { token: owner, body: { name: '对账', scopes: ['members:read', 'points:earn'] } })).body;
      await signed('POST', '/open/v1/points/earn', { memberId: m, amountFen: 5_000, storeId: 'jingan', posOrderNo: 'MAY-1' }, { key: reader });
      at('2026-05-20T04:00:00.000Z');
      await ledger.spend({ memberId: m, amount: 120, source: 'mall', key: `stmt:${m}:may-spend`, ref: { type: 'redemption', id: 'r-1' } });
      at('2026-06-02T04:00:00.000Z');
      const shopper = (await t.devLogin('对账顾客')).accessToken;
      const may = await t.api('GET', '/api/points/statement?month=2026-05', { token: shopper });
      expect(may.status).toBe(200);
      expect(may.body).toEqual({
        // The mall's 120 came from the soonest-expiring lot (April's 300, due 15 June), not the till's 50 (due next May): 180 left for June.
        memberId: m, month: '2026-05', opening: 300, closing: 230, expiringNextMonth: 180,
        entries: [
          { at: '2026-04-30T16:00:00.000Z', title: expect.any(String), where: '门店 jingan 收银单 MAY-1', amount: 50, pendingAmount: 0, balanceAfter: 350 },
          { at: '2026-05-20T04:00:00.000Z', title: expect.any(String), where: '积分商城兑换', amount: -120, pendingAmount: 0, balanceAfter: 230 },
        ],
      });
      const viaOpen = await signed('GET', `/open/v1/members/${m}/statement?month=2026-05`, undefined, { key: reader });
      expect(viaOpen.body).toEqual(may.body);
      expect((await signed('GET', `/open/v1/members/${m}/statement?month=2026-05`, undefined)).body.code).toBe('OPEN_API_SCOPE_MISSING');
      expect((await t.api('GET', '/api/points/statement?month=2026-13', { token: shopper })).status).toBe(400);
      expect((await t.api('GET', '/api/points/statement?month=2026-04', { token: shopper })).body).toMatchObject({ opening: 0, closing: 300 });
    });

    it('reconciles: the audit finds an entry whose balance does not follow from the one before', async () => {
      const { LedgerAudit } = await import('../../src/ledger/ledger-audit.service.js');
      const audit = t.app.get(LedgerAudit);
      expect((await audit.run()).drifts.filter((d) => d.check.startsWith('statements'))).toEqual([]);
      const [first] = await t.dataSource.query("SELECT id, available_after FROM points_entries WHERE source = 'checkin' ORDER BY id LIMIT 1");
      await t.dataSource.query('UPDATE points_entries SET available_after = available_after + 1 WHERE id = ?', [first.id]);
      try {
        const drifts = (await audit.run()).drifts.filter((d) => d.check.startsWith('statements'));
        expect(drifts.some((d) => d.detail.startsWith(`entry ${first.id}:`))).toBe(true);
      } finally {
        await t.dataSource.query('UPDATE points_entries SET available_after = ? WHERE id = ?', [first.available_after, first.id]);
      }
    });
  });
});
