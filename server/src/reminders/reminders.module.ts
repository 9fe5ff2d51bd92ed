import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentsService } from './consents.service.js';
import { ReminderCredit } from './reminder-credit.entity.js';
import { RemindersController } from './reminders.controller.js';

/** WeChat subscription-message reminders: consents so far (sending and the message centre follow). */
@Module({
  imports: [TypeOrmModule.forFeature([ReminderCredit])],
  controllers: [RemindersController],
  providers: [ConsentsService],
  exports: [ConsentsService],
})
export class RemindersModule {}
