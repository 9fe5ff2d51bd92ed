import { Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { CouponDto, CouponTemplateDto } from '@jifen/shared';
import { CurrentMember, type Caller, Public } from '../auth/decorators.js';
import { DomainError } from '../common/errors.js';
import { WalletQueryDto } from './coupons.dto.js';
import { CouponsService } from './coupons.service.js';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export const intParam = (name: string) => new ParseIntPipe({ exceptionFactory: () => new DomainError('VALIDATION_FAILED', `${name} must be a whole number`) });

export function checkKey(key: string | undefined): void {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 8–64 letters, digits, - or _');
}

@ApiTags('coupons')
@Controller('coupons')
export class CouponsController {
  constructor(private readonly coupons: CouponsService) {}

  /** 领券中心: open to visitors; a signed-in member sees how many they hold and whether they may claim. */
  @Public()
  @Get('center')
  center(@CurrentMember() caller: Caller | undefined): Promise<CouponTemplateDto[]> {
    return this.coupons.center(caller?.id);
  }

  @ApiBearerAuth()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–64 letters, digits, - or _: a retried claim issues once' })
  @Post('center/:templateId/claim')
  @HttpCode(200)
  claim(
    @CurrentMember() caller: Caller,
    @Param('templateId', intParam('templateId')) templateId: number,
    @Headers('idempotency-key') key?: string,
  ): Promise<CouponDto> {
    checkKey(key);
    return this.coupons.claim(caller.id, templateId, key);
  }

  /** 我的优惠券: 可使用 / 已使用 / 已过期. */
  @ApiBearerAuth()
  @Get()
  wallet(@CurrentMember() caller: Caller, @Query() query: WalletQueryDto): Promise<CouponDto[]> {
    return this.coupons.wallet(caller.id, query.state ?? 'available');
  }
}
