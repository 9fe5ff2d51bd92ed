/** Campaigns (积分活动) and 首页 banners: API shapes and the pure rules both sides apply. */

import { addDays, shanghaiDay } from './time.js';

/** ×N points on every paid order, or extra points per unit of chosen goods. */
export type CampaignKind = 'multiplier' | 'bonus';
export type CampaignState = 'running' | 'upcoming' | 'ended';

export interface CampaignRule {
  kind: CampaignKind;
  /** multiplier: percent, 200 = double points (they do not stack: the largest applies). */
  multiplierPct: number;
  /** bonus: points per unit of each goods in goodsIds (bonuses add up). */
  bonusPoints: number;
  goodsIds: number[];
  /** Shanghai days, inclusive (YYYY-MM-DD). */
  startsOn: string;
  endsOn: string;
  /** Only these weekdays, 1 = Monday … 7 = Sunday (a 会员日 every Friday: [5]); empty = every day. */
  weekdays: number[];
  /** Only these days of the month (8, 18, 28); empty = every day. */
  daysOfMonth: number[];
}

export interface CampaignDto extends CampaignRule {
  id: number;
  name: string;
  status: 'on' | 'off';
  /** Where today falls in its days (an 'off' campaign keeps its state but gives nothing). */
  state: CampaignState;
  /** It gives points today (on, in its days, on a matching weekday / day of the month). */
  activeToday: boolean;
  /** 「每周五 积分×2」: what a shopper is told. */
  summary: string;
  version: number;
}

export interface CampaignInput extends CampaignRule {
  name: string;
  status?: 'on' | 'off';
}

export interface CampaignUpdate extends CampaignInput {
  version: number;
}

export const MAX_MULTIPLIER_PCT = 1000;
export const MAX_BONUS_POINTS = 100_000;

const WEEKDAY_NAMES = ['', '一', '二', '三', '四', '五', '六', '日'];

/** 1 = Monday … 7 = Sunday for a Shanghai day YYYY-MM-DD. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

/** The campaign gives points on this Shanghai day (ignoring whether it is switched on). */
export function campaignOnDay(c: CampaignRule, day: string): boolean {
  if (day < c.startsOn || day > c.endsOn) return false;
  if (c.daysOfMonth.length && !c.daysOfMonth.includes(Number(day.slice(8, 10)))) return false;
  if (c.weekdays.length && !c.weekdays.includes(weekdayOf(day))) return false;
  return true;
}

/**
 * What the campaigns running on a Shanghai day add to a purchase: the largest multiplier (they
 * do not stack; 100 when none) and, per goods, the sum of the bonus points per unit.
 */
export function campaignBoost(campaigns: readonly CampaignRule[], day: string): { multiplierPct: number; bonusPerUnit: Map<number, number> } {
  let multiplierPct = 100;
  const bonusPerUnit = new Map<number, number>();
  for (const c of campaigns) {
    if (!campaignOnDay(c, day)) continue;
    if (c.kind === 'multiplier') multiplierPct = Math.max(multiplierPct, c.multiplierPct);
    else for (const goodsId of c.goodsIds) bonusPerUnit.set(goodsId, (bonusPerUnit.get(goodsId) ?? 0) + c.bonusPoints);
  }
  return { multiplierPct, bonusPerUnit };
}

/** The first Shanghai day from `from` on which the campaign gives points, or null (it ends first). */
export function nextCampaignDay(c: CampaignRule, from: string): string | null {
  let day = from < c.startsOn ? c.startsOn : from;
  // A day of the month recurs within 62 days when it exists at all (the 31st skips short months).
  for (let i = 0; i < 400 && day <= c.endsOn; i++, day = addDays(day, 1)) if (campaignOnDay(c, day)) return day;
  return null;
}

export function campaignState(c: Pick<CampaignRule, 'startsOn' | 'endsOn'>, now: Date): CampaignState {
  const day = shanghaiDay(now);
  return day < c.startsOn ? 'upcoming' : day > c.endsOn ? 'ended' : 'running';
}

/** "×2" / "×1.5". */
export function multiplierText(pct: number): string {
  return `×${String(pct / 100).replace(/\.0+$/, '')}`;
}

/** 「每周五 积分×2」, 「每月 8、18、28 日 指定商品每件 +50 积分」. */
export function campaignSummary(c: CampaignRule): string {
  const when = c.weekdays.length
    ? `每周${[...c.weekdays].sort().map((d) => WEEKDAY_NAMES[d]).join('、')}`
    : c.daysOfMonth.length ? `每月 ${[...c.daysOfMonth].sort((a, b) => a - b).join('、')} 日` : '活动期间';
  const what = c.kind === 'multiplier' ? `下单积分${multiplierText(c.multiplierPct)}` : `指定商品每件 +${c.bonusPoints} 积分`;
  return `${when} ${what}`;
}

// ---- banners ----

/** Storefront pages a banner may open (the path and what operators see it called). */
export const BANNER_PAGES = {
  checkin: { path: '/pages/checkin/index', label: '每日签到' },
  mall: { path: '/pages/mall/index', label: '积分商城' },
  coupons: { path: '/pages/coupon-center/index', label: '领券中心' },
  invite: { path: '/pages/invite/index', label: '邀请有礼' },
  tiers: { path: '/pages/tiers/index', label: '会员等级' },
  me: { path: '/pages/me/index', label: '我的（新人礼）' },
} as const;
export type BannerPage = keyof typeof BANNER_PAGES;

export type BannerLink =
  | { kind: 'none' }
  | { kind: 'page'; page: BannerPage }
  | { kind: 'goods'; goodsId: number }
  | { kind: 'campaign'; campaignId: number };

/** What 首页 shows: only banners that are on, and a campaign's only while the campaign runs. */
export interface BannerDto {
  id: number;
  title: string;
  image: string;
  link: BannerLink;
}

export interface AdminBannerDto extends BannerDto {
  status: 'on' | 'off';
  sort: number;
  /** Shown on 首页 now (on, and its campaign running if it links one). */
  live: boolean;
  /** The linked goods or campaign's name, for the list. */
  linkLabel: string;
}

export interface BannerInput {
  title: string;
  image: string;
  link: BannerLink;
  status?: 'on' | 'off';
}
