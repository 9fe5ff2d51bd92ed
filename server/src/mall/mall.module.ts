import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddressesModule } from '../addresses/addresses.module.js';
import { CouponsModule } from '../coupons/coupons.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { MembersModule } from '../members/members.module.js';
import { MallController } from './mall.controller.js';
import { MallItem, MallRedemption } from './mall.entities.js';
import { MallService } from './mall.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([MallItem, MallRedemption]), LedgerModule, MembersModule, AddressesModule, CouponsModule, OrdersModule],
  controllers: [MallController],
  providers: [MallService],
  exports: [MallService],
})
export class MallModule {}
