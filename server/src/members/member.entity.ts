import { Column, Entity, Index } from 'typeorm';
import type { Role, TierName } from '@jifen/shared';
import { BaseEntity, utcDatetime } from '../common/base.entity.js';

@Entity('members')
export class Member extends BaseEntity {
  /** WeChat openid; development sign-ins use `dev:<nickname>`. */
  @Index('uq_members_openid', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ type: 'varchar', length: 64 })
  nickname: string;

  @Column({ name: 'avatar_url', type: 'varchar', length: 512, nullable: true })
  avatarUrl: string | null;

  @Column({ type: 'varchar', length: 16, default: 'member' })
  role: Role;

  @Column({ type: 'varchar', length: 16, default: 'normal' })
  tier: TierName;

  /** YYYY-MM-DD, or null when the member has not said. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  birthday: string | null;

  /** Verified through WeChat's getPhoneNumber; one member per phone. */
  @Index('uq_members_phone', { unique: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** When sign-up was completed with a verified phone (the new-member gift, invite rewards). */
  @Column({ ...utcDatetime, name: 'signed_up_at', nullable: true })
  signedUpAt: Date | null;

  /** Short code in the member's invite links and poster (scene ≤ 32 chars). */
  @Index('uq_members_invite_code', { unique: true })
  @Column({ name: 'invite_code', type: 'varchar', length: 16, nullable: true })
  inviteCode: string | null;

  /** Bumped to revoke every refresh token of the member (sign-out everywhere, role change). */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;
}
