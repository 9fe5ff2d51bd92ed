import { startTestApp, type TestApp } from '../support/app.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { PointsEntry } from '../../src/ledger/ledger.entities.js';
import { Checkin } from '../../src/checkin/checkin.entity.js';
import { Member } from '../../src/members/member.entity.js';

describe('check-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_ACCESS_TTL: String(30 * 86400) } });
  });
  afterAll(() => t.close());

  const signIn = async (name: string) => (await t.devLogin(name)).accessToken;
  const checkIn = (token: string) => t.api('POST', '/api/checkin', { token });
  const entries = (memberId: number, source: string) => t.dataSource.getRepository(PointsEntry).countBy({ memberId, source: source as never });

  it('counts Shanghai days: 15:59 and 16:01 UTC are two days in a row', async () => {
    t.clock.set('2026-03-01T15:59:00Z');
    const token = await signIn('夜猫子');
    const first = await checkIn(token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ day: '2026-03-01', streak: 1, points: 10, alreadyDone: false, tomorrowPoints: 10, available: 10 });
    t.clock.set('2026-03-01T16:01:00Z');
    const second = await checkIn(token);
    expect(second.body).toMatchObject({ day: '2026-03-02', streak: 2, points: 10, tomorrowPoints: 20, available: 20 });
  });

  it('credits once for a second call and for 20 concurrent calls', async () => {
    t.clock.set('2026-03-05T01:00:00Z');
    const login = await t.devLogin('手快');
    const results = await Promise.all(Array.from({ length: 20 }, () => checkIn(login.accessToken)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => !r.body.alreadyDone)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.points))).toEqual(new Set([10]));
    const again = await checkIn(login.accessToken);
    expect(again.body).toMatchObject({ alreadyDone: true, points: 10, available: 10 });
    expect(await entries(login.member.id, 'checkin')).toBe(1);
    expect(await t.dataSource.getRepository(Checkin).countBy({ memberId: login.member.id })).toBe(1);
  });

  it('pays streak bonuses on day 3 and 7, restarts the cycle, and resets after a missed day', async () => {
    t.clock.set('2026-04-01T02:00:00Z');
    const token = await signIn('坚持');
    const points: number[] = [];
    for (let d = 0; d < 9; d++) {
      points.push((await checkIn(token)).body.points);
      t.clock.advance(86_400_000);
    }
    expect(points).toEqual([10, 10, 20, 10, 10, 10, 60, 10, 10]);
    t.clock.advance(86_400_000); // a missed day
    expect((await checkIn(token)).body).toMatchObject({ streak: 1, points: 10 });
  });

  it('doubles in the birthday month', async () => {
    t.clock.set('2026-05-10T02:00:00Z');
    const login = await t.devLogin('寿星');
    await t.dataSource.getRepository(Member).update({ id: login.member.id }, { birthday: '1990-05-20' });
    expect((await checkIn(login.accessToken)).body).toMatchObject({ points: 20, tomorrowPoints: 20 });
  });

  it('shows the month with checked days, the streak, today\'s and tomorrow\'s reward', async () => {
    t.clock.set('2026-06-01T02:00:00Z');
    const token = await signIn('日历');
    for (let d = 0; d < 2; d++) {
      await checkIn(token);
      t.clock.advance(86_400_000);
    }
    const res = await t.api('GET', '/api/checkin/calendar?month=2026-06', { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      month: '2026-06', today: '2026-06-03', checkedToday: false, streak: 2, todayPoints: 20, tomorrowPoints: 10,
      days: [{ day: '2026-06-01', kind: 'normal', points: 10 }, { day: '2026-06-02', kind: 'normal', points: 10 }],
      makeup: { cost: 20, leftThisMonth: 2, windowDays: 7 },
    });
    expect(res.body.makeupDays).toEqual([]); // the days of the window before joining cannot be made up
    for (const month of ['2026-13', '2026-6', 'June', '2026-06-01']) {
      const bad = await t.api('GET', `/api/checkin/calendar?month=${month}`, { token });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('makes up a missed day at its cost, joins the streak, and keeps the limits', async () => {
    t.clock.set('2026-06-20T02:00:00Z'); // joined well before the days made up below
    const login = await t.devLogin('补签');
    const token = login.accessToken;
    const memberId = login.member.id;
    t.clock.set('2026-07-01T02:00:00Z');
    await t.app.get(LedgerService).earn({ memberId, amount: 100, source: 'purchase', key: `mk-${memberId}`, ref: { type: 'test', id: 1 } });
    // checked 07-01, missed 07-02, checked 07-03 and 07-04
    await checkIn(token);
    t.clock.set('2026-07-03T02:00:00Z');
    await checkIn(token);
    t.clock.set('2026-07-04T02:00:00Z');
    expect((await checkIn(token)).body.streak).toBe(2);

    const made = await t.api('POST', '/api/checkin/makeup', { token, body: { day: '2026-07-02' } });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ day: '2026-07-02', streak: 2, points: 10 });
    expect(made.body.available).toBe(100 + 10 + 10 + 10 - 20 + 10);
    const cal = await t.api('GET', '/api/checkin/calendar', { token });
    expect(cal.body).toMatchObject({ streak: 4, checkedToday: true, makeup: { leftThisMonth: 1 } });

    const before = await t.dataSource.getRepository(PointsEntry).countBy({ memberId });
    const refusals: [string, string][] = [
      ['2026-07-04', 'CHECKIN_MAKEUP_NOT_ALLOWED'], // today
      ['2026-07-05', 'CHECKIN_MAKEUP_NOT_ALLOWED'], // the future
      ['2026-06-26', 'CHECKIN_MAKEUP_NOT_ALLOWED'], // older than 7 days
      ['2026-07-03', 'CHECKIN_ALREADY_DONE'],
    ];
    for (const [day, code] of refusals) {
      const res = await t.api('POST', '/api/checkin/makeup', { token, body: { day } });
      expect([day, res.status, res.body.code]).toEqual([day, 409, code]);
    }
    for (const day of ['2026-02-30', '07-01', 'yesterday', '']) {
      const res = await t.api('POST', '/api/checkin/makeup', { token, body: { day } });
      expect([day, res.status, res.body.code]).toEqual([day, 400, 'VALIDATION_FAILED']);
    }
    expect(await t.dataSource.getRepository(PointsEntry).countBy({ memberId })).toBe(before);

    expect((await t.api('POST', '/api/checkin/makeup', { token, body: { day: '2026-06-30' } })).status).toBe(200);
    const third = await t.api('POST', '/api/checkin/makeup', { token, body: { day: '2026-06-29' } });
    expect([third.status, third.body.code]).toEqual([409, 'CHECKIN_MAKEUP_LIMIT']);
    expect(await t.dataSource.getRepository(Checkin).countBy({ memberId, day: '2026-06-29' })).toBe(0);
  });

  it('refuses a make-up without enough points, or before joining, writing nothing', async () => {
    t.clock.set('2026-08-05T02:00:00Z');
    const login = await t.devLogin('没积分');
    const early = await t.api('POST', '/api/checkin/makeup', { token: login.accessToken, body: { day: '2026-08-03' } });
    expect([early.status, early.body.code]).toEqual([409, 'CHECKIN_MAKEUP_NOT_ALLOWED']); // joined today
    t.clock.set('2026-08-07T02:00:00Z');
    const res = await t.api('POST', '/api/checkin/makeup', { token: login.accessToken, body: { day: '2026-08-06' } });
    expect([res.status, res.body.code]).toEqual([409, 'POINTS_INSUFFICIENT']);
    expect(await t.dataSource.getRepository(Checkin).countBy({ memberId: login.member.id })).toBe(0);
  });

  it('takes a POST with a JSON content type and no body, as mini-programs send it', async () => {
    const token = await signIn('空请求体');
    const res = await t.api('POST', '/api/checkin', { token, raw: '' });
    expect(res.status).toBe(200);
    expect(res.body.points).toBeGreaterThan(0);
    const broken = await t.api('POST', '/api/checkin', { token, raw: '{"x":' });
    expect([broken.status, broken.body.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('needs a signed-in member', async () => {
    expect((await t.api('POST', '/api/checkin')).status).toBe(401);
    expect((await t.api('GET', '/api/checkin/calendar')).status).toBe(401);
  });
});
