import { Injectable } from '@nestjs/common';
import type { SignupResultDto } from '@jifen/shared';
import { CouponsService } from '../coupons/coupons.service.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { MembersService } from './members.service.js';
import type { SignupResult } from './signup.service.js';

/**
 * What a completed sign-up tells the member, whichever way the phone came (WeChat's button or
 * the development stand-in): the member, the gift points, and the new-member coupons the
 * sign-up event is putting in the wallet, so none arrives without a word.
 */
@Injectable()
export class SignupAnswer {
  constructor(
    private readonly members: MembersService,
    private readonly ledger: LedgerQueries,
    private readonly coupons: CouponsService,
  ) {}

  async of(memberId: number, result: SignupResult): Promise<SignupResultDto> {
    return {
      member: this.members.toDto(result.member, await this.ledger.summary(memberId)),
      giftPoints: result.giftPoints,
      giftCoupons: result.completed ? await this.coupons.newMemberGifts() : [],
    };
  }
}
