/** Check-in rewards: base points, streak bonuses on given days of a cycle, birthday double. */
export interface CheckinRule {
  basePoints: number;
  /** Day of the cycle (1-based) → bonus points on that day. */
  streakBonuses: Record<number, number>;
  /** The streak cycle restarts after this many days. */
  cycleDays: number;
  /** Multiplier in percent during the member's birthday month. */
  birthdayMonthPct: number;
  /** Points a make-up check-in (补签) costs. */
  makeupCost: number;
  /** Make-up check-ins allowed per Shanghai month. */
  makeupPerMonth: number;
  /** How many days back a make-up may reach (yesterday = 1). */
  makeupWindowDays: number;
}

export const DEFAULT_CHECKIN_RULE: CheckinRule = {
  basePoints: 10,
  streakBonuses: { 3: 10, 7: 50 },
  cycleDays: 7,
  birthdayMonthPct: 200,
  makeupCost: 20,
  makeupPerMonth: 2,
  makeupWindowDays: 7,
};

/** Position of a streak day inside its cycle, 1..cycleDays. */
export function cycleDay(streak: number, rule: CheckinRule = DEFAULT_CHECKIN_RULE): number {
  if (!Number.isSafeInteger(streak) || streak < 1) throw new RangeError(`bad streak ${streak}`);
  return ((streak - 1) % rule.cycleDays) + 1;
}

/** Points for checking in on the given streak day (1 = first day of a streak). */
export function checkinReward(
  streak: number,
  birthdayMonth = false,
  rule: CheckinRule = DEFAULT_CHECKIN_RULE,
): number {
  const day = cycleDay(streak, rule);
  const points = rule.basePoints + (rule.streakBonuses[day] ?? 0);
  return birthdayMonth ? Math.floor((points * rule.birthdayMonthPct) / 100) : points;
}
