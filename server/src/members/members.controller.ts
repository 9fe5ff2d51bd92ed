import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { MeDto, PhoneRequest, SignupResultDto } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { MembersService } from './members.service.js';
import { SignupService } from './signup.service.js';

export class PhoneDto implements PhoneRequest {
  @ApiProperty({ description: "getPhoneNumber button's code" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  code: string;
}

@ApiTags('members')
@ApiBearerAuth()
@Controller()
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly ledger: LedgerQueries,
    private readonly signup: SignupService,
    private readonly wechat: WechatClient,
  ) {}

  @Get('me')
  async me(@CurrentMember() caller: Caller): Promise<MeDto> {
    const [member, points] = await Promise.all([this.members.get(caller.id), this.ledger.summary(caller.id)]);
    return this.members.toDto(member, points);
  }

  /** Completes sign-up with the phone WeChat verified (getPhoneNumber). */
  @Post('me/phone')
  @HttpCode(200)
  async bindPhone(@CurrentMember() caller: Caller, @Body() body: PhoneDto): Promise<SignupResultDto> {
    const phone = await this.wechat.phoneNumber(body.code);
    const result = await this.signup.complete(caller.id, phone.purePhoneNumber);
    return { member: this.members.toDto(result.member, await this.ledger.summary(caller.id)), giftPoints: result.giftPoints };
  }
}
