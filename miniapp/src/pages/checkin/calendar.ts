import { addDays, addMonths, checkinReward, cycleDay, type CheckinRule } from '@jifen/shared';

/**
 * Calendar arithmetic for the 签到 page, on Shanghai days as the server sends them
 * (YYYY-MM-DD). Weekdays come from the date itself, so the phone's time zone never matters.
 */

export const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function shiftMonth(month: string, n: number): string {
  return addMonths(`${month}-01`, n).slice(0, 7);
}

/** 2026-11 → 2026年11月 */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** The month's days in weeks starting on Sunday; null fills the blanks before the 1st and after the last. */
export function monthCells(month: string): (string | null)[] {
  const [y, m] = month.split('-').map(Number);
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const cells: (string | null)[] = Array.from({ length: weekdayOf(`${month}-01`) }, () => null);
  for (let d = 1; d <= length; d++) cells.push(`${month}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7 !== 0) cells.push(null);
  return cells;
}

/** 11月24日 周二, or 昨天 / 前天 for the nearest days. */
export function dayLabel(day: string, today: string): string {
  const [, m, d] = day.split('-').map(Number);
  const date = `${m}月${d}日`;
  if (day === addDays(today, -1)) return `${date} 昨天`;
  if (day === addDays(today, -2)) return `${date} 前天`;
  return `${date} 周${WEEKDAYS[weekdayOf(day)]}`;
}

/** What each day of the streak cycle gives: 10, 10, 20, 10, 10, 10, 60 by default. */
export function cycleRewards(rule: CheckinRule): number[] {
  return Array.from({ length: rule.cycleDays }, (_, i) => checkinReward(i + 1, false, rule));
}

/**
 * Where today stands in the 7-day cycle: `slot` is the cycle day (1-based) today's check-in
 * takes or took, `done` how many of the cycle's days are checked.
 */
export function cycleProgress(streak: number, checkedToday: boolean, rule: CheckinRule): { slot: number; done: number } {
  if (checkedToday && streak > 0) {
    const slot = cycleDay(streak, rule);
    return { slot, done: slot };
  }
  const slot = cycleDay(streak + 1, rule);
  return { slot, done: slot - 1 };
}

/** The rules as shown on the page, worded from the rule so the text and the server agree. */
export function ruleLines(rule: CheckinRule, expiryMonths: number): string[] {
  const bonuses = Object.entries(rule.streakBonuses)
    .map(([day, bonus]) => ({ day: Number(day), bonus }))
    .sort((a, b) => a.day - b.day)
    .map(({ day, bonus }) => `第 ${day} 天额外 +${bonus}`)
    .join('，');
  const birthday = rule.birthdayMonthPct === 200 ? '翻倍' : `×${rule.birthdayMonthPct / 100}`;
  return [
    `每天签到 1 次，可得 ${rule.basePoints} 积分，以北京时间 0 点为界。`,
    `连续签到${bonuses ? `${bonuses} 积分` : '无额外奖励'}，满 ${rule.cycleDays} 天后重新开始新一轮。`,
    '中断一天，连续天数从第 1 天重新计算。',
    `生日当月签到积分${birthday}。`,
    `可补签最近 ${rule.makeupWindowDays} 天内漏签的日期，每次消耗 ${rule.makeupCost} 积分，获得当天基础积分 ${rule.basePoints}，每月最多 ${rule.makeupPerMonth} 次。`,
    `签到所得积分自获得之日起 ${expiryMonths} 个月内有效。`,
  ];
}
