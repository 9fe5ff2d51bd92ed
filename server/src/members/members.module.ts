import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouponsModule } from '../coupons/coupons.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { MarketingModule } from '../marketing/marketing.module.js';
import { Member } from './member.entity.js';
import { MemberAdminController } from './member-admin.controller.js';
import { MemberAdminService } from './member-admin.service.js';
import { MembersController } from './members.controller.js';
import type { AppConfig } from '../config/config.js';
import { DevPhoneController } from './dev-phone.controller.js';
import { MembersService } from './members.service.js';
import { SignupAnswer } from './signup-answer.js';
import { SignupService } from './signup.service.js';
import { StaffController } from './staff.controller.js';
import { StaffService } from './staff.service.js';

/** Members and sign-up, for other modules. */
@Module({
  imports: [TypeOrmModule.forFeature([Member]), LedgerModule],
  providers: [MembersService, SignupService],
  exports: [MembersService, SignupService],
})
export class MembersModule {}

/** The member's own routes (/api/me…), mounted once by the app. */
@Module({})
export class MembersHttpModule {
  /** The development phone route exists only without a WeChat AppID, like the dev sign-in. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MembersHttpModule,
      imports: [MembersModule, LedgerModule, CouponsModule, MarketingModule],
      providers: [StaffService, SignupAnswer, MemberAdminService],
      controllers: config.wechat.appId ? [MembersController, StaffController, MemberAdminController] : [MembersController, StaffController, MemberAdminController, DevPhoneController],
    };
  }
}
