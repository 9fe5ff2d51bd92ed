import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthResult } from '@jifen/shared';
import { AuthService } from './auth.service.js';
import { Public } from './decorators.js';
import { DevLoginDto } from './dto.js';

/** Mounted only when no WeChat AppID is configured (see AuthModule). */
@ApiTags('auth')
@Public()
@Controller('auth')
export class DevAuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('dev')
  @HttpCode(200)
  @ApiOperation({ summary: '开发登录 (development only): sign in by nickname without WeChat' })
  devLogin(@Body() body: DevLoginDto): Promise<AuthResult> {
    return this.auth.devLogin(body.nickname);
  }
}
