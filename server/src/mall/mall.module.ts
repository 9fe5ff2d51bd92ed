import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddressesModule } from '../addresses/addresses.module.js';
import { CouponsModule } from '../coupons/coupons.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { MembersModule } from '../members/members.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { TiersModule } from '../tiers/tiers.module.js';
import { MallController } from './mall.controller.js';
import { MallAdminController } from './mall-admin.controller.js';
import { MallAdminService } from './mall-admin.service.js';
import { MallCode, MallItem, MallRedemption } from './mall.entities.js';
import { MallService } from './mall.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([MallItem, MallRedemption, MallCode]), LedgerModule, MembersModule, AddressesModule, CouponsModule, OrdersModule, TiersModule, RemindersModule],
  controllers: [MallController, MallAdminController],
  providers: [MallService, MallAdminService],
  exports: [MallService],
})
export class MallModule {}
