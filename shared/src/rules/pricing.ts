import type { CouponRule } from '../coupons.js';
import { assertFen, formatYuan } from './money.js';
import { MAX_CASH_SHARE_PCT, POINTS_PER_YUAN_CASH } from './points.js';

/** One priced line of an order, as coupon rules see it. */
export interface PricedLine {
  goodsId: number;
  categoryId: number;
  amountFen: number;
}

export type CouponFit = { ok: true; discountFen: number; eligibleFen: number } | { ok: false; reason: string };

/** "满100减20", "8.5折 最高减30", "无门槛减5". */
export function couponLabel(rule: CouponRule): string {
  switch (rule.kind) {
    case 'threshold':
      return `满${yuan(rule.thresholdFen)}减${yuan(rule.amountFen)}`;
    case 'no_threshold':
      return `无门槛减${yuan(rule.amountFen)}`;
    case 'discount': {
      const tenths = rule.discountPct / 10;
      const head = rule.thresholdFen > 0 ? `满${yuan(rule.thresholdFen)}享` : '';
      return `${head}${tenths}折${rule.maxOffFen !== null ? ` 最高减${yuan(rule.maxOffFen)}` : ''}`;
    }
  }
}

/**
 * Where a coupon can be used, in words: 全场通用, or the categories / goods it is limited to by
 * name (`names` maps the scope's ids to them; a long list is counted instead).
 */
export function couponScopeLabel(rule: Pick<CouponRule, 'scope' | 'scopeIds'>, names: ReadonlyMap<number, string> = new Map()): string {
  if (rule.scope === 'all') return '全场通用';
  const named = rule.scopeIds.map((id) => names.get(id)).filter((n): n is string => Boolean(n));
  const unit = rule.scope === 'categories' ? '个分类' : '件商品';
  if (named.length === 0 || named.length < rule.scopeIds.length) return `限 ${rule.scopeIds.length} ${unit}可用`;
  const max = rule.scope === 'categories' ? 3 : 1;
  return named.length <= max ? `限${named.join('、')}可用` : `限 ${named.length} ${unit}可用`;
}

/**
 * What a coupon takes off these lines: only the lines in its scope count towards the
 * threshold and the discount, and it never takes off more than they cost (a ¥10 coupon on a
 * ¥6 order takes off ¥6: the amount to pay is never negative).
 */
export function couponDiscount(rule: CouponRule, lines: readonly PricedLine[]): CouponFit {
  const inScope = lines.filter((l) =>
    rule.scope === 'all' ? true : rule.scope === 'goods' ? rule.scopeIds.includes(l.goodsId) : rule.scopeIds.includes(l.categoryId));
  const eligibleFen = inScope.reduce((s, l) => s + l.amountFen, 0);
  if (eligibleFen === 0) return { ok: false, reason: '不适用于所选商品' };
  if (eligibleFen < rule.thresholdFen) return { ok: false, reason: `差 ¥${formatYuan(rule.thresholdFen - eligibleFen)} 可用` };
  let off: number;
  if (rule.kind === 'discount') {
    off = eligibleFen - Math.ceil((eligibleFen * rule.discountPct) / 100);
    if (rule.maxOffFen !== null) off = Math.min(off, rule.maxOffFen);
  } else {
    off = rule.amountFen;
  }
  return { ok: true, discountFen: Math.max(0, Math.min(off, eligibleFen)), eligibleFen };
}

/** The coupon that takes off most; on a tie the one that expires first (use it before it is lost). */
export function bestCoupon<C extends CouponRule & { id: number; endsAt: string }>(coupons: readonly C[], lines: readonly PricedLine[]): C | null {
  let best: { c: C; off: number } | null = null;
  for (const c of coupons) {
    const fit = couponDiscount(c, lines);
    if (!fit.ok || fit.discountFen === 0) continue;
    if (!best || fit.discountFen > best.off || (fit.discountFen === best.off && c.endsAt < best.c.endsAt)) best = { c, off: fit.discountFen };
  }
  return best?.c ?? null;
}

/**
 * Most points usable as cash: at most 50% of the goods amount, never more than what is left
 * after the coupon, never more than the member has, in whole steps of 100 points (1 yuan).
 */
export function pointsCashCap(goodsFen: number, couponFen: number, available: number): number {
  assertFen(goodsFen);
  assertFen(couponFen);
  const byShare = Math.floor((goodsFen * MAX_CASH_SHARE_PCT) / 100);
  const limitFen = Math.min(byShare, Math.max(0, goodsFen - couponFen), Math.max(0, available));
  return Math.floor(limitFen / POINTS_PER_YUAN_CASH) * POINTS_PER_YUAN_CASH;
}

/**
 * Splits an amount over weights in proportion, in whole fen, largest remainder first, so the
 * parts add up exactly (a coupon or points spread over order lines, for refunds per line).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertFen(total);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum === 0) return weights.map(() => 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((s, p) => s + p, 0);
  const order = weights.map((w, i) => ({ i, r: (total * w) % sum })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (rest === 0) break;
    parts[i] += 1;
    rest -= 1;
  }
  return parts;
}

/** Points to take back when `refundFen` of an order that paid `paidFen` is refunded (rounded down: the member keeps the fraction). */
export function proRata(points: number, refundFen: number, paidFen: number): number {
  if (paidFen <= 0) return 0;
  return Math.floor((points * Math.min(refundFen, paidFen)) / paidFen);
}

function yuan(fen: number): string {
  const s = formatYuan(fen);
  return s.endsWith('.00') ? s.slice(0, -3) : s.replace(/0$/, '');
}
