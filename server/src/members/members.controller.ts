import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MeDto } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@ApiBearerAuth()
@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('me')
  async me(@CurrentMember() caller: Caller): Promise<MeDto> {
    return this.members.toDto(await this.members.get(caller.id));
  }
}
