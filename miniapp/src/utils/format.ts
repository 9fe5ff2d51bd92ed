import { SHANGHAI_OFFSET_MS, shanghaiDay, tierRule, type TierName } from '@jifen/shared';

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

/**
 * An ISO instant as Shanghai wall time, `YYYY-MM-DD HH:mm`. China is UTC+8 all year, so a
 * fixed offset is exact and needs no time-zone data (which the mini-program lacks).
 */
export function formatShanghaiTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** The Shanghai day of an ISO instant, `YYYY-MM-DD` (an expiry at 23:59:59.999 stays on its day). */
export function shanghaiDate(iso: string): string {
  return shanghaiDay(new Date(iso));
}

/** A signed points change for display: `+120`, `−990` (a real minus sign, as wide as the plus). */
export function formatSigned(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

/** A whole number of tenths as a decimal: 125 → "12.5". */
export function formatTenths(n: number): string {
  return `${Math.floor(n / 10)}.${n % 10}`;
}

/** Tenths of a percent (the server's rates and shares): 125 → "12.5%". */
export function formatPermille(permille: number): string {
  return `${formatTenths(permille)}%`;
}

/** A typed whole number of at most `digits` digits (surrounding spaces allowed), else NaN: what a form's rule checks then name. */
export function parseWhole(text: string | undefined, digits = 9): number {
  const t = text?.trim() ?? '';
  return new RegExp(`^\\d{1,${digits}}$`).test(t) ? Number(t) : Number.NaN;
}
