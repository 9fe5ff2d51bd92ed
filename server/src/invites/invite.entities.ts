import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { InviteStatus } from '@jifen/shared';
import { utcDatetime } from '../common/base.entity.js';

/** Someone opened a member's invite link or code: recorded for attribution only, never rewarded. */
@Entity('invite_visits')
export class InviteVisit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'inviter_id', type: 'int' })
  inviterId: number;

  @Column({ name: 'visitor_id', type: 'int' })
  visitorId: number;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}

/** One invitee, one inviter: the invitee's progress and what the inviter earned. */
@Entity('invites')
@Index('uq_invites_invitee', ['inviteeId'], { unique: true })
export class Invite {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'inviter_id', type: 'int' })
  inviterId: number;

  @Column({ name: 'invitee_id', type: 'int' })
  inviteeId: number;

  @Column({ type: 'varchar', length: 12 })
  status: InviteStatus;

  /** Points the inviter earned for this invitee. */
  @Column({ type: 'int' })
  points: number;

  @Column({ ...utcDatetime, name: 'opened_at' })
  openedAt: Date;

  @Column({ ...utcDatetime, name: 'signed_up_at', nullable: true })
  signedUpAt: Date | null;

  @Column({ ...utcDatetime, name: 'ordered_at', nullable: true })
  orderedAt: Date | null;

  @Column({ ...utcDatetime, name: 'rewarded_at', nullable: true })
  rewardedAt: Date | null;

  /** Why a reward was not paid (monthly cap), for the inviter's list. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  note: string | null;
}
