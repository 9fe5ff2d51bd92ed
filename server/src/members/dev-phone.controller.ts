import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { DevPhoneRequest, SignupResultDto } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { MembersService } from './members.service.js';
import { SignupAnswer } from './signup-answer.js';
import { SignupService } from './signup.service.js';

class DevPhoneDto implements DevPhoneRequest {
  @ApiProperty({ example: '13800138000' })
  @Matches(/^1[3-9]\d{9}$/, { message: 'phone must be a mainland mobile number' })
  phone: string;
}

/** Mounted only without a WeChat AppID: stands in for getPhoneNumber in the H5 build. */
@ApiTags('members')
@ApiBearerAuth()
@Controller('me/phone')
export class DevPhoneController {
  constructor(
    private readonly members: MembersService,
    private readonly signup: SignupService,
    private readonly answer: SignupAnswer,
    private readonly ledger: LedgerQueries,
  ) {}

  @Post('dev')
  @HttpCode(200)
  @ApiOperation({ summary: '开发用手机号 (development only): complete sign-up with a phone typed in' })
  async bindDevPhone(@CurrentMember() caller: Caller, @Body() body: DevPhoneDto): Promise<SignupResultDto> {
    const result = await this.signup.complete(caller.id, body.phone);
    return this.answer.of(caller.id, result);
  }
}
