import { FakeWechat } from '../fake-wechat/server.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { Events } from '../../src/events/events.service.js';
import { OutboxEvent } from '../../src/events/outbox.entity.js';
import { PointsEntry } from '../../src/ledger/ledger.entities.js';
import { Member } from '../../src/members/member.entity.js';

describe('completing sign-up with a phone (development stand-in)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('binds the phone, grants the 100-point gift once and emits member.signed_up after commit', async () => {
    const login = await t.devLogin('新人');
    const seen: number[] = [];
    t.app.get(Events).on('member.signed_up', async ({ memberId }) => {
      seen.push(memberId);
    });
    const res = await t.api('POST', '/api/me/phone/dev', { token: login.accessToken, body: { phone: '13800138000' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ giftPoints: 100, member: { phone: '138****8000', signedUp: true, points: { available: 100 } } });
    const again = await t.api('POST', '/api/me/phone/dev', { token: login.accessToken, body: { phone: '13800138000' } });
    expect(again.body.giftPoints).toBe(0);
    expect(await t.dataSource.getRepository(PointsEntry).countBy({ memberId: login.member.id, source: 'signup' })).toBe(1);

    expect(seen).toEqual([]); // handled after commit, by the dispatcher
    expect(await t.app.get(Events).drain()).toBe(1);
    expect(seen).toEqual([login.member.id]);
    expect(await t.dataSource.getRepository(OutboxEvent).countBy({ status: 'done' })).toBe(1);
    expect(await t.app.get(Events).drain()).toBe(0);
    const me = await t.api('GET', '/api/me', { token: login.accessToken });
    expect(me.body).toMatchObject({ phone: '138****8000', signedUp: true });
  });

  it('refuses a phone another member has, and bad phones, changing nothing', async () => {
    const other = await t.devLogin('另一个');
    const taken = await t.api('POST', '/api/me/phone/dev', { token: other.accessToken, body: { phone: '13800138000' } });
    expect([taken.status, taken.body.code]).toEqual([409, 'PHONE_TAKEN']);
    for (const phone of ['12345', '23800138000', 13800138000, '']) {
      const res = await t.api('POST', '/api/me/phone/dev', { token: other.accessToken, body: { phone } });
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const member = await t.dataSource.getRepository(Member).findOneByOrFail({ id: other.member.id });
    expect([member.phone, member.signedUpAt]).toEqual([null, null]);
    expect(await t.dataSource.getRepository(PointsEntry).countBy({ memberId: other.member.id })).toBe(0);
  });

  it('retries a failing handler with backoff and gives up after ten attempts', async () => {
    const events = t.app.get(Events);
    let calls = 0;
    events.on('order.refunded', async () => {
      calls++;
      throw new Error('handler down');
    });
    await t.app.get((await import('../../src/common/db.js')).Db).unit((m) =>
      events.emit('order.refunded', { orderId: 1, refundId: 1, memberId: 1, completed: false, refundFen: 0, remainingFen: 0, at: t.clock.now().toISOString() }));
    for (let i = 0; i < 12; i++) {
      await events.drain();
      t.clock.advance(3_600_000);
    }
    expect(calls).toBe(10);
    const row = await t.dataSource.getRepository(OutboxEvent).findOneByOrFail({ topic: 'order.refunded' });
    expect(row).toMatchObject({ status: 'failed', attempts: 10, lastError: 'handler down' });
  });
});

describe('completing sign-up with WeChat getPhoneNumber', () => {
  let t: TestApp;
  let wechat: FakeWechat;
  beforeAll(async () => {
    wechat = await new FakeWechat({ appId: 'wx0123456789abcdef', secret: 's' }).start();
    t = await startTestApp({ env: { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's', WECHAT_API_BASE: wechat.baseUrl } });
  });
  afterAll(async () => {
    await t.close();
    await wechat.stop();
  });

  it('exchanges the code through WeChat, and refuses a code WeChat rejects', async () => {
    const login = await t.api('POST', '/api/auth/wechat', { body: { code: wechat.issueCode('o-phone-1') } });
    const token = login.body.accessToken;
    const bad = await t.api('POST', '/api/me/phone', { token, body: { code: 'forged' } });
    expect([bad.status, bad.body.code]).toEqual([400, 'WECHAT_CODE_INVALID']);
    expect((await t.api('GET', '/api/me', { token })).body.signedUp).toBe(false);
    const ok = await t.api('POST', '/api/me/phone', { token, body: { code: wechat.issuePhoneCode('13912345678') } });
    expect(ok.body).toMatchObject({ giftPoints: 100, member: { phone: '139****5678', signedUp: true } });
    expect((await t.api('POST', '/api/me/phone/dev', { token, body: { phone: '13800000000' } })).status).toBe(404);
  });
});
