/** Points mall (积分商城) API shapes. */

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
  createdAt: string;
  /** Available points after the redemption. */
  available: number;
}
