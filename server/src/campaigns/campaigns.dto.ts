import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, Validate, ValidateNested,
} from 'class-validator';
import {
  BANNER_PAGES, type BannerPage, type CampaignInput, type CampaignKind, type CampaignUpdate, MAX_BONUS_POINTS, MAX_MULTIPLIER_PCT,
} from '@jifen/shared';
import { IMAGE_PATH } from '../common/images.js';
import { CalendarDay, Omittable } from '../common/validation.js';

const NOT_BLANK = { message: '$property must not be blank' };

export class CampaignInputDto implements CampaignInput {
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(32)
  name: string;

  @IsIn(['multiplier', 'bonus'])
  kind: CampaignKind;

  /** Percent: 200 is double points (whole percents, so no float touches points). */
  @IsInt()
  @Min(100)
  @Max(MAX_MULTIPLIER_PCT)
  multiplierPct: number;

  @IsInt()
  @Min(0)
  @Max(MAX_BONUS_POINTS)
  bonusPoints: number;

  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  goodsIds: number[];

  @Validate(CalendarDay)
  startsOn: string;

  @Validate(CalendarDay)
  endsOn: string;

  @IsArray()
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];

  @IsArray()
  @ArrayMaxSize(31)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(31, { each: true })
  daysOfMonth: number[];

  @Omittable()
  @IsIn(['on', 'off'])
  status?: 'on' | 'off';
}

export class CampaignUpdateDto extends CampaignInputDto implements CampaignUpdate {
  @IsInt()
  @Min(1)
  version: number;
}

export class CampaignStatusDto {
  @IsIn(['on', 'off'])
  status: 'on' | 'off';

  @IsInt()
  @Min(1)
  version: number;
}

export class CampaignListQuery {
  @Omittable()
  @IsIn(['running', 'upcoming', 'ended'])
  state?: 'running' | 'upcoming' | 'ended';
}

/** Where a banner goes: the field its kind needs is checked by the service. */
export class BannerLinkDto {
  @IsIn(['none', 'page', 'goods', 'campaign'])
  kind: 'none' | 'page' | 'goods' | 'campaign';

  @Omittable()
  @IsIn(Object.keys(BANNER_PAGES))
  page?: BannerPage;

  @Omittable()
  @IsInt()
  @Min(1)
  goodsId?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  campaignId?: number;
}

export class BannerInputDto {
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(32)
  title: string;

  @IsString()
  @Matches(IMAGE_PATH, { message: '$property must be an uploaded image path (/media/…)' })
  image: string;

  @IsObject()
  @ValidateNested()
  @Type(() => BannerLinkDto)
  link: BannerLinkDto;

  @Omittable()
  @IsIn(['on', 'off'])
  status?: 'on' | 'off';
}

export class BannerOrderDto {
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids: number[];
}
