import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { IdPipe, Omittable } from '../common/validation.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import type { AddCartRequest, CartItemDto, UpdateCartRequest } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { CART_LINE_MAX, CartService } from './cart.service.js';

class AddCartBody implements AddCartRequest {
  @IsInt()
  @Min(1)
  @Max(2 ** 31 - 1)
  skuId: number;

  @IsInt()
  @Min(1)
  @Max(CART_LINE_MAX)
  quantity: number;
}

class UpdateCartBody implements UpdateCartRequest {
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(CART_LINE_MAX)
  quantity?: number;

  @Omittable()
  @IsBoolean()
  checked?: boolean;
}


@ApiTags('cart')
@ApiBearerAuth()
@Controller('cart')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  list(@CurrentMember() caller: Caller): Promise<CartItemDto[]> {
    return this.cart.list(caller.id);
  }

  @Get('count')
  count(@CurrentMember() caller: Caller): Promise<{ count: number }> {
    return this.cart.count(caller.id);
  }

  @Post()
  @HttpCode(200)
  add(@CurrentMember() caller: Caller, @Body() body: AddCartBody): Promise<CartItemDto> {
    return this.cart.add(caller.id, body);
  }

  @Patch(':id')
  update(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number, @Body() body: UpdateCartBody): Promise<CartItemDto> {
    return this.cart.update(caller.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number): Promise<void> {
    await this.cart.remove(caller.id, id);
  }
}
