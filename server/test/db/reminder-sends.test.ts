import { FakeWechat } from '../fake-wechat/server.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { RemindersService, type Reminder } from '../../src/reminders/reminders.service.js';

const APPID = 'wx0123456789abcdef';
const SECRET = 'reminder-secret';
const TEMPLATE = 'tpl-expiring';
const TEMPLATES = { points_expiring: { id: TEMPLATE, fields: { thing1: ['thing', 'title'], number2: ['number', 'points'], date3: ['date', 'date'] } } };

/**
 * Reminders through the fake WeChat: the notice always, a subscription message only with a
 * consent, once per cause, spent when sent; quiet hours, 43101, a refused field and an expired
 * token. The clock starts at 10:00 in Shanghai.
 */
describe('reminder sending', () => {
  let t: TestApp;
  let wechat: FakeWechat;
  let reminders: RemindersService;
  const members: Record<string, { id: number; openid: string }> = {};

  beforeAll(async () => {
    wechat = await new FakeWechat({ appId: APPID, secret: SECRET }).start();
    wechat.defineTemplate(TEMPLATE, { thing1: 'thing', number2: 'number', date3: 'date' });
    t = await startTestApp({ env: { WECHAT_APPID: APPID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: wechat.baseUrl, WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES) } });
    reminders = t.app.get(RemindersService);
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      const openid = `o-remind-${name}`;
      const res = await t.api('POST', '/api/auth/wechat', { body: { code: wechat.issueCode(openid) } });
      members[name] = { id: res.body.member.id, openid };
    }
  });
  afterAll(async () => {
    await t.close();
    await wechat.stop();
  });

  // Signed in afresh each time: the tests move the clock past the access token's life.
  const tokenOf = async (name: string) => (await t.api('POST', '/api/auth/wechat', { body: { code: wechat.issueCode(members[name].openid) } })).body.accessToken as string;
  const consent = async (name: string, result: string) => {
    const res = await t.api('POST', '/api/reminders/consent', { token: await tokenOf(name), body: { results: { [TEMPLATE]: result } } });
    expect(res.status).toBe(200);
    return res.body.credits[TEMPLATE] as number;
  };
  const allow = async (name: string) => {
    await consent(name, 'accept');
    wechat.grantCredit(members[name].openid, TEMPLATE);
  };
  const reminder = (name: string, cause = 'expiring:30:2026-03-31'): Reminder => ({
    memberId: members[name].id, kind: 'points_expiring', cause, title: '积分即将过期', body: '300 积分将于 2026-03-31 过期',
    page: 'pages/points/index?filter=expiring',
    values: { title: '智利进口车厘子JJJ级5斤礼盒装冷链空运直达鲜到家', points: 300, date: '2026-03-31' },
  });
  const sentTo = (name: string) => wechat.messages.filter((m) => m.touser === members[name].openid);
  const status = async (name: string) => (await t.dataSource.query('SELECT status, errcode FROM reminder_sends WHERE member_id = ? ORDER BY id', [members[name].id]))
    .map((r: { status: string; errcode: unknown }) => (r.errcode === null ? r.status : `${r.status} ${Number(r.errcode)}`));
  const unread = async (name: string) => (await t.api('GET', '/api/messages/unread', { token: await tokenOf(name) })).body.unread;

  it('sends once to a member who allowed it, spending the consent; the notice lands for both; nothing twice', async () => {
    await allow('a');
    expect(await reminders.remind(reminder('a'))).toBe(true);
    expect(await reminders.remind(reminder('b'))).toBe(true); // no consent: the centre only
    expect(await reminders.remind(reminder('a'))).toBe(false); // the same cause again
    expect(await reminders.sendDue()).toBe(1);
    expect(await reminders.sendDue()).toBe(0);
    expect(sentTo('a')).toHaveLength(1);
    expect([...sentTo('a')[0].data.thing1.value]).toHaveLength(20); // a 25-character title arrives as 20
    expect(sentTo('a')[0].data.date3.value).toBe('2026年03月31日');
    expect(sentTo('b')).toHaveLength(0);
    expect([await status('a'), await status('b')]).toEqual([['sent'], ['skipped']]); // b: no consent, counted as skipped
    expect([await unread('a'), await unread('b')]).toEqual([1, 1]);
    expect(await consent('a', 'reject')).toBe(0);
  });

  it('waits for 08:00 when due at 22:30, then sends', async () => {
    await allow('c');
    t.clock.set('2026-03-01T14:30:00.000Z'); // 22:30 in Shanghai
    await reminders.remind(reminder('c', 'late'));
    t.clock.set('2026-03-01T15:00:00.000Z'); // 23:00
    expect(await reminders.sendDue()).toBe(0);
    t.clock.set('2026-03-02T00:00:00.000Z'); // 08:00
    expect(await reminders.sendDue()).toBe(1);
    expect(sentTo('c')).toHaveLength(1);
  });

  it('drops our consent on 43101, keeps a refused field failed without retrying, and refetches an expired token', async () => {
    // We hold a consent WeChat no longer does: 43101, and ours is dropped.
    expect(await consent('d', 'accept')).toBe(1);
    await reminders.remind(reminder('d', 'no-credit-on-wechat'));
    await reminders.sendDue();
    expect(await status('d')).toEqual(['skipped 43101']);
    expect(await consent('d', 'reject')).toBe(0);

    await allow('e');
    wechat.failNext('/cgi-bin/message/subscribe/send', 47003);
    await reminders.remind(reminder('e', 'bad-field'));
    await reminders.sendDue();
    expect(await status('e')).toEqual(['failed 47003']);
    t.clock.advance(3_600_000);
    expect(await reminders.sendDue()).toBe(0); // not retried

    wechat.expireToken();
    await reminders.remind(reminder('e', 'after-expiry'));
    expect(await reminders.sendDue()).toBe(1);
    expect(await status('e')).toEqual(['failed 47003', 'sent']);
  });
});
