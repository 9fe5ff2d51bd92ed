import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { CategoryDto, GoodsDetailDto, GoodsDto } from '@jifen/shared';
import { Public } from '../auth/decorators.js';
import { IdPipe, OptionalInt } from '../common/validation.js';
import { CatalogService } from './catalog.service.js';

class GoodsQuery {
  @OptionalInt()
  categoryId?: number;

  /** Search in title and subtitle; trimmed, at most 30 characters (checked after trimming). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
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
    return this.catalog.listGoods(query.categoryId, query.q);
  }

  @Get('goods/:id')
  detail(@Param('id', IdPipe) id: number): Promise<GoodsDetailDto> {
    return this.catalog.detail(id);
  }
}
