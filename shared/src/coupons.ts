/** Coupons (优惠券): templates, a member's coupons, and what checkout shows. */

/** 满减 (X off over Y), 折扣 (P% of the price, capped), 无门槛 (X off, no threshold). */
export type CouponKind = 'threshold' | 'discount' | 'no_threshold';
/** Which goods a coupon applies to. */
export type CouponScope = 'all' | 'categories' | 'goods';
/** How coupons of a template reach members. */
export type CouponChannel = 'center' | 'new_member' | 'invite' | 'mall' | 'targeted' | 'winback';

/** The money rule of a coupon; pure pricing in rules/pricing.ts reads only this. */
export interface CouponRule {
  kind: CouponKind;
  /** Eligible goods amount needed, in fen (0 for 无门槛 and unconditional 折扣). */
  thresholdFen: number;
  /** Fen off for threshold and no_threshold coupons; 0 for discount. */
  amountFen: number;
  /** For discount: the share paid, in percent (85 = 8.5折); 100 otherwise. */
  discountPct: number;
  /** For discount: the most it takes off, in fen, or null for no cap. */
  maxOffFen: number | null;
  scope: CouponScope;
  /** Category ids or goods ids for a scoped coupon; empty for 'all'. */
  scopeIds: number[];
}

export type CouponValidity =
  | { type: 'fixed'; startsAt: string; endsAt: string }
  | { type: 'relative'; days: number };

export interface CouponTemplateDto extends CouponRule {
  id: number;
  name: string;
  /** "满100减20", "8.5折 最高减30", "无门槛减5" */
  label: string;
  /** "全场通用", "限休闲零食可用", "限 3 件商品可用" */
  scopeLabel: string;
  channel: CouponChannel;
  validity: CouponValidity;
  /** Coupons that may ever be issued, or null for no limit. */
  total: number | null;
  perMember: number;
  issued: number;
  /** For the signed-in caller: how many of this template they hold (any state). */
  mine: number;
  /** The caller may claim another one now. */
  claimable: boolean;
}

/**
 * What an operator sends to create a template (POST /api/admin/coupons/templates). Money in
 * integer fen; kind-specific rules (a threshold above the amount, a discount's percent) are
 * checked by the server.
 */
export interface CouponTemplateInput {
  name: string;
  kind: CouponKind;
  thresholdFen?: number;
  amountFen?: number;
  /** For discount: the share paid, in percent (85 = 8.5折). */
  discountPct?: number;
  maxOffFen?: number | null;
  scope: CouponScope;
  scopeIds?: number[];
  channel: CouponChannel;
  validity: { type: 'fixed' | 'relative'; startsAt?: string; endsAt?: string; days?: number };
  claimStartsAt?: string | null;
  claimEndsAt?: string | null;
  /** Coupons that may ever be issued, or null for no limit. */
  total?: number | null;
  perMember?: number;
  status?: 'on' | 'off';
}

/** A member's coupon. 'locked' is held by an unpaid order and comes back if it closes. */
export type CouponState = 'available' | 'locked' | 'used' | 'expired';

export interface CouponDto extends CouponRule {
  id: number;
  templateId: number;
  name: string;
  label: string;
  /** Where it can be used, as the wallet words it (see CouponTemplateDto.scopeLabel). */
  scopeLabel: string;
  state: CouponState;
  startsAt: string;
  endsAt: string;
  orderId: number | null;
  receivedAt: string;
}

/** A coupon as checkout sees it: whether it fits this order and what it takes off. */
export interface CheckoutCouponDto extends CouponDto {
  usable: boolean;
  /** Why it cannot be used here, e.g. "差 ¥12.00 可用" or "不适用于所选商品". */
  reason: string | null;
  discountFen: number;
}

/** Operators' view of a template: its funnel. */
export interface CouponTemplateStatsDto extends CouponTemplateDto {
  used: number;
  /** used ÷ issued, in percent with one decimal as an integer of tenths (e.g. 125 = 12.5%). */
  useRatePermille: number;
  /** Paid amount of orders that used one of these coupons, in fen. */
  gmvFen: number;
  status: 'on' | 'off';
}

export const COUPON_STATE_LABELS: Record<CouponState, string> = {
  available: '可使用',
  locked: '待支付占用',
  used: '已使用',
  expired: '已过期',
};
