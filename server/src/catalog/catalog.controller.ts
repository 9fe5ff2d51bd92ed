import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { CategoryDto, GoodsDto } from '@jifen/shared';
import { Public } from '../auth/decorators.js';
import { CatalogService } from './catalog.service.js';

class GoodsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2 ** 31 - 1)
  categoryId?: number;
}

/** Browsing needs no sign-in (platform rule: no forced sign-in before browsing). */
@ApiTags('catalog')
@Public()
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('categories')
  categories(): Promise<CategoryDto[]> {
    return this.catalog.listCategories();
  }

  @Get('goods')
  goods(@Query() query: GoodsQuery): Promise<GoodsDto[]> {
    return this.catalog.listGoods(query.categoryId);
  }
}
