import type { CategoryDto, GoodsDetailDto, GoodsDto } from '@jifen/shared';
import { request } from './request';

export function listCategories(): Promise<CategoryDto[]> {
  return request({ method: 'GET', path: '/api/catalog/categories' });
}

/** All goods on sale, or one category's, or those matching a search word. */
export function listGoods(categoryId?: number, q?: string): Promise<GoodsDto[]> {
  return request({ method: 'GET', path: '/api/catalog/goods', query: { categoryId, q: q?.trim() || undefined } });
}

/** Goods matching a search word (title and subtitle), across categories. */
export function searchGoods(q: string): Promise<GoodsDto[]> {
  return listGoods(undefined, q);
}

/** One goods with its images, description and SKUs (商品详情). Silent: the page shows its own error state. */
export function getGoods(id: number): Promise<GoodsDetailDto> {
  return request({ method: 'GET', path: `/api/catalog/goods/${id}`, silent: true });
}
