import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { BannerDto, CampaignDto } from '@jifen/shared';
import { Public } from '../auth/decorators.js';
import { DomainError } from '../common/errors.js';
import { IdPipe } from '../common/validation.js';
import { BannersService } from './banners.service.js';
import { CampaignsService } from './campaigns.service.js';

/** What shoppers are promised: 首页 banners and the campaigns running now (open to visitors). */
@ApiTags('campaigns')
@Public()
@Controller()
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly banners: BannersService,
  ) {}

  @Get('banners')
  bannerList(): Promise<BannerDto[]> {
    return this.banners.live();
  }

  /** Running campaigns (today within their days), each with `activeToday` and its summary. */
  @Get('campaigns')
  current(): Promise<CampaignDto[]> {
    return this.campaigns.current();
  }

  @Get('campaigns/:id')
  async one(@Param('id', IdPipe) id: number): Promise<CampaignDto> {
    const found = (await this.campaigns.current()).find((c) => c.id === id);
    if (!found) throw new DomainError('NOT_FOUND', '活动已结束');
    return found;
  }
}
