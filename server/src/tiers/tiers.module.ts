import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module.js';
import { GrowthEntry } from './growth-entry.entity.js';
import { TiersController } from './tiers.controller.js';
import { TiersService } from './tiers.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([GrowthEntry]), MembersModule],
  controllers: [TiersController],
  providers: [TiersService],
  exports: [TiersService],
})
export class TiersModule {}
