import { Column, Entity, Index } from 'typeorm';
import { BaseEntity, utcDatetime } from '../common/base.entity.js';

/** One sign-in on one device and the refresh tokens that follow from it. */
@Entity('refresh_families')
export class RefreshFamily extends BaseEntity {
  @Index('idx_refresh_families_member')
  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  /** The generation of the family's one live refresh token; older ones are retired. */
  @Column({ type: 'int', default: 0 })
  generation: number;

  /** When the family last issued a refresh token (its sign-in or latest refresh). */
  @Column({ ...utcDatetime, name: 'used_at' })
  usedAt: Date;

  /** Signed out, or a retired token was shown again: no token of the family works. */
  @Column({ ...utcDatetime, name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
