import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { OrderDto } from '@jifen/shared';
import { CurrentMember, type Caller, Roles } from '../auth/decorators.js';
import { IdPipe } from '../common/validation.js';
import { AdminOrdersQuery, RefundBody, ShipBody, statusesOf } from './dto.js';
import { OrdersService } from './orders.service.js';
import { RefundsService } from './refunds.service.js';

/** 管理 → 订单: list, ship, refund. Refunds record the operator who made them. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/orders')
export class OrdersAdminController {
  constructor(
    private readonly orders: OrdersService,
    private readonly refunds: RefundsService,
  ) {}

  @Get()
  list(@Query() query: AdminOrdersQuery): Promise<(OrderDto & { memberNickname: string })[]> {
    return this.orders.adminList(statusesOf(query), query.q);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: number): Promise<OrderDto> {
    return this.orders.adminGet(id);
  }

  /**
   * The recipient's whole phone number (lists and the order show it masked). A POST because
   * looking is an action: the audit log records who saw whose number, and when.
   */
  @Post(':id/contact')
  @HttpCode(200)
  contact(@Param('id', IdPipe) id: number): Promise<{ name: string; phone: string }> {
    return this.orders.contact(id);
  }

  @Post(':id/ship')
  @HttpCode(200)
  ship(@Param('id', IdPipe) id: number, @Body() body: ShipBody): Promise<OrderDto> {
    return this.orders.ship(id, body);
  }

  @Post(':id/refund')
  @HttpCode(200)
  refund(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number, @Body() body: RefundBody): Promise<OrderDto> {
    return this.refunds.request(id, body, caller.id);
  }
}
