import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MemberCodeDto } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { MemberCodeService } from './member-code.service.js';

/** 我的 → 会员码: the signed-in member's code for the till, new every minute. */
@ApiTags('member')
@ApiBearerAuth()
@Controller('me/member-code')
export class MemberCodeController {
  constructor(private readonly codes: MemberCodeService) {}

  @Get()
  current(@CurrentMember() caller: Caller): Promise<MemberCodeDto> {
    return this.codes.current(caller.id);
  }
}
