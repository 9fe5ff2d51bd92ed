import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '../ledger/ledger.module.js';
import { MembersModule } from '../members/members.module.js';
import { CheckinController } from './checkin.controller.js';
import { Checkin } from './checkin.entity.js';
import { CheckinService } from './checkin.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Checkin]), LedgerModule, MembersModule],
  controllers: [CheckinController],
  providers: [CheckinService],
  exports: [CheckinService],
})
export class CheckinModule {}
