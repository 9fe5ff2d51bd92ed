import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderStatus, RefundStatus, TierName } from '@jifen/shared';
import { BaseEntity, utcDatetime } from '../common/base.entity.js';

export interface AddressSnapshot {
  name: string;
  phone: string;
  full: string;
}

/** An order's money is fixed when it is created: goods − coupon − points as cash = pay. */
@Entity('orders')
export class Order extends BaseEntity {
  @Column({ name: 'order_no', type: 'varchar', length: 32 })
  orderNo: string;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  /** Changed only through the transitions in order-states.ts, by conditional update. */
  @Column({ type: 'varchar', length: 12 })
  status: OrderStatus;

  @Column({ type: 'varchar', length: 8 })
  source: 'shop' | 'mall';

  @Column({ name: 'goods_fen', type: 'int' })
  goodsFen: number;

  @Column({ name: 'coupon_id', type: 'int', nullable: true })
  couponId: number | null;

  @Column({ name: 'coupon_name', type: 'varchar', length: 64, nullable: true })
  couponName: string | null;

  @Column({ name: 'coupon_fen', type: 'int' })
  couponFen: number;

  /** Points spent on the order (as cash for shop orders, the price for mall orders). */
  @Column({ type: 'int' })
  points: number;

  @Column({ name: 'points_fen', type: 'int' })
  pointsFen: number;

  @Column({ name: 'pay_fen', type: 'int' })
  payFen: number;

  @Column({ name: 'refunded_fen', type: 'int' })
  refundedFen: number;

  /** Purchase points earned at payment (pending until completion). */
  @Column({ name: 'earn_points', type: 'int' })
  earnPoints: number;

  /** What the purchase points were computed with: the member's tier, the campaign ×N and bonus. */
  @Column({ name: 'earn_tier', type: 'varchar', length: 8, nullable: true })
  earnTier: TierName | null;

  @Column({ name: 'earn_campaign_pct', type: 'int', nullable: true })
  earnCampaignPct: number | null;

  @Column({ name: 'earn_bonus', type: 'int', nullable: true })
  earnBonus: number | null;

  @Column({ name: 'earn_state', type: 'varchar', length: 10 })
  earnState: 'none' | 'pending' | 'confirmed' | 'cancelled';

  /** The address as it was when ordered: JSON of AddressSnapshot. */
  @Column({ type: 'varchar', length: 400 })
  address: string;

  @Column({ type: 'varchar', length: 200 })
  remark: string;

  /** member id + the client's idempotency key: a double tap makes one order. */
  @Column({ name: 'request_key', type: 'varchar', length: 80 })
  requestKey: string;

  @Column({ ...utcDatetime, name: 'pay_deadline', nullable: true })
  payDeadline: Date | null;

  @Column({ ...utcDatetime, name: 'paid_at', nullable: true })
  paidAt: Date | null;

  @Column({ name: 'pay_channel', type: 'varchar', length: 8, nullable: true })
  payChannel: 'wechat' | 'sandbox' | 'none' | null;

  @Column({ name: 'transaction_id', type: 'varchar', length: 40, nullable: true })
  transactionId: string | null;

  @Column({ ...utcDatetime, name: 'shipped_at', nullable: true })
  shippedAt: Date | null;

  @Column({ name: 'express_company', type: 'varchar', length: 32, nullable: true })
  expressCompany: string | null;

  @Column({ name: 'tracking_no', type: 'varchar', length: 40, nullable: true })
  trackingNo: string | null;

  @Column({ ...utcDatetime, name: 'auto_complete_at', nullable: true })
  autoCompleteAt: Date | null;

  @Column({ ...utcDatetime, name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column({ ...utcDatetime, name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'close_reason', type: 'varchar', length: 64, nullable: true })
  closeReason: string | null;

  /** While a partial refund runs (status refunding), the status to return to. */
  @Column({ name: 'resume_status', type: 'varchar', length: 12, nullable: true })
  resumeStatus: OrderStatus | null;
}

@Entity('order_lines')
export class OrderLine {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'order_id', type: 'int' })
  orderId: number;

  @Column({ name: 'goods_id', type: 'int' })
  goodsId: number;

  @Column({ name: 'sku_id', type: 'int' })
  skuId: number;

  @Column({ name: 'category_id', type: 'int' })
  categoryId: number;

  @Column({ type: 'varchar', length: 64 })
  title: string;

  @Column({ name: 'sku_name', type: 'varchar', length: 32 })
  skuName: string;

  @Column({ type: 'varchar', length: 255 })
  image: string;

  @Column({ name: 'price_fen', type: 'int' })
  priceFen: number;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ name: 'amount_fen', type: 'int' })
  amountFen: number;

  /** This line's share of the coupon and of the points (pro rata, exact in total). */
  @Column({ name: 'coupon_fen', type: 'int' })
  couponFen: number;

  @Column({ type: 'int' })
  points: number;

  @Column({ name: 'refunded_quantity', type: 'int' })
  refundedQuantity: number;
}

@Entity('refunds')
export class Refund extends BaseEntity {
  @Column({ name: 'order_id', type: 'int' })
  orderId: number;

  /** Our out_refund_no: WeChat treats a retry with the same number as the same refund. */
  @Column({ name: 'refund_no', type: 'varchar', length: 32 })
  refundNo: string;

  @Column({ name: 'amount_fen', type: 'int' })
  amountFen: number;

  /** Points used as cash that come back with this refund. */
  @Column({ type: 'int' })
  points: number;

  @Column({ name: 'earned_taken', type: 'int' })
  earnedTaken: number;

  @Column({ type: 'varchar', length: 12 })
  status: RefundStatus;

  @Column({ type: 'varchar', length: 80 })
  reason: string;

  /** JSON [{lineId, quantity}] refunded by this refund. */
  @Column({ type: 'varchar', length: 1000 })
  lines: string;

  @Column({ name: 'operator_id', type: 'int', nullable: true })
  operatorId: number | null;

  @Column({ ...utcDatetime, name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}

/** Each WeChat Pay notification id once: a replay finds its row and changes nothing. */
@Entity('payment_events')
export class PaymentEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'event_id', type: 'varchar', length: 64 })
  eventId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 32 })
  eventType: string;

  @Column({ type: 'varchar', length: 40 })
  reference: string;

  @Column({ type: 'varchar', length: 64 })
  outcome: string;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}
