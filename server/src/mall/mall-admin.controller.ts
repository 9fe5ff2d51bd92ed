import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AdminMallItemDto } from '@jifen/shared';
import { CurrentMember, type Caller, Roles } from '../auth/decorators.js';
import { IdPipe } from '../common/validation.js';
import { MallCodesDto, MallItemInputDto, MallItemsQuery, MallItemStatusDto, MallItemUpdateDto, MallStockChangeDto } from './mall-admin.dto.js';
import { MallAdminService } from './mall-admin.service.js';

/** 管理 → 积分商城: the items shoppers redeem (writes are audited by the interceptor). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/mall/items')
export class MallAdminController {
  constructor(private readonly mall: MallAdminService) {}

  @Get()
  list(@Query() query: MallItemsQuery): Promise<AdminMallItemDto[]> {
    return this.mall.list(query.filter);
  }

  @Get(':id')
  item(@Param('id', IdPipe) id: number): Promise<AdminMallItemDto> {
    return this.mall.item(id);
  }

  @Post()
  create(@Body() body: MallItemInputDto): Promise<AdminMallItemDto> {
    return this.mall.create(body);
  }

  /** The whole item as edited, with the version it was read at (409 MALL_ITEM_CHANGED when stale). */
  @Put(':id')
  update(@Param('id', IdPipe) id: number, @Body() body: MallItemUpdateDto): Promise<AdminMallItemDto> {
    return this.mall.update(id, body);
  }

  /** 上架 / 下架. */
  @Post(':id/status')
  @HttpCode(200)
  setStatus(@Param('id', IdPipe) id: number, @Body() body: MallItemStatusDto): Promise<AdminMallItemDto> {
    return this.mall.setStatus(id, body.status, body.version);
  }

  /** 调整库存 (goods and coupon items): a signed delta and why (the why is kept in the audit log). */
  @Post(':id/stock')
  @HttpCode(200)
  changeStock(@Param('id', IdPipe) id: number, @Body() body: MallStockChangeDto): Promise<AdminMallItemDto> {
    return this.mall.changeStock(id, body.delta);
  }

  /** 导入兑换码 (virtual items): all or none; the item's stock grows by the codes added. */
  @Post(':id/codes')
  @HttpCode(200)
  loadCodes(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number, @Body() body: MallCodesDto): Promise<AdminMallItemDto> {
    return this.mall.loadCodes(id, body.codes, caller.id);
  }
}
