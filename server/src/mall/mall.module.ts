import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '../ledger/ledger.module.js';
import { MembersModule } from '../members/members.module.js';
import { MallController } from './mall.controller.js';
import { MallItem, MallRedemption } from './mall.entities.js';
import { MallService } from './mall.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([MallItem, MallRedemption]), LedgerModule, MembersModule],
  controllers: [MallController],
  providers: [MallService],
  exports: [MallService],
})
export class MallModule {}
