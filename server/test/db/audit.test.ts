import { startTestApp, type TestApp } from '../support/app.js';
import { redact } from '../../src/audit/audit.interceptor.js';

/** Every changing operator action lands in the audit log, success or refusal, with personal data masked. */
describe('operator audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  it('records who did what, to what, and how it ended; shoppers cannot read it', async () => {
    const operator = (await t.api('POST', '/api/auth/dev', { body: { nickname: '运营小美' } })).body;
    const shopper = await t.devLogin('路人');
    const off = await t.api('PATCH', '/api/admin/coupons/templates/1', { token: operator.accessToken, body: { status: 'off' } });
    expect(off.status).toBe(200);
    const refused = await t.api('POST', '/api/admin/orders/999999/ship', { token: operator.accessToken, body: { expressCompany: '顺丰速运', trackingNo: 'SF1234567890' } });
    expect(refused.status).toBe(404);
    const invalid = await t.api('POST', '/api/admin/orders/1/ship', { token: operator.accessToken, body: { expressCompany: '顺丰速运', trackingNo: '1' } });
    expect(invalid.status).toBe(400);
    await t.api('GET', '/api/admin/orders', { token: operator.accessToken }); // reads are not recorded

    const log = await t.api('GET', '/api/admin/audit', { token: operator.accessToken });
    expect(log.status).toBe(200);
    expect(log.body.map((e: { action: string; status: number }) => [e.action, e.status])).toEqual([
      ['POST /api/admin/orders/:id/ship', 400],
      ['POST /api/admin/orders/:id/ship', 404],
      ['PATCH /api/admin/coupons/templates/:id', 200],
    ]);
    expect(log.body[1]).toMatchObject({ operatorId: operator.member.id, target: { id: '999999' }, detail: { expressCompany: '顺丰速运', trackingNo: 'SF1234567890' } });
    // Named as an operator reads them: the operator's nickname, the order's number (小明's first), the template's name; an unknown order has no label.
    const [{ order_no: orderNo }] = await t.dataSource.query('SELECT order_no FROM orders WHERE id = 1');
    expect(log.body.map((e: { operatorName: string; targetLabel: string | null }) => [e.operatorName, e.targetLabel])).toEqual([
      ['运营小美', orderNo], ['运营小美', null], ['运营小美', (await t.dataSource.query('SELECT name FROM coupon_templates WHERE id = 1'))[0].name],
    ]);
    expect((await t.api('GET', '/api/admin/audit', { token: shopper.accessToken })).status).toBe(403);
    // A shopper's refused attempt is not an operator action: the guard stops it before the log.
    expect((await t.api('PATCH', '/api/admin/coupons/templates/1', { token: shopper.accessToken, body: { status: 'on' } })).status).toBe(403);
    expect((await t.api('GET', '/api/admin/audit', { token: operator.accessToken })).body).toHaveLength(3);
  });

  it('filters by operator, area and Shanghai days, and refuses filters that make no sense', async () => {
    t.clock.set('2026-03-03T01:00:00.000Z'); // 09:00 on 03-03 in Shanghai
    const owner = (await t.api('POST', '/api/auth/dev', { body: { nickname: '店主老林' } })).body;
    const put = await t.api('PUT', '/api/admin/rules/signup', { token: owner.accessToken, body: { value: { giftPoints: 120 }, note: '新人礼加码', baseVersion: null } });
    expect(put.status).toBe(200);
    const find = async (query: string) => {
      const res = await t.api('GET', `/api/admin/audit?${query}`, { token: owner.accessToken });
      expect(res.status).toBe(200);
      return (res.body as { action: string; operatorName: string }[]).map((e) => `${e.operatorName} ${e.action}`);
    };
    expect(await find(`operatorId=${owner.member.id}`)).toEqual(['店主老林 PUT /api/admin/rules/:key']);
    const choices = (await t.api('GET', '/api/admin/audit/operators', { token: owner.accessToken })).body as { name: string }[];
    expect(choices.map((c) => c.name).sort()).toEqual(['店主老林', '运营小美'].sort());
    expect(await find('area=orders')).toEqual(['运营小美 POST /api/admin/orders/:id/ship', '运营小美 POST /api/admin/orders/:id/ship']);
    expect(await find('area=coupons')).toEqual(['运营小美 PATCH /api/admin/coupons/templates/:id']);
    expect(await find('area=rules&from=2026-03-03&to=2026-03-03')).toEqual(['店主老林 PUT /api/admin/rules/:key']);
    expect(await find('to=2026-03-02')).toHaveLength(3); // the operator's, on 03-01
    expect(await find('from=2026-03-04')).toEqual([]);
    for (const [query, field] of [['area=everything', 'area'], ['from=2026-02-30', 'from'], ['from=2026-03-05&to=2026-03-01', 'to']]) {
      const res = await t.api('GET', `/api/admin/audit?${query}`, { token: owner.accessToken });
      expect([query, res.status, JSON.stringify(res.body.details ?? {}).includes(field)]).toEqual([query, 400, true]);
    }
  });

  it('masks phone numbers and cuts long bodies', () => {
    expect(redact({ phone: '13800000001', name: '张三' })).toBe('{"phone":"138****0001","name":"张三"}');
    expect(redact({ note: 'x'.repeat(2000) })).toHaveLength(1000);
  });
});
