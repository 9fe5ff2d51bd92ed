import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CouponChannel, CouponKind, CouponScope } from '@jifen/shared';
import { BaseEntity, utcDatetime } from '../common/base.entity.js';

/** Ids stored as a JSON array in a text column. */
const jsonIds = {
  to: (ids: number[] | undefined) => JSON.stringify(ids ?? []),
  from: (text: string | null) => (text ? (JSON.parse(text) as number[]) : []),
};

@Entity('coupon_templates')
export class CouponTemplate extends BaseEntity {
  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CouponKind;

  @Column({ name: 'threshold_fen', type: 'int' })
  thresholdFen: number;

  @Column({ name: 'amount_fen', type: 'int' })
  amountFen: number;

  @Column({ name: 'discount_pct', type: 'int' })
  discountPct: number;

  @Column({ name: 'max_off_fen', type: 'int', nullable: true })
  maxOffFen: number | null;

  @Column({ type: 'varchar', length: 16 })
  scope: CouponScope;

  @Column({ name: 'scope_ids', type: 'text', transformer: jsonIds })
  scopeIds: number[];

  @Column({ type: 'varchar', length: 16 })
  channel: CouponChannel;

  @Column({ name: 'validity_type', type: 'varchar', length: 8 })
  validityType: 'fixed' | 'relative';

  @Column({ ...utcDatetime, name: 'starts_at', nullable: true })
  startsAt: Date | null;

  @Column({ ...utcDatetime, name: 'ends_at', nullable: true })
  endsAt: Date | null;

  @Column({ name: 'valid_days', type: 'int', nullable: true })
  validDays: number | null;

  /** When the claim centre shows it (null: no bound). */
  @Column({ ...utcDatetime, name: 'claim_starts_at', nullable: true })
  claimStartsAt: Date | null;

  @Column({ ...utcDatetime, name: 'claim_ends_at', nullable: true })
  claimEndsAt: Date | null;

  @Column({ type: 'int', nullable: true })
  total: number | null;

  /** Taken only by a conditional update that cannot pass `total`. */
  @Column({ type: 'int' })
  issued: number;

  @Column({ name: 'per_member', type: 'int' })
  perMember: number;

  @Column({ type: 'varchar', length: 8 })
  status: 'on' | 'off';
}

/** A member's coupon; 'expired' is derived (ends_at passed and not used), never stored. */
@Entity('coupons')
export class Coupon extends BaseEntity {
  @Column({ name: 'template_id', type: 'int' })
  templateId: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 10 })
  state: 'available' | 'locked' | 'used';

  @Column({ ...utcDatetime, name: 'starts_at' })
  startsAt: Date;

  @Column({ ...utcDatetime, name: 'ends_at' })
  endsAt: Date;

  @Column({ name: 'order_id', type: 'int', nullable: true })
  orderId: number | null;

  /** What issued it (claim:<member>:<template>:<key>, signup:<member>:<template>, …): a retry issues once. */
  @Column({ name: 'issue_key', type: 'varchar', length: 120 })
  issueKey: string;

  @Column({ type: 'varchar', length: 16 })
  channel: CouponChannel;

  @Column({ ...utcDatetime, name: 'received_at' })
  receivedAt: Date;

  @Column({ ...utcDatetime, name: 'used_at', nullable: true })
  usedAt: Date | null;
}

/** How many coupons of a template a member received, for the per-member limit. */
@Entity('coupon_member_counts')
export class CouponMemberCount {
  @PrimaryColumn({ name: 'member_id', type: 'int' })
  memberId: number;

  @PrimaryColumn({ name: 'template_id', type: 'int' })
  templateId: number;

  @Column({ type: 'int' })
  received: number;
}
