import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MeDto } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@ApiBearerAuth()
@Controller()
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly ledger: LedgerQueries,
  ) {}

  @Get('me')
  async me(@CurrentMember() caller: Caller): Promise<MeDto> {
    const [member, points] = await Promise.all([this.members.get(caller.id), this.ledger.summary(caller.id)]);
    return this.members.toDto(member, points);
  }
}
