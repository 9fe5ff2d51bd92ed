import { FakeWechat } from '../fake-wechat/server.js';
import { WechatClient } from '../../src/wechat/wechat.client.js';
import { loadConfig } from '../../src/config/config.js';
import { ManualClock } from '../../src/common/clock.js';
import { DomainError } from '../../src/common/errors.js';
import { templateData } from '@jifen/shared';
import { WechatError } from '../../src/wechat/wechat.client.js';

describe('WechatClient against the fake WeChat server', () => {
  let wechat: FakeWechat;
  let clock: ManualClock;
  let client: WechatClient;
  beforeAll(async () => {
    wechat = await new FakeWechat({ appId: 'wx0123456789abcdef', secret: 's3cret' }).start();
  });
  beforeEach(() => {
    clock = new ManualClock();
    const config = loadConfig({ NODE_ENV: 'test', WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's3cret', WECHAT_API_BASE: wechat.baseUrl });
    client = new WechatClient(config, clock);
  });
  afterAll(() => wechat.stop());

  it('exchanges a code for the openid, once', async () => {
    const code = wechat.issueCode('o-1', 'u-1');
    await expect(client.code2Session(code)).resolves.toMatchObject({ openid: 'o-1', unionid: 'u-1' });
    await expect(client.code2Session(code)).rejects.toMatchObject({ code: 'WECHAT_CODE_INVALID' });
  });

  it('maps WeChat\'s error codes', async () => {
    wechat.failNext('/sns/jscode2session', 40226, -1);
    await expect(client.code2Session('x')).rejects.toMatchObject({ code: 'WECHAT_RISKY_USER' });
    await expect(client.code2Session('x')).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE' });
  });

  it('fetches the access token once for 50 concurrent callers and refreshes it before expiry', async () => {
    const before = wechat.calls.filter((c) => c.path === '/cgi-bin/stable_token').length;
    const tokens = await Promise.all(Array.from({ length: 50 }, () => client.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    const fetches = () => wechat.calls.filter((c) => c.path === '/cgi-bin/stable_token').length - before;
    expect(fetches()).toBe(1);
    clock.advance(7200_000 - 6 * 60_000); // still more than 5 minutes left: cached
    await client.accessToken();
    expect(fetches()).toBe(1);
    clock.advance(2 * 60_000); // inside the last 5 minutes: fetched again
    await client.accessToken();
    expect(fetches()).toBe(2);
  });

  it('exchanges a phone code for the number, refreshing a refused token once', async () => {
    await expect(client.phoneNumber(wechat.issuePhoneCode('13800138000'))).resolves.toMatchObject({ purePhoneNumber: '13800138000', countryCode: '86' });
    const issued = wechat.tokensIssued;
    wechat.revokeToken(); // our cached token is now refused with 40001
    await expect(client.phoneNumber(wechat.issuePhoneCode('13900139000'))).resolves.toMatchObject({ purePhoneNumber: '13900139000' });
    expect(wechat.tokensIssued).toBe(issued + 1);
    await expect(client.phoneNumber('used-or-unknown')).rejects.toMatchObject({ code: 'WECHAT_CODE_INVALID' });
  });

  it('refreshes a refused token once for 50 concurrent callers', async () => {
    await client.accessToken();
    wechat.revokeToken();
    const before = wechat.calls.filter((c) => c.path === '/cgi-bin/stable_token').length;
    const phones = await Promise.all(Array.from({ length: 50 }, (_, i) => client.phoneNumber(wechat.issuePhoneCode(`1380000${String(i).padStart(4, '0')}`))));
    expect(phones.map((p) => p.purePhoneNumber)).toHaveLength(50);
    expect(wechat.calls.filter((c) => c.path === '/cgi-bin/stable_token').length - before).toBe(1);
  });

  it('reports an unreachable WeChat as unavailable', async () => {
    const config = loadConfig({ NODE_ENV: 'test', WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's', WECHAT_API_BASE: 'http://127.0.0.1:1' });
    const offline = new WechatClient(config, clock);
    const error = await offline.code2Session('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('WECHAT_UNAVAILABLE');
  });

  describe('subscription messages', () => {
    const TEMPLATE = 'tpl-points-expiring';
    const FIELDS = { thing1: 'thing', number2: 'number', date3: 'date' } as const;
    const message = (openid: string, values: Record<string, string | number>) => ({
      openid, templateId: TEMPLATE, page: 'pages/points/index?filter=expiring', state: 'formal' as const, data: templateData(FIELDS, values),
    });
    beforeAll(() => wechat.defineTemplate(TEMPLATE, FIELDS));
    const errcode = (promise: Promise<unknown>) => promise.then(() => 0, (e: unknown) => (e instanceof WechatError ? e.errcode : -1));

    it('sends one message per consent, as its fields were made, and 43101 once the consent is spent', async () => {
      wechat.grantCredit('o-sub-1', TEMPLATE);
      // A 25-character goods title arrives as 20 characters, which WeChat accepts.
      await client.sendSubscribeMessage(message('o-sub-1', { thing1: '智利进口车厘子JJJ级5斤礼盒装冷链空运直达鲜到家', number2: 300, date3: '2026-12-07' }));
      expect(wechat.messages.at(-1)).toMatchObject({ touser: 'o-sub-1', template_id: TEMPLATE, page: 'pages/points/index?filter=expiring' });
      expect([...wechat.messages.at(-1)!.data.thing1.value]).toHaveLength(20);
      expect(wechat.creditsOf('o-sub-1', TEMPLATE)).toBe(0);
      expect(await errcode(client.sendSubscribeMessage(message('o-sub-1', { thing1: '再来一次', number2: 1, date3: '2026-12-07' })))).toBe(43101);
    });

    it('passes WeChat\'s refusals through by errcode: a field, an openid, a template', async () => {
      wechat.grantCredit('o-sub-2', TEMPLATE, 3);
      const raw = { ...message('o-sub-2', { thing1: '过期提醒', number2: 1, date3: '2026-12-07' }) };
      expect(await errcode(client.sendSubscribeMessage({ ...raw, data: { ...raw.data, number2: { value: '三百' } } }))).toBe(47003);
      expect(await errcode(client.sendSubscribeMessage({ ...raw, openid: '?' }))).toBe(40003);
      expect(await errcode(client.sendSubscribeMessage({ ...raw, templateId: 'nope' }))).toBe(40037);
      expect(wechat.creditsOf('o-sub-2', TEMPLATE)).toBe(3); // nothing spent by a refused send
    });

    it('fetches the token again once when WeChat says it expired (42001), and sends', async () => {
      wechat.grantCredit('o-sub-3', TEMPLATE);
      await client.accessToken();
      const issued = wechat.tokensIssued;
      wechat.expireToken();
      await client.sendSubscribeMessage(message('o-sub-3', { thing1: '积分到账', number2: 200, date3: '2026-12-07' }));
      expect(wechat.tokensIssued).toBe(issued + 1);
      expect(wechat.messages.at(-1)!.touser).toBe('o-sub-3');
    });
  });
});
