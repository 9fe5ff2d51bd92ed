import type { MallItemDetailDto, MallItemDto, RedemptionDto } from '@jifen/shared';
import { request } from './request';

/** The points mall: open to visitors; a signed-in member sees their tier price in `memberPoints`. */
export function listMallItems(): Promise<MallItemDto[]> {
  return request({ method: 'GET', path: '/api/mall/items' });
}

/**
 * Redeems one item with points. Goods ship to `addressId` (required for kind 'goods'). The same
 * key (one per confirm sheet) redeems once however often it is sent. Silent: the sheet words
 * the failure (已兑完, 积分不足, 每人限兑).
 */
export function redeemMallItem(itemId: number, body: { addressId?: number }, idempotencyKey: string): Promise<RedemptionDto> {
  return request({
    method: 'POST',
    path: `/api/mall/items/${itemId}/redeem`,
    data: body,
    header: { 'Idempotency-Key': idempotencyKey },
    silent: true,
  });
}

/** 我的兑换: the member's redemptions, newest first. */
export function listRedemptions(): Promise<RedemptionDto[]> {
  return request({ method: 'GET', path: '/api/mall/redemptions' });
}

/** One item's page (open to visitors; a member sees their price). */
export function getMallItem(id: number): Promise<MallItemDetailDto> {
  return request({ method: 'GET', path: `/api/mall/items/${id}` });
}
