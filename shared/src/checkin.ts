import type { CheckinRule } from './rules/checkin.js';
/** Check-in (签到) API shapes. */

export interface CheckinResultDto {
  /** The Shanghai day checked in, YYYY-MM-DD. */
  day: string;
  /** Consecutive days up to and including this one. */
  streak: number;
  /** Points granted (after the daily cap). */
  points: number;
  /** True when the day was already checked in: nothing new was granted. */
  alreadyDone: boolean;
  /** What checking in tomorrow would give, if the streak holds. */
  tomorrowPoints: number;
  /** Available points after the check-in. */
  available: number;
}

export interface CheckinDayDto {
  day: string;
  kind: 'normal' | 'makeup';
  points: number;
}

export interface CheckinCalendarDto {
  month: string;
  today: string;
  days: CheckinDayDto[];
  checkedToday: boolean;
  /** The streak as of today (or yesterday, if today is not checked yet). */
  streak: number;
  todayPoints: number;
  tomorrowPoints: number;
  makeup: { cost: number; leftThisMonth: number; windowDays: number };
  /** Days of the window that can still be made up, newest first. */
  makeupDays: string[];
  /** The check-in rule in force, so the page words its rules and rewards as the server pays them. */
  rule: CheckinRule;
  /** Months before earned points expire (the ledger rule). */
  expiryMonths: number;
}

export interface MakeupRequest {
  day: string;
}
