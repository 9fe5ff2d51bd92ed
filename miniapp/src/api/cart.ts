import type { AddCartRequest, CartItemDto, UpdateCartRequest } from '@jifen/shared';
import { request } from './request';

/** The member's cart, newest first. */
export function listCart(): Promise<CartItemDto[]> {
  return request({ method: 'GET', path: '/api/cart' });
}

/** Adds a SKU (an existing line grows by `quantity`). */
export function addToCart(body: AddCartRequest): Promise<CartItemDto> {
  return request({ method: 'POST', path: '/api/cart', data: body });
}

export function updateCartItem(id: number, body: UpdateCartRequest): Promise<CartItemDto> {
  return request({ method: 'PATCH', path: `/api/cart/${id}`, data: body });
}

export function removeCartItem(id: number): Promise<unknown> {
  return request({ method: 'DELETE', path: `/api/cart/${id}` });
}

/** Pieces in the cart, for badges; silent (a badge that fails to load just does not show). */
export function getCartCount(): Promise<{ count: number }> {
  return request({ method: 'GET', path: '/api/cart/count', silent: true });
}
