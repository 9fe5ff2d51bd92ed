import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, NotEquals, ValidateNested,
} from 'class-validator';
import {
  type CategoryInput, type CategoryPatch, type GoodsFilter, type GoodsInput, type GoodsStatus, type GoodsUpdate, MAX_GOODS_IMAGES, MAX_PRICE_FEN, MAX_SKUS, MAX_STOCK,
  type SkuInput, type StockChangeRequest,
} from '@jifen/shared';
import { IMAGE_PATH } from '../common/images.js';
import { Omittable, OptionalInt } from '../common/validation.js';

const NOT_BLANK = { message: '$property must not be blank' };
const IMAGE = { message: '$property must be an uploaded image path (/media/…)' };

export class CategoryInputDto implements CategoryInput {
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(16)
  name: string;

  @Omittable()
  @IsString()
  @Matches(IMAGE_PATH, IMAGE)
  icon?: string;
}

export class CategoryPatchDto implements CategoryPatch {
  @Omittable()
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(16)
  name?: string;

  @Omittable()
  @IsString()
  @Matches(IMAGE_PATH, IMAGE)
  icon?: string;

  @Omittable()
  @IsBoolean()
  hidden?: boolean;
}

export class CategoryOrderDto {
  /** Every category id, in the order shoppers see them. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids: number[];
}

export class SkuInputDto implements SkuInput {
  @Omittable()
  @IsInt()
  @Min(1)
  id?: number;

  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(32)
  name: string;

  /** Integer fen: ¥12.50 is 1250. */
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_FEN)
  priceFen: number;

  @Omittable()
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  stock?: number;
}

export class GoodsInputDto implements GoodsInput {
  @IsInt()
  @Min(1)
  categoryId: number;

  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(64)
  title: string;

  @Omittable()
  @IsString()
  @MaxLength(128)
  subtitle?: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'images: 至少上传一张商品图片' })
  @ArrayMaxSize(MAX_GOODS_IMAGES)
  @IsString({ each: true })
  @Matches(IMAGE_PATH, { each: true, ...IMAGE })
  images: string[];

  @Omittable()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_FEN)
  originalPriceFen?: number | null;

  @Omittable()
  @IsIn(['on_sale', 'off_sale'])
  status?: GoodsStatus;

  @IsArray()
  @ArrayMinSize(1, { message: 'skus: 至少需要一个规格' })
  @ArrayMaxSize(MAX_SKUS)
  @ValidateNested({ each: true })
  @Type(() => SkuInputDto)
  skus: SkuInputDto[];
}

export class GoodsUpdateDto extends GoodsInputDto implements GoodsUpdate {
  @IsInt()
  @Min(1)
  version: number;
}

export class GoodsStatusDto {
  @IsIn(['on_sale', 'off_sale'])
  status: GoodsStatus;

  @IsInt()
  @Min(1)
  version: number;
}

export class StockChangeDto implements StockChangeRequest {
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

export class GoodsListQuery {
  @IsOptional()
  @IsIn(['all', 'on_sale', 'off_sale', 'low_stock'])
  filter?: GoodsFilter;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  q?: string;

  @OptionalInt()
  categoryId?: number;
}
