import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/config.js';
import { MembersModule } from '../members/members.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { DevAuthController } from './dev-auth.controller.js';
import { RefreshFamilies } from './refresh-families.service.js';
import { RefreshFamily } from './refresh-family.entity.js';
import { TokenVersions } from './token-versions.js';
import { TokensService } from './tokens.service.js';

@Module({})
export class AuthModule {
  /** The development sign-in route exists only without a WeChat AppID. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({}), TypeOrmModule.forFeature([RefreshFamily]), MembersModule, LedgerModule],
      controllers: config.wechat.appId ? [AuthController] : [AuthController, DevAuthController],
      providers: [AuthService, TokensService, RefreshFamilies, TokenVersions, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokensService, TokenVersions],
    };
  }
}
