import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogController } from './catalog.controller.js';
import { CatalogService } from './catalog.service.js';
import { Category } from './category.entity.js';
import { Goods } from './goods.entity.js';
import { Sku } from './sku.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Category, Goods, Sku])],
  controllers: [CatalogController],
  providers: [CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}
