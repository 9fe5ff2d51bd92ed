import type { CategoryDto, GoodsDto } from '@jifen/shared';
import { request } from './request';

export function listCategories(): Promise<CategoryDto[]> {
  return request({ method: 'GET', path: '/api/catalog/categories' });
}

/** All goods on sale, or one category's. */
export function listGoods(categoryId?: number): Promise<GoodsDto[]> {
  return request({ method: 'GET', path: '/api/catalog/goods', query: { categoryId } });
}
