import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { Db } from '../common/db.js';
import { Events } from '../events/events.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { RulesService } from '../rules/rules.service.js';
import { isUniqueViolation } from '../common/sql.js';
import { Member } from './member.entity.js';

export interface SignupResult {
  member: Member;
  /** True the first time: the gift was granted and `member.signed_up` emitted. */
  completed: boolean;
  giftPoints: number;
}

/**
 * Completing sign-up with a verified phone: the phone is bound (one member per phone), the
 * new-member gift is granted once per person — keyed by the phone in the ledger, and once
 * per member by `signed_up_at` — and `member.signed_up` is emitted for invites and coupons.
 */
@Injectable()
export class SignupService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly events: Events,
    private readonly rules: RulesService,
  ) {}

  async complete(memberId: number, phone: string): Promise<SignupResult> {
    const rules = await this.rules.of('signup');
    return this.db.unit(async (m) => {
      const now = this.clock.now();
      const member = await m.findOneBy(Member, { id: memberId });
      if (!member) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
      if (member.phone === phone) return { member, completed: false, giftPoints: 0 };
      const owner = await m.findOneBy(Member, { phone });
      if (owner) throw new DomainError('PHONE_TAKEN', '该手机号已绑定其他账号');
      const first = member.signedUpAt === null;
      await m.update(Member, { id: memberId }, { phone, signedUpAt: member.signedUpAt ?? now, updatedAt: now });
      let giftPoints = 0;
      if (first) {
        const gift = await this.ledger.earn({
          memberId, amount: rules.giftPoints, source: 'signup', key: `signup-gift:${phone}`, ref: { type: 'gift', id: 'new-member' },
        }).catch((error: unknown) => {
          // This phone had the gift on another account before (since unbound): no second gift.
          if ((error as DomainError).code === 'IDEMPOTENCY_CONFLICT') return null;
          throw error;
        });
        giftPoints = gift?.amount ?? 0;
        await this.events.emit('member.signed_up', { memberId, at: now.toISOString() });
      }
      return { member: await m.findOneByOrFail(Member, { id: memberId }), completed: first, giftPoints };
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new DomainError('PHONE_TAKEN', '该手机号已绑定其他账号');
      throw error;
    });
  }
}
