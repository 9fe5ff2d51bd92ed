import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import type { CouponChannel, CouponKind, CouponScope, CouponTemplateInput } from '@jifen/shared';
import { Omittable } from '../common/validation.js';

const KINDS: CouponKind[] = ['threshold', 'discount', 'no_threshold'];
const SCOPES: CouponScope[] = ['all', 'categories', 'goods'];
const CHANNELS: CouponChannel[] = ['center', 'new_member', 'invite', 'mall', 'targeted', 'winback'];
const MAX_FEN = 100_000_000;

export class CouponValidityDto {
  @IsIn(['fixed', 'relative'])
  type: 'fixed' | 'relative';

  @ValidateIf((o: CouponValidityDto) => o.type === 'fixed' || o.startsAt !== undefined)
  @IsISO8601({ strict: true })
  startsAt?: string;

  @ValidateIf((o: CouponValidityDto) => o.type === 'fixed' || o.endsAt !== undefined)
  @IsISO8601({ strict: true })
  endsAt?: string;

  @ValidateIf((o: CouponValidityDto) => o.type === 'relative' || o.days !== undefined)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

/** An operator's new template; kind-specific rules are checked by the service. */
export class CreateCouponTemplateDto implements CouponTemplateInput {
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(64)
  name: string;

  @IsIn(KINDS)
  kind: CouponKind;

  @Omittable()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  thresholdFen?: number;

  @Omittable()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  amountFen?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(99)
  discountPct?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  maxOffFen?: number | null;

  @IsIn(SCOPES)
  scope: CouponScope;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  @Min(1, { each: true })
  scopeIds?: number[];

  @IsIn(CHANNELS)
  channel: CouponChannel;

  @IsObject()
  @ValidateNested()
  @Type(() => CouponValidityDto)
  validity: CouponValidityDto;

  @IsOptional()
  @IsISO8601({ strict: true })
  claimStartsAt?: string | null;

  @IsOptional()
  @IsISO8601({ strict: true })
  claimEndsAt?: string | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  total?: number | null;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(100)
  perMember?: number;

  @Omittable()
  @IsIn(['on', 'off'])
  status?: 'on' | 'off';
}

export class CouponStatusDto {
  @IsIn(['on', 'off'])
  status: 'on' | 'off';
}

export class IssueCouponsDto {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2 ** 31 - 1, { each: true })
  memberIds: number[];
}

export class WalletQueryDto {
  @IsOptional()
  @IsIn(['available', 'used', 'expired'])
  state?: 'available' | 'used' | 'expired';
}
