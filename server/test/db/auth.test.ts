import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FakeWechat } from '../fake-wechat/server.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createApp } from '../../src/app.factory.js';
import { Member } from '../../src/members/member.entity.js';
import { MembersService } from '../../src/members/members.service.js';
import { RefreshFamily } from '../../src/auth/refresh-family.entity.js';
import { TOKEN_VERSION_TTL_MS } from '../../src/auth/token-versions.js';
import { TokensService } from '../../src/auth/tokens.service.js';

const APPID = 'wx0123456789abcdef';
const SECRET = 'test-secret';

describe('development sign-in (no AppID configured)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates the member once and signs the same nickname in again', async () => {
    const first = await t.devLogin('小明');
    const again = await t.devLogin('小明');
    expect(again.member.id).toBe(first.member.id);
    expect(first.member).toMatchObject({ nickname: '小明', role: 'member', tier: 'normal', points: { available: 0, pending: 0 } });
    const me = await t.api('GET', '/api/me', { token: first.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.nickname).toBe('小明');
  });

  it('creates one member when the first sign-ins race', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => t.devLogin('并发用户')));
    expect(new Set(results.map((r) => r.member.id)).size).toBe(1);
    expect(await t.dataSource.getRepository(Member).countBy({ nickname: '并发用户' })).toBe(1);
  });

  it('refuses bad input with VALIDATION_FAILED and writes nothing', async () => {
    const before = await t.dataSource.getRepository(Member).count();
    for (const body of [{ nickname: '   ' }, { nickname: 42 }, {}, { nickname: 'x'.repeat(33) }, { nickname: 'ok', role: 'owner' }]) {
      const res = await t.api('POST', '/api/auth/dev', { body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(typeof res.body.message).toBe('string');
    }
    const malformed = await t.api('POST', '/api/auth/dev', { raw: '{"nickname":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('BAD_REQUEST');
    expect(await t.dataSource.getRepository(Member).count()).toBe(before);
  });

  it('says which sign-ins are available', async () => {
    const res = await t.api('GET', '/api/auth/options');
    expect(res.body).toEqual({ wechat: false, dev: true });
  });

  it('refuses the WeChat sign-in without an AppID', async () => {
    const res = await t.api('POST', '/api/auth/wechat', { body: { code: 'abc' } });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
  });
});

describe('tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('needs a valid access token for member routes', async () => {
    expect((await t.api('GET', '/api/me')).status).toBe(401);
    const bad = await t.api('GET', '/api/me', { token: 'not.a.jwt' });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('UNAUTHORIZED');
    const { refreshToken } = await t.devLogin('阿花');
    expect((await t.api('GET', '/api/me', { token: refreshToken })).status).toBe(401);
  });

  it('expires the access token by the clock and refreshes it with the refresh token', async () => {
    const login = await t.devLogin('阿花');
    // Used once first: its signature check is then remembered, and expiry must still apply.
    expect((await t.api('GET', '/api/me', { token: login.accessToken })).status).toBe(200);
    t.clock.advance((login.expiresIn + 1) * 1000);
    const expired = await t.api('GET', '/api/me', { token: login.accessToken });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('TOKEN_EXPIRED');
    const refreshed = await t.api('POST', '/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await t.api('GET', '/api/me', { token: refreshed.body.accessToken })).status).toBe(200);
    expect((await t.api('POST', '/api/auth/refresh', { body: { refreshToken: login.accessToken } })).status).toBe(401);
  });

  it('revokes refresh tokens when the token version moves', async () => {
    const login = await t.devLogin('小红');
    await t.dataSource.getRepository(Member).increment({ id: login.member.id }, 'tokenVersion', 1);
    const res = await t.api('POST', '/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(res.status).toBe(401);
  });
});

describe('refresh rotation, reuse detection and sign-out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  const refresh = (refreshToken: string) => t.api('POST', '/api/auth/refresh', { body: { refreshToken } });
  const familyOf = async (refreshToken: string) => {
    const { fam } = JSON.parse(Buffer.from(refreshToken.split('.')[1], 'base64url').toString()) as { fam: number };
    return t.dataSource.getRepository(RefreshFamily).findOneByOrFail({ id: fam });
  };

  it('retires each refresh token it rotates; a retired one shown again revokes its family, not other devices', async () => {
    const phone = await t.devLogin('轮换');
    const tablet = await t.devLogin('轮换');
    const first = await refresh(phone.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(phone.refreshToken);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
    expect((await t.api('GET', '/api/me', { token: second.body.accessToken })).status).toBe(200);

    // The first rotated token again: someone else holds this family's tokens.
    const reused = await refresh(first.body.refreshToken);
    expect([reused.status, reused.body.code]).toEqual([401, 'UNAUTHORIZED']);
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    expect((await refresh(phone.refreshToken)).status).toBe(401);
    expect((await familyOf(phone.refreshToken)).revokedAt).not.toBeNull();
    // The other device's sign-in is its own family.
    expect((await refresh(tablet.refreshToken)).status).toBe(200);
  });

  it('lets exactly one of 20 concurrent refreshes with the same token through', async () => {
    const login = await t.devLogin('并发刷新');
    const results = await Promise.all(Array.from({ length: 20 }, () => refresh(login.refreshToken)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expect([r.status, r.body.code]).toEqual([401, 'UNAUTHORIZED']);
    // The losers showed a retired token: the family is revoked, the winner's next token too.
    expect((await familyOf(login.refreshToken)).generation).toBe(1);
    expect((await refresh(ok[0].body.refreshToken)).status).toBe(401);
  });

  it('signs this device out with its refresh token, leaving the member\'s other devices signed in', async () => {
    const phone = await t.devLogin('单设备退出');
    const tablet = await t.devLogin('单设备退出');
    const rotated = await refresh(phone.refreshToken);
    const out = await t.api('POST', '/api/auth/logout', { body: { refreshToken: rotated.body.refreshToken } });
    expect(out.status).toBe(204);
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    expect((await refresh(tablet.refreshToken)).status).toBe(200);
    for (const refreshToken of ['not.a.jwt', phone.accessToken]) {
      const bad = await t.api('POST', '/api/auth/logout', { body: { refreshToken } });
      expect([bad.status, bad.body.code]).toEqual([401, 'UNAUTHORIZED']);
    }
    expect((await t.api('POST', '/api/auth/logout', { body: {} })).status).toBe(400);
  });

  it('signs out everywhere: every refresh and access token of the member stops at once', async () => {
    const phone = await t.devLogin('全部退出');
    const tablet = await t.devLogin('全部退出');
    const other = await t.devLogin('旁观者');
    expect((await t.api('GET', '/api/points', { token: tablet.accessToken })).status).toBe(200); // cached as current
    expect((await t.api('POST', '/api/auth/logout-all')).status).toBe(401);
    const out = await t.api('POST', '/api/auth/logout-all', { token: phone.accessToken });
    expect(out.status).toBe(204);
    for (const token of [phone.accessToken, tablet.accessToken]) {
      const res = await t.api('GET', '/api/points', { token });
      expect([res.status, res.body.code]).toEqual([401, 'UNAUTHORIZED']);
    }
    for (const login of [phone, tablet]) expect((await refresh(login.refreshToken)).status).toBe(401);
    expect((await t.api('GET', '/api/points', { token: other.accessToken })).status).toBe(200);
    // Signing in again gives tokens that work.
    const again = await t.devLogin('全部退出');
    expect((await t.api('GET', '/api/points', { token: again.accessToken })).status).toBe(200);
    expect((await refresh(again.refreshToken)).status).toBe(200);
  });
});

describe('access tokens of members that no longer exist or signed out elsewhere', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let secondUrl: string;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    // A second server process on the same database, as in a deployment with several.
    second = await createApp(t.config, { clock: t.clock, logger: ['error'] });
    await second.listen({ port: 0, host: '127.0.0.1' });
    secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('refuses a validly signed token for an unknown member, writing nothing', async () => {
    const ghost = Object.assign(new Member(), { id: 999_999, role: 'member', tokenVersion: 0 });
    const token = t.app.get(TokensService).issue(ghost, { family: 0, generation: 0 }).accessToken;
    const goods = (await t.api('GET', '/api/catalog/goods')).body[0];
    const sku = (await t.api('GET', `/api/catalog/goods/${goods.id}`)).body.skus[0];
    const template = (await t.api('GET', '/api/coupons/center')).body[0];
    const address = { name: '张三', phone: '13800138000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 100 号' };
    const writes = [
      await t.api('POST', '/api/addresses', { token, body: address }),
      await t.api('POST', '/api/cart', { token, body: { skuId: sku.id, quantity: 1 } }),
      await t.api('POST', `/api/coupons/center/${template.id}/claim`, { token }),
    ];
    for (const res of writes) expect([res.status, res.body.code]).toEqual([401, 'UNAUTHORIZED']);
    for (const table of ['addresses', 'cart_items', 'coupons']) {
      const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE member_id = 999999`);
      expect([table, Number(n)]).toEqual([table, 0]);
    }
    // On open routes such a token just browses as a visitor.
    expect((await t.api('GET', '/api/catalog/goods', { token })).status).toBe(200);
  });

  it('does not read the database for a member whose version is cached', async () => {
    const members = t.app.get(MembersService);
    const read = members.accessOf.bind(members);
    let reads = 0;
    members.accessOf = (id) => {
      reads++;
      return read(id);
    };
    try {
      const { accessToken } = await t.devLogin('热点会员');
      for (let i = 0; i < 10; i++) expect((await t.api('GET', '/api/points', { token: accessToken })).status).toBe(200);
      expect(reads).toBe(1);
      // After the entry's few seconds, once more.
      t.clock.advance(TOKEN_VERSION_TTL_MS + 1);
      expect((await t.api('GET', '/api/points', { token: accessToken })).status).toBe(200);
      expect(reads).toBe(2);
    } finally {
      members.accessOf = read;
    }
  });

  it('lets another server process see a sign-out everywhere or a deleted member within seconds', async () => {
    const signedOut = await t.devLogin('另一进程');
    const deleted = await t.devLogin('已删除');
    const onSecond = (token: string) => fetch(`${secondUrl}/api/points`, { headers: { authorization: `Bearer ${token}` } });
    expect((await onSecond(signedOut.accessToken)).status).toBe(200);
    expect((await onSecond(deleted.accessToken)).status).toBe(200);
    expect((await t.api('POST', '/api/auth/logout-all', { token: signedOut.accessToken })).status).toBe(204);
    await t.dataSource.getRepository(Member).delete({ id: deleted.member.id });
    t.clock.advance(TOKEN_VERSION_TTL_MS + 1);
    for (const token of [signedOut.accessToken, deleted.accessToken]) {
      const res = await onSecond(token);
      expect(res.status).toBe(401);
    }
  });

  it('checks the version on operators\' routes from the database with the role', async () => {
    const owner = await t.devLogin('运营小美');
    expect((await t.api('GET', '/api/admin/audit', { token: owner.accessToken })).status).toBe(200);
    await t.dataSource.getRepository(Member).increment({ id: owner.member.id }, 'tokenVersion', 1);
    const res = await t.api('GET', '/api/admin/audit', { token: owner.accessToken });
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHORIZED']);
  });
});

describe('WeChat sign-in through the fake WeChat server', () => {
  let t: TestApp;
  let wechat: FakeWechat;
  beforeAll(async () => {
    wechat = await new FakeWechat({ appId: APPID, secret: SECRET }).start();
    t = await startTestApp({
      env: { WECHAT_APPID: APPID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: wechat.baseUrl, OWNER_OPENIDS: 'o-owner-1' },
    });
  });
  afterAll(async () => {
    await t.close();
    await wechat.stop();
  });

  it('signs in with a wx.login code and keeps the unionid', async () => {
    const res = await t.api('POST', '/api/auth/wechat', { body: { code: wechat.issueCode('o-shopper-1', 'u-1') } });
    expect(res.status).toBe(200);
    expect(res.body.member.role).toBe('member');
    expect(JSON.stringify(res.body)).not.toContain('session_key');
    const member = await t.dataSource.getRepository(Member).findOneByOrFail({ openid: 'o-shopper-1' });
    expect(member.unionid).toBe('u-1');
    expect(member.id).toBe(res.body.member.id);
  });

  it('refuses a used or unknown code with WeChat\'s meaning, writing nothing', async () => {
    const code = wechat.issueCode('o-shopper-2');
    expect((await t.api('POST', '/api/auth/wechat', { body: { code } })).status).toBe(200);
    const reused = await t.api('POST', '/api/auth/wechat', { body: { code } });
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe('WECHAT_CODE_INVALID');
    const before = await t.dataSource.getRepository(Member).count();
    wechat.failNext('/sns/jscode2session', 45011);
    const limited = await t.api('POST', '/api/auth/wechat', { body: { code: wechat.issueCode('o-new') } });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('WECHAT_RATE_LIMITED');
    expect(await t.dataSource.getRepository(Member).count()).toBe(before);
  });

  it('makes members listed in OWNER_OPENIDS owners', async () => {
    const res = await t.api('POST', '/api/auth/wechat', { body: { code: wechat.issueCode('o-owner-1') } });
    expect(res.body.member.role).toBe('owner');
  });

  it('has no development sign-in when an AppID is configured', async () => {
    const res = await t.api('POST', '/api/auth/dev', { body: { nickname: 'x' } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect((await t.api('GET', '/api/auth/options')).body).toEqual({ wechat: true, dev: false });
  });
});
