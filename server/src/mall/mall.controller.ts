import { Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { MallItemDto, RedemptionDto } from '@jifen/shared';
import { CurrentMember, type Caller, Public } from '../auth/decorators.js';
import { DomainError } from '../common/errors.js';
import { MallService } from './mall.service.js';

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

@ApiTags('mall')
@Controller('mall')
export class MallController {
  constructor(private readonly mall: MallService) {}

  /** Open to visitors; a signed-in member sees their tier price. */
  @Public()
  @Get('items')
  items(@CurrentMember() caller: Caller | undefined): Promise<MallItemDto[]> {
    return this.mall.list(caller?.id);
  }

  @ApiBearerAuth()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–64 letters, digits, - or _: a retried request redeems once' })
  @Post('items/:id/redeem')
  @HttpCode(200)
  redeem(
    @CurrentMember() caller: Caller,
    @Param('id', new ParseIntPipe({ exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'id must be a whole number') })) id: number,
    @Headers('idempotency-key') key?: string,
  ): Promise<RedemptionDto> {
    if (key !== undefined && !KEY.test(key)) throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 8–64 letters, digits, - or _');
    return this.mall.redeem(caller.id, id, key);
  }

  @ApiBearerAuth()
  @Get('redemptions')
  mine(@CurrentMember() caller: Caller): Promise<RedemptionDto[]> {
    return this.mall.mine(caller.id);
  }
}
