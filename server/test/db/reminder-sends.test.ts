import { FakeWechat } from '../fake-wechat/server.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createApp } from '../../src/app.factory.js';
import { RemindersService, type Reminder } from '../../src/reminders/reminders.service.js';
import { ReminderStatsService } from '../../src/reminders/reminder-stats.service.js';
import { type FieldInput, REMINDER_KINDS, type ReminderKind, type TemplateFieldType } from '@jifen/shared';

const APPID = 'wx0123456789abcdef';
const SECRET = 'reminder-secret';
const TEMPLATE = 'tpl-expiring';
/** A template for every kind, each field of a type WeChat offers for what it shows. */
const TEMPLATES: Record<string, { id: string; fields: Record<string, [TemplateFieldType, string]> }> = {
  points_expiring: { id: TEMPLATE, fields: { thing1: ['thing', 'title'], number2: ['number', 'points'], date3: ['date', 'date'] } },
  points_arrived: { id: 'tpl-arrived', fields: { thing1: ['thing', 'title'], number2: ['number', 'points'], number3: ['number', 'balance'], time4: ['time', 'time'] } },
  checkin: { id: 'tpl-checkin', fields: { thing1: ['thing', 'title'], number2: ['number', 'streak'], thing3: ['thing', 'tip'] } },
  coupon_expiring: { id: 'tpl-coupon', fields: { thing1: ['thing', 'coupon'], date2: ['date', 'date'], thing3: ['thing', 'tip'] } },
  coupon_arrived: { id: 'tpl-coupon-arrived', fields: { thing1: ['thing', 'coupon'], date2: ['date', 'date'], thing3: ['thing', 'tip'] } },
  invite_reward: { id: 'tpl-invite', fields: { name1: ['name', 'friend'], number2: ['number', 'points'], time3: ['time', 'time'] } },
  order_shipped: { id: 'tpl-shipped', fields: { thing1: ['thing', 'goods'], thing2: ['thing', 'company'], character_string3: ['character_string', 'trackingNo'] } },
  mall_code: { id: 'tpl-code', fields: { thing1: ['thing', 'item'], time2: ['time', 'time'] } },
  policy: { id: 'tpl-policy', fields: { thing1: ['thing', 'title'], thing2: ['thing', 'summary'], date3: ['date', 'date'] } },
};
/** What each kind's producers give (the jobs and event handlers fill the same values). */
const SAMPLE: Record<ReminderKind, Record<string, FieldInput>> = {
  points_expiring: { title: '积分即将过期', points: 300, date: '2026-03-31', tip: '去兑换' },
  points_arrived: { title: '购物积分到账', points: 113, balance: 1613, time: new Date('2026-03-01T02:00:00Z'), tip: '积分可抵现金' },
  checkin: { title: '每日签到提醒', streak: 3, points: 15, tip: '连续签到第3天' },
  coupon_expiring: { title: '优惠券即将过期', coupon: '满100减20 等 2 张', date: '2026-03-04', tip: '下单时自动可用' },
  coupon_arrived: { title: '优惠券已到账', coupon: '满100减20', date: '2026-03-31', tip: '下单时自动可用' },
  invite_reward: { title: '邀请奖励到账', friend: '被邀好友', points: 50, time: new Date('2026-03-01T02:00:00Z'), tip: '好友注册成为会员' },
  order_shipped: { title: '您的订单已发货', goods: '智利进口车厘子JJJ级5斤礼盒装冷链空运直达鲜到家', company: '顺丰速运', trackingNo: 'SF1234567890', time: new Date() },
  mall_code: { title: '兑换码已发放', item: '视频会员月卡', time: new Date('2026-03-01T02:00:00Z') },
  policy: { title: '积分有效期调整', summary: '自 4 月 1 日起，积分有效期由 12 个月调整为 24 个月。', date: new Date('2026-03-01T02:00:00Z') },
};

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
    for (const { id, fields } of Object.values(TEMPLATES)) wechat.defineTemplate(id, Object.fromEntries(Object.entries(fields).map(([key, [type]]) => [key, type])));
    t = await startTestApp({ env: { WECHAT_APPID: APPID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: wechat.baseUrl, WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES) } });
    reminders = t.app.get(RemindersService);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
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
    values: { title: '智利进口车厘子JJJ级5斤礼盒装冷链空运直达鲜到家', points: 300, date: '2026-03-31', tip: '去积分商城兑换好礼' },
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

  it('sends every kind to WeChat with a consent for its template, each field made to its type; a kind turned off sends nothing', async () => {
    const token = await tokenOf('f');
    const results = Object.fromEntries(Object.values(TEMPLATES).slice(0, 5).map((tpl) => [tpl.id, 'accept']));
    expect((await t.api('POST', '/api/reminders/consent', { token, body: { results } })).status).toBe(200);
    const rest = Object.fromEntries(Object.values(TEMPLATES).slice(5).map((tpl) => [tpl.id, 'accept']));
    expect((await t.api('POST', '/api/reminders/consent', { token, body: { results: rest } })).status).toBe(200);
    for (const tpl of Object.values(TEMPLATES)) wechat.grantCredit(members.f.openid, tpl.id);
    for (const kind of REMINDER_KINDS) {
      await reminders.remind({ memberId: members.f.id, kind, cause: `every:${kind}`, title: kind, body: kind, page: 'pages/me/index', values: SAMPLE[kind] });
    }
    expect(await reminders.sendDue()).toBe(REMINDER_KINDS.length);
    const got = new Map(sentTo('f').map((m) => [m.template_id, m.data]));
    expect([...got.keys()].sort()).toEqual(Object.values(TEMPLATES).map((tpl) => tpl.id).sort());
    expect(got.get('tpl-shipped')).toEqual({ thing1: { value: '智利进口车厘子JJJ级5斤礼盒装冷链空…' }, thing2: { value: '顺丰速运' }, character_string3: { value: 'SF1234567890' } });
    expect(got.get('tpl-invite')!.name1.value).toBe('被邀好友');
    // Off in 消息设置: neither a notice nor a message.
    await t.api('PUT', '/api/reminders/settings', { token, body: { enabled: { checkin: false } } });
    wechat.grantCredit(members.f.openid, 'tpl-checkin');
    await t.api('POST', '/api/reminders/consent', { token, body: { results: { 'tpl-checkin': 'accept' } } });
    expect(await reminders.remind({ memberId: members.f.id, kind: 'checkin', cause: 'every:off', title: 'x', body: 'x', page: null, values: SAMPLE.checkin })).toBe(false);
    expect(await reminders.sendDue()).toBe(0);
  });

  it('sends each message once when two server processes drain the queue at the same time', async () => {
    const second = await createApp(t.config, { clock: t.clock, logger: ['error'] });
    try {
      const token = await tokenOf('f');
      for (let i = 0; i < 5; i++) await t.api('POST', '/api/reminders/consent', { token, body: { results: { [TEMPLATE]: 'accept' } } });
      for (let i = 0; i < 5; i++) wechat.grantCredit(members.f.openid, TEMPLATE);
      const before = sentTo('f').length;
      for (let i = 0; i < 5; i++) await reminders.remind(reminder('f', `twice:${i}`));
      const [a, b] = await Promise.all([reminders.sendDue(), second.get(RemindersService).sendDue()]);
      expect(a + b).toBe(5);
      expect(sentTo('f').length - before).toBe(5);
    } finally {
      await second.close();
    }
  });

  it('counts what the sender did for 管理 → 消息: sent, skipped, deferred, failed by errcode, the last failures', async () => {
    const stats = await t.app.get(ReminderStatsService).stats(7);
    const total = (field: 'sent' | 'skipped' | 'deferred' | 'failed' | 'notices') => stats.days.reduce((n, d) => n + d[field], 0);
    expect(total('sent')).toBe(3 + REMINDER_KINDS.length + 5);
    expect(total('skipped')).toBe(2); // b without a consent, d refused by WeChat
    expect(total('deferred')).toBe(1); // c at 22:30
    expect(total('failed')).toBe(1);
    const errors = stats.days.reduce((all, d) => ({ ...all, ...d.errors }), {} as Record<string, number>);
    expect(errors).toEqual({ 43101: 1, 47003: 1 });
    expect(stats.lastFailures[0]).toMatchObject({ kind: 'points_expiring', errcode: 47003, memberId: members.e.id });
    expect(stats.templated).toEqual([...REMINDER_KINDS]);
    expect(total('notices')).toBeGreaterThanOrEqual(total('sent'));
  });
});
