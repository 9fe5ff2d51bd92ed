import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AdminBannerDto, CampaignDto } from '@jifen/shared';
import { Roles } from '../auth/decorators.js';
import { IdPipe } from '../common/validation.js';
import { BannersService } from './banners.service.js';
import { BannerInputDto, BannerOrderDto, CampaignInputDto, CampaignListQuery, CampaignStatusDto, CampaignUpdateDto } from './campaigns.dto.js';
import { CampaignsService } from './campaigns.service.js';

/** 管理 → 活动 / 横幅 (writes are audited by the interceptor). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin')
export class CampaignsAdminController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly banners: BannersService,
  ) {}

  /** 进行中 / 未开始 / 已结束, or all. */
  @Get('campaigns')
  list(@Query() query: CampaignListQuery): Promise<CampaignDto[]> {
    return this.campaigns.list(query.state);
  }

  @Get('campaigns/:id')
  one(@Param('id', IdPipe) id: number): Promise<CampaignDto> {
    return this.campaigns.get(id);
  }

  @Post('campaigns')
  create(@Body() body: CampaignInputDto): Promise<CampaignDto> {
    return this.campaigns.create(body);
  }

  /** The whole campaign as edited, with the version it was read at (409 when stale). */
  @Put('campaigns/:id')
  update(@Param('id', IdPipe) id: number, @Body() body: CampaignUpdateDto): Promise<CampaignDto> {
    return this.campaigns.update(id, body);
  }

  @Post('campaigns/:id/status')
  @HttpCode(200)
  setStatus(@Param('id', IdPipe) id: number, @Body() body: CampaignStatusDto): Promise<CampaignDto> {
    return this.campaigns.setStatus(id, body.status, body.version);
  }

  @Get('banners')
  bannerList(): Promise<AdminBannerDto[]> {
    return this.banners.list();
  }

  @Post('banners')
  createBanner(@Body() body: BannerInputDto): Promise<AdminBannerDto> {
    return this.banners.create(body);
  }

  /** The order 首页 shows them in: every banner id, once each. */
  @Put('banners/order')
  orderBanners(@Body() body: BannerOrderDto): Promise<AdminBannerDto[]> {
    return this.banners.order(body.ids);
  }

  @Put('banners/:id')
  updateBanner(@Param('id', IdPipe) id: number, @Body() body: BannerInputDto): Promise<AdminBannerDto> {
    return this.banners.update(id, body);
  }

  @Delete('banners/:id')
  @HttpCode(204)
  removeBanner(@Param('id', IdPipe) id: number): Promise<void> {
    return this.banners.remove(id);
  }
}
