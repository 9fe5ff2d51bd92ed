import { DomainError } from './errors.js';

/**
 * Bounds on one JSON request body, checked on the raw bytes before anything parses or walks
 * it: every later step (JSON.parse, class-transformer, class-validator, the error list) costs
 * in proportion to the body's size, key count and depth, and runs on the one event loop.
 *
 * - bytes: the largest real body is an operator issuing a coupon to 1,000 members (~12 KB).
 * - entries: keys plus objects/arrays, across the whole body (scalars in an array are cheap
 *   to walk and not counted; `[{},{},…]` is, since each object is validated on its own).
 * - depth: real bodies nest 3 levels; class-transformer recurses and overflows the stack
 *   near 10,000.
 */
export const JSON_LIMITS = { bytes: 64 * 1024, entries: 1000, depth: 32 } as const;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;

/**
 * One linear pass over the bytes (UTF-8 continuation bytes never equal these ASCII ones, so
 * bytes inside strings are skipped safely). It does not check that the JSON is well formed;
 * JSON.parse does that next, on a body now known to be small and shallow.
 */
export function checkJsonShape(body: Buffer, limits: { entries: number; depth: number } = JSON_LIMITS): void {
  let depth = 0;
  let entries = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (++depth > limits.depth) throw new DomainError('BAD_REQUEST', `请求内容嵌套过深（最多 ${limits.depth} 层）`);
        if (++entries > limits.entries) throw tooMany(limits.entries);
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        depth--;
        break;
      case COLON:
        if (++entries > limits.entries) throw tooMany(limits.entries);
        break;
    }
  }
}

function tooMany(max: number): DomainError {
  return new DomainError('BAD_REQUEST', `请求内容字段过多（最多 ${max} 个）`);
}
