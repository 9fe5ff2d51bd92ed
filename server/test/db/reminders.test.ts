import { startTestApp, type TestApp } from '../support/app.js';
import { addDays, endOfShanghaiDay, shanghaiDay } from '@jifen/shared';
import { MessagesService } from '../../src/reminders/messages.service.js';
import { ExpiryReminders } from '../../src/reminders/expiry-reminders.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';

const TEMPLATES = {
  points_expiring: { id: 'tpl-expiring', fields: { thing1: ['thing', 'title'], number2: ['number', 'points'], date3: ['date', 'date'] } },
  order_shipped: { id: 'tpl-shipped', fields: { thing1: ['thing', 'goods'], character_string2: ['character_string', 'trackingNo'] } },
};

/** Consents to subscription messages: the ids to ask for, and each 「允许」 counted as one send. */
describe('reminder consents', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES) } });
    token = (await t.devLogin('订阅者')).accessToken;
  });
  afterAll(() => t.close());
  const consent = (body: unknown, as: string | null = token) => t.api('POST', '/api/reminders/consent', { token: as ?? undefined, body });

  it('tells the storefront which template each kind asks for; kinds without one are message-centre only', async () => {
    const res = await t.api('GET', '/api/reminders/templates');
    expect(res.status).toBe(200);
    const byKind = Object.fromEntries(res.body.kinds.map((k: { kind: string; templateId: string | null }) => [k.kind, k.templateId]));
    expect(byKind).toMatchObject({ points_expiring: 'tpl-expiring', order_shipped: 'tpl-shipped', checkin: null, policy: null });
  });

  it('counts each accept as one send, and nothing for the other answers', async () => {
    expect((await consent({ results: { 'tpl-expiring': 'accept', 'tpl-shipped': 'reject' } })).body).toEqual({ credits: { 'tpl-expiring': 1, 'tpl-shipped': 0 }, checkinReminderOn: null });
    expect((await consent({ results: { 'tpl-expiring': 'accept' } })).body).toEqual({ credits: { 'tpl-expiring': 2, 'tpl-shipped': 0 }, checkinReminderOn: null });
    expect((await consent({ results: { 'tpl-shipped': 'ban', 'tpl-expiring': 'filter' } })).body).toEqual({ credits: { 'tpl-expiring': 2, 'tpl-shipped': 0 }, checkinReminderOn: null });
  });

  it('refuses ids the shop did not configure, unknown answers, a malformed body and visitors, recording nothing', async () => {
    const cases: [unknown, string | undefined][] = [
      [{ results: { 'tpl-someone-else': 'accept' } }, 'results.tpl-someone-else'],
      [{ results: { 'tpl-expiring': 'yes' } }, 'results.tpl-expiring'],
      [{ results: {} }, 'results'],
      [{ results: 'accept' }, undefined],
      [{}, undefined],
    ];
    for (const [body, field] of cases) {
      const res = await consent(body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      if (field) expect(res.body.details?.field).toBe(field);
    }
    expect((await consent({ results: { 'tpl-expiring': 'accept' } }, null)).status).toBe(401);
    const after = await t.dataSource.query('SELECT credits FROM reminder_credits WHERE template_id = ?', ['tpl-expiring']);
    expect(after.map((r: { credits: unknown }) => Number(r.credits))).toEqual([2]);
  });

  it('keeps 消息中心: a notice lands once per cause, newest first, with unread counts; read one, read all', async () => {
    const me = await t.devLogin('收消息');
    const other = await t.devLogin('别人');
    const messages = t.app.get(MessagesService);
    const notice = { memberId: me.member.id, kind: 'points_expiring' as const, title: '积分即将过期', body: '300 积分将于 2026-12-07 过期', page: 'pages/points/index?filter=expiring', cause: 'expiring:30:2026-12-07' };
    expect(await messages.notify(notice)).toBe(true);
    expect(await messages.notify(notice)).toBe(false); // the same cause again: nothing new
    expect(await messages.notify({ ...notice, kind: 'order_shipped', title: '订单已发货', body: '顺丰 SF1', page: null, cause: 'order:7' })).toBe(true);
    const get = (path: string, token = me.accessToken) => t.api('GET', path, { token });
    const page = (await get('/api/messages')).body;
    expect(page.items.map((m: { title: string; read: boolean }) => [m.title, m.read])).toEqual([['订单已发货', false], ['积分即将过期', false]]);
    expect([page.unread, page.next]).toEqual([2, null]);
    expect((await get('/api/messages/unread')).body).toEqual({ unread: 2 });

    const read = await t.api('POST', `/api/messages/${page.items[1].id}/read`, { token: me.accessToken });
    expect(read.body).toEqual({ unread: 1 });
    // Someone else's notice is not theirs to read.
    expect((await t.api('POST', `/api/messages/${page.items[0].id}/read`, { token: other.accessToken })).status).toBe(404);
    expect((await t.api('POST', '/api/messages/read-all', { token: me.accessToken })).body).toEqual({ unread: 0 });
    expect((await get('/api/messages', other.accessToken)).body).toEqual({ items: [], next: null, unread: 0 });
    expect((await t.api('GET', '/api/messages')).status).toBe(401);
    expect((await t.api('POST', '/api/messages/abc/read', { token: me.accessToken })).status).toBe(400);
  });

  it('pages 消息中心 by id, 20 at a time', async () => {
    const me = await t.devLogin('多消息');
    const messages = t.app.get(MessagesService);
    for (let i = 1; i <= 25; i++) await messages.notify({ memberId: me.member.id, kind: 'policy', title: `通知 ${i}`, body: '', cause: `policy:${i}` });
    const first = (await t.api('GET', '/api/messages', { token: me.accessToken })).body;
    expect([first.items.length, first.items[0].title, first.unread]).toEqual([20, '通知 25', 25]);
    const second = (await t.api('GET', `/api/messages?before=${first.next}`, { token: me.accessToken })).body;
    expect(second.items.map((m: { title: string }) => m.title)).toEqual(['通知 5', '通知 4', '通知 3', '通知 2', '通知 1']);
    expect(second.next).toBeNull();
  });

  it('keeps 消息设置: a kind turned off adds no notice, order and policy notices always land; bad settings are refused', async () => {
    const me = await t.devLogin('设置者');
    const messages = t.app.get(MessagesService);
    const put = (enabled: unknown) => t.api('PUT', '/api/reminders/settings', { token: me.accessToken, body: { enabled } });
    const before = (await t.api('GET', '/api/reminders/settings', { token: me.accessToken })).body;
    expect(before.kinds.every((k: { enabled: boolean }) => k.enabled)).toBe(true);
    const off = await put({ points_expiring: false, order_shipped: false });
    expect(off.status).toBe(200);
    expect(off.body.kinds.filter((k: { enabled: boolean }) => !k.enabled).map((k: { kind: string }) => k.kind)).toEqual(['points_expiring', 'order_shipped']);
    const base = { memberId: me.member.id, title: 't', body: 'b' };
    expect(await messages.notify({ ...base, kind: 'points_expiring', cause: 'x1' })).toBe(false);
    expect(await messages.notify({ ...base, kind: 'order_shipped', cause: 'x2' })).toBe(true); // always in the centre
    expect(await messages.notify({ ...base, kind: 'checkin', cause: 'x3' })).toBe(true);
    await put({ points_expiring: true });
    expect(await messages.notify({ ...base, kind: 'points_expiring', cause: 'x1' })).toBe(true);
    for (const [enabled, field] of [[{ lottery: false }, 'enabled.lottery'], [{ checkin: 'no' }, 'enabled.checkin'], [{}, 'enabled']] as const) {
      const res = await put(enabled);
      expect([res.status, res.body.details?.field]).toEqual([400, field]);
    }
    expect((await t.api('GET', '/api/reminders/settings')).status).toBe(401);
  });

  it('tells members 30 and 7 days before their points lapse, once each however often the scan runs', async () => {
    const ledger = t.app.get(LedgerService);
    const today = shanghaiDay(t.clock.now());
    const people: Record<string, { id: number; token: string }> = {};
    for (const [name, days, amount] of [['过期30', 30, 300], ['过期7', 7, 70], ['过期10', 10, 10]] as const) {
      const login = await t.devLogin(name);
      people[name] = { id: login.member.id, token: login.accessToken };
      await ledger.earn({ memberId: login.member.id, amount, source: 'campaign', key: `expiry-test:${name}`, ref: { type: 'test', id: name }, expiresAt: endOfShanghaiDay(addDays(today, days)) });
    }
    const scan = t.app.get(ExpiryReminders);
    expect(await scan.points(t.clock.now())).toBe(2);
    expect(await scan.points(t.clock.now())).toBe(0); // the same day again: nothing new
    const notices = async (name: string) => ((await t.api('GET', '/api/messages', { token: people[name].token })).body.items as { body: string }[]).map((m) => m.body);
    expect(await notices('过期30')).toEqual([`300 积分将于 ${addDays(today, 30)} 过期，去积分商城兑换吧`]);
    expect(await notices('过期7')).toEqual([`70 积分将于 ${addDays(today, 7)} 过期，去积分商城兑换吧`]);
    expect(await notices('过期10')).toEqual([]);
  });
});
