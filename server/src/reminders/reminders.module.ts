import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckinReminders } from './checkin-reminders.js';
import { ConsentsService } from './consents.service.js';
import { EventReminders } from './event-reminders.js';
import { ExpiryReminders } from './expiry-reminders.js';
import { Message } from './message.entity.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';
import { PolicyNoticesService } from './policy-notices.service.js';
import { ReminderCredit } from './reminder-credit.entity.js';
import { ReminderStatsService } from './reminder-stats.service.js';
import { RemindersAdminController } from './reminders-admin.controller.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';
import { ReminderSettingsService } from './settings.service.js';

/** Reminders: consents to WeChat subscription messages, 消息中心, 消息设置, the jobs that remind, the sender, and 管理 → 消息. */
@Module({
  imports: [TypeOrmModule.forFeature([ReminderCredit, Message])],
  controllers: [RemindersController, MessagesController, RemindersAdminController],
  providers: [ConsentsService, MessagesService, ReminderSettingsService, RemindersService, ExpiryReminders, CheckinReminders, EventReminders,
    PolicyNoticesService, ReminderStatsService],
  exports: [ConsentsService, MessagesService, ReminderSettingsService, RemindersService],
})
export class RemindersModule {}
