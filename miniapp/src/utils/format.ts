import { tierRule, type TierName } from '@jifen/shared';

/** 「已售」 counts the way malls show them: exact below 10,000, then 1.2万. */
export function formatCount(n: number): string {
  if (n < 10000) return String(n);
  return `${(Math.floor(n / 1000) / 10).toFixed(1).replace(/\.0$/, '')}万`;
}

/** Points with thousands separators (12,800). */
export function formatPoints(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function tierLabel(tier: TierName): string {
  return tierRule(tier).label;
}
