import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { OrderDto, PayDto, QuoteDto } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { IdPipe, idempotencyKey } from '../common/validation.js';
import { CheckoutService } from './checkout.service.js';
import { CreateOrderBody, OrdersQuery, QuoteBody, statusesOf } from './dto.js';
import { OrdersService } from './orders.service.js';
import { PaymentsService } from './payments.service.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller()
export class OrdersController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
  ) {}

  /** Prices a checkout from the shopper's choices; nothing is reserved. */
  @Post('checkout/quote')
  @HttpCode(200)
  quote(@CurrentMember() caller: Caller, @Body() body: QuoteBody): Promise<QuoteDto> {
    return this.checkout.quote(caller.id, body);
  }

  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'one per checkout: a double tap makes one order' })
  @Post('orders')
  create(@CurrentMember() caller: Caller, @Body() body: CreateOrderBody, @Headers('idempotency-key') key?: string): Promise<OrderDto> {
    return this.orders.create(caller.id, body, idempotencyKey(key));
  }

  @Get('orders')
  list(@CurrentMember() caller: Caller, @Query() query: OrdersQuery): Promise<OrderDto[]> {
    return this.orders.list(caller.id, statusesOf(query));
  }

  @Get('orders/:id')
  get(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number): Promise<OrderDto> {
    return this.orders.get(caller.id, id);
  }

  @Post('orders/:id/pay')
  @HttpCode(200)
  pay(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number): Promise<PayDto> {
    return this.payments.pay(caller.id, id);
  }

  /** Back from wx.requestPayment: asks WeChat Pay instead of waiting for the notification. */
  @Post('orders/:id/sync')
  @HttpCode(200)
  sync(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number): Promise<OrderDto> {
    return this.payments.sync(caller.id, id);
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number): Promise<OrderDto> {
    return this.orders.cancel(caller.id, id);
  }

  @Post('orders/:id/confirm')
  @HttpCode(200)
  confirm(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number): Promise<OrderDto> {
    return this.orders.confirm(caller.id, id);
  }
}
