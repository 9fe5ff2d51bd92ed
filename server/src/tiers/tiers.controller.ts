import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TierInfoDto } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { TiersService } from './tiers.service.js';

@ApiTags('members')
@ApiBearerAuth()
@Controller('me/tier')
export class TiersController {
  constructor(private readonly tiers: TiersService) {}

  @Get()
  tier(@CurrentMember() caller: Caller): Promise<TierInfoDto> {
    return this.tiers.info(caller.id);
  }
}
