import type { TierName } from '../api.js';
import { shanghaiMonth } from '../time.js';
import { checkinReward } from './checkin.js';
import { purchasePoints } from './points.js';
import type { RuleKey, ShopRules } from './shop.js';

/**
 * 管理 → 规则 → 预览影响: the last 30 days of the shop's activity replayed under a draft rule.
 * The server reads the facts of the window (grouped where it can); this module says what each
 * fact would have earned, so the 管理 form, the server and the tests agree on one replay.
 */

export const PREVIEW_DAYS = 30;

export type PreviewSource = 'checkin' | 'makeup' | 'purchase' | 'invite' | 'signup';

export const PREVIEW_SOURCES: readonly PreviewSource[] = ['purchase', 'checkin', 'makeup', 'invite', 'signup'];

/** Check-ins of the window with the same reward inputs, and the points they were given. */
export interface CheckinFact {
  kind: 'normal' | 'makeup';
  streak: number;
  birthdayMonth: boolean;
  count: number;
  points: number;
}

/** Completed shop orders of the window with the same purchase-point inputs. */
export interface OrderFact {
  payFen: number;
  tier: TierName;
  campaignPct: number;
  bonus: number;
  count: number;
  points: number;
}

/** One reward event of an invite; those before the window only hold places in the month's cap. */
export interface InviteFact {
  inviterId: number;
  inviteeId: number;
  kind: 'signup' | 'order';
  at: Date;
  inWindow: boolean;
  /** Points the inviter was given for it (0 when the cap stopped it). */
  points: number;
}

export interface PreviewFacts {
  checkins: CheckinFact[];
  orders: OrderFact[];
  /** Members who completed sign-up in the window and could have had the gift, and what they got. */
  signups: { count: number; points: number };
  /** Every invite event from the start of the window's first month, oldest first. */
  invites: InviteFact[];
}

export interface PreviewSourceTotals {
  source: PreviewSource;
  events: number;
  actual: number;
  replayed: number;
}

/** What each source would have issued under `rules`, beside what it did issue. */
export function replayWindow(rules: ShopRules, facts: PreviewFacts): PreviewSourceTotals[] {
  const cap = (points: number) => Math.min(points, rules.ledger.dailyCap);
  const totals = new Map<PreviewSource, PreviewSourceTotals>(PREVIEW_SOURCES.map((source) => [source, { source, events: 0, actual: 0, replayed: 0 }]));
  const add = (source: PreviewSource, count: number, actual: number, replayed: number) => {
    const t = totals.get(source)!;
    t.events += count;
    t.actual += actual;
    t.replayed += replayed;
  };

  for (const c of facts.checkins) {
    const each = c.kind === 'makeup' ? rules.checkin.basePoints : checkinReward(c.streak, c.birthdayMonth, rules.checkin);
    add(c.kind === 'makeup' ? 'makeup' : 'checkin', c.count, c.points, c.count * cap(each));
  }

  const tierPct = new Map(rules.tiers.tiers.map((t) => [t.name, t.multiplierPct]));
  for (const o of facts.orders) {
    const each = purchasePoints(o.payFen, tierPct.get(o.tier) ?? 100, o.campaignPct, rules.earn.pointsPerYuan) + o.bonus;
    add('purchase', o.count, o.points, o.count * each);
  }

  add('signup', facts.signups.count, facts.signups.points, facts.signups.count * (rules.signup.giftPoints > 0 ? cap(rules.signup.giftPoints) : 0));

  // The monthly cap counts rewarded invitees per inviter per Shanghai month, each invitee once.
  const placed = new Set<number>();
  const places = new Map<string, number>();
  for (const i of facts.invites) {
    const points = i.kind === 'signup' ? rules.invites.signupPoints : rules.invites.orderPoints;
    const month = `${i.inviterId}:${shanghaiMonth(i.at)}`;
    let paid = placed.has(i.inviteeId);
    if (!paid && (places.get(month) ?? 0) < rules.invites.monthlyCap) {
      places.set(month, (places.get(month) ?? 0) + 1);
      placed.add(i.inviteeId);
      paid = true;
    }
    if (i.inWindow) add('invite', 1, i.points, paid && points > 0 ? cap(points) : 0);
  }

  return PREVIEW_SOURCES.map((s) => totals.get(s)!);
}

export interface RulePreviewSourceDto {
  source: PreviewSource;
  label: string;
  /** Check-ins, orders, sign-ups or invite rewards in the window. */
  events: number;
  /** Points issued as recorded. */
  actual: number;
  /** Points the draft would have issued. */
  draft: number;
}

export interface RulePreviewDto {
  key: RuleKey;
  /** The window, whole Shanghai days, inclusive. */
  from: string;
  to: string;
  sources: RulePreviewSourceDto[];
  actual: number;
  draft: number;
  /** draft − actual: the change in points owed to members, 100 points = 1 yuan (so also in fen). */
  delta: number;
  /** Points owed to members now (available + pending − debt), and with the delta. */
  outstanding: number;
  outstandingAfter: number;
  /** The rules in force now replayed over the same window, when that differs from what was issued. */
  currentReplay: number | null;
  /** What the replay does not show (parts of the rule that change no points issued). */
  notes: string[];
}

export interface RulePreviewRequest<K extends RuleKey = RuleKey> {
  value: ShopRules[K];
}

export const PREVIEW_SOURCE_LABELS: Record<PreviewSource, string> = {
  purchase: '购物奖励',
  checkin: '每日签到',
  makeup: '补签',
  invite: '邀请奖励',
  signup: '新人礼',
};

/** The parts of a draft that the replay cannot show, as the preview words them. */
export function previewNotes<K extends RuleKey>(key: K, current: ShopRules[K], draft: ShopRules[K]): string[] {
  const was = current as unknown as Record<string, unknown>;
  const now = draft as unknown as Record<string, unknown>;
  const changed = (field: string) => JSON.stringify(was[field]) !== JSON.stringify(now[field]);
  const notes: string[] = [];
  if (key === 'ledger') {
    if (changed('expiryMonths')) notes.push('有效期只决定今后获得的积分何时到期，不改变已发放的积分');
    if (changed('flagSingleEntry') || changed('flagMultipleOfUsual')) notes.push('预警线只决定哪些记录标记复核，不改变积分');
    if (changed('dailyCap')) notes.push('每日上限按每笔奖励单独核算，同日多笔叠加的封顶未重算');
  }
  if (key === 'tiers') {
    const a = (current as ShopRules['tiers']).tiers;
    const b = (draft as ShopRules['tiers']).tiers;
    if (a.some((t, i) => t.minGrowth !== b[i]?.minGrowth)) notes.push('按会员下单时的等级重算；门槛变化带来的升降级不在预览中');
    if (a.some((t, i) => t.mallDiscountPct !== b[i]?.mallDiscountPct)) notes.push('积分商城折扣改变兑换所需积分，不属于发放');
  }
  if (key === 'checkin' && (changed('makeupCost') || changed('makeupPerMonth') || changed('makeupWindowDays'))) {
    notes.push('补签消耗、次数与可补天数只影响今后的补签');
  }
  if (key === 'invites' && (changed('inviteeTemplateId') || changed('attributionDays'))) {
    notes.push('好友优惠券与邀请有效天数不改变积分发放');
  }
  return notes;
}
