import type { TierName } from './api.js';
import { CHURN_AT_RISK } from './reports.js';
import type { SegmentsRule } from './rules/shop.js';

/** RFM groups, recomputed nightly; each is a system tag members carry one of. */
export const SEGMENT_KEYS = ['high_value', 'potential', 'new', 'at_risk', 'sleeping'] as const;
export type SegmentKey = (typeof SEGMENT_KEYS)[number];

export const SEGMENT_LABELS: Record<SegmentKey, string> = {
  high_value: '高价值活跃',
  potential: '潜力',
  new: '新客',
  at_risk: '流失风险',
  sleeping: '沉睡',
};

/** What the nightly job knows of a member when it places them. */
export interface RfmInput {
  /** Whole days since sign-up. */
  joinedDaysAgo: number;
  /** Whole days since the last paid order, or null for none. */
  daysSinceOrder: number | null;
  /** Paid orders and what they paid (fen) in the last 365 days. */
  orders365: number;
  spent365Fen: number;
  /** 流失预警's score (0 without orders). */
  churnScore: number;
}

/**
 * The member's group, first match wins: 新客 (joined recently, at most one order), 高价值活跃
 * (bought recently, often and much), 流失风险 (scored at risk by 流失预警 and bought within twice
 * the sleeping window: past that they are asleep, not slipping), 潜力 (bought within the sleeping
 * window), else 沉睡.
 */
export function rfmSegment(m: RfmInput, rule: SegmentsRule): SegmentKey {
  if (m.joinedDaysAgo < rule.newDays && m.orders365 <= 1) return 'new';
  const since = m.daysSinceOrder;
  if (since !== null && since <= rule.activeDays && m.orders365 >= rule.highValueOrders && m.spent365Fen >= rule.highValueYuan * 100) return 'high_value';
  if (m.churnScore >= CHURN_AT_RISK && since !== null && since <= 2 * rule.sleepingDays) return 'at_risk';
  if (since !== null && since <= rule.sleepingDays) return 'potential';
  return 'sleeping';
}

/** An operator's tag filled by a rule, re-evaluated nightly. */
export type TagRule =
  | { kind: 'bought_category'; categoryId: number; days: number }
  | { kind: 'tier_at_least'; tier: TierName }
  | { kind: 'balance_at_least'; points: number };

export type TagKind = 'segment' | 'manual' | 'rule';

export interface TagDto {
  id: number;
  name: string;
  kind: TagKind;
  segmentKey: SegmentKey | null;
  rule: TagRule | null;
  /** The rule in words, with the category's and tier's names. */
  ruleLabel: string | null;
  members: number;
  /** When the members were last counted by a job (segments and rule tags), or null. */
  countedAt: string | null;
}

export interface CreateTagRequest {
  name: string;
  rule?: TagRule | null;
}

/** A tag on a member's page. */
export interface MemberTagDto {
  id: number;
  name: string;
  kind: TagKind;
}

export type BatchKind = 'targeted' | 'winback';

/** 定向发券 / 流失挽回: one send of a template to a tag's members (or the at-risk list), and what came of it. */
export interface CouponBatchDto {
  id: number;
  kind: BatchKind;
  templateId: number;
  templateName: string;
  /** The tag sent to (targeted), or null for the 流失预警 list (win-back). */
  tagId: number | null;
  tagName: string | null;
  status: 'sending' | 'done';
  /** Members taken when it was sent: those to issue to, and those held out (win-back). */
  audience: number;
  holdout: number;
  holdoutPct: number;
  issued: number;
  /** At a per-member limit, out of stock, or the template was switched off meanwhile. */
  skipped: number;
  used: number;
  useRatePermille: number;
  gmvFen: number;
  /** GMV of orders using the coupons ÷ coupons sent (fen). */
  gmvPerCouponFen: number;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  winback: WinbackResultDto | null;
}

/** Return rate of treated vs held-out members within the window, and the uplift with its 95% interval. */
export interface WinbackResultDto {
  days: number;
  /** When the window closes; the figures are final from then. */
  endsAt: string;
  final: boolean;
  treated: { members: number; returned: number; ratePermille: number };
  holdout: { members: number; returned: number; ratePermille: number };
  uplift: Uplift | null;
}

export interface CreateBatchRequest {
  templateId: number;
  tagId: number;
}

export interface CreateWinbackRequest {
  templateId: number;
  /** 0–50; the rule's share when left out. */
  holdoutPct?: number;
  /** Days before the result is read; the rule's when left out. */
  days?: number;
}

/** Difference of two return rates with a 95% confidence interval, in tenths of a percent. */
export interface Uplift {
  upliftPermille: number;
  lowPermille: number;
  highPermille: number;
  /** The interval excludes zero. */
  significant: boolean;
}

/** Tenths of a percent of a count over a total, rounded half up in integers. */
export function permilleOf(count: number, total: number): number {
  return total > 0 ? Math.floor((count * 2000 + total) / (2 * total)) : 0;
}

/**
 * Treated minus hold-out return rate, with the normal-approximation (Wald) 95% interval of a
 * difference of two proportions: ±1.96·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂). Null while either group
 * is empty. Rates, not money: floating point is fine here, rounded once at the end.
 */
export function winbackUplift(treated: { members: number; returned: number }, holdout: { members: number; returned: number }): Uplift | null {
  if (treated.members === 0 || holdout.members === 0) return null;
  const p1 = treated.returned / treated.members;
  const p2 = holdout.returned / holdout.members;
  const diff = p1 - p2;
  const half = 1.96 * Math.sqrt((p1 * (1 - p1)) / treated.members + (p2 * (1 - p2)) / holdout.members);
  const low = Math.round((diff - half) * 1000);
  const high = Math.round((diff + half) * 1000);
  return { upliftPermille: Math.round(diff * 1000), lowPermille: low, highPermille: high, significant: low > 0 || high < 0 };
}

/** How many of `n` members a hold-out of `pct`% keeps back (rounded half up). */
export function holdoutSize(n: number, pct: number): number {
  return Math.floor((n * pct * 2 + 100) / 200);
}

/** A tag rule in words: 「90 天内买过 水果」「等级 ≥ 金卡会员」「可用积分 ≥ 1000」. */
export function tagRuleLabel(rule: TagRule, names: { category?: string; tier?: string } = {}): string {
  switch (rule.kind) {
    case 'bought_category':
      return `${rule.days} 天内买过${names.category ?? `分类 ${rule.categoryId}`}`;
    case 'tier_at_least':
      return `等级 ≥ ${names.tier ?? rule.tier}`;
    case 'balance_at_least':
      return `可用积分 ≥ ${rule.points}`;
  }
}
