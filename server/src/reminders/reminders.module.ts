import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentsService } from './consents.service.js';
import { ExpiryReminders } from './expiry-reminders.js';
import { Message } from './message.entity.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';
import { ReminderCredit } from './reminder-credit.entity.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';
import { ReminderSettingsService } from './settings.service.js';

/** Reminders: consents to WeChat subscription messages, 消息中心, 消息设置 and the sender job. */
@Module({
  imports: [TypeOrmModule.forFeature([ReminderCredit, Message])],
  controllers: [RemindersController, MessagesController],
  providers: [ConsentsService, MessagesService, ReminderSettingsService, RemindersService, ExpiryReminders],
  exports: [ConsentsService, MessagesService, ReminderSettingsService, RemindersService],
})
export class RemindersModule {}
