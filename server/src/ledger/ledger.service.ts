import { Injectable } from '@nestjs/common';
import {
  addMonths, CAPPED_SOURCES, endOfShanghaiDay, ENTRY_KINDS, type EntryKind, type EntrySource, shanghaiDay,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { isForeignKeyViolation, isUniqueViolation, num, readTime, sqlTime } from '../common/sql.js';
import { Db } from '../common/db.js';
import { RulesService } from '../rules/rules.service.js';
import { type LedgerRules, MAX_POINTS } from './ledger.rules.js';

/** What an entry is about: an order, a redemption, a check-in, a rule… Required on every entry. */
export interface Ref {
  type: string;
  id: string | number;
}

export interface EarnInput {
  memberId: number;
  amount: number;
  source: EntrySource;
  /** Unique per business event (e.g. `order:123:points`); a repeat returns the first result. */
  key: string;
  ref: Ref;
  /** Pending points (purchase points until the order completes) instead of available ones. */
  pending?: boolean;
  /** Override of the rolling expiry (end of the Shanghai day, N months on). */
  expiresAt?: Date;
  reason?: string;
  operatorId?: number;
  /** Back-dates the entry (imports of earlier history, demo data); defaults to the clock. */
  at?: Date;
}

export interface SpendInput {
  memberId: number;
  amount: number;
  source: EntrySource;
  key: string;
  ref: Ref;
  reason?: string;
  operatorId?: number;
  /** Back-dates the entry (imports of earlier history, demo data); defaults to the clock. */
  at?: Date;
}

export interface ReverseInput {
  key: string;
  /** Idempotency key of the spend or earning to reverse. */
  entryKey: string;
  /** Defaults to all that is left to reverse. */
  amount?: number;
  reason?: string;
  ref?: Ref;
  operatorId?: number;
}

export interface SettleInput {
  key: string;
  /** Idempotency key of the pending earning. */
  holdKey: string;
  /** For cancel: part of what is still pending (a partial refund); defaults to all of it. */
  amount?: number;
  reason?: string;
  at?: Date;
}

export interface AdjustInput {
  memberId: number;
  /** Signed: positive adds a lot, negative takes from lots (never below zero). */
  amount: number;
  operatorId: number;
  reason: string;
  key: string;
}

export interface LedgerResult {
  entryId: number | null;
  memberId: number;
  kind: EntryKind;
  /** Change to available points (net of debt). */
  amount: number;
  pendingAmount: number;
  available: number;
  pending: number;
  debt: number;
  /** True when the key had been used: nothing was written and this is the first result. */
  replayed: boolean;
  /** Points not granted because the daily cap was reached. */
  cappedBy: number;
}

interface AccountRow {
  available: number;
  pending: number;
  debt: number;
  earned_count: number;
  earned_total: number;
}

interface EntryRow {
  id: number;
  member_id: number;
  kind: EntryKind;
  source: EntrySource;
  amount: number;
  pending_delta: number;
  available_after: number;
  pending_after: number;
  debt_after: number;
  ref_type: string;
  ref_id: string;
  reverses_entry_id: number | null;
}

interface LotRow {
  id: number;
  remaining: number;
  expires_at: string | Date;
}

interface Ctx {
  now: Date;
  /** `now` as the drivers store it, made once per operation. */
  at: string;
  /** The Shanghai day of `now`. */
  day: string;
  memberId: number;
  account: AccountRow;
  /** Capped points earned on `day` before this operation (read only when asked for). */
  cappedToday: number;
}

interface NewEntry {
  kind: EntryKind;
  source: EntrySource;
  amount: number;
  pendingDelta?: number;
  ref: Ref;
  key: string;
  reversesEntryId?: number | null;
  operatorId?: number | null;
  reason?: string | null;
  expiresAt?: Date | null;
}

const ENTRY_COLUMNS =
  'id, member_id, kind, source, amount, pending_delta, available_after, pending_after, debt_after, ref_type, ref_id, reverses_entry_id';

/**
 * The only code that writes the points tables. Every operation is one transaction (or joins
 * the caller's): it locks the member's account row, checks the idempotency key, changes
 * lots and the account, and appends exactly one entry. The account lock serialises all
 * changes to one member's lots, holds and entries, so those are read without locks (on
 * MySQL at READ COMMITTED, so each read sees what the previous lock holder committed).
 * See README.md beside this file.
 */
@Injectable()
export class LedgerService {
  /** Members whose account row is known to exist (a cache: losing it costs one query). */
  private readonly known = new Set<number>();
  /** The last expiry date worked out, by Shanghai day and rule (see expiryFor). */
  private expiry: { key: string; at: Date } | null = null;
  /**
   * The account-locking SELECTs, built once: the driver's statement cache is keyed by the SQL
   * text, and a string built on every call is hashed and compared in full on every lookup.
   * The day's capped earnings come with the account row, in the same round trip.
   */
  private readonly lockSql: { account: string; withCapped: string };
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rules: RulesService,
  ) {
    this.lockSql = {
      account: `SELECT available, pending, debt, earned_count, earned_total FROM points_accounts WHERE member_id = ?${db.forUpdate}`,
      withCapped: `SELECT a.available, a.pending, a.debt, a.earned_count, a.earned_total, d.capped_earned FROM points_accounts a
           LEFT JOIN points_daily d ON d.member_id = a.member_id AND d.day = ? WHERE a.member_id = ?${db.forUpdate}`,
    };
  }

  currentRules(): Promise<LedgerRules> {
    return this.rules.of('ledger');
  }

  /** Adds points: a lot that expires on the rolling date (or pending points). Pays debt first. */
  async earn(input: EarnInput): Promise<LedgerResult> {
    checkAmount(input.amount);
    checkKey(input.key);
    const rules = await this.currentRules();
    await this.ensureAccount(input.memberId);
    return this.db.unit(async () => {
      const capped = CAPPED_SOURCES.includes(input.source);
      const ctx = await this.open(input.memberId, input.at, capped);
      return this.orReplay(ctx, input.key, input.pending ? 'pending' : 'earn', async () => {
        let amount = input.amount;
        let cappedBy = 0;
        const day = ctx.day;
        if (capped) {
          const room = Math.max(0, rules.dailyCap - ctx.cappedToday);
          cappedBy = Math.max(0, amount - room);
          amount -= cappedBy;
          if (amount === 0) {
            const prior = await this.replay(ctx, input.key, 'earn', ctx.memberId);
            return prior ?? { ...this.snapshot(ctx, 'earn'), cappedBy };
          }
        }

        let result: LedgerResult;
        if (input.pending) {
          result = await this.append(ctx, { ...input, kind: 'pending', amount: 0, pendingDelta: amount, reason: input.reason ?? null });
          await this.db.insert('INSERT INTO points_holds (member_id, entry_id, source, amount, remaining, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
            [ctx.memberId, result.entryId, input.source, amount, amount, ctx.at]);
        } else {
          const expiresAt = input.expiresAt ?? this.expiryFor(ctx.now, rules);
          result = await this.credit(ctx, { ...input, kind: input.source === 'adjust' ? 'adjust' : 'earn', amount, expiresAt }, rules);
        }
        if (capped) await this.addDaily(ctx, day, amount);
        return { ...result, cappedBy };
      });
    });
  }

  /** Takes points from the soonest-expiring lots; refuses with POINTS_INSUFFICIENT. */
  async spend(input: SpendInput): Promise<LedgerResult> {
    checkAmount(input.amount);
    checkKey(input.key);
    await this.ensureAccount(input.memberId);
    return this.db.unit(async () => {
      const ctx = await this.open(input.memberId, input.at);
      return this.orReplay(ctx, input.key, 'spend', () => this.debit(ctx, { ...input, kind: input.source === 'adjust' ? 'adjust' : 'spend' }));
    });
  }

  /** Makes pending points available (the order completed). */
  async confirmPending(input: SettleInput): Promise<LedgerResult> {
    checkKey(input.key);
    const rules = await this.currentRules();
    return this.db.unit(async () => {
      const { ctx, hold, entry, prior } = await this.openHold(input, 'confirm');
      if (prior) return prior;
      if (hold.remaining === 0) throw new DomainError('POINTS_HOLD_SETTLED', '这笔待到账积分已处理');
      await this.settleHold(ctx, hold.id, hold.remaining);
      ctx.account.pending -= hold.remaining;
      return this.credit(ctx, {
        kind: 'confirm', source: entry.source, amount: hold.remaining, pendingDelta: -hold.remaining,
        ref: { type: entry.ref_type, id: entry.ref_id }, key: input.key, reversesEntryId: entry.id,
        expiresAt: this.expiryFor(ctx.now, rules),
      }, rules);
    });
  }

  /** Cancels all or part of pending points (a refund before the order completed). */
  async cancelPending(input: SettleInput): Promise<LedgerResult> {
    checkKey(input.key);
    if (input.amount !== undefined) checkAmount(input.amount);
    return this.db.unit(async () => {
      const { ctx, hold, entry, prior } = await this.openHold(input, 'cancel');
      if (prior) return prior;
      if (hold.remaining === 0) throw new DomainError('POINTS_HOLD_SETTLED', '这笔待到账积分已处理');
      const amount = input.amount ?? hold.remaining;
      if (amount > hold.remaining) {
        throw new DomainError('POINTS_REVERSAL_EXCEEDS', `最多可取消 ${hold.remaining} 积分`, { remaining: hold.remaining });
      }
      await this.settleHold(ctx, hold.id, amount);
      ctx.account.pending -= amount;
      return this.append(ctx, {
        kind: 'cancel', source: entry.source, amount: 0, pendingDelta: -amount,
        ref: { type: entry.ref_type, id: entry.ref_id }, key: input.key, reversesEntryId: entry.id, reason: input.reason ?? null,
      });
    });
  }

  /**
   * Reverses a spend (gives back the same lots, latest-expiring first) or an earning (claws it
   * back from its own lot, then other lots, then as debt). Partial reversals add up to at most
   * the original amount.
   */
  async reverse(input: ReverseInput): Promise<LedgerResult> {
    checkKey(input.key);
    if (input.amount !== undefined) checkAmount(input.amount);
    return this.db.unit(async () => {
      const target = await this.db.one<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM points_entries WHERE idempotency_key = ?`, [input.entryKey]);
      if (!target) throw new DomainError('LEDGER_ENTRY_NOT_FOUND', '要退回的积分记录不存在');
      const ctx = await this.open(target.member_id);
      const prior = await this.replay(ctx, input.key, 'reverse', target.member_id);
      if (prior) return prior;

      const isSpend = target.amount < 0 && (target.kind === 'spend' || target.kind === 'adjust');
      const isEarning = target.amount > 0 && (target.kind === 'earn' || target.kind === 'confirm' || target.kind === 'adjust');
      if (!isSpend && !isEarning) throw new DomainError('POINTS_NOT_REVERSIBLE', '这条积分记录不能退回');
      const reversed = await this.db.one<{ total: unknown }>('SELECT SUM(amount) AS total FROM points_entries WHERE member_id = ? AND reverses_entry_id = ? AND kind = ?', [target.member_id, target.id, 'reverse']);
      const left = Math.abs(target.amount) - Math.abs(num(reversed?.total));
      if (left <= 0) throw new DomainError('POINTS_REVERSAL_EXCEEDS', '这条积分记录已全部退回');
      const amount = input.amount ?? left;
      if (amount > left) throw new DomainError('POINTS_REVERSAL_EXCEEDS', `最多可退回 ${left} 积分`, { remaining: left });

      const entry: NewEntry = {
        kind: 'reverse', source: target.source, amount: isSpend ? amount : -amount, key: input.key,
        ref: input.ref ?? { type: target.ref_type, id: target.ref_id }, reversesEntryId: target.id,
        reason: input.reason ?? null, operatorId: input.operatorId ?? null,
      };
      return isSpend ? this.restore(ctx, target.id, entry) : this.clawBack(ctx, target.id, entry);
    });
  }

  /** An operator's correction, with a reason; negative amounts never take the balance below zero. */
  async adjust(input: AdjustInput): Promise<LedgerResult> {
    if (!input.reason?.trim()) throw new DomainError('VALIDATION_FAILED', '调整积分必须填写原因');
    checkAmount(Math.abs(input.amount));
    const common = { memberId: input.memberId, source: 'adjust' as const, key: input.key, ref: { type: 'adjustment', id: input.key }, reason: input.reason, operatorId: input.operatorId };
    return input.amount > 0
      ? this.earn({ ...common, amount: input.amount })
      : this.spend({ ...common, amount: -input.amount });
  }

  /**
   * Expires every lot whose last valid instant (expires_at, the end of a Shanghai day) is
   * before `now`: one `expire` entry per member per run, in its own
   * transaction, in batches. Running it again changes nothing.
   */
  async expireDue(now: Date = this.clock.now(), batchSize = 500): Promise<{ members: number; points: number }> {
    let members = 0;
    let points = 0;
    let after = 0;
    for (;;) {
      const batch = await this.db.rows<{ member_id: number }>(
        `SELECT DISTINCT member_id FROM points_lots WHERE expires_at < ? AND remaining > 0 AND member_id > ? ORDER BY member_id LIMIT ${Number(batchSize)}`,
        [sqlTime(now), after]);
      if (batch.length === 0) break;
      for (const { member_id } of batch) {
        const expired = await this.expireMember(Number(member_id), now);
        if (expired > 0) {
          members++;
          points += expired;
        }
      }
      after = Number(batch[batch.length - 1].member_id);
    }
    return { members, points };
  }

  private async expireMember(memberId: number, now: Date): Promise<number> {
    return this.db.unit(async () => {
      const ctx = await this.open(memberId);
      const due = await this.db.rows<LotRow>(`SELECT id, remaining, expires_at FROM points_lots WHERE member_id = ? AND expires_at < ? AND remaining > 0 ORDER BY expires_at, id`,
        [memberId, sqlTime(now)]);
      if (due.length === 0) return 0;
      const total = due.reduce((s, l) => s + l.remaining, 0);
      const last = readTime(due[due.length - 1].expires_at);
      const day = shanghaiDay(last);
      const key = `expire:${memberId}:${due.map((l) => l.id).join(',')}`.slice(0, 128);
      if (await this.replay(ctx, key, 'expire', memberId)) return 0;
      for (const lot of due) await this.db.exec('UPDATE points_lots SET remaining = 0 WHERE id = ?', [lot.id]);
      ctx.account.available -= total;
      const result = await this.append(ctx, { kind: 'expire', source: 'expiry', amount: -total, ref: { type: 'expiry', id: day }, key });
      await this.allocate(ctx, result.entryId!, due.map((l) => [l.id, l.remaining]));
      return total;
    });
  }

  // ---- building blocks; all run inside the transaction with the account row locked ----

  /**
   * Locks the member's account row, creating it on first use. On MySQL the row is created
   * beforehand in its own statement (`ensureAccount`): creating it inside the transaction
   * would take gap locks that deadlock two first operations of one member.
   */
  private async open(memberId: number, at?: Date, withCapped = false): Promise<Ctx> {
    const now = at ?? this.clock.now();
    const day = shanghaiDay(now);
    const select = withCapped ? this.lockSql.withCapped : this.lockSql.account;
    const params = withCapped ? [day, memberId] : [memberId];
    let account = await this.db.one<AccountRow & { capped_earned?: unknown }>(select, params);
    if (!account) {
      // A row this statement created is ours, locked, and all zeros, with no daily totals yet
      // (they are written only with an account): no need to read it back.
      if (await this.createAccount(memberId, now)) {
        return { now, at: sqlTime(now), day, memberId, account: { available: 0, pending: 0, debt: 0, earned_count: 0, earned_total: 0 }, cappedToday: 0 };
      }
      account = await this.db.one<AccountRow & { capped_earned?: unknown }>(select, params);
      if (!account) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
    }
    const a = account;
    return {
      now, at: sqlTime(now), day, memberId,
      account: { available: num(a.available), pending: num(a.pending), debt: num(a.debt), earned_count: num(a.earned_count), earned_total: num(a.earned_total) },
      cappedToday: num(a.capped_earned),
    };
  }

  /** The account's foreign key checks that the member exists (MySQL's IGNORE leaves no row). */
  /** True when this call created the row (false: it was there, or MySQL's IGNORE dropped a foreign key failure). */
  private async createAccount(memberId: number, now: Date): Promise<boolean> {
    try {
      return 1 === await this.db.exec(`${this.db.insertOrIgnore} INTO points_accounts (member_id, available, pending, debt, earned_count, earned_total, updated_at) VALUES (?, 0, 0, 0, 0, 0, ?)`,
        [memberId, sqlTime(now)]);
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
      throw error;
    }
  }

  /**
   * On MySQL, makes sure the account row exists before a transaction locks it (see `open`).
   * Not inside a unit: that one may hold the member's row, which the account's foreign key
   * check on another connection would wait for forever (and a unit uses one connection only);
   * there `open` creates the row inside the unit (a rare deadlock is retried with the unit).
   */
  private async ensureAccount(memberId: number): Promise<void> {
    if (this.known.has(memberId) || !this.db.mysql || this.db.inUnit) return;
    if (!(await this.db.one('SELECT member_id FROM points_accounts WHERE member_id = ?', [memberId]))) {
      await this.createAccount(memberId, this.clock.now());
    }
    if (this.known.size > 100_000) this.known.clear();
    this.known.add(memberId);
  }

  /**
   * Earning and spending, the hot operations, do not look their key up first: the entry's
   * unique key decides. Their first write is the entry, so a used key (KeyUsed) or a refusal
   * (not enough points: a retry of a spend that succeeded must still get its first result)
   * has written nothing, and the first result is looked up only then.
   */
  private async orReplay(ctx: Ctx, key: string, kind: EntryKind, write: () => Promise<LedgerResult>): Promise<LedgerResult> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof KeyUsed) && !(error instanceof DomainError)) throw error;
      const prior = await this.replay(ctx, key, kind, ctx.memberId);
      if (prior) return prior;
      throw error;
    }
  }

  /** The first result of a used key, or null. A key reused for something else is a conflict. */
  private async replay(ctx: Ctx, key: string, kind: EntryKind, memberId: number): Promise<LedgerResult | null> {
    const row = await this.db.one<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM points_entries WHERE idempotency_key = ?`, [key]);
    if (!row) return null;
    const sameKind = row.kind === kind || (kind === 'earn' && row.kind === 'adjust') || (kind === 'spend' && row.kind === 'adjust');
    if (Number(row.member_id) !== memberId || !sameKind) {
      throw new DomainError('IDEMPOTENCY_CONFLICT', '幂等键已用于另一笔操作', { key });
    }
    return toResult(row, true);
  }

  private async openHold(input: SettleInput, kind: 'confirm' | 'cancel') {
    const entry = await this.db.one<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM points_entries WHERE idempotency_key = ?`, [input.holdKey]);
    if (!entry || entry.kind !== 'pending') throw new DomainError('LEDGER_ENTRY_NOT_FOUND', '待到账积分记录不存在');
    const ctx = await this.open(Number(entry.member_id), input.at);
    const prior = await this.replay(ctx, input.key, kind, Number(entry.member_id));
    const hold = await this.db.one<{ id: number; remaining: number }>(`SELECT id, remaining FROM points_holds WHERE entry_id = ?`, [entry.id]);
    return { ctx, entry, prior, hold: { id: Number(hold!.id), remaining: num(hold!.remaining) } };
  }

  private async settleHold(ctx: Ctx, holdId: number, amount: number): Promise<void> {
    const changed = await this.db.exec('UPDATE points_holds SET remaining = remaining - ?, updated_at = ? WHERE id = ? AND remaining >= ?',
      [amount, ctx.at, holdId, amount]);
    if (changed !== 1) throw new DomainError('POINTS_HOLD_SETTLED', '这笔待到账积分已处理');
  }

  /** Adds available points: pays debt first, puts the rest in a new lot. */
  private async credit(ctx: Ctx, e: NewEntry & { expiresAt: Date }, rules: LedgerRules): Promise<LedgerResult> {
    const toDebt = Math.min(ctx.account.debt, e.amount);
    const toLot = e.amount - toDebt;
    if (ctx.account.available + toLot > MAX_POINTS) throw new DomainError('POINTS_AMOUNT_INVALID', '积分余额超出上限');
    ctx.account.debt -= toDebt;
    ctx.account.available += toLot;
    ctx.account.earned_count += 1;
    ctx.account.earned_total += e.amount;
    const usual = ctx.account.earned_count > 5 ? (ctx.account.earned_total - e.amount) / (ctx.account.earned_count - 1) : null;
    const result = await this.append(ctx, e);
    if (toLot > 0) {
      await this.db.insert('INSERT INTO points_lots (member_id, entry_id, amount, remaining, expires_at) VALUES (?, ?, ?, ?, ?)',
        [ctx.memberId, result.entryId, toLot, toLot, sqlTime(e.expiresAt)]);
    }
    const reason = e.amount >= rules.flagSingleEntry
      ? `单笔 ${e.amount} 积分，超过 ${rules.flagSingleEntry}`
      : usual !== null && e.amount > usual * rules.flagMultipleOfUsual
        ? `单笔 ${e.amount} 积分，超过平常（${Math.round(usual)}）的 ${rules.flagMultipleOfUsual} 倍`
        : null;
    if (reason) {
      await this.db.insert('INSERT INTO points_flags (member_id, entry_id, reason, status, created_at) VALUES (?, ?, ?, ?, ?)',
        [ctx.memberId, result.entryId, reason, 'open', ctx.at]);
    }
    return result;
  }

  /** Takes available points from unexpired lots, soonest-expiring first. */
  private async debit(ctx: Ctx, e: NewEntry): Promise<LedgerResult> {
    const need = e.amount;
    const lots = await this.db.rows<LotRow>(`SELECT id, remaining, expires_at FROM points_lots WHERE member_id = ? AND remaining > 0 AND expires_at >= ? ORDER BY expires_at, id`,
      [ctx.memberId, ctx.at]);
    const { taken, short } = takeFrom(lots, need);
    if (short > 0) {
      const spendable = lots.reduce((s, l) => s + num(l.remaining), 0);
      throw new DomainError('POINTS_INSUFFICIENT', `积分不足：需要 ${need}，可用 ${spendable}`, { need, available: spendable });
    }
    ctx.account.available -= need;
    // The entry first: a used key is refused before any lot changes (see orReplay).
    const result = await this.append(ctx, { ...e, amount: -need });
    for (const [lotId, n] of taken) {
      await this.db.exec('UPDATE points_lots SET remaining = remaining - ? WHERE id = ?', [n, lotId]);
    }
    await this.allocate(ctx, result.entryId!, taken);
    return result;
  }

  /** Gives a spend's points back to the lots it took them from, latest-expiring first. */
  private async restore(ctx: Ctx, spendId: number, e: NewEntry): Promise<LedgerResult> {
    const rows = await this.db.rows<{ lot_id: number; taken: unknown; expires_at: string | Date }>(`SELECT a.lot_id, SUM(a.amount) AS taken, l.expires_at FROM points_allocations a JOIN points_lots l ON l.id = a.lot_id
       WHERE a.entry_id = ? OR a.entry_id IN (SELECT id FROM points_entries WHERE member_id = ? AND reverses_entry_id = ? AND kind = 'reverse')
       GROUP BY a.lot_id, l.expires_at ORDER BY l.expires_at DESC, a.lot_id DESC`,
      [spendId, ctx.memberId, spendId]);
    const toDebt = Math.min(ctx.account.debt, e.amount);
    let left = e.amount - toDebt;
    const given: [number, number][] = [];
    for (const row of rows) {
      if (left === 0) break;
      const n = Math.min(left, num(row.taken));
      if (n <= 0) continue;
      await this.db.exec('UPDATE points_lots SET remaining = remaining + ? WHERE id = ?', [n, row.lot_id]);
      given.push([Number(row.lot_id), -n]);
      left -= n;
    }
    if (left !== 0) throw new Error(`ledger: spend ${spendId} has ${left} points without allocations`);
    ctx.account.debt -= toDebt;
    ctx.account.available += e.amount - toDebt;
    const result = await this.append(ctx, e);
    await this.allocate(ctx, result.entryId!, given);
    return result;
  }

  /** Takes back an earning: from its own lot, then other lots soonest first, the rest as debt. */
  private async clawBack(ctx: Ctx, earnId: number, e: NewEntry): Promise<LedgerResult> {
    const need = -e.amount;
    const lots = await this.db.rows<LotRow & { entry_id: number }>(`SELECT id, remaining, expires_at, entry_id FROM points_lots WHERE member_id = ? AND remaining > 0 ORDER BY expires_at, id`,
      [ctx.memberId]);
    const ordered = [...lots.filter((l) => Number(l.entry_id) === earnId), ...lots.filter((l) => Number(l.entry_id) !== earnId)];
    const { taken, short } = takeFrom(ordered, need);
    for (const [lotId, n] of taken) await this.db.exec('UPDATE points_lots SET remaining = remaining - ? WHERE id = ?', [n, lotId]);
    ctx.account.available -= need - short;
    ctx.account.debt += short;
    const result = await this.append(ctx, e);
    await this.allocate(ctx, result.entryId!, taken);
    return result;
  }

  /** Appends the entry with the balances after it and writes the account row. */
  private async append(ctx: Ctx, e: NewEntry): Promise<LedgerResult> {
    const pendingDelta = e.pendingDelta ?? 0;
    if (e.kind === 'pending') ctx.account.pending += pendingDelta;
    const a = ctx.account;
    if (a.available < 0 || a.pending < 0 || a.debt < 0) throw new Error(`ledger invariant broken for member ${ctx.memberId}`);
    const entryId = await this.db.insert(`INSERT INTO points_entries (member_id, kind, source, amount, pending_delta, available_after, pending_after, debt_after,
        ref_type, ref_id, idempotency_key, reverses_entry_id, operator_id, reason, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [ctx.memberId, e.kind, e.source, e.amount, pendingDelta, a.available, a.pending, a.debt, e.ref.type, String(e.ref.id), e.key,
        e.reversesEntryId ?? null, e.operatorId ?? null, e.reason ?? null, e.expiresAt ? sqlTime(e.expiresAt) : null, ctx.at]).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new KeyUsed(e.key) : error;
    });
    await this.db.exec('UPDATE points_accounts SET available = ?, pending = ?, debt = ?, earned_count = ?, earned_total = ?, updated_at = ? WHERE member_id = ?',
      [a.available, a.pending, a.debt, a.earned_count, a.earned_total, ctx.at, ctx.memberId]);
    return { entryId, memberId: ctx.memberId, kind: e.kind, amount: e.amount, pendingAmount: pendingDelta, available: a.available, pending: a.pending, debt: a.debt, replayed: false, cappedBy: 0 };
  }

  private async allocate(ctx: Ctx, entryId: number, parts: [number, number][]): Promise<void> {
    if (parts.length === 0) return;
    await this.db.exec(`INSERT INTO points_allocations (entry_id, lot_id, amount) VALUES ${parts.map(() => '(?, ?, ?)').join(', ')}`,
      parts.flatMap(([lotId, n]) => [entryId, lotId, n]));
  }

  private async addDaily(ctx: Ctx, day: string, amount: number): Promise<void> {
    await this.db.upsert('points_daily', { member_id: ctx.memberId, day, capped_earned: amount }, ['member_id', 'day'], { capped_earned: 'add' });
  }

  private snapshot(ctx: Ctx, kind: EntryKind): LedgerResult {
    const a = ctx.account;
    return { entryId: null, memberId: ctx.memberId, kind, amount: 0, pendingAmount: 0, available: a.available, pending: a.pending, debt: a.debt, replayed: false, cappedBy: 0 };
  }

  /** End of the Shanghai day, N calendar months after the day of `at`. */
  expiryFor(at: Date, rules: LedgerRules): Date {
    const day = shanghaiDay(at);
    const key = `${day}+${rules.expiryMonths}`;
    // Every earning of a day expires on the same date: the calendar work is done once a day.
    if (this.expiry?.key !== key) this.expiry = { key, at: endOfShanghaiDay(addMonths(day, rules.expiryMonths)) };
    return new Date(this.expiry.at.getTime());
  }
}

/** The entry's idempotency key was already taken (the unique index said so). */
class KeyUsed extends Error {
  constructor(key: string) {
    super(`ledger key already used: ${key}`);
  }
}

function toResult(row: EntryRow, replayed: boolean): LedgerResult {
  return {
    entryId: Number(row.id), memberId: Number(row.member_id), kind: row.kind, amount: num(row.amount), pendingAmount: num(row.pending_delta),
    available: num(row.available_after), pending: num(row.pending_after), debt: num(row.debt_after), replayed, cappedBy: 0,
  };
}

/** Lot ids and amounts taken towards `need` in the order given, and what they left short. */
function takeFrom(lots: LotRow[], need: number): { taken: [number, number][]; short: number } {
  const taken: [number, number][] = [];
  let short = need;
  for (const lot of lots) {
    if (short === 0) break;
    const n = Math.min(short, num(lot.remaining));
    taken.push([Number(lot.id), n]);
    short -= n;
  }
  return { taken, short };
}

export function checkAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_POINTS) {
    throw new DomainError('POINTS_AMOUNT_INVALID', `积分数量必须是 1 到 ${MAX_POINTS} 之间的整数`, { amount });
  }
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 128) {
    throw new DomainError('VALIDATION_FAILED', '幂等键必须是 1 到 128 个字符');
  }
}

export function isEntryKind(value: string): value is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(value);
}
