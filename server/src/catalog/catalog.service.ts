import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CategoryDto, GoodsDto } from '@jifen/shared';
import { Category } from './category.entity.js';
import { Goods } from './goods.entity.js';

@Injectable()
export class CatalogService {
  constructor(
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    @InjectRepository(Goods) private readonly goods: Repository<Goods>,
  ) {}

  async counts(): Promise<{ onSale: number; soldOut: number }> {
    const [onSale, soldOut] = await Promise.all([
      this.goods.countBy({ status: 'on_sale' }),
      this.goods.countBy({ status: 'on_sale', stock: 0 }),
    ]);
    return { onSale, soldOut };
  }

  async listCategories(): Promise<CategoryDto[]> {
    const rows = await this.categories.find({ order: { sort: 'ASC', id: 'ASC' } });
    return rows.map((c) => ({ id: c.id, name: c.name, icon: c.icon }));
  }

  async listGoods(categoryId?: number): Promise<GoodsDto[]> {
    const rows = await this.goods.find({
      where: { status: 'on_sale', ...(categoryId ? { categoryId } : {}) },
      order: { sort: 'ASC', id: 'ASC' },
    });
    return rows.map(toGoodsDto);
  }
}

export function toGoodsDto(g: Goods): GoodsDto {
  return {
    id: g.id,
    categoryId: g.categoryId,
    title: g.title,
    subtitle: g.subtitle,
    image: g.image,
    priceFen: g.priceFen,
    originalPriceFen: g.originalPriceFen,
    pointsPrice: g.pointsPrice,
    sales: g.sales,
    stock: g.stock,
  };
}
