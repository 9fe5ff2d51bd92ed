import { assertFen } from './money.js';

/**
 * Purchase points: `pointsPerYuan` (the shop's earn rule, 1 by default) per whole yuan paid on
 * goods (after coupons and points as cash), times the tier multiplier, times any campaign
 * multiplier. Multipliers are integer percents and the result is rounded down once, at the
 * end, so 1.2 × 1.5 never drifts.
 */
export function purchasePoints(paidGoodsFen: number, tierPct = 100, campaignPct = 100, pointsPerYuan = 1): number {
  assertFen(paidGoodsFen);
  for (const pct of [tierPct, campaignPct, pointsPerYuan]) {
    if (!Number.isSafeInteger(pct) || pct < 0) throw new RangeError(`bad multiplier ${pct}`);
  }
  const yuan = Math.floor(paidGoodsFen / 100);
  return Math.floor((yuan * pointsPerYuan * tierPct * campaignPct) / 10_000);
}

/** Points as cash: 100 points = 1 yuan. */
export const POINTS_PER_YUAN_CASH = 100;
/** Points as cash may pay at most this share of the goods amount, in percent. */
export const MAX_CASH_SHARE_PCT = 50;

/** Most points usable as cash on an order: ≤ 50% of goods, in whole steps of 100 points. */
export function maxPointsAsCash(goodsFen: number, available: number): number {
  assertFen(goodsFen);
  const capFen = Math.floor((goodsFen * MAX_CASH_SHARE_PCT) / 100);
  const byCap = Math.floor(capFen / 100) * POINTS_PER_YUAN_CASH;
  const byBalance = Math.floor(Math.max(0, available) / POINTS_PER_YUAN_CASH) * POINTS_PER_YUAN_CASH;
  return Math.min(byCap, byBalance);
}

/** Fen paid by a number of points used as cash (whole steps only). */
export function cashFenForPoints(points: number): number {
  if (!Number.isSafeInteger(points) || points < 0 || points % POINTS_PER_YUAN_CASH !== 0) {
    throw new RangeError(`points as cash must be a multiple of ${POINTS_PER_YUAN_CASH}: ${points}`);
  }
  return points; // 100 points = 100 fen
}
