import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { CouponTemplateStatsDto } from '@jifen/shared';
import { Roles } from '../auth/decorators.js';
import { idempotencyKey, intParam } from '../common/validation.js';
import { CouponStatusDto, CreateCouponTemplateDto, IssueCouponsDto } from './coupons.dto.js';
import { CouponsService } from './coupons.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/coupons')
export class CouponsAdminController {
  constructor(private readonly coupons: CouponsService) {}

  /** Every template with its funnel: issued, used, use rate, paid GMV. */
  @Get('templates')
  templates(): Promise<CouponTemplateStatsDto[]> {
    return this.coupons.stats();
  }

  @Post('templates')
  create(@Body() body: CreateCouponTemplateDto): Promise<CouponTemplateStatsDto> {
    return this.coupons.createTemplate(body);
  }

  @Patch('templates/:id')
  setStatus(@Param('id', intParam('id')) id: number, @Body() body: CouponStatusDto): Promise<CouponTemplateStatsDto> {
    return this.coupons.setStatus(id, body.status);
  }

  /** Targeted issue: each member once per Idempotency-Key; members at a limit or unknown are skipped. */
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–64 letters, digits, - or _: a retried issue gives nothing twice' })
  @Post('templates/:id/issue')
  @HttpCode(200)
  issue(
    @Param('id', intParam('id')) id: number,
    @Body() body: IssueCouponsDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<{ issued: number; skipped: number }> {
    idempotencyKey(key);
    return this.coupons.issueTo(id, body.memberIds, key);
  }
}
