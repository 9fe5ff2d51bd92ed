/**
 * A fresh Idempotency-Key (8–64 of [A-Za-z0-9_-], as the server asks): one per tap that may be
 * retried, so a double tap or a network retry is answered with the first result.
 */
export function newIdempotencyKey(prefix = 'k'): string {
  const random = Array.from({ length: 3 }, () => Math.random().toString(36).slice(2, 10)).join('');
  return `${prefix}-${Date.now().toString(36)}-${random}`.slice(0, 64);
}
