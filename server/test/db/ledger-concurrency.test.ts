import type { EntrySource } from '@jifen/shared';
import { startTestApp, type TestApp } from '../support/app.js';
import { createMembers } from '../support/members.js';
import { Random, seedFromEnv } from '../support/random.js';
import { LedgerService, type LedgerResult } from '../../src/ledger/ledger.service.js';
import { LedgerAudit } from '../../src/ledger/ledger-audit.service.js';
import { Db } from '../../src/common/db.js';
import { DomainError } from '../../src/common/errors.js';
import { PointsAccount, PointsEntry, PointsLot } from '../../src/ledger/ledger.entities.js';
import { LedgerModel, type ModelOp } from './ledger-model.js';

/**
 * A randomised run, seeded and replayable (LEDGER_SEED): thousands of mixed
 * operations from concurrent workers over many members, the clock moving between rounds with
 * expiry runs, duplicates and aborted transactions injected. Afterwards every invariant
 * holds and an independent model, fed the operations in the order the database serialised
 * them (entry ids per member), agrees with every entry and every balance.
 */
const SEED = seedFromEnv('LEDGER_SEED');
const OPS = Number(process.env.LEDGER_OPS ?? 20_000);
const WORKERS = 16;
const MEMBERS = 200;
const ROUNDS = 40;

/** Errors a concurrent operation may legitimately end with; anything else fails the test. */
const ACCEPTABLE: Record<ModelOp['type'], string[]> = {
  earn: [],
  spend: ['POINTS_INSUFFICIENT'],
  adjust: ['POINTS_INSUFFICIENT'],
  reverse: ['LEDGER_ENTRY_NOT_FOUND', 'POINTS_REVERSAL_EXCEEDS'],
  confirm: ['LEDGER_ENTRY_NOT_FOUND', 'POINTS_HOLD_SETTLED'],
  cancel: ['LEDGER_ENTRY_NOT_FOUND', 'POINTS_HOLD_SETTLED', 'POINTS_REVERSAL_EXCEEDS'],
};

interface Op {
  key: string;
  op: ModelOp;
  /** Run inside a caller's transaction that then fails: must leave no trace. */
  abort: boolean;
}

interface Outcome {
  op: Op;
  result?: LedgerResult;
  error?: string;
}

describe(`ledger under concurrency (seed ${SEED})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    console.log(`ledger concurrency seed ${SEED}: replay with LEDGER_SEED=${SEED}`);
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it(`keeps every invariant and matches the model after ${OPS} operations from ${WORKERS} workers`, async () => {
    const rng = new Random(SEED);
    const ledger = t.app.get(LedgerService);
    const tx = t.app.get(Db);
    const members = await createMembers(t.dataSource, MEMBERS, 'fuzz');
    const earnKeys: string[] = [];
    const spendKeys: string[] = [];
    const holdKeys: string[] = [];
    const done: Op[] = [];
    const outcomes: Outcome[] = [];
    let n = 0;

    const generate = (): Op => {
      const key = `k${n++}`;
      const memberId = rng.pick(members);
      const roll = rng.next();
      const abort = rng.chance(0.02);
      if (roll < 0.05 && done.length > 0) return { ...rng.pick(done), abort: false }; // a retry of an earlier request
      if (roll < 0.3) {
        const source: EntrySource = rng.chance(0.25) ? rng.pick(['checkin', 'invite', 'campaign'] as const) : 'purchase';
        return { key, abort, op: { type: 'earn', memberId, amount: rng.int(1, 400), source, pending: false } };
      }
      if (roll < 0.4) return { key, abort, op: { type: 'earn', memberId, amount: rng.int(1, 500), source: 'purchase', pending: true } };
      if (roll < 0.47 && holdKeys.length) return { key, abort, op: { type: 'confirm', holdKey: rng.pick(holdKeys) } };
      if (roll < 0.5 && holdKeys.length) return { key, abort, op: { type: 'cancel', holdKey: rng.pick(holdKeys), amount: rng.chance(0.5) ? rng.int(1, 200) : undefined } };
      if (roll < 0.75) return { key, abort, op: { type: 'spend', memberId, amount: rng.int(1, 300) } };
      if (roll < 0.85 && spendKeys.length) return { key, abort, op: { type: 'reverse', targetKey: rng.pick(spendKeys), amount: rng.chance(0.5) ? rng.int(1, 150) : undefined } };
      if (roll < 0.9 && earnKeys.length) return { key, abort, op: { type: 'reverse', targetKey: rng.pick(earnKeys), amount: rng.chance(0.5) ? rng.int(1, 150) : undefined } };
      return { key, abort, op: { type: 'adjust', memberId, amount: rng.chance(0.5) ? rng.int(1, 300) : -rng.int(1, 100) } };
    };

    const execute = (o: Op): Promise<LedgerResult> => {
      const { op, key } = o;
      const r = { type: 'fuzz', id: key };
      switch (op.type) {
        case 'earn': return ledger.earn({ memberId: op.memberId, amount: op.amount, source: op.source, pending: op.pending, key, ref: r });
        case 'spend': return ledger.spend({ memberId: op.memberId, amount: op.amount, source: 'cash', key, ref: r });
        case 'reverse': return ledger.reverse({ key, entryKey: op.targetKey, amount: op.amount });
        case 'confirm': return ledger.confirmPending({ key, holdKey: op.holdKey });
        case 'cancel': return ledger.cancelPending({ key, holdKey: op.holdKey, amount: op.amount });
        case 'adjust': return ledger.adjust({ memberId: op.memberId, amount: op.amount, operatorId: 1, reason: 'fuzz', key });
      }
    };

    const perRound = Math.ceil(OPS / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      const queue = Array.from({ length: perRound }, generate);
      for (const o of queue) {
        if (o.abort) continue;
        done.push(o);
        if (o.op.type === 'earn') (o.op.pending ? holdKeys : earnKeys).push(o.key);
        if (o.op.type === 'spend') spendKeys.push(o.key);
      }
      let next = 0;
      await Promise.all(Array.from({ length: WORKERS }, async () => {
        while (next < queue.length) {
          const o = queue[next++];
          try {
            if (o.abort) {
              await tx.unit(async (m) => {
                await execute(o);
                throw new Error('aborted on purpose');
              }).catch((e: Error) => {
                if (e.message !== 'aborted on purpose' && !(e instanceof DomainError)) throw e;
              });
              continue;
            }
            outcomes.push({ op: o, result: await execute(o) });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            outcomes.push({ op: o, error: error.code });
          }
        }
      }));
      t.clock.advance(rng.int(0, 30) * 86_400_000 + rng.int(0, 86_399_999));
      await ledger.expireDue(t.clock.now(), 64);
    }

    // 1. Errors are only the acceptable ones.
    for (const o of outcomes) {
      if (o.error) expect(ACCEPTABLE[o.op.op.type]).toContain(o.error);
    }

    // 2. The audit finds no drift.
    const report = await t.app.get(LedgerAudit).run();
    expect(report.drifts).toEqual([]);

    // 3. The model, replaying each member's entries in order, agrees with every one of them.
    const ops = new Map<string, ModelOp>(outcomes.map((o) => [o.op.key, o.op.op]));
    const entries = await t.dataSource.getRepository(PointsEntry).find({ order: { id: 'ASC' } });
    const model = new LedgerModel();
    const byKey = new Map(entries.map((e) => [e.idempotencyKey, e]));
    for (const e of entries) {
      const op = ops.get(e.idempotencyKey);
      const applied = e.kind === 'expire'
        ? model.expire(e.memberId, e.createdAt.getTime())
        : op
          ? model.apply(e.idempotencyKey, op, e.createdAt.getTime())
          : null;
      expect(applied).not.toBeNull(); // no entry without a request (aborted ones left nothing)
      expect({ key: e.idempotencyKey, amount: e.amount, pending: e.pendingDelta, after: [e.availableAfter, e.pendingAfter, e.debtAfter] })
        .toEqual({ key: e.idempotencyKey, amount: applied!.amount, pending: applied!.pendingDelta, after: [applied!.available, applied!.pending, applied!.debt] });
      if (applied!.expiresAt !== null && e.amount > 0 && e.kind !== 'reverse') expect(e.expiresAt?.getTime()).toBe(applied!.expiresAt);
    }

    // 4. Final balances and lots equal the model's; successful results equal their entry.
    const accounts = await t.dataSource.getRepository(PointsAccount).find();
    for (const a of accounts) {
      const s = model.state(a.memberId);
      expect([a.memberId, a.available, a.pending, a.debt]).toEqual([a.memberId, s.available, s.pending, s.debt]);
    }
    const entryKeyById = new Map(entries.map((e) => [e.id, e.idempotencyKey]));
    for (const lot of await t.dataSource.getRepository(PointsLot).find()) {
      expect(lot.remaining).toBe(model.lotRemaining(entryKeyById.get(lot.entryId)!, lot.memberId));
    }
    let replays = 0;
    for (const o of outcomes) {
      if (!o.result || o.result.entryId === null) continue;
      const entry = byKey.get(o.op.key)!;
      expect(o.result.entryId).toBe(entry.id);
      expect([o.result.available, o.result.pending, o.result.debt]).toEqual([entry.availableAfter, entry.pendingAfter, entry.debtAfter]);
      if (o.result.replayed) replays++;
    }
    const attempted = outcomes.length;
    const succeeded = outcomes.filter((o) => o.result?.entryId).length;
    console.log(`ledger concurrency seed ${SEED}: ${attempted} requests, ${succeeded} ok (${replays} replays), ` +
      `${entries.length} entries, ${entries.filter((e) => e.kind === 'expire').length} expiries, ${report.members} accounts`);
    expect(attempted).toBeGreaterThanOrEqual(OPS * 0.95);
    expect(replays).toBeGreaterThan(0);
    expect(entries.filter((e) => e.kind === 'expire').length).toBeGreaterThan(0);
  }, 600_000);
});
