import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, NotEquals, ValidateNested,
} from 'class-validator';
import {
  MAX_CODES_PER_UPLOAD, MAX_MALL_POINTS, MAX_PRICE_FEN, MAX_STOCK, type MallCodesUpload, type MallItemFilter, type MallItemInput, type MallItemKind,
  type MallItemStatus, type MallItemUpdate, REDEMPTION_CODE, type StockChangeRequest, type TierPoints,
} from '@jifen/shared';
import { IMAGE_PATH } from '../common/images.js';
import { Omittable } from '../common/validation.js';

const NOT_BLANK = { message: '$property must not be blank' };

/** Points per tier, each a whole number of points (a tier left out gets its mall discount). */
export class TierPointsDto implements TierPoints {
  @Omittable() @IsInt() @Min(1) @Max(MAX_MALL_POINTS) normal?: number;
  @Omittable() @IsInt() @Min(1) @Max(MAX_MALL_POINTS) silver?: number;
  @Omittable() @IsInt() @Min(1) @Max(MAX_MALL_POINTS) gold?: number;
  @Omittable() @IsInt() @Min(1) @Max(MAX_MALL_POINTS) diamond?: number;
}

/** What create and edit share; cross-field rules (kind ↔ goods/coupon, windows) are the service's. */
class MallItemFieldsDto {
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(64)
  title: string;

  @Omittable()
  @IsString()
  @MaxLength(128)
  subtitle?: string;

  @Omittable()
  @IsString()
  @Matches(IMAGE_PATH, { message: '$property must be an uploaded image path (/media/…)' })
  image?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  goodsId?: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  couponTemplateId?: number | null;

  /** Whole points: a price sent with decimals (yuan, not points) is refused. */
  @IsInt()
  @Min(1)
  @Max(MAX_MALL_POINTS)
  points: number;

  /** Integer fen on top of the points (goods only). */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_FEN)
  cashFen?: number;

  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => TierPointsDto)
  tierPoints?: TierPointsDto;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(999)
  perMemberLimit?: number | null;

  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string | null;

  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string | null;

  @Omittable()
  @IsIn(['on', 'off'])
  status?: MallItemStatus;
}

export class MallItemInputDto extends MallItemFieldsDto implements MallItemInput {
  @IsIn(['goods', 'coupon', 'virtual'])
  kind: MallItemKind;

  @Omittable()
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  stock?: number;
}

export class MallItemUpdateDto extends MallItemFieldsDto implements MallItemUpdate {
  @IsInt()
  @Min(1)
  version: number;
}

export class MallItemStatusDto {
  @IsIn(['on', 'off'])
  status: MallItemStatus;

  @IsInt()
  @Min(1)
  version: number;
}

export class MallStockChangeDto implements StockChangeRequest {
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_STOCK)
  @Max(MAX_STOCK)
  delta: number;

  @IsString()
  @Matches(/\S/, { message: 'reason: 请填写调整原因' })
  @MaxLength(100)
  reason: string;
}

export class MallCodesDto implements MallCodesUpload {
  @IsArray()
  @ArrayMinSize(1, { message: 'codes: 请至少填写一个兑换码' })
  @ArrayMaxSize(MAX_CODES_PER_UPLOAD)
  @IsString({ each: true })
  @Matches(REDEMPTION_CODE, { each: true, message: 'codes: 兑换码须为 4–64 位字母、数字或符号，不含空格' })
  codes: string[];
}

export class MallItemsQuery {
  @IsOptional()
  @IsIn(['all', 'on', 'off', 'sold_out'])
  filter?: MallItemFilter;
}
