import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthOptionsDto, AuthResult } from '@jifen/shared';
import { WechatClient } from '../wechat/wechat.client.js';
import { AuthService } from './auth.service.js';
import { type Caller, CurrentMember, Public } from './decorators.js';
import { RefreshDto, WechatLoginDto } from './dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly wechat: WechatClient,
  ) {}

  @Public()
  @Get('options')
  options(): AuthOptionsDto {
    return { wechat: this.wechat.configured, dev: !this.wechat.configured };
  }

  @Public()
  @Post('wechat')
  @HttpCode(200)
  wechatLogin(@Body() body: WechatLoginDto): Promise<AuthResult> {
    return this.auth.wechatLogin(body.code);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new token pair; the refresh token sent is retired, and showing it again signs that device out' })
  refresh(@Body() body: RefreshDto): Promise<AuthResult> {
    return this.auth.refresh(body.refreshToken);
  }

  /** The refresh token is the proof: a device whose access token has expired can still sign out. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out on this device: the family of this refresh token stops working' })
  logout(@Body() body: RefreshDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Sign out on every device: all of the member's refresh and access tokens stop working" })
  logoutAll(@CurrentMember() caller: Caller): Promise<void> {
    return this.auth.logoutAll(caller.id);
  }
}
