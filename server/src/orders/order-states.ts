import type { OrderStatus } from '@jifen/shared';
import { DomainError } from '../common/errors.js';

/**
 * The order process as data, checked in one place: the only moves an order can make.
 * Services change status with a conditional update `WHERE status = <from>`, so of two racing
 * moves one wins.
 */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'closed'],
  paid: ['shipped', 'refunding'],
  shipped: ['completed', 'refunding'],
  completed: ['refunding'],
  // Back to where it was after a partial refund, or refunded when nothing is left.
  refunding: ['paid', 'shipped', 'completed', 'refunded'],
  closed: [],
  refunded: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertMove(from: OrderStatus, to: OrderStatus, message: string): void {
  if (!canMove(from, to)) throw new DomainError('ORDER_STATE', message, { status: from });
}
