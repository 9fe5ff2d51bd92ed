import type {
  AdminCategoryDto, AdminGoodsDto, CategoryInput, CategoryPatch, GoodsFilter, GoodsInput, GoodsStatus, GoodsUpdate, StockChangeDto, StockChangeRequest,
} from '@jifen/shared';
import { request } from './request';

/** 管理 → 分类 / 商品 (owner and operator only). */

export function listAdminCategories(): Promise<AdminCategoryDto[]> {
  return request({ method: 'GET', path: '/api/admin/catalog/categories' });
}

export function createCategory(body: CategoryInput): Promise<AdminCategoryDto> {
  return request({ method: 'POST', path: '/api/admin/catalog/categories', data: body });
}

export function updateCategory(id: number, body: CategoryPatch): Promise<AdminCategoryDto> {
  return request({ method: 'PATCH', path: `/api/admin/catalog/categories/${id}`, data: body });
}

/** Every category id in the new order. */
export function orderCategories(ids: number[]): Promise<AdminCategoryDto[]> {
  return request({ method: 'PUT', path: '/api/admin/catalog/categories/order', data: { ids } });
}

export function listAdminGoods(filter: GoodsFilter, q?: string): Promise<AdminGoodsDto[]> {
  return request({ method: 'GET', path: '/api/admin/catalog/goods', query: { filter, q: q || undefined } });
}

export function getAdminGoods(id: number): Promise<AdminGoodsDto> {
  return request({ method: 'GET', path: `/api/admin/catalog/goods/${id}` });
}

export function createGoods(body: GoodsInput): Promise<AdminGoodsDto> {
  return request({ method: 'POST', path: '/api/admin/catalog/goods', data: body });
}

/** The whole item with the version it was read at; 409 GOODS_CHANGED when someone saved first. */
export function updateGoods(id: number, body: GoodsUpdate): Promise<AdminGoodsDto> {
  return request({ method: 'PUT', path: `/api/admin/catalog/goods/${id}`, data: body });
}

export function setGoodsStatus(id: number, status: GoodsStatus, version: number): Promise<AdminGoodsDto> {
  return request({ method: 'POST', path: `/api/admin/catalog/goods/${id}/status`, data: { status, version } });
}

export function changeStock(skuId: number, body: StockChangeRequest): Promise<StockChangeDto> {
  return request({ method: 'POST', path: `/api/admin/catalog/skus/${skuId}/stock`, data: body });
}

export function listStockChanges(goodsId: number): Promise<StockChangeDto[]> {
  return request({ method: 'GET', path: `/api/admin/catalog/goods/${goodsId}/stock-changes` });
}
