import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Banner } from './banner.entity.js';
import { BannersService } from './banners.service.js';
import { Campaign } from './campaign.entity.js';
import { CampaignsAdminController } from './campaigns-admin.controller.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsService } from './campaigns.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Campaign, Banner])],
  controllers: [CampaignsController, CampaignsAdminController],
  providers: [CampaignsService, BannersService],
  exports: [CampaignsService, BannersService],
})
export class CampaignsModule {}
