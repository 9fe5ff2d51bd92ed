import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthOptionsDto, AuthResult } from '@jifen/shared';
import { WechatClient } from '../wechat/wechat.client.js';
import { AuthService } from './auth.service.js';
import { Public } from './decorators.js';
import { RefreshDto, WechatLoginDto } from './dto.js';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly wechat: WechatClient,
  ) {}

  @Get('options')
  options(): AuthOptionsDto {
    return { wechat: this.wechat.configured, dev: !this.wechat.configured };
  }

  @Post('wechat')
  @HttpCode(200)
  wechatLogin(@Body() body: WechatLoginDto): Promise<AuthResult> {
    return this.auth.wechatLogin(body.code);
  }

  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto): Promise<AuthResult> {
    return this.auth.refresh(body.refreshToken);
  }
}
