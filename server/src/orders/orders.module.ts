import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddressesModule } from '../addresses/addresses.module.js';
import { CartModule } from '../cart/cart.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CouponsModule } from '../coupons/coupons.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { MembersModule } from '../members/members.module.js';
import { PayModule } from '../pay/pay.module.js';
import { TiersModule } from '../tiers/tiers.module.js';
import { CheckoutService } from './checkout.service.js';
import { Order, OrderLine, PaymentEvent, Refund } from './order.entities.js';
import { OrderBook } from './order-book.js';
import { OrdersAdminController } from './orders-admin.controller.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { PayController } from './pay.controller.js';
import { PaymentsService } from './payments.service.js';
import { RefundsService } from './refunds.service.js';
import { ShippingReports } from './shipping-reports.js';

@Module({
  imports: [TypeOrmModule.forFeature([Order, OrderLine, Refund, PaymentEvent]), AddressesModule, CampaignsModule, CartModule, CatalogModule, CouponsModule, LedgerModule, MembersModule, PayModule, TiersModule],
  controllers: [OrdersController, OrdersAdminController, PayController],
  providers: [CheckoutService, OrderBook, OrdersService, PaymentsService, RefundsService, ShippingReports],
  exports: [OrdersService, OrderBook, PaymentsService],
})
export class OrdersModule {}
