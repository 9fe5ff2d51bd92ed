import { startTestApp, type TestApp } from '../support/app.js';
import { createMembers } from '../support/members.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { LedgerAudit } from '../../src/ledger/ledger-audit.service.js';
import { LedgerQueries } from '../../src/ledger/ledger-queries.service.js';
import { Db } from '../../src/common/db.js';
import { PointsAllocation, PointsEntry, PointsFlag, PointsLot } from '../../src/ledger/ledger.entities.js';
import { RulesService } from '../../src/rules/rules.service.js';

const ref = (id: string | number) => ({ type: 'test', id });

describe('LedgerService', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let audit: LedgerAudit;
  let queries: LedgerQueries;
  let members: number[];
  let next = 0;
  const member = () => members[next++];

  beforeAll(async () => {
    t = await startTestApp();
    ledger = t.app.get(LedgerService);
    audit = t.app.get(LedgerAudit);
    queries = t.app.get(LedgerQueries);
    members = await createMembers(t.dataSource, 40);
  });
  afterEach(async () => {
    const report = await audit.run();
    expect(report.drifts).toEqual([]);
  });
  afterAll(() => t.close());

  const lotsOf = (memberId: number) =>
    t.dataSource.getRepository(PointsLot).find({ where: { memberId }, order: { id: 'ASC' } });
  const entryCount = () => t.dataSource.getRepository(PointsEntry).count();

  it('spends the soonest-expiring lots first', async () => {
    const id = member();
    t.clock.set('2026-03-01T02:00:00Z');
    await ledger.earn({ memberId: id, amount: 100, source: 'purchase', key: `fifo-a-${id}`, ref: ref(1) });
    await ledger.earn({ memberId: id, amount: 50, source: 'purchase', key: `fifo-b-${id}`, ref: ref(2), expiresAt: new Date('2026-06-30T15:59:59.999Z') });
    t.clock.set('2026-04-01T02:00:00Z');
    await ledger.earn({ memberId: id, amount: 70, source: 'purchase', key: `fifo-c-${id}`, ref: ref(3) });
    const spent = await ledger.spend({ memberId: id, amount: 120, source: 'cash', key: `fifo-s-${id}`, ref: ref(4) });
    expect(spent).toMatchObject({ amount: -120, available: 100, replayed: false });
    const lots = await lotsOf(id);
    expect(lots.map((l) => l.remaining)).toEqual([30, 0, 70]); // June lot first, then March+12 months
    const allocations = await t.dataSource.getRepository(PointsAllocation).findBy({ entryId: spent.entryId! });
    expect(allocations.map((a) => [a.lotId, a.amount]).sort()).toEqual([[lots[0].id, 70], [lots[1].id, 50]].sort());
  });

  it('reverses a spend partially onto the same lots, latest-expiring first, never past what was spent', async () => {
    const id = member();
    t.clock.set('2026-03-01T02:00:00Z');
    await ledger.earn({ memberId: id, amount: 100, source: 'purchase', key: `rv-a-${id}`, ref: ref(1), expiresAt: new Date('2026-05-31T15:59:59.999Z') });
    await ledger.earn({ memberId: id, amount: 50, source: 'purchase', key: `rv-b-${id}` , ref: ref(2) });
    await ledger.spend({ memberId: id, amount: 120, source: 'mall', key: `rv-s-${id}`, ref: ref(3) });
    expect((await lotsOf(id)).map((l) => l.remaining)).toEqual([0, 30]);

    const first = await ledger.reverse({ key: `rv-r1-${id}`, entryKey: `rv-s-${id}`, amount: 30 });
    expect(first).toMatchObject({ kind: 'reverse', amount: 30, available: 60 });
    expect((await lotsOf(id)).map((l) => l.remaining)).toEqual([10, 50]); // 20 back to the later lot, 10 to the earlier

    const before = await entryCount();
    await expect(ledger.reverse({ key: `rv-r2-${id}`, entryKey: `rv-s-${id}`, amount: 91 })).rejects.toMatchObject({ code: 'POINTS_REVERSAL_EXCEEDS' });
    expect(await entryCount()).toBe(before);
    const rest = await ledger.reverse({ key: `rv-r3-${id}`, entryKey: `rv-s-${id}` });
    expect(rest.amount).toBe(90);
    expect((await lotsOf(id)).map((l) => l.remaining)).toEqual([100, 50]);
    await expect(ledger.reverse({ key: `rv-r4-${id}`, entryKey: `rv-s-${id}` })).rejects.toMatchObject({ code: 'POINTS_REVERSAL_EXCEEDS' });
  });

  it('claws back a spent earning as debt, which later earnings pay first', async () => {
    const id = member();
    await ledger.earn({ memberId: id, amount: 100, source: 'purchase', key: `debt-e-${id}`, ref: ref(1) });
    await ledger.spend({ memberId: id, amount: 80, source: 'cash', key: `debt-s-${id}`, ref: ref(2) });
    const clawed = await ledger.reverse({ key: `debt-r-${id}`, entryKey: `debt-e-${id}` });
    expect(clawed).toMatchObject({ amount: -100, available: 0, debt: 80 });
    const paying = await ledger.earn({ memberId: id, amount: 50, source: 'purchase', key: `debt-p1-${id}`, ref: ref(3) });
    expect(paying).toMatchObject({ available: 0, debt: 30 });
    expect((await lotsOf(id)).length).toBe(1); // the debt took all of it: no new lot
    const paid = await ledger.earn({ memberId: id, amount: 50, source: 'purchase', key: `debt-p2-${id}`, ref: ref(4) });
    expect(paid).toMatchObject({ available: 20, debt: 0 });
    await expect(ledger.spend({ memberId: id, amount: 21, source: 'cash', key: `debt-s2-${id}`, ref: ref(5) })).rejects.toMatchObject({ code: 'POINTS_INSUFFICIENT' });
  });

  it('expires lots at the end of the Shanghai day (16:00 UTC), once, one entry per member', async () => {
    const [a, b] = [member(), member()];
    t.clock.set('2026-03-01T02:00:00Z'); // 10:00 in Shanghai
    for (const id of [a, b]) {
      await ledger.earn({ memberId: id, amount: 40, source: 'purchase', key: `exp-1-${id}`, ref: ref(1) });
      await ledger.earn({ memberId: id, amount: 60, source: 'purchase', key: `exp-2-${id}`, ref: ref(2) });
    }
    await ledger.spend({ memberId: a, amount: 30, source: 'cash', key: `exp-s-${a}`, ref: ref(3) });
    const lot = (await lotsOf(a))[0];
    expect(lot.expiresAt.toISOString()).toBe('2027-03-01T15:59:59.999Z');

    await ledger.expireDue(new Date('2027-03-01T15:59:59.998Z')); // lots of earlier tests are due by then
    expect(await ledger.expireDue(new Date('2027-03-01T15:59:59.999Z'))).toEqual({ members: 0, points: 0 });
    expect(await t.dataSource.getRepository(PointsEntry).countBy({ kind: 'expire', memberId: a })).toBe(0);
    t.clock.set('2027-03-01T15:59:59.999Z'); // the last instant of the day: still spendable
    expect((await queries.balance(a)).available).toBe(70);
    expect((await queries.summary(a)).available).toBe(70);
    t.clock.set('2027-03-01T16:00:00.000Z');
    const before = await queries.balance(a);
    expect(before.available).toBe(0); // past due: no longer spendable, even before the job runs
    expect((await queries.summary(a)).available).toBe(0);
    await expect(ledger.spend({ memberId: a, amount: 1, source: 'cash', key: `exp-s2-${a}`, ref: ref(4) })).rejects.toMatchObject({ code: 'POINTS_INSUFFICIENT' });

    const run = await ledger.expireDue(t.clock.now());
    expect(run.members).toBeGreaterThanOrEqual(2); // with lots of earlier tests due the same day
    const expires = await t.dataSource.getRepository(PointsEntry).findBy({ kind: 'expire', memberId: a });
    expect(expires).toHaveLength(1);
    expect(expires[0].amount).toBe(-70);
    expect((await t.dataSource.getRepository(PointsEntry).findBy({ kind: 'expire', memberId: b }))[0].amount).toBe(-100);
    expect(await ledger.expireDue(t.clock.now())).toEqual({ members: 0, points: 0 });
  });

  it('shows what expires within 30 days', async () => {
    const id = member();
    t.clock.set('2026-05-10T04:00:00Z');
    await ledger.earn({ memberId: id, amount: 25, source: 'purchase', key: `soon-a-${id}`, ref: ref(1), expiresAt: new Date('2026-05-20T15:59:59.999Z') });
    await ledger.earn({ memberId: id, amount: 35, source: 'purchase', key: `soon-b-${id}`, ref: ref(2), expiresAt: new Date('2026-05-20T15:59:59.999Z') });
    await ledger.earn({ memberId: id, amount: 99, source: 'purchase', key: `soon-c-${id}`, ref: ref(3) });
    expect(await queries.balance(id)).toEqual({ available: 159, pending: 0, debt: 0, expiring: [{ date: '2026-05-20', amount: 60 }] });
  });

  it('returns the first result for a repeated key and writes nothing', async () => {
    const id = member();
    const first = await ledger.earn({ memberId: id, amount: 10, source: 'purchase', key: `idem-${id}`, ref: ref(1) });
    const before = await entryCount();
    const again = await ledger.earn({ memberId: id, amount: 10, source: 'purchase', key: `idem-${id}`, ref: ref(1) });
    expect(again).toEqual({ ...first, replayed: true });
    const concurrent = await Promise.all(Array.from({ length: 8 }, () => ledger.spend({ memberId: id, amount: 3, source: 'cash', key: `idem-s-${id}`, ref: ref(2) })));
    expect(concurrent.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await entryCount()).toBe(before + 1);
    await expect(ledger.earn({ memberId: member(), amount: 10, source: 'purchase', key: `idem-${id}`, ref: ref(1) })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });

  it('caps non-purchase earnings at 2,000 a Shanghai day', async () => {
    const id = member();
    t.clock.set('2026-03-01T15:00:00Z'); // 23:00 in Shanghai
    await ledger.earn({ memberId: id, amount: 1_990, source: 'campaign', key: `cap-1-${id}`, ref: ref(1) });
    const partial = await ledger.earn({ memberId: id, amount: 50, source: 'checkin', key: `cap-2-${id}`, ref: ref(2) });
    expect(partial).toMatchObject({ amount: 10, cappedBy: 40, available: 2_000 });
    const none = await ledger.earn({ memberId: id, amount: 10, source: 'invite', key: `cap-3-${id}`, ref: ref(3) });
    expect(none).toMatchObject({ entryId: null, amount: 0, cappedBy: 10 });
    const purchase = await ledger.earn({ memberId: id, amount: 500, source: 'purchase', key: `cap-4-${id}`, ref: ref(4) });
    expect(purchase.amount).toBe(500);
    t.clock.set('2026-03-01T16:00:00Z'); // a new Shanghai day
    expect((await ledger.earn({ memberId: id, amount: 10, source: 'checkin', key: `cap-5-${id}`, ref: ref(5) })).amount).toBe(10);
  });

  it('holds purchase points as pending, confirms or cancels them, once', async () => {
    const id = member();
    await ledger.earn({ memberId: id, amount: 300, source: 'purchase', key: `hold-${id}`, ref: ref('order-1'), pending: true });
    expect(await queries.summary(id)).toEqual({ available: 0, pending: 300 });
    const cancelled = await ledger.cancelPending({ key: `hold-c-${id}`, holdKey: `hold-${id}`, amount: 100 });
    expect(cancelled).toMatchObject({ kind: 'cancel', pendingAmount: -100, pending: 200 });
    await expect(ledger.cancelPending({ key: `hold-c2-${id}`, holdKey: `hold-${id}`, amount: 201 })).rejects.toMatchObject({ code: 'POINTS_REVERSAL_EXCEEDS' });
    const confirmed = await ledger.confirmPending({ key: `hold-ok-${id}`, holdKey: `hold-${id}` });
    expect(confirmed).toMatchObject({ kind: 'confirm', amount: 200, available: 200, pending: 0 });
    await expect(ledger.confirmPending({ key: `hold-ok2-${id}`, holdKey: `hold-${id}` })).rejects.toMatchObject({ code: 'POINTS_HOLD_SETTLED' });
    expect((await ledger.confirmPending({ key: `hold-ok-${id}`, holdKey: `hold-${id}` })).replayed).toBe(true);
    // the confirmed earning can be clawed back like any other
    expect(await ledger.reverse({ key: `hold-r-${id}`, entryKey: `hold-ok-${id}`, amount: 50 })).toMatchObject({ available: 150 });
  });

  it('refuses bad input with typed errors and writes nothing', async () => {
    const id = member();
    await ledger.earn({ memberId: id, amount: 100, source: 'purchase', key: `bad-e-${id}`, ref: ref(1) });
    const before = await entryCount();
    for (const amount of [0, -5, 1.5, 2 ** 31, Number.NaN]) {
      await expect(ledger.earn({ memberId: id, amount, source: 'purchase', key: `bad-${amount}-${id}`, ref: ref(1) })).rejects.toMatchObject({ code: 'POINTS_AMOUNT_INVALID' });
      await expect(ledger.spend({ memberId: id, amount, source: 'cash', key: `bad-s-${amount}-${id}`, ref: ref(1) })).rejects.toMatchObject({ code: 'POINTS_AMOUNT_INVALID' });
    }
    await expect(ledger.earn({ memberId: 99_999_999, amount: 1, source: 'purchase', key: `bad-m-${id}`, ref: ref(1) })).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
    await expect(ledger.reverse({ key: `bad-r-${id}`, entryKey: 'no-such-key' })).rejects.toMatchObject({ code: 'LEDGER_ENTRY_NOT_FOUND' });
    await expect(ledger.reverse({ key: `bad-r2-${id}`, entryKey: `bad-e-${id}`, amount: 101 })).rejects.toMatchObject({ code: 'POINTS_REVERSAL_EXCEEDS' });
    await expect(ledger.adjust({ memberId: id, amount: 5, operatorId: 1, reason: '  ', key: `bad-a-${id}` })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(ledger.spend({ memberId: id, amount: 101, source: 'cash', key: `bad-big-${id}`, ref: ref(1) })).rejects.toMatchObject({ code: 'POINTS_INSUFFICIENT' });
    expect(await entryCount()).toBe(before);
  });

  it('does not reverse an expiry or a reversal', async () => {
    const id = member();
    await ledger.earn({ memberId: id, amount: 10, source: 'purchase', key: `nr-e-${id}`, ref: ref(1) });
    await ledger.spend({ memberId: id, amount: 10, source: 'cash', key: `nr-s-${id}`, ref: ref(1) });
    await ledger.reverse({ key: `nr-r-${id}`, entryKey: `nr-s-${id}` });
    await expect(ledger.reverse({ key: `nr-rr-${id}`, entryKey: `nr-r-${id}` })).rejects.toMatchObject({ code: 'POINTS_NOT_REVERSIBLE' });
  });

  it('adjusts with an operator and a reason, and flags outsized entries for review', async () => {
    const id = member();
    const up = await ledger.adjust({ memberId: id, amount: 12_000, operatorId: 7, reason: '客诉补偿', key: `adj-${id}` });
    expect(up).toMatchObject({ kind: 'adjust', amount: 12_000 });
    const entry = await t.dataSource.getRepository(PointsEntry).findOneByOrFail({ id: up.entryId! });
    expect(entry).toMatchObject({ operatorId: 7, reason: '客诉补偿', source: 'adjust' });
    const down = await ledger.adjust({ memberId: id, amount: -2_000, operatorId: 7, reason: '误发收回', key: `adj-d-${id}` });
    expect(down).toMatchObject({ kind: 'adjust', amount: -2_000, available: 10_000 });
    const flags = await t.dataSource.getRepository(PointsFlag).findBy({ memberId: id });
    expect(flags.map((f) => f.entryId)).toEqual([up.entryId]);

    const usual = member();
    for (let i = 0; i < 6; i++) await ledger.earn({ memberId: usual, amount: 100, source: 'purchase', key: `usual-${i}-${usual}`, ref: ref(i) });
    const big = await ledger.earn({ memberId: usual, amount: 600, source: 'purchase', key: `usual-big-${usual}`, ref: ref(9) });
    expect((await t.dataSource.getRepository(PointsFlag).findBy({ memberId: usual })).map((f) => f.entryId)).toEqual([big.entryId]);
  });

  it('reads its rules from the rules table, with history', async () => {
    const rules = t.app.get(RulesService);
    await rules.set('ledger', { dailyCap: 30 }, { operatorId: 1, note: 'test' });
    const id = member();
    const capped = await ledger.earn({ memberId: id, amount: 50, source: 'checkin', key: `rule-${id}`, ref: ref(1) });
    expect(capped.amount).toBe(30);
    await rules.set('ledger', { dailyCap: 2_000 }, { operatorId: 1 });
    expect((await rules.history('ledger')).length).toBe(2);
  });

  it('joins the caller\'s transaction and rolls back with it', async () => {
    const id = member();
    const before = await entryCount();
    await expect(t.app.get(Db).unit(async (m) => {
      await ledger.earn({ memberId: id, amount: 10, source: 'purchase', key: `join-${id}`, ref: ref(1) });
      throw new Error('order failed');
    })).rejects.toThrow('order failed');
    expect(await entryCount()).toBe(before);
    expect(await queries.summary(id)).toEqual({ available: 0, pending: 0 });
  });

  it('is caught by the audit when a table is tampered with', async () => {
    const id = member();
    await ledger.earn({ memberId: id, amount: 10, source: 'purchase', key: `tamper-${id}`, ref: ref(1) });
    const [lot] = await lotsOf(id);
    await t.dataSource.getRepository(PointsLot).update({ id: lot.id }, { remaining: 11 });
    const report = await audit.run(id);
    expect(report.ok).toBe(false);
    expect(report.drifts.map((d) => d.check)).toEqual(expect.arrayContaining(['available = Σ lots.remaining', 'lot within 0..amount and explained by allocations']));
    await t.dataSource.getRepository(PointsLot).update({ id: lot.id }, { remaining: 10 });
  });
});
