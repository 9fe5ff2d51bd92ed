import type { CouponValidity } from './coupons.js';
/** Points mall (积分商城) API shapes. */

import type { TierName } from './api.js';

export type MallItemKind = 'goods' | 'virtual' | 'coupon';

export interface MallItemDto {
  id: number;
  kind: MallItemKind;
  title: string;
  subtitle: string;
  image: string;
  /** Points before any tier price. */
  points: number;
  /** The signed-in member's price after the tier discount (= points for visitors). */
  memberPoints: number;
  /** Cash on top of the points, in fen (goods only; paid like an order); 0 for points only. */
  cashFen: number;
  stock: number;
  /** Redemptions allowed per member, or null for no limit. */
  perMemberLimit: number | null;
  startsAt: string | null;
  endsAt: string | null;
}

/** 积分商城 item page: the card's facts and what it is, in full. */
export interface MallItemDetailDto extends MallItemDto {
  /** Goods: the goods' description and pictures; others: empty. */
  description: string;
  images: string[];
  /** Coupon items: the coupon it issues (its rule, where it can be used and how long it lasts). */
  coupon: { label: string; scopeLabel: string; validity: CouponValidity } | null;
}

export interface RedeemRequest {
  /** Required for goods: where they ship. */
  addressId?: number;
}

export type RedemptionStatus = 'to_pay' | 'to_ship' | 'shipped' | 'received' | 'refunded' | 'granted';

export interface RedemptionDto {
  id: number;
  itemId: number;
  title: string;
  kind: MallItemKind;
  points: number;
  /** goods follow their order (to ship → shipped → received, or refunded with the points back); virtual and coupon items are granted at once. */
  status: RedemptionStatus;
  /** For goods: the order that ships them (see 我的订单). */
  orderId: number | null;
  /** For coupon items: the coupon put in the wallet. */
  couponId: number | null;
  /** For virtual items: the redemption code handed out (only its member sees it). */
  code: string | null;
  createdAt: string;
  /** Available points after the redemption. */
  available: number;
}

// ---- 管理 → 积分商城 ----

export type MallItemStatus = 'on' | 'off';
export type MallItemFilter = 'all' | 'on' | 'off' | 'sold_out';

/** Points a tier pays instead of the tier's mall discount; a tier left out gets the discount. */
export type TierPoints = Partial<Record<TierName, number>>;

/** Most points one item may cost (an absurd price is refused, not stored). */
export const MAX_MALL_POINTS = 10_000_000;
/** Most codes one upload may carry (a pool can grow by several uploads). */
export const MAX_CODES_PER_UPLOAD = 5_000;
/** A redemption code: what a partner's voucher looks like, printable and without spaces. */
export const REDEMPTION_CODE = /^[\x21-\x7e]{4,64}$/;

export interface AdminMallItemDto extends Omit<MallItemDto, 'memberPoints'> {
  status: MallItemStatus;
  sort: number;
  goodsId: number | null;
  /** The shipped goods' title (goods items), to show what an item sends. */
  goodsTitle: string | null;
  couponTemplateId: number | null;
  couponTemplateName: string | null;
  tierPoints: TierPoints;
  /** Redemptions so far (all states). */
  redeemed: number;
  /** Virtual items: the code pool; stock is the unused codes. */
  codes: { total: number; unused: number } | null;
  /** Sent back with an edit: an edit made on a stale copy is refused (MALL_ITEM_CHANGED). */
  version: number;
  updatedAt: string;
}

export interface MallItemInput {
  kind: MallItemKind;
  title: string;
  subtitle?: string;
  /** An uploaded /media/ path; left out, the goods' picture (goods) or the kind's own picture. */
  image?: string;
  /** Goods items: the catalog goods shipped. */
  goodsId?: number | null;
  /** Coupon items: an enabled template. */
  couponTemplateId?: number | null;
  points: number;
  /** Goods only: cash in fen paid on top of the points. */
  cashFen?: number;
  tierPoints?: TierPoints;
  /** Opening stock (goods and coupon items; a virtual item's stock is its unused codes). */
  stock?: number;
  perMemberLimit?: number | null;
  startsAt?: string | null;
  endsAt?: string | null;
  status?: MallItemStatus;
}

/** An edit: everything but the kind and the stock, with the version it was read at. */
export interface MallItemUpdate extends Omit<MallItemInput, 'kind' | 'stock'> {
  version: number;
}

export interface MallCodesUpload {
  /** One code each; blanks are refused, duplicates (within the upload or with the pool) too. */
  codes: string[];
}
