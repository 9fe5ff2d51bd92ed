import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { CouponDto, CouponTemplateDto } from '@jifen/shared';
import { CurrentMember, type Caller, Public } from '../auth/decorators.js';
import { idempotencyKey, intParam } from '../common/validation.js';
import { WalletQueryDto } from './coupons.dto.js';
import { CouponsService } from './coupons.service.js';

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
    idempotencyKey(key);
    return this.coupons.claim(caller.id, templateId, key);
  }

  /** 我的优惠券: 可使用 / 已使用 / 已过期. */
  @ApiBearerAuth()
  @Get()
  wallet(@CurrentMember() caller: Caller, @Query() query: WalletQueryDto): Promise<CouponDto[]> {
    return this.coupons.wallet(caller.id, query.state ?? 'available');
  }
}
