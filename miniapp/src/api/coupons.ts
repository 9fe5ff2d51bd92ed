import type { CouponDto, CouponTemplateDto } from '@jifen/shared';
import { request } from './request';

/** What the wallet's tabs ask for; 'available' also returns coupons held by an unpaid order ('locked'). */
export type WalletTab = 'available' | 'used' | 'expired';

/** 领券中心: templates open to claiming. Visitors may look; a member also learns `mine` and `claimable`. */
export function listCouponCenter(): Promise<CouponTemplateDto[]> {
  return request({ method: 'GET', path: '/api/coupons/center' });
}

/** Claims one coupon of a template; the same key (one per tap) never claims twice. Silent: the page words the failure. */
export function claimCoupon(templateId: number, idempotencyKey: string): Promise<CouponDto> {
  return request({
    method: 'POST',
    path: `/api/coupons/center/${templateId}/claim`,
    header: { 'Idempotency-Key': idempotencyKey },
    silent: true,
  });
}

/** The member's coupons in one state of the wallet. */
export function listMyCoupons(state: WalletTab, options: { silent?: boolean } = {}): Promise<CouponDto[]> {
  return request({ method: 'GET', path: '/api/coupons', query: { state }, silent: options.silent });
}
