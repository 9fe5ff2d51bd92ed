import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouponsAdminController } from './coupons-admin.controller.js';
import { CouponsController } from './coupons.controller.js';
import { Coupon, CouponMemberCount, CouponTemplate } from './coupon.entities.js';
import { CouponsService } from './coupons.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([CouponTemplate, Coupon, CouponMemberCount])],
  controllers: [CouponsController, CouponsAdminController],
  providers: [CouponsService],
  exports: [CouponsService],
})
export class CouponsModule {}
