import { startTestApp, type TestApp } from '../support/app.js';
import { ChurnService } from '../../src/reports/churn.service.js';

const OWNER = '预警店长';
const DAY_MS = 86_400_000;

/** 流失预警 on fixture members: the job scores everyone who bought; the list holds those at risk, most valuable first. */
describe('churn warning', () => {
  let t: TestApp;
  let owner: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { OWNER_OPENIDS: `dev:${OWNER}`, JWT_ACCESS_TTL: String(30 * 86400) } });
    t.clock.set('2026-06-30T04:00:00.000Z');
    owner = (await t.devLogin(OWNER)).accessToken;
  });
  afterAll(() => t.close());

  let seq = 0;
  const sqlAt = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
  /** `count` paid orders of `fen`, every `every` days, the last `last` days ago. */
  async function orders(memberId: number, count: number, every: number, last: number, fen: number) {
    for (let i = 0; i < count; i++) {
      const at = sqlAt(new Date(t.clock.now().getTime() - (last + i * every) * DAY_MS));
      await t.dataSource.query(`INSERT INTO orders (order_no, member_id, status, source, goods_fen, pay_fen, address, request_key, paid_at, created_at, updated_at)
        VALUES (?, ?, 'completed', 'shop', ?, ?, '{}', ?, ?, ?, ?)`, [`C${++seq}`, memberId, fen, fen, `churn-${seq}`, at, at, at]);
    }
  }
  const member = async (name: string) => (await t.devLogin(name)).member.id as number;

  it('lists the weekly buyer gone quiet and the one-off customer, not the regular, with reasons and value at risk', async () => {
    const quiet = await member('沉默周客');
    const regular = await member('常客');
    const once = await member('一次性顾客');
    await orders(quiet, 20, 7, 30, 10_000);
    await orders(regular, 20, 7, 3, 8_000);
    await orders(once, 1, 1, 200, 50_000);
    expect(await t.app.get(ChurnService).score()).toBe(3);
    expect(await t.app.get(ChurnService).score()).toBe(3); // again: rescored, not doubled

    const res = await t.api('GET', '/api/admin/reports/churn', { token: owner });
    expect(res.status).toBe(200);
    expect(res.body.members.map((c: { nickname: string }) => c.nickname)).toEqual(['一次性顾客', '沉默周客']);
    expect(res.body).toMatchObject({ total: 2, valueAtRiskFen: 150_000 + 128_571 });
    const [first, second] = res.body.members;
    expect(first).toMatchObject({ memberId: once, score: 60, valueAtRiskFen: 150_000, reasons: ['已 200 天未下单（平时约 30 天一单）'] });
    expect(second).toMatchObject({ memberId: quiet, score: 54, valueAtRiskFen: 128_571 });
    expect(second.reasons[0]).toBe('已 30 天未下单（平时约 7 天一单）');
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM member_churn WHERE member_id = ?', [regular]))[0].n)).toBe(1);
    const shopper = await t.devLogin('常客');
    expect((await t.api('GET', '/api/admin/reports/churn', { token: shopper.accessToken })).status).toBe(403);
  });
});
