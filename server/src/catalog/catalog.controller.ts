import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CategoryDto, GoodsDto } from '@jifen/shared';
import { Public } from '../auth/decorators.js';
import { OptionalInt } from '../common/validation.js';
import { CatalogService } from './catalog.service.js';

class GoodsQuery {
  @OptionalInt()
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
