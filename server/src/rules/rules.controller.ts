import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PublicRulesDto } from '@jifen/shared';
import { Public } from '../auth/decorators.js';
import { RulesService } from './rules.service.js';

/** The rules shoppers' pages word their promises from (open to visitors). */
@ApiTags('rules')
@Public()
@Controller('rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  async current(): Promise<PublicRulesDto> {
    const [earn, tiers, checkin, signup, ledger, shop] = await Promise.all([
      this.rules.of('earn'), this.rules.of('tiers'), this.rules.of('checkin'), this.rules.of('signup'), this.rules.of('ledger'), this.rules.of('shop'),
    ]);
    return { pointsPerYuan: earn.pointsPerYuan, tiers: tiers.tiers, checkin, giftPoints: signup.giftPoints, expiryMonths: ledger.expiryMonths, shop };
  }
}
