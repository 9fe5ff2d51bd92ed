import { addMonths, CAPPED_SOURCES, endOfShanghaiDay, type EntrySource, shanghaiDay } from '@jifen/shared';
import { DEFAULT_LEDGER_RULES } from '../../src/ledger/ledger.rules.js';

/**
 * An independent in-memory model of the ledger's rules, written plainly (arrays, no SQL), to
 * check the real ledger against: fed the same operations in the order the database
 * serialised them, it must arrive at the same balances after every entry and the same lots.
 */
export type ModelOp =
  | { type: 'earn'; memberId: number; amount: number; source: EntrySource; pending: boolean }
  | { type: 'spend'; memberId: number; amount: number }
  | { type: 'reverse'; targetKey: string; amount?: number }
  | { type: 'confirm'; holdKey: string }
  | { type: 'cancel'; holdKey: string; amount?: number }
  | { type: 'adjust'; memberId: number; amount: number };

interface Lot {
  entryKey: string;
  seq: number;
  amount: number;
  remaining: number;
  expiresAt: number;
}

interface MemberState {
  available: number;
  pending: number;
  debt: number;
  lots: Lot[];
  holds: Map<string, number>;
  daily: Map<string, number>;
}

export interface Applied {
  amount: number;
  pendingDelta: number;
  available: number;
  pending: number;
  debt: number;
  expiresAt: number | null;
}

export class LedgerModel {
  private readonly members = new Map<number, MemberState>();
  /** key → what the entry did, for reversals. */
  private readonly entries = new Map<string, { memberId: number; kind: 'earn' | 'spend' | 'other'; amount: number; reversed: number; taken: Map<Lot, number> }>();
  private seq = 0;

  state(memberId: number): MemberState {
    let s = this.members.get(memberId);
    if (!s) {
      s = { available: 0, pending: 0, debt: 0, lots: [], holds: new Map(), daily: new Map() };
      this.members.set(memberId, s);
    }
    return s;
  }

  memberOf(key: string): number | undefined {
    return this.entries.get(key)?.memberId;
  }

  /** Applies one operation at time `now` under `key`; throws when the model says it must fail. */
  apply(key: string, op: ModelOp, now: number): Applied {
    switch (op.type) {
      case 'earn': {
        const s = this.state(op.memberId);
        let amount = op.amount;
        if (CAPPED_SOURCES.includes(op.source)) {
          const day = shanghaiDay(new Date(now));
          amount = Math.min(amount, DEFAULT_LEDGER_RULES.dailyCap - (s.daily.get(day) ?? 0));
          if (amount <= 0) throw new Error('capped to nothing');
          s.daily.set(day, (s.daily.get(day) ?? 0) + amount);
        }
        if (op.pending) {
          s.pending += amount;
          s.holds.set(key, amount);
          this.entries.set(key, { memberId: op.memberId, kind: 'other', amount: 0, reversed: 0, taken: new Map() });
          return this.out(s, 0, amount, null);
        }
        return this.credit(op.memberId, key, amount, now, 0);
      }
      case 'adjust':
        return op.amount > 0 ? this.credit(op.memberId, key, op.amount, now, 0) : this.debit(op.memberId, key, -op.amount, now);
      case 'spend':
        return this.debit(op.memberId, key, op.amount, now);
      case 'confirm': {
        const holder = this.entries.get(op.holdKey);
        if (!holder) throw new Error('no hold');
        const s = this.state(holder.memberId);
        const left = s.holds.get(op.holdKey)!;
        if (left === 0) throw new Error('settled');
        s.holds.set(op.holdKey, 0);
        s.pending -= left;
        return this.credit(holder.memberId, key, left, now, -left);
      }
      case 'cancel': {
        const holder = this.entries.get(op.holdKey);
        if (!holder) throw new Error('no hold');
        const s = this.state(holder.memberId);
        const left = s.holds.get(op.holdKey)!;
        const amount = op.amount ?? left;
        if (left === 0 || amount > left) throw new Error('settled or too much');
        s.holds.set(op.holdKey, left - amount);
        s.pending -= amount;
        this.entries.set(key, { memberId: holder.memberId, kind: 'other', amount: 0, reversed: 0, taken: new Map() });
        return this.out(s, 0, -amount, null);
      }
      case 'reverse': {
        const target = this.entries.get(op.targetKey);
        if (!target || target.kind === 'other') throw new Error('not reversible');
        const left = Math.abs(target.amount) - target.reversed;
        const amount = op.amount ?? left;
        if (left <= 0 || amount > left) throw new Error('exceeds');
        target.reversed += amount;
        const s = this.state(target.memberId);
        this.entries.set(key, { memberId: target.memberId, kind: 'other', amount: 0, reversed: 0, taken: new Map() });
        if (target.kind === 'spend') {
          const toDebt = Math.min(s.debt, amount);
          let rest = amount - toDebt;
          const byLatest = [...target.taken].filter(([, n]) => n > 0).sort(([a], [b]) => b.expiresAt - a.expiresAt || b.seq - a.seq);
          for (const [lot, n] of byLatest) {
            const give = Math.min(rest, n);
            lot.remaining += give;
            target.taken.set(lot, n - give);
            rest -= give;
          }
          s.debt -= toDebt;
          s.available += amount - toDebt;
          return this.out(s, amount, 0, null);
        }
        const own = s.lots.filter((l) => l.entryKey === op.targetKey && l.remaining > 0);
        const others = s.lots.filter((l) => l.entryKey !== op.targetKey && l.remaining > 0).sort(byExpiry);
        let rest = amount;
        for (const lot of [...own, ...others]) {
          const take = Math.min(rest, lot.remaining);
          lot.remaining -= take;
          rest -= take;
        }
        s.available -= amount - rest;
        s.debt += rest;
        return this.out(s, -amount, 0, null);
      }
    }
  }

  /** Expires, for one member, every lot whose last valid instant is before `now`. */
  expire(memberId: number, now: number): Applied {
    const s = this.state(memberId);
    let total = 0;
    for (const lot of s.lots) {
      if (lot.remaining > 0 && lot.expiresAt < now) {
        total += lot.remaining;
        lot.remaining = 0;
      }
    }
    if (total === 0) throw new Error('nothing to expire');
    s.available -= total;
    return this.out(s, -total, 0, null);
  }

  lotRemaining(entryKey: string, memberId: number): number | undefined {
    return this.state(memberId).lots.find((l) => l.entryKey === entryKey)?.remaining;
  }

  private credit(memberId: number, key: string, amount: number, now: number, pendingDelta: number): Applied {
    const s = this.state(memberId);
    const toDebt = Math.min(s.debt, amount);
    s.debt -= toDebt;
    const expiresAt = endOfShanghaiDay(addMonths(shanghaiDay(new Date(now)), DEFAULT_LEDGER_RULES.expiryMonths)).getTime();
    if (amount - toDebt > 0) s.lots.push({ entryKey: key, seq: this.seq++, amount: amount - toDebt, remaining: amount - toDebt, expiresAt });
    s.available += amount - toDebt;
    this.entries.set(key, { memberId, kind: 'earn', amount, reversed: 0, taken: new Map() });
    return this.out(s, amount, pendingDelta, expiresAt);
  }

  private debit(memberId: number, key: string, amount: number, now: number): Applied {
    const s = this.state(memberId);
    const spendable = s.lots.filter((l) => l.remaining > 0 && l.expiresAt >= now).sort(byExpiry);
    if (spendable.reduce((sum, l) => sum + l.remaining, 0) < amount) throw new Error('insufficient');
    const taken = new Map<Lot, number>();
    let rest = amount;
    for (const lot of spendable) {
      const take = Math.min(rest, lot.remaining);
      if (take === 0) break;
      lot.remaining -= take;
      taken.set(lot, take);
      rest -= take;
    }
    s.available -= amount;
    this.entries.set(key, { memberId, kind: 'spend', amount: -amount, reversed: 0, taken });
    return this.out(s, -amount, 0, null);
  }

  private out(s: MemberState, amount: number, pendingDelta: number, expiresAt: number | null): Applied {
    return { amount, pendingDelta, available: s.available, pending: s.pending, debt: s.debt, expiresAt };
  }
}

function byExpiry(a: Lot, b: Lot): number {
  return a.expiresAt - b.expiresAt || a.seq - b.seq;
}
