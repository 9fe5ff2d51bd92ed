import { shanghaiDay } from '@jifen/shared';

/** Double-points days and member days, from the `campaigns` rule (operators edit it). */
export interface Campaign {
  name: string;
  /** 200 = double points. */
  multiplierPct: number;
  /** Shanghai days, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Member day: only these days of the month (e.g. [8, 18, 28]); empty = every day. */
  daysOfMonth?: number[];
  /** …or only these Shanghai weekdays, 1 = Monday … 7 = Sunday (e.g. [5]: every Friday). */
  weekdays?: number[];
}

export const CAMPAIGNS_KEY = 'campaigns';
export const DEFAULT_CAMPAIGNS: { campaigns: Campaign[] } = { campaigns: [] };

/** The largest multiplier of the campaigns running at `now` (they do not stack), 100 when none. */
export function campaignPct(campaigns: readonly Campaign[], now: Date): number {
  const day = shanghaiDay(now);
  const dom = Number(day.slice(8, 10));
  let pct = 100;
  for (const c of campaigns) {
    if (day < c.from || day > c.to) continue;
    if (c.daysOfMonth?.length && !c.daysOfMonth.includes(dom)) continue;
    if (c.weekdays?.length && !c.weekdays.includes(weekday(day))) continue;
    pct = Math.max(pct, c.multiplierPct);
  }
  return pct;
}

/** 1 = Monday … 7 = Sunday for a Shanghai day YYYY-MM-DD. */
function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}
