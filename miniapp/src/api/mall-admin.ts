import type { AdminMallItemDto, MallItemFilter, MallItemInput, MallItemStatus, MallItemUpdate, StockChangeRequest } from '@jifen/shared';
import { request } from './request';

/** 管理 → 积分商城 (owner and operator only). */

export function listAdminMallItems(filter: MallItemFilter): Promise<AdminMallItemDto[]> {
  return request({ method: 'GET', path: '/api/admin/mall/items', query: { filter } });
}

export function getAdminMallItem(id: number): Promise<AdminMallItemDto> {
  return request({ method: 'GET', path: `/api/admin/mall/items/${id}` });
}

export function createMallItem(body: MallItemInput): Promise<AdminMallItemDto> {
  return request({ method: 'POST', path: '/api/admin/mall/items', data: body });
}

/** The whole item with the version it was read at; 409 MALL_ITEM_CHANGED when someone saved first. */
export function updateMallItem(id: number, body: MallItemUpdate): Promise<AdminMallItemDto> {
  return request({ method: 'PUT', path: `/api/admin/mall/items/${id}`, data: body });
}

export function setMallItemStatus(id: number, status: MallItemStatus, version: number): Promise<AdminMallItemDto> {
  return request({ method: 'POST', path: `/api/admin/mall/items/${id}/status`, data: { status, version } });
}

export function changeMallStock(id: number, body: StockChangeRequest): Promise<AdminMallItemDto> {
  return request({ method: 'POST', path: `/api/admin/mall/items/${id}/stock`, data: body });
}

/** Adds codes to a virtual item's pool: all or none (a duplicate is named in the error). */
export function loadMallCodes(id: number, codes: string[]): Promise<AdminMallItemDto> {
  return request({ method: 'POST', path: `/api/admin/mall/items/${id}/codes`, data: { codes } });
}
