import type { CreateOrderRequest, OrderDto, OrderStatus, PayDto, QuoteDto, QuoteRequest } from '@jifen/shared';
import { request } from './request';

/** Prices the choices of checkout; the server computes every amount. Silent: checkout shows the failure itself. */
export function quote(body: QuoteRequest): Promise<QuoteDto> {
  return request({ method: 'POST', path: '/api/checkout/quote', data: body, silent: true });
}

/** Places the order; the same `idempotencyKey` (one per checkout visit) never makes a second one. */
export function createOrder(body: CreateOrderRequest, idempotencyKey: string): Promise<OrderDto> {
  return request({ method: 'POST', path: '/api/orders', data: body, header: { 'Idempotency-Key': idempotencyKey } });
}

/** The member's orders, newest first; only these statuses when given. */
export function listOrders(statuses: readonly OrderStatus[] = [], options: { silent?: boolean } = {}): Promise<OrderDto[]> {
  return request({ method: 'GET', path: '/api/orders', query: { status: statuses.length ? statuses.join(',') : undefined }, silent: options.silent });
}

export function getOrder(id: number): Promise<OrderDto> {
  return request({ method: 'GET', path: `/api/orders/${id}`, silent: true });
}

/** Pending → closed; paid and not shipped → refunded in full. */
export function cancelOrder(id: number): Promise<OrderDto> {
  return request({ method: 'POST', path: `/api/orders/${id}/cancel` });
}

/** 确认收货: shipped → completed (the purchase points arrive). */
export function confirmOrder(id: number): Promise<OrderDto> {
  return request({ method: 'POST', path: `/api/orders/${id}/confirm` });
}

/** How to pay this order: WeChat parameters, the sandbox, or nothing left to pay. */
export function payOrder(id: number): Promise<PayDto> {
  return request({ method: 'POST', path: `/api/orders/${id}/pay` });
}

/** After wx.requestPayment: the server asks WeChat Pay how the payment stands. */
export function syncOrder(id: number): Promise<OrderDto> {
  return request({ method: 'POST', path: `/api/orders/${id}/sync` });
}

/** The sandbox payment (no merchant configured: test environments only). */
export function paySandbox(id: number): Promise<OrderDto> {
  return request({ method: 'POST', path: `/api/pay/sandbox/${id}` });
}
