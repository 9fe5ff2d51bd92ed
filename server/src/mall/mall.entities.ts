import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MallItemKind } from '@jifen/shared';
import { BaseEntity, utcDatetime } from '../common/base.entity.js';

@Entity('mall_items')
export class MallItem extends BaseEntity {
  @Column({ type: 'varchar', length: 8 })
  kind: MallItemKind;

  @Column({ type: 'varchar', length: 64 })
  title: string;

  @Column({ type: 'varchar', length: 128 })
  subtitle: string;

  @Column({ type: 'varchar', length: 255 })
  image: string;

  /** The catalog goods shipped for a goods item. */
  @Column({ name: 'goods_id', type: 'int', nullable: true })
  goodsId: number | null;

  @Column({ type: 'int' })
  points: number;

  /** Cash on top of the points (goods only), paid like an order; 0 for points only. */
  @Column({ name: 'cash_fen', type: 'int', default: 0 })
  cashFen: number;

  /** For coupon items: the template a redemption issues from. */
  @Column({ name: 'coupon_template_id', type: 'int', nullable: true })
  couponTemplateId: number | null;

  /** Taken only by a conditional update that cannot go below zero. */
  @Column({ type: 'int' })
  stock: number;

  @Column({ name: 'per_member_limit', type: 'int', nullable: true })
  perMemberLimit: number | null;

  @Column({ ...utcDatetime, name: 'starts_at', nullable: true })
  startsAt: Date | null;

  @Column({ ...utcDatetime, name: 'ends_at', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'varchar', length: 8 })
  status: 'on' | 'off';

  @Column({ type: 'int' })
  sort: number;

  /** Bumped by every operator edit; an edit based on an older version is refused. */
  @Column({ type: 'int', default: 1 })
  version: number;

  /** JSON TierPoints: what a tier pays instead of its mall discount. */
  @Column({ name: 'tier_points', type: 'varchar', length: 200, default: '{}' })
  tierPoints: string;
}

@Entity('mall_redemptions')
export class MallRedemption {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'item_id', type: 'int' })
  itemId: number;

  @Column({ type: 'int' })
  points: number;

  @Column({ type: 'varchar', length: 10 })
  /** As redeemed; a goods redemption's later states are its order's. */
  status: 'to_ship' | 'granted' | 'refunded';

  @Column({ name: 'order_id', type: 'int', nullable: true })
  orderId: number | null;

  @Column({ name: 'coupon_id', type: 'int', nullable: true })
  couponId: number | null;

  /** Virtual items: the code handed out. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  code: string | null;

  /** member id + the client's idempotency key: a retried request redeems once. */
  @Column({ name: 'request_key', type: 'varchar', length: 80 })
  requestKey: string;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}

/** One redemption code of a virtual item, unused until a redemption takes it. */
@Entity('mall_codes')
export class MallCode {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'item_id', type: 'integer' })
  itemId: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ name: 'request_key', type: 'varchar', length: 80, nullable: true })
  requestKey: string | null;

  @Column({ name: 'member_id', type: 'integer', nullable: true })
  memberId: number | null;

  @Column({ ...utcDatetime, name: 'issued_at', nullable: true })
  issuedAt: Date | null;

  @Column({ name: 'loaded_by', type: 'integer', nullable: true })
  loadedBy: number | null;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}
