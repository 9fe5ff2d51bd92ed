import { Module } from '@nestjs/common';
import { CouponsModule } from '../coupons/coupons.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { BatchReminders } from './batch-reminders.js';
import { CouponBatchesAdminController } from './coupon-batches-admin.controller.js';
import { CouponBatchesService } from './coupon-batches.service.js';
import { SegmentsService } from './segments.service.js';
import { TagsAdminController } from './tags-admin.controller.js';
import { TagsService } from './tags.service.js';

/** Member marketing: RFM groups and tags, targeted coupon batches, and win-backs measured against a hold-out. */
@Module({
  imports: [CouponsModule, RemindersModule],
  controllers: [TagsAdminController, CouponBatchesAdminController],
  providers: [TagsService, SegmentsService, CouponBatchesService, BatchReminders],
  exports: [TagsService],
})
export class MarketingModule {}
