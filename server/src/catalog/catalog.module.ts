import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogAdminController } from './catalog-admin.controller.js';
import { CatalogAdminService } from './catalog-admin.service.js';
import { CatalogController } from './catalog.controller.js';
import { CatalogService } from './catalog.service.js';
import { Category } from './category.entity.js';
import { Goods } from './goods.entity.js';
import { Sku } from './sku.entity.js';
import { StockChange } from './stock-change.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Category, Goods, Sku, StockChange])],
  controllers: [CatalogController, CatalogAdminController],
  providers: [CatalogService, CatalogAdminService],
  exports: [CatalogService],
})
export class CatalogModule {}
