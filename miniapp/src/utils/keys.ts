/**
 * A random key for the `Idempotency-Key` header: made once per checkout visit (or per pay
 * tap), so a double tap or a retried request makes one order. No crypto API is needed: the
 * server scopes keys per member, so 2^-80 collisions are plenty.
 */
export function newRequestKey(): string {
  let key = Date.now().toString(36);
  for (let i = 0; i < 4; i++) key += Math.floor(Math.random() * 0x100000).toString(36).padStart(4, '0');
  return key;
}
