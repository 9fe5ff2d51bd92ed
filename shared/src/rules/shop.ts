import type { TierName } from '../api.js';
import { type CheckinRule, DEFAULT_CHECKIN_RULE } from './checkin.js';
import { DEFAULT_TIERS, type TierRule } from './tiers.js';

/** Purchase points: this many points per whole yuan paid, before tier and campaign multipliers. */
export interface EarnRule {
  pointsPerYuan: number;
}

/** The new-member gift (新人礼) for completing sign-up with a verified phone. */
export interface SignupRule {
  giftPoints: number;
}

/** 邀请有礼: the inviter's points, the invitee's coupon (a real template), caps and the window. */
export interface InviteRule {
  /** Inviter's points when the invitee completes sign-up with a verified phone. */
  signupPoints: number;
  /** Inviter's points when the invitee's first paid order completes. */
  orderPoints: number;
  /** Coupon template the invitee gets with that first order, or null for none. */
  inviteeTemplateId: number | null;
  /** Rewarded invitees per inviter per Shanghai month. */
  monthlyCap: number;
  /** Days a link counts before the friend signs up. */
  attributionDays: number;
}

/** Expiry, the daily cap on non-purchase points and when an entry is flagged for review. */
export interface LedgerRule {
  /** Earned points expire this many calendar months later, at the end of that Shanghai day. */
  expiryMonths: number;
  /** Most points a member may earn a Shanghai day from non-purchase sources. */
  dailyCap: number;
  /** An entry of at least this many points is flagged for review. */
  flagSingleEntry: number;
  /** An earning this many times the member's average earning is flagged (after 5 earnings). */
  flagMultipleOfUsual: number;
  /** An operator's adjustment of more than this many points waits for an owner's approval. */
  adjustApprovalAbove: number;
}

/** RFM groups' thresholds (会员分群) and the win-back's hold-out (流失挽回). */
export interface SegmentsRule {
  /** Joined within this many days with at most one order: 新客. */
  newDays: number;
  /** Ordered within this many days, with at least highValueOrders orders and highValueYuan spent in 365 days: 高价值活跃. */
  activeDays: number;
  highValueOrders: number;
  highValueYuan: number;
  /** No order within this many days (and not at risk): 沉睡; ordered within it: 潜力. */
  sleepingDays: number;
  /** Share of the at-risk list a win-back keeps back to measure against (0–50%). */
  winbackHoldoutPct: number;
  /** Days after a win-back before its return rates are read. */
  winbackDays: number;
}

/**
 * Who runs the shop, as the privacy page states it: the operator's name, how to reach them
 * (privacy requests, account deletion, service) and when the privacy policy took effect.
 * Empty until the owner fills it in 管理 → 店铺信息; the privacy page says so meanwhile.
 */
export interface ShopProfile {
  name: string;
  contact: string;
  /** A Shanghai day, YYYY-MM-DD, or '' while unset. */
  privacyEffectiveOn: string;
}

export interface TiersRule {
  tiers: TierRule[];
}

/**
 * Every rule an operator edits in 管理 → 规则, by its key in the rules table. Each key keeps
 * its own history: a change is a new version with who, when, a note and an effective time.
 */
export interface ShopRules {
  earn: EarnRule;
  tiers: TiersRule;
  checkin: CheckinRule;
  signup: SignupRule;
  invites: InviteRule;
  ledger: LedgerRule;
  segments: SegmentsRule;
  shop: ShopProfile;
}

export type RuleKey = keyof ShopRules;

export const RULE_KEYS: readonly RuleKey[] = ['earn', 'tiers', 'checkin', 'signup', 'invites', 'ledger', 'segments', 'shop'];

export const DEFAULT_RULES: ShopRules = {
  earn: { pointsPerYuan: 1 },
  tiers: { tiers: DEFAULT_TIERS.map((t) => ({ ...t })) },
  checkin: DEFAULT_CHECKIN_RULE,
  signup: { giftPoints: 100 },
  invites: { signupPoints: 50, orderPoints: 200, inviteeTemplateId: null, monthlyCap: 20, attributionDays: 7 },
  ledger: { expiryMonths: 12, dailyCap: 2_000, flagSingleEntry: 10_000, flagMultipleOfUsual: 5, adjustApprovalAbove: 5_000 },
  segments: { newDays: 30, activeDays: 30, highValueOrders: 3, highValueYuan: 500, sleepingDays: 90, winbackHoldoutPct: 10, winbackDays: 30 },
  shop: { name: '', contact: '', privacyEffectiveOn: '' },
};

export function isRuleKey(key: string): key is RuleKey {
  return (RULE_KEYS as readonly string[]).includes(key);
}

/** A problem with a draft rule, naming the field as the editor shows it (`tiers.1.minGrowth`). */
export interface RuleProblem {
  field: string;
  message: string;
}

/** Tier names in order; their thresholds must rise along it. */
export const TIER_ORDER: readonly TierName[] = ['normal', 'silver', 'gold', 'diamond'];

const MAX_POINTS_SETTING = 1_000_000;

/**
 * What keeps a rule coherent: whole numbers in sane ranges, tier thresholds rising from 0,
 * multipliers above 0, caps ≥ 0, streak bonuses inside the cycle. The server refuses a rule
 * with any problem; 管理 shows the same problems while the operator types.
 */
export function ruleProblems<K extends RuleKey>(key: K, value: ShopRules[K]): RuleProblem[] {
  const out: RuleProblem[] = [];
  const int = (field: string, v: unknown, min: number, max: number, what: string): void => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) out.push({ field, message: `${what}须为整数` });
    else if (v < min || v > max) out.push({ field, message: `${what}须在 ${min}–${max} 之间` });
  };
  const v = value as unknown as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) return [{ field: key, message: '规则须为对象' }];
  switch (key) {
    case 'earn':
      int('pointsPerYuan', v.pointsPerYuan, 0, 100, '每元积分');
      break;
    case 'signup':
      int('giftPoints', v.giftPoints, 0, MAX_POINTS_SETTING, '新人礼积分');
      break;
    case 'invites':
      int('signupPoints', v.signupPoints, 0, MAX_POINTS_SETTING, '好友注册奖励');
      int('orderPoints', v.orderPoints, 0, MAX_POINTS_SETTING, '好友首单奖励');
      int('monthlyCap', v.monthlyCap, 0, 1000, '每月奖励人数上限');
      int('attributionDays', v.attributionDays, 1, 30, '邀请有效天数');
      if (v.inviteeTemplateId !== null) int('inviteeTemplateId', v.inviteeTemplateId, 1, Number.MAX_SAFE_INTEGER, '好友优惠券');
      break;
    case 'ledger':
      int('expiryMonths', v.expiryMonths, 1, 120, '有效期月数');
      int('dailyCap', v.dailyCap, 0, MAX_POINTS_SETTING, '每日上限');
      int('flagSingleEntry', v.flagSingleEntry, 1, 100_000_000, '单笔预警线');
      int('flagMultipleOfUsual', v.flagMultipleOfUsual, 2, 1000, '异常倍数');
      int('adjustApprovalAbove', v.adjustApprovalAbove, 0, 100_000_000, '调整审批线');
      break;
    case 'segments':
      int('newDays', v.newDays, 1, 365, '新客天数');
      int('activeDays', v.activeDays, 1, 365, '活跃天数');
      int('highValueOrders', v.highValueOrders, 1, 1000, '高价值订单数');
      int('highValueYuan', v.highValueYuan, 0, 10_000_000, '高价值消费额');
      int('sleepingDays', v.sleepingDays, 1, 730, '沉睡天数');
      int('winbackHoldoutPct', v.winbackHoldoutPct, 0, 50, '对照组比例');
      int('winbackDays', v.winbackDays, 1, 180, '观察天数');
      if (typeof v.activeDays === 'number' && typeof v.sleepingDays === 'number' && v.sleepingDays < v.activeDays) {
        out.push({ field: 'sleepingDays', message: '沉睡天数不能少于活跃天数' });
      }
      break;
    case 'checkin':
      checkinProblems(v, int, out);
      break;
    case 'tiers':
      tierProblems(v.tiers, int, out);
      break;
    case 'shop':
      shopProblems(v, out);
      break;
  }
  return out;
}

function shopProblems(v: Record<string, unknown>, out: RuleProblem[]): void {
  const text = (field: string, max: number, what: string) => {
    const t = v[field];
    if (typeof t !== 'string') out.push({ field, message: `${what}须为文字` });
    else if (t.length > max) out.push({ field, message: `${what}最多 ${max} 个字` });
    else if (t !== t.trim()) out.push({ field, message: `${what}首尾不能有空格` });
  };
  text('name', 40, '运营者名称');
  text('contact', 60, '联系方式');
  const day = v.privacyEffectiveOn;
  if (typeof day !== 'string' || (day !== '' && !isCalendarDay(day))) out.push({ field: 'privacyEffectiveOn', message: '生效日期须为 YYYY-MM-DD' });
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

type IntCheck = (field: string, v: unknown, min: number, max: number, what: string) => void;

function checkinProblems(v: Record<string, unknown>, int: IntCheck, out: RuleProblem[]): void {
  int('basePoints', v.basePoints, 0, 10_000, '每日签到积分');
  int('cycleDays', v.cycleDays, 1, 31, '连签周期天数');
  int('birthdayMonthPct', v.birthdayMonthPct, 100, 1000, '生日月倍数');
  int('makeupCost', v.makeupCost, 0, 10_000, '补签消耗');
  int('makeupPerMonth', v.makeupPerMonth, 0, 31, '每月补签次数');
  int('makeupWindowDays', v.makeupWindowDays, 1, 31, '可补签天数');
  const bonuses = v.streakBonuses;
  if (typeof bonuses !== 'object' || bonuses === null || Array.isArray(bonuses)) {
    out.push({ field: 'streakBonuses', message: '连签奖励须为 天数→积分' });
    return;
  }
  const cycle = typeof v.cycleDays === 'number' ? v.cycleDays : 0;
  for (const [day, points] of Object.entries(bonuses)) {
    const d = Number(day);
    if (!/^\d+$/.test(day) || d < 1 || d > cycle) out.push({ field: `streakBonuses.${day}`, message: `连签第 ${day} 天不在 1–${cycle} 天的周期内` });
    int(`streakBonuses.${day}`, points, 0, 10_000, `连签第 ${day} 天奖励`);
  }
}

function tierProblems(tiers: unknown, int: IntCheck, out: RuleProblem[]): void {
  if (!Array.isArray(tiers) || tiers.length !== TIER_ORDER.length) {
    out.push({ field: 'tiers', message: `须有 ${TIER_ORDER.length} 个等级` });
    return;
  }
  tiers.forEach((raw: unknown, i) => {
    const t = (raw ?? {}) as Record<string, unknown>;
    const at = `tiers.${i}`;
    if (t.name !== TIER_ORDER[i]) out.push({ field: `${at}.name`, message: `第 ${i + 1} 个等级须为 ${TIER_ORDER[i]}` });
    if (typeof t.label !== 'string' || t.label.trim().length === 0 || t.label.length > 8) out.push({ field: `${at}.label`, message: '等级名称须为 1–8 个字' });
    int(`${at}.minGrowth`, t.minGrowth, 0, 10_000_000, '成长值门槛');
    int(`${at}.multiplierPct`, t.multiplierPct, 1, 1000, '积分倍数');
    int(`${at}.mallDiscountPct`, t.mallDiscountPct, 0, 50, '积分商城折扣');
    if (i === 0 && t.minGrowth !== 0) out.push({ field: `${at}.minGrowth`, message: '最低等级的门槛须为 0' });
    const prev = (tiers[i - 1] ?? null) as Record<string, unknown> | null;
    if (prev && typeof prev.minGrowth === 'number' && typeof t.minGrowth === 'number' && t.minGrowth <= prev.minGrowth) {
      out.push({ field: `${at}.minGrowth`, message: '门槛须高于上一等级' });
    }
  });
}

/**
 * The draft cut to the fields the rule has, over the defaults: unknown fields are dropped and
 * missing ones take the default, so what is stored is always a whole rule.
 */
export function wholeRule<K extends RuleKey>(key: K, draft: Partial<ShopRules[K]>): ShopRules[K] {
  const base = DEFAULT_RULES[key] as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(base)) out[field] = field in draft ? (draft as Record<string, unknown>)[field] : base[field];
  return out as unknown as ShopRules[K];
}

/** What shoppers' pages read: the rules that decide what they are promised. */
export interface PublicRulesDto {
  pointsPerYuan: number;
  tiers: TierRule[];
  checkin: CheckinRule;
  giftPoints: number;
  expiryMonths: number;
  shop: ShopProfile;
}

/** One version of a rule as 管理 lists it. */
export interface RuleVersionDto<K extends RuleKey = RuleKey> {
  id: number;
  key: K;
  value: ShopRules[K];
  effectiveFrom: string;
  createdAt: string;
  by: string | null;
  note: string | null;
  /** In force now; later versions are scheduled, earlier ones past. */
  state: 'current' | 'scheduled' | 'past';
}

/** A rule as 管理 shows it: what applies now (the defaults when never edited) and what is scheduled. */
export interface AdminRuleDto<K extends RuleKey = RuleKey> {
  key: K;
  value: ShopRules[K];
  /** The version in force, or null while the defaults apply. */
  version: RuleVersionDto<K> | null;
  /** Versions with a later effective time, soonest first. */
  scheduled: RuleVersionDto<K>[];
  /** Id of the newest version (in force or scheduled), null if never edited; an edit sends it back as `baseVersion`. */
  head: number | null;
}

export interface RuleUpdateRequest<K extends RuleKey = RuleKey> {
  value: ShopRules[K];
  note: string;
  /** ISO time; now when left out. */
  effectiveFrom?: string;
  /** The `head` the editor started from; 409 RULE_CHANGED when someone saved since. */
  baseVersion: number | null;
}

export interface RuleRevertRequest {
  versionId: number;
  note: string;
  baseVersion: number | null;
}
