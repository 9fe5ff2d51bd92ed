import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/config.js';
import type { Clock } from './common/clock.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { WechatModule } from './wechat/wechat.module.js';
import { AuthModule } from './auth/auth.module.js';
import { MembersHttpModule } from './members/members.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { RulesModule } from './rules/rules.module.js';
import { EventsModule } from './events/events.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { CheckinModule } from './checkin/checkin.module.js';
import { InvitesModule } from './invites/invites.module.js';
import { TiersModule } from './tiers/tiers.module.js';
import { MallModule } from './mall/mall.module.js';
import { CouponsModule } from './coupons/coupons.module.js';
import { CartModule } from './cart/cart.module.js';
import { AddressesModule } from './addresses/addresses.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AdminModule } from './admin/admin.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { MarketingModule } from './marketing/marketing.module.js';
import { OpenModule } from './open/open.module.js';
import { HealthController } from './health/health.controller.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        DatabaseModule,
        WechatModule,
        RulesModule,
        EventsModule,
        JobsModule,
        LedgerModule,
        AuthModule.forRoot(config),
        MembersHttpModule.forRoot(config),
        CatalogModule,
        CheckinModule,
        InvitesModule,
        TiersModule,
        MallModule,
        CouponsModule,
        CartModule,
        AddressesModule,
        CampaignsModule,
        OrdersModule,
        AuditModule,
        AdminModule,
        RemindersModule,
        ReportsModule,
        MarketingModule,
        OpenModule,
      ],
      controllers: [HealthController],
    };
  }
}
