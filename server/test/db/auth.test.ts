import { FakeWechat } from '../fake-wechat/server.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { Member } from '../../src/members/member.entity.js';

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
