import { startTestApp, type TestApp } from '../support/app.js';

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
    expect((await consent({ results: { 'tpl-expiring': 'accept', 'tpl-shipped': 'reject' } })).body).toEqual({ credits: { 'tpl-expiring': 1, 'tpl-shipped': 0 } });
    expect((await consent({ results: { 'tpl-expiring': 'accept' } })).body).toEqual({ credits: { 'tpl-expiring': 2, 'tpl-shipped': 0 } });
    expect((await consent({ results: { 'tpl-shipped': 'ban', 'tpl-expiring': 'filter' } })).body).toEqual({ credits: { 'tpl-expiring': 2, 'tpl-shipped': 0 } });
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
});
