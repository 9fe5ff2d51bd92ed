import type { AdminOverviewDto, AuditQuery, CouponTemplateInput, CouponTemplateStatsDto, OrderDto, OrderStatus, RefundRequest, ShipRequest } from '@jifen/shared';
import { request } from './request';

/** The 管理 tab's headline numbers (owner and operator only). */
export function getOverview(): Promise<AdminOverviewDto> {
  return request({ method: 'GET', path: '/api/admin/overview' });
}

/** An order as operators see it: the member who placed it comes along. */
export type AdminOrderDto = OrderDto & { memberNickname: string };

/** Orders in these statuses (all when empty), newest first; `q` searches the order number, buyer and recipient. */
export function listAdminOrders(statuses: readonly OrderStatus[] = [], q = ''): Promise<AdminOrderDto[]> {
  return request({ method: 'GET', path: '/api/admin/orders', query: { status: statuses.length ? statuses.join(',') : undefined, q: q || undefined } });
}

/** 发货: paid → shipped with the express company and tracking number. */
export function shipOrder(id: number, body: ShipRequest): Promise<OrderDto> {
  return request({ method: 'POST', path: `/api/admin/orders/${id}/ship`, data: body });
}

/** The recipient's whole phone (lists show it masked); an audited action. */
export function orderContact(id: number): Promise<{ name: string; phone: string }> {
  return request({ method: 'POST', path: `/api/admin/orders/${id}/contact` });
}

/** 退款: the whole order (no lines) or some quantity of some lines. */
export function refundOrder(id: number, body: RefundRequest): Promise<OrderDto> {
  return request({ method: 'POST', path: `/api/admin/orders/${id}/refund`, data: body });
}

/** Coupon templates with their funnel: issued, used, use rate and GMV. */
export function listCouponTemplateStats(): Promise<CouponTemplateStatsDto[]> {
  return request({ method: 'GET', path: '/api/admin/coupons/templates' });
}

/** Turns a template on (claimable / issued) or off. */
export function setCouponTemplateStatus(id: number, status: 'on' | 'off'): Promise<CouponTemplateStatsDto> {
  return request({ method: 'PATCH', path: `/api/admin/coupons/templates/${id}`, data: { status } });
}

/** One recorded operator action (any changing admin route, refusals included). */
export interface AuditEntryDto {
  id: number;
  operatorId: number;
  /** The operator's nickname (null if the member is gone). */
  operatorName: string | null;
  /** What the route's :id names: an order number, a goods title, a member's nickname… */
  targetLabel: string | null;
  /** `METHOD /api/route/:param`, e.g. `POST /api/admin/orders/:id/ship`. */
  action: string;
  /** The route params, e.g. `{ id: '12' }`. */
  target: Record<string, string>;
  /** The request body (phones masked); a string when it was cut to fit. */
  detail: unknown;
  /** The HTTP status answered. */
  status: number;
  createdAt: string;
}

/** Entries in one page of 审计日志. */
export const AUDIT_PAGE_SIZE = 50;

/** 审计日志, newest first, with any of the filters; `before` is the last id of the previous page. */
export function listAudit(filters: Omit<AuditQuery, 'before' | 'limit'>, before?: number): Promise<AuditEntryDto[]> {
  return request({ method: 'GET', path: '/api/admin/audit', query: { ...filters, before, limit: AUDIT_PAGE_SIZE } });
}

/** Everyone with an entry in the log: the operator filter's choices. */
export function listAuditOperators(): Promise<{ id: number; name: string }[]> {
  return request({ method: 'GET', path: '/api/admin/audit/operators' });
}

/** A new coupon template (运营 → 优惠券 → 新建优惠券); the server checks kind-specific rules. */
export function createCouponTemplate(input: CouponTemplateInput): Promise<CouponTemplateStatsDto> {
  return request({ method: 'POST', path: '/api/admin/coupons/templates', data: input });
}
