import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AdminCategoryDto, AdminGoodsDto, StockChangeDto as StockChangeRow } from '@jifen/shared';
import { CurrentMember, type Caller, Roles } from '../auth/decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainError } from '../common/errors.js';
import { storeImage } from '../common/images.js';
import { readUploadedFile } from '../common/uploads.js';
import { IdPipe } from '../common/validation.js';
import {
  CategoryInputDto, CategoryOrderDto, CategoryPatchDto, GoodsInputDto, GoodsListQuery, GoodsStatusDto, GoodsUpdateDto, StockChangeDto,
} from './catalog-admin.dto.js';
import { CatalogAdminService } from './catalog-admin.service.js';

/** 管理 → 商品 / 分类: the catalog as owners and operators run it (writes are audited by the interceptor). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/catalog')
export class CatalogAdminController {
  constructor(
    private readonly catalog: CatalogAdminService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('categories')
  categories(): Promise<AdminCategoryDto[]> {
    return this.catalog.listCategories();
  }

  @Post('categories')
  createCategory(@Body() body: CategoryInputDto): Promise<AdminCategoryDto> {
    return this.catalog.createCategory(body);
  }

  @Patch('categories/:id')
  updateCategory(@Param('id', IdPipe) id: number, @Body() body: CategoryPatchDto): Promise<AdminCategoryDto> {
    return this.catalog.updateCategory(id, body);
  }

  /** The order shoppers see the categories in: every category id, once each. */
  @Put('categories/order')
  orderCategories(@Body() body: CategoryOrderDto): Promise<AdminCategoryDto[]> {
    return this.catalog.orderCategories(body.ids);
  }

  @Get('goods')
  goods(@Query() query: GoodsListQuery): Promise<AdminGoodsDto[]> {
    return this.catalog.listGoods(query.filter, query.q, query.categoryId);
  }

  @Get('goods/:id')
  oneGoods(@Param('id', IdPipe) id: number): Promise<AdminGoodsDto> {
    return this.catalog.goods(id);
  }

  @Post('goods')
  createGoods(@CurrentMember() caller: Caller, @Body() body: GoodsInputDto): Promise<AdminGoodsDto> {
    return this.catalog.createGoods(body, caller.id);
  }

  /** The whole item as edited, with the version it was read at (409 GOODS_CHANGED when stale). */
  @Put('goods/:id')
  updateGoods(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number, @Body() body: GoodsUpdateDto): Promise<AdminGoodsDto> {
    return this.catalog.updateGoods(id, body, caller.id);
  }

  /** 上架 / 下架. */
  @Post('goods/:id/status')
  @HttpCode(200)
  setStatus(@Param('id', IdPipe) id: number, @Body() body: GoodsStatusDto): Promise<AdminGoodsDto> {
    return this.catalog.setStatus(id, body.status, body.version);
  }

  @Get('goods/:id/stock-changes')
  stockChanges(@Param('id', IdPipe) id: number): Promise<StockChangeRow[]> {
    return this.catalog.stockChanges(id);
  }

  /** 调整库存 of one SKU: a signed delta and why. */
  @Post('skus/:id/stock')
  changeStock(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number, @Body() body: StockChangeDto): Promise<StockChangeRow> {
    return this.catalog.changeStock(id, body.delta, body.reason, caller.id);
  }

  /** A goods image, multipart field `image` (PNG, JPG or WebP, ≤ 2 MB); answers its path for the goods' `images`. */
  @Post('images')
  async uploadImage(@Req() req: FastifyRequest): Promise<{ url: string }> {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传图片');
    const file = await readUploadedFile(req, 'image');
    if (!file) throw new DomainError('VALIDATION_FAILED', '缺少图片文件（字段 image）');
    return { url: await storeImage(this.config.mediaDir, 'goods', '', file, '商品图片') };
  }
}
