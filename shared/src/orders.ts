/** Catalog details, cart, addresses, orders and payment: the API shapes of the spend loop. */
import type { GoodsDto } from './api.js';
import type { CheckoutCouponDto } from './coupons.js';

export interface SkuDto {
  id: number;
  goodsId: number;
  /** The spec a shopper picks, e.g. "500g 礼盒装". */
  name: string;
  priceFen: number;
  stock: number;
}

export interface GoodsDetailDto extends GoodsDto {
  images: string[];
  description: string;
  skus: SkuDto[];
}

export interface CartItemDto {
  id: number;
  skuId: number;
  goodsId: number;
  title: string;
  skuName: string;
  image: string;
  priceFen: number;
  quantity: number;
  stock: number;
  checked: boolean;
  /** False when the goods are off sale or the SKU has less stock than the quantity. */
  available: boolean;
}

export interface AddCartRequest {
  skuId: number;
  quantity: number;
}

export interface UpdateCartRequest {
  quantity?: number;
  checked?: boolean;
}

export interface AddressInput {
  name: string;
  /** Mainland mobile, 11 digits. */
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault?: boolean;
}

export interface AddressDto extends Required<AddressInput> {
  id: number;
}

export interface CheckoutLineInput {
  skuId: number;
  quantity: number;
}

/**
 * What checkout sends. Only choices travel: prices and totals are always computed by the
 * server. `couponId` undefined = the best coupon, null = no coupon.
 */
export interface QuoteRequest {
  lines: CheckoutLineInput[];
  couponId?: number | null;
  /** Points used as cash: a multiple of 100, at most `maxPoints` of the quote. */
  points?: number;
}

export interface CreateOrderRequest extends QuoteRequest {
  addressId: number;
  remark?: string;
  /** Remove the ordered SKUs from the cart once the order is created. */
  fromCart?: boolean;
}

export interface OrderLineDto {
  id: number;
  goodsId: number;
  skuId: number;
  title: string;
  skuName: string;
  image: string;
  priceFen: number;
  quantity: number;
  amountFen: number;
  refundedQuantity: number;
}

export interface QuoteDto {
  lines: Omit<OrderLineDto, 'id' | 'refundedQuantity'>[];
  goodsFen: number;
  /** All the member's coupons that are available now, usable ones first, best first. */
  coupons: CheckoutCouponDto[];
  couponId: number | null;
  couponFen: number;
  /** Points as cash: the most allowed (≤ 50% of goods, steps of 100, ≤ balance), and what is applied. */
  maxPoints: number;
  points: number;
  pointsFen: number;
  /** What WeChat Pay charges: goods − coupon − points. */
  payFen: number;
  /** Purchase points this order earns when paid (pending until completed). */
  earnPoints: number;
  /** What campaigns add within earnPoints: the multiplier applied (100 = none) and the bonus points. */
  campaignPct: number;
  campaignBonus: number;
  available: number;
}

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'completed' | 'closed' | 'refunding' | 'refunded';

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: '待付款',
  paid: '待发货',
  shipped: '待收货',
  completed: '已完成',
  closed: '已关闭',
  refunding: '退款中',
  refunded: '已退款',
};

/** Tabs of 我的订单 and the statuses each shows. */
export const ORDER_TABS = [
  { key: 'all', label: '全部', statuses: [] as OrderStatus[] },
  { key: 'pending', label: '待付款', statuses: ['pending'] as OrderStatus[] },
  { key: 'paid', label: '待发货', statuses: ['paid'] as OrderStatus[] },
  { key: 'shipped', label: '待收货', statuses: ['shipped'] as OrderStatus[] },
  { key: 'after', label: '退款/售后', statuses: ['refunding', 'refunded'] as OrderStatus[] },
] as const;

export type RefundStatus = 'processing' | 'success' | 'failed';

export interface RefundDto {
  id: number;
  refundNo: string;
  amountFen: number;
  /** Points used as cash that this refund gives back. */
  points: number;
  /** Purchase points this refund took back (cancelled while pending, reversed once confirmed). */
  earnedPointsTaken: number;
  status: RefundStatus;
  reason: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface OrderDto {
  id: number;
  orderNo: string;
  status: OrderStatus;
  statusLabel: string;
  /** 'shop' orders are paid in money; 'mall' orders come from a points-mall redemption of goods. */
  source: 'shop' | 'mall';
  lines: OrderLineDto[];
  goodsFen: number;
  couponId: number | null;
  couponName: string | null;
  couponFen: number;
  points: number;
  pointsFen: number;
  payFen: number;
  refundedFen: number;
  /** Purchase points of this order and where they stand. */
  earnPoints: number;
  earnState: 'none' | 'pending' | 'confirmed' | 'cancelled';
  address: { name: string; phone: string; full: string };
  remark: string;
  createdAt: string;
  /** Unpaid orders close at this time. */
  payDeadline: string | null;
  paidAt: string | null;
  payChannel: 'wechat' | 'sandbox' | 'none' | null;
  shippedAt: string | null;
  expressCompany: string | null;
  trackingNo: string | null;
  /** Shipped orders complete by themselves at this time. */
  autoCompleteAt: string | null;
  completedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  refunds: RefundDto[];
}

/**
 * How to pay: 'wechat' carries the wx.requestPayment parameters; 'sandbox' (no merchant
 * configured, clearly labelled in the UI) is paid with POST /api/pay/sandbox/:orderId;
 * 'none' means nothing is left to pay (coupon and points covered it) and the order is paid.
 */
export type PayDto =
  | { mode: 'wechat'; params: { timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string } }
  | { mode: 'sandbox' }
  | { mode: 'none'; order: OrderDto };

/** Express companies with their WeChat delivery ids (get_delivery_list), for 发货 and its report to WeChat. */
export const EXPRESS_COMPANIES = [
  { code: 'SF', name: '顺丰速运' },
  { code: 'ZTO', name: '中通快递' },
  { code: 'YTO', name: '圆通速递' },
  { code: 'YD', name: '韵达快递' },
  { code: 'STO', name: '申通快递' },
  { code: 'JTSD', name: '极兔速递' },
  { code: 'JD', name: '京东物流' },
  { code: 'EMS', name: 'EMS' },
] as const;

export interface ShipRequest {
  expressCompany: string;
  trackingNo: string;
}

/** An operator's refund: the whole order, or some quantity of some lines. */
export interface RefundRequest {
  lines?: { lineId: number; quantity: number }[];
  reason: string;
}
