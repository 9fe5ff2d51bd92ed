import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength, Validate } from 'class-validator';
import type { MeDto, PhoneRequest, ProfileRequest, SignupResultDto } from '@jifen/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainError } from '../common/errors.js';
import { CalendarDay, Omittable } from '../common/validation.js';
import { readUploadedFile } from '../common/uploads.js';
import { storeImage } from '../common/images.js';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { MembersService } from './members.service.js';
import { SignupAnswer } from './signup-answer.js';
import { SignupService } from './signup.service.js';

export class ProfileDto implements ProfileRequest {
  @ApiProperty({ required: false, example: '小明' })
  @Omittable()
  @IsString()
  @Matches(/\S/, { message: 'nickname must not be blank' })
  @MaxLength(32)
  nickname?: string;

  @ApiProperty({ required: false, example: '1995-05-20' })
  @Omittable()
  @Validate(CalendarDay)
  birthday?: string;
}

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
    private readonly answer: SignupAnswer,
    private readonly wechat: WechatClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('me')
  async me(@CurrentMember() caller: Caller): Promise<MeDto> {
    const [member, points] = await Promise.all([this.members.get(caller.id), this.ledger.summary(caller.id)]);
    return this.members.toDto(member, points);
  }

  @Patch('me')
  async updateProfile(@CurrentMember() caller: Caller, @Body() body: ProfileDto): Promise<MeDto> {
    const member = await this.members.updateProfile(caller.id, body);
    return this.members.toDto(member, await this.ledger.summary(caller.id));
  }

  /** The avatar from WeChat's chooseAvatar, uploaded as multipart field `avatar` (≤ 2 MB). */
  @Post('me/avatar')
  @HttpCode(200)
  async uploadAvatar(@CurrentMember() caller: Caller, @Req() req: FastifyRequest): Promise<MeDto> {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传头像');
    const file = await readUploadedFile(req, 'avatar');
    if (!file) throw new DomainError('VALIDATION_FAILED', '缺少头像文件（字段 avatar）');
    const url = await storeImage(this.config.mediaDir, 'avatars', `${caller.id}-`, file, '头像');
    const member = await this.members.setAvatar(caller.id, url);
    return this.members.toDto(member, await this.ledger.summary(caller.id));
  }

  /** Completes sign-up with the phone WeChat verified (getPhoneNumber). */
  @Post('me/phone')
  @HttpCode(200)
  async bindPhone(@CurrentMember() caller: Caller, @Body() body: PhoneDto): Promise<SignupResultDto> {
    const phone = await this.wechat.phoneNumber(body.code);
    const result = await this.signup.complete(caller.id, phone.purePhoneNumber);
    return this.answer.of(caller.id, result);
  }
}
