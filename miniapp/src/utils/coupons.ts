import { formatYuan, shanghaiDay, startOfShanghaiDay, type CouponRule, type CouponValidity } from '@jifen/shared';
import { shanghaiDate } from './format';

/** Yuan without trailing zero cents: 20, 12.5, 0.99. */
export function shortYuan(fen: number): string {
  return formatYuan(fen).replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');
}

/** 85 → "8.5", 80 → "8" (the 折 of a discount coupon), without float arithmetic. */
export function discountText(pct: number): string {
  return pct % 10 === 0 ? String(pct / 10) : `${Math.floor(pct / 10)}.${pct % 10}`;
}

/** The big face of a coupon ticket: ¥20 or 8.5折, and the line under it. */
export interface CouponFace {
  /** "¥" before the value, or "折" after it. */
  prefix: string;
  value: string;
  suffix: string;
  condition: string;
}

export function couponFace(rule: CouponRule): CouponFace {
  if (rule.kind === 'discount') {
    const condition = rule.thresholdFen > 0 ? `满${shortYuan(rule.thresholdFen)}元可用` : rule.maxOffFen !== null ? `最高减${shortYuan(rule.maxOffFen)}元` : '无门槛';
    return { prefix: '', value: discountText(rule.discountPct), suffix: '折', condition };
  }
  const condition = rule.kind === 'threshold' && rule.thresholdFen > 0 ? `满${shortYuan(rule.thresholdFen)}元可用` : '无门槛';
  return { prefix: '¥', value: shortYuan(rule.amountFen), suffix: '', condition };
}

const dotted = (iso: string) => shanghaiDate(iso).replace(/-/g, '.');

/** "2026.12.01–2026.12.08" (Shanghai days; the end day is the last day it can be used). */
export function validityRange(startsAt: string, endsAt: string): string {
  return `${dotted(startsAt)}–${dotted(endsAt)}`;
}

/** A template's validity before it is claimed. */
export function templateValidity(validity: CouponValidity): string {
  return validity.type === 'fixed' ? validityRange(validity.startsAt, validity.endsAt) : `领取后 ${validity.days} 天内有效`;
}

/** Whole Shanghai days from today to the day a coupon ends (0 = ends today, negative = ended). */
export function daysLeft(endsAt: string, now: Date = new Date()): number {
  const today = shanghaiDay(now);
  const end = shanghaiDate(endsAt);
  if (end < today) return -1;
  return Math.round((startOfShanghaiDay(end).getTime() - startOfShanghaiDay(today).getTime()) / 86_400_000);
}

/** "3 天后过期" / "今天过期" when it ends within 3 days, else null. */
export function expiryHint(endsAt: string, now: Date = new Date()): string | null {
  const left = daysLeft(endsAt, now);
  if (left < 0 || left > 3) return null;
  return left === 0 ? '今天过期' : `${left} 天后过期`;
}
