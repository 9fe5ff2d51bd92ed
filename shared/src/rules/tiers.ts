import type { TierName } from '../api.js';

export interface TierRule {
  name: TierName;
  label: string;
  /** Growth value (yuan paid in the last 12 months) needed to reach the tier. */
  minGrowth: number;
  /** Points multiplier in percent (120 = 1.2×), integer so no float touches points. */
  multiplierPct: number;
  /** Discount on points-mall prices in percent. */
  mallDiscountPct: number;
}

/**
 * Default tiers (growth 0 / 500 / 2,000 / 5,000 yuan; points ×1.0 / ×1.2 / ×1.5 / ×2.0; 5% off
 * points-mall prices from 金卡); operators change them through the rules table (key `tiers`).
 */
export const DEFAULT_TIERS: readonly TierRule[] = [
  { name: 'normal', label: '普通会员', minGrowth: 0, multiplierPct: 100, mallDiscountPct: 0 },
  { name: 'silver', label: '银卡会员', minGrowth: 500, multiplierPct: 120, mallDiscountPct: 0 },
  { name: 'gold', label: '金卡会员', minGrowth: 2000, multiplierPct: 150, mallDiscountPct: 5 },
  { name: 'diamond', label: '钻石会员', minGrowth: 5000, multiplierPct: 200, mallDiscountPct: 5 },
];

/** The highest tier whose threshold the growth value reaches. */
export function tierForGrowth(growth: number, tiers: readonly TierRule[] = DEFAULT_TIERS): TierRule {
  let best = tiers[0];
  for (const tier of tiers) if (growth >= tier.minGrowth && tier.minGrowth >= best.minGrowth) best = tier;
  return best;
}

export function tierRule(name: TierName, tiers: readonly TierRule[] = DEFAULT_TIERS): TierRule {
  const rule = tiers.find((t) => t.name === name);
  if (!rule) throw new RangeError(`unknown tier ${name}`);
  return rule;
}

/** Points per yuan at a tier, as text without floats: 1 point/yuan at 120% → "1.2", 2 at 150% → "3". */
export function earnRateLabel(pointsPerYuan: number, multiplierPct: number): string {
  const hundredths = pointsPerYuan * multiplierPct;
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}
