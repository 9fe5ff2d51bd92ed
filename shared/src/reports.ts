import type { EntrySource } from './ledger.js';

/** One month of the points liability table (a Shanghai month). */
export interface LiabilityMonthDto {
  month: string;
  /** Points credited to members, by source (earnings, confirmed purchase points, adjustments up). */
  issued: Partial<Record<EntrySource, number>>;
  issuedTotal: number;
  /** Points members used, by use (as cash, in the mall, adjustments down…), as positive numbers. */
  spent: Partial<Record<EntrySource, number>>;
  spentTotal: number;
  expired: number;
  /** Reversals' net effect on balances (refunds give back, claw-backs take). */
  reversed: number;
  /** expired ÷ issued of the month, in tenths of a percent (null when nothing was issued). */
  breakagePermille: number | null;
}

/** 管理 → 积分负债 for finance: what is owed now, and month by month how it came about. */
export interface LiabilityDto {
  /** Available points of all members now, and their value at 100 points a yuan. */
  outstanding: { points: number; fen: number; pending: number; members: number };
  months: LiabilityMonthDto[];
  /** The ledger is summed up to this instant (the report trails the ledger by a few minutes). */
  totalsUpTo: string | null;
}

/** What 管理's dashboard counts per Shanghai day. */
export const DAILY_METRICS = [
  'newMembers', 'members', 'activeMembers', 'checkins',
  'invitesOpened', 'invitesSignedUp', 'invitesOrdered', 'invitesRewarded',
  'couponsIssued', 'couponsUsed', 'couponGmvFen', 'orders', 'gmvFen', 'redemptions',
] as const;
export type DailyMetric = (typeof DAILY_METRICS)[number];

export interface DashboardDayDto extends Record<DailyMetric, number> {
  day: string;
  /** Points credited, used and lapsed that day (from the ledger's daily totals). */
  pointsIssued: number;
  pointsSpent: number;
  pointsExpired: number;
  /** Check-ins ÷ members at the end of the day, in tenths of a percent. */
  checkinRatePermille: number;
}

/** 管理 → 数据看板: the last 7, 30 or 90 days, oldest first, and the points owed now. */
export interface DashboardDto {
  days: DashboardDayDto[];
  outstandingPoints: number;
  /** Metrics are recounted every few minutes; this is when the newest day was. */
  countedAt: string | null;
}

/** 流失预警: a member slipping away, why in words, and what the shop stands to lose. */
export interface ChurnDto {
  memberId: number;
  nickname: string;
  /** 0–100: 40 and above is listed as at risk. */
  score: number;
  reasons: string[];
  /** Their usual spending over the next 90 days, in fen. */
  valueAtRiskFen: number;
  lastOrderAt: string | null;
  computedAt: string;
}

export const CHURN_AT_RISK = 40;

/** 流失预警's list: how many are at risk and their value in all, and the most valuable of them. */
export interface ChurnListDto {
  total: number;
  valueAtRiskFen: number;
  members: ChurnDto[];
}
