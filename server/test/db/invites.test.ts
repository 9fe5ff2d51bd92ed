import { startTestApp, type TestApp } from '../support/app.js';
import { Events } from '../../src/events/events.service.js';
import { OutboxEvent } from '../../src/events/outbox.entity.js';
import { Db } from '../../src/common/db.js';
import { LedgerQueries } from '../../src/ledger/ledger-queries.service.js';
import { Invite } from '../../src/invites/invite.entities.js';
import { InviteVisit } from '../../src/invites/invite.entities.js';

const DAY = 86_400_000;

describe('invites', () => {
  let t: TestApp;
  let phone = 13_700_000_000;
  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_ACCESS_TTL: String(30 * 86400) } });
  });
  afterAll(() => t.close());

  const member = async (name: string) => {
    const login = await t.devLogin(name);
    return { id: login.member.id, token: login.accessToken };
  };
  const codeOf = async (token: string) => (await t.api('GET', '/api/invites/me', { token })).body.code as string;
  const visit = (token: string, code: string) => t.api('POST', '/api/invites/visit', { token, body: { code } });
  const signUp = async (token: string) => {
    const res = await t.api('POST', '/api/me/phone/dev', { token, body: { phone: String(phone++) } });
    expect(res.status).toBe(200);
    await t.app.get(Events).drain();
  };
  const points = (id: number) => t.app.get(LedgerQueries).summary(id).then((s) => s.available);
  const inviteOf = (inviteeId: number) => t.dataSource.getRepository(Invite).findOneBy({ inviteeId });

  it('refuses an unknown or own code and a malformed one', async () => {
    const a = await member('邀请人甲');
    const code = await codeOf(a.token);
    expect(code).toMatch(/^[A-Za-z2-9]{8}$/);
    expect(await codeOf(a.token)).toBe(code);
    const self = await visit(a.token, code);
    expect([self.status, self.body.code]).toEqual([409, 'INVITE_SELF']);
    const unknown = await visit(a.token, 'Zzzzzzzz');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'INVITE_CODE_UNKNOWN']);
    for (const bad of ['', 'ab', 'has space', 'x'.repeat(17)]) expect((await visit(a.token, bad)).status).toBe(400);
    expect(await t.dataSource.getRepository(InviteVisit).count()).toBe(0);
  });

  it('rewards the inviter when the invitee signs up with a phone, not for the visit', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const a = await member('阿强');
    const b = await member('小贝');
    expect((await visit(b.token, await codeOf(a.token))).body).toEqual({ counted: true });
    await t.app.get(Events).drain();
    expect(await points(a.id)).toBe(0); // a mere visit earns nothing
    const list = await t.api('GET', '/api/invites/me', { token: a.token });
    expect(list.body.items).toEqual([expect.objectContaining({ nickname: '小*', status: 'opened', points: 0 })]);

    t.clock.advance(2 * DAY);
    await signUp(b.token);
    expect(await points(a.id)).toBe(50);
    const after = await t.api('GET', '/api/invites/me', { token: a.token });
    expect(after.body.items).toEqual([expect.objectContaining({ nickname: '小*', status: 'signed_up', points: 50 })]);
    expect(after.body.totals).toEqual({ invited: 1, signedUp: 1, ordered: 0, points: 50 });
    expect(after.body.sharePath).toBe(`/pages/index/index?inv=${after.body.code}`);
  });

  it('does not count existing members or links older than 7 days', async () => {
    t.clock.set('2026-04-01T02:00:00Z');
    const a = await member('老李');
    const code = await codeOf(a.token);
    const old = await member('老会员');
    t.clock.advance(8 * DAY);
    expect((await visit(old.token, code)).body).toEqual({ counted: false }); // a member for 8 days already
    const late = await member('拖延');
    expect((await visit(late.token, code)).body.counted).toBe(true);
    t.clock.advance(8 * DAY);
    await signUp(late.token);
    expect(await points(a.id)).toBe(0);
    expect((await inviteOf(late.id))?.status).toBe('expired');
    const signed = await member('已注册');
    await signUp(signed.token);
    expect((await visit(signed.token, code)).body.counted).toBe(false);
  });

  it('credits the first inviter within the 7 days before sign-up', async () => {
    t.clock.set('2026-05-01T02:00:00Z');
    const [a, e, g] = [await member('甲一'), await member('乙二'), await member('丙三')];
    const d = await member('丁四');
    await visit(d.token, await codeOf(a.token));
    t.clock.advance(DAY);
    await visit(d.token, await codeOf(e.token));
    t.clock.advance(DAY);
    await signUp(d.token);
    expect([await points(a.id), await points(e.id)]).toEqual([50, 0]);

    const f = await member('戊五');
    await visit(f.token, await codeOf(a.token)); // day 0: falls out of the window
    t.clock.advance(5 * DAY);
    await visit(f.token, await codeOf(g.token)); // day 5: the first within 7 days of sign-up
    t.clock.advance(4 * DAY);
    await signUp(f.token);
    expect(await points(g.id)).toBe(50);
    expect((await inviteOf(f.id))?.inviterId).toBe(g.id);
  });

  it('pays +200 on the invitee\'s first completed order, once, and announces the coupon', async () => {
    t.clock.set('2026-06-01T02:00:00Z');
    const a = await member('下单邀请人');
    const b = await member('下单新人');
    await visit(b.token, await codeOf(a.token));
    await signUp(b.token);
    const events = t.app.get(Events);
    const tx = t.app.get(Db);
    const completed = { orderId: 9, memberId: b.id, paidFen: 10_000, at: t.clock.now().toISOString() };
    await tx.unit((m) => events.emit('order.completed', completed));
    await tx.unit((m) => events.emit('order.completed', { ...completed, orderId: 10 })); // a second order
    await events.drain();
    expect(await points(a.id)).toBe(250);
    expect(await inviteOf(b.id)).toMatchObject({ status: 'rewarded', points: 250 });
    expect(await t.dataSource.getRepository(OutboxEvent).countBy({ topic: 'invite.rewarded' })).toBe(1);
    // a replayed sign-up event pays nothing twice
    await tx.unit((m) => events.emit('member.signed_up', { memberId: b.id, at: t.clock.now().toISOString() }));
    await events.drain();
    expect(await points(a.id)).toBe(250);
  });

  it('rewards at most 20 invitees an inviter a month', async () => {
    t.clock.set('2026-07-01T02:00:00Z');
    const a = await member('大V');
    const code = await codeOf(a.token);
    for (let i = 0; i < 21; i++) {
      const friend = await member(`粉丝${i}`);
      await visit(friend.token, code);
      await signUp(friend.token);
    }
    expect(await points(a.id)).toBe(20 * 50);
    const invites = await t.dataSource.getRepository(Invite).findBy({ inviterId: a.id });
    expect(invites.filter((i) => i.points === 50)).toHaveLength(20);
    expect(invites.filter((i) => i.note === '本月邀请奖励已达上限')).toHaveLength(1);
  });
});

describe('invite poster code through the fake WeChat server', () => {
  let t: TestApp;
  let wechat: import('../fake-wechat/server.js').FakeWechat;
  beforeAll(async () => {
    const { FakeWechat } = await import('../fake-wechat/server.js');
    wechat = await new FakeWechat({ appId: 'wx0123456789abcdef', secret: 's' }).start();
    t = await startTestApp({ env: { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's', WECHAT_API_BASE: wechat.baseUrl } });
  });
  afterAll(async () => {
    await t.close();
    await wechat.stop();
  });

  it('returns a PNG whose scene is the member\'s invite code, fetched once', async () => {
    const login = await t.api('POST', '/api/auth/wechat', { body: { code: wechat.issueCode('o-poster') } });
    const token = login.body.accessToken;
    const res = await fetch(`${t.baseUrl}/api/invites/me/code.png`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const code = (await t.api('GET', '/api/invites/me', { token })).body.code;
    expect(wechat.scenes).toEqual([code]);
    expect((await fetch(`${t.baseUrl}/api/invites/me/code.png`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(wechat.scenes).toHaveLength(1); // the second came from the cache

    // another member's code after WeChat revoked our token: fetched again, retried once
    const other = await t.api('POST', '/api/auth/wechat', { body: { code: wechat.issueCode('o-poster-2') } });
    const issued = wechat.tokensIssued;
    wechat.revokeToken();
    const again = await fetch(`${t.baseUrl}/api/invites/me/code.png`, { headers: { authorization: `Bearer ${other.body.accessToken}` } });
    expect(again.status).toBe(200);
    expect(wechat.tokensIssued).toBe(issued + 1);
    expect(wechat.scenes).toHaveLength(2);
  });

  it('says WeChat is unavailable without an AppID', async () => {
    const dev = await startTestApp();
    const login = await dev.devLogin('海报');
    const res = await dev.api('GET', '/api/invites/me/code.png', { token: login.accessToken });
    expect([res.status, res.body.code]).toEqual([503, 'WECHAT_UNAVAILABLE']);
    await dev.close();
  });
});
