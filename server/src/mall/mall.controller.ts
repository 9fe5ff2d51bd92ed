import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { IsInt, Min } from 'class-validator';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { MallItemDetailDto, MallItemDto, RedeemRequest, RedemptionDto } from '@jifen/shared';
import { CurrentMember, type Caller, Public } from '../auth/decorators.js';
import { IdPipe, idempotencyKey, Omittable } from '../common/validation.js';
import { MallService } from './mall.service.js';

class RedeemBody implements RedeemRequest {
  @Omittable() @IsInt() @Min(1)
  addressId?: number;
}

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

  /** An item's page; open to visitors like the list. */
  @Public()
  @Get('items/:id')
  item(@CurrentMember() caller: Caller | undefined, @Param('id', IdPipe) id: number): Promise<MallItemDetailDto> {
    return this.mall.detail(id, caller?.id);
  }

  @ApiBearerAuth()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–64 letters, digits, - or _: a retried request redeems once' })
  @Post('items/:id/redeem')
  @HttpCode(200)
  redeem(
    @CurrentMember() caller: Caller,
    @Param('id', IdPipe) id: number,
    @Body() body: RedeemBody,
    @Headers('idempotency-key') key?: string,
  ): Promise<RedemptionDto> {
    return this.mall.redeem(caller.id, id, idempotencyKey(key), body?.addressId);
  }

  @ApiBearerAuth()
  @Get('redemptions')
  mine(@CurrentMember() caller: Caller): Promise<RedemptionDto[]> {
    return this.mall.mine(caller.id);
  }
}
