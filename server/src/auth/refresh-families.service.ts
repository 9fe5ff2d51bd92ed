import { Inject, Injectable } from '@nestjs/common';
import { IsNull, LessThan, Not } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { RefreshFamily } from './refresh-family.entity.js';
import type { RefreshPosition } from './tokens.service.js';

/**
 * Refresh-token rotation with reuse detection. Each sign-in opens a family; each refresh
 * retires the token it was given and hands out the next generation. A retired token shown
 * again means two parties hold the family's tokens (one of them stole it), so the whole
 * family is revoked and both must sign in again.
 */
@Injectable()
export class RefreshFamilies {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new family for a sign-in; the member's dead families (revoked, or every token expired) are dropped. */
  async open(memberId: number): Promise<RefreshPosition> {
    const now = this.clock.now();
    const expiredBefore = new Date(now.getTime() - this.config.jwt.refreshTtl * 1000);
    return this.db.unit(async (m) => {
      await m.delete(RefreshFamily, { memberId, revokedAt: Not(IsNull()) });
      await m.delete(RefreshFamily, { memberId, usedAt: LessThan(expiredBefore) });
      const { identifiers } = await m.insert(RefreshFamily, { memberId, generation: 0, usedAt: now, revokedAt: null, createdAt: now, updatedAt: now });
      return { family: Number(identifiers[0].id), generation: 0 };
    });
  }

  /**
   * The next generation when `position` is the family's live token, else null — and then the
   * family is revoked. One conditional UPDATE decides, so of concurrent refreshes with the same
   * token exactly one moves the generation on; the others find it moved and revoke.
   */
  async rotate(memberId: number, position: RefreshPosition): Promise<RefreshPosition | null> {
    const now = this.clock.now();
    const { family, generation } = position;
    return this.db.unit(async (m) => {
      const moved = await m.update(
        RefreshFamily,
        { id: family, memberId, generation, revokedAt: IsNull() },
        { generation: generation + 1, usedAt: now, updatedAt: now },
      );
      if (moved.affected === 1) return { family, generation: generation + 1 };
      await m.update(RefreshFamily, { id: family, memberId, revokedAt: IsNull() }, { revokedAt: now, updatedAt: now });
      return null;
    });
  }

  /** Signs one device out: no token of the family works any more. */
  async revoke(memberId: number, family: number): Promise<void> {
    const now = this.clock.now();
    await this.db.unit((m) => m.update(RefreshFamily, { id: family, memberId, revokedAt: IsNull() }, { revokedAt: now, updatedAt: now }));
  }

  /** Every family of the member (sign-out everywhere). */
  async revokeAll(memberId: number): Promise<void> {
    const now = this.clock.now();
    await this.db.unit((m) => m.update(RefreshFamily, { memberId, revokedAt: IsNull() }, { revokedAt: now, updatedAt: now }));
  }
}
