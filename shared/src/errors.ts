/**
 * Error codes the server returns as `{code, message}` and the mini-program maps to toasts.
 * Each code has one HTTP status; expected failures (insufficient points, expired coupon)
 * are codes here, not generic 500s.
 */
export const ErrorCodes = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  DEV_SIGNIN_DISABLED: 403,
  WECHAT_CODE_INVALID: 400,
  WECHAT_RATE_LIMITED: 429,
  WECHAT_RISKY_USER: 403,
  WECHAT_UNAVAILABLE: 503,
  MEMBER_NOT_FOUND: 404,
  LAST_OWNER: 409,
  POINTS_INSUFFICIENT: 409,
  POINTS_AMOUNT_INVALID: 400,
  POINTS_REVERSAL_EXCEEDS: 409,
  POINTS_NOT_REVERSIBLE: 409,
  POINTS_HOLD_SETTLED: 409,
  LEDGER_ENTRY_NOT_FOUND: 404,
  ADJUSTMENT_NOT_FOUND: 404,
  ADJUSTMENT_DECIDED: 409,
  SELF_APPROVAL: 403,
  FLAG_NOT_FOUND: 404,
  FLAG_REVIEWED: 409,
  TAG_NOT_FOUND: 404,
  TAG_NAME_TAKEN: 409,
  TAG_NOT_MANUAL: 409,
  AUDIENCE_EMPTY: 400,
  BATCH_NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  PHONE_TAKEN: 409,
  BIRTHDAY_LOCKED: 409,
  MALL_ITEM_NOT_FOUND: 404,
  MALL_SOLD_OUT: 409,
  MALL_LIMIT_REACHED: 409,
  MALL_NOT_AVAILABLE: 409,
  MALL_ITEM_CHANGED: 409,
  RULE_CHANGED: 409,
  INVITE_CODE_UNKNOWN: 404,
  INVITE_SELF: 409,
  CHECKIN_MAKEUP_NOT_ALLOWED: 409,
  CHECKIN_MAKEUP_LIMIT: 409,
  CHECKIN_ALREADY_DONE: 409,
  GOODS_NOT_FOUND: 404,
  GOODS_OFF_SALE: 409,
  GOODS_CHANGED: 409,
  CATEGORY_NOT_FOUND: 404,
  SKU_IN_USE: 409,
  STOCK_INSUFFICIENT: 409,
  CART_LIMIT: 409,
  ADDRESS_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  ORDER_STATE: 409,
  ORDER_EMPTY: 400,
  POINTS_NOT_STEP: 400,
  POINTS_OVER_CAP: 409,
  COUPON_NOT_FOUND: 404,
  COUPON_NOT_USABLE: 409,
  COUPON_SOLD_OUT: 409,
  COUPON_LIMIT_REACHED: 409,
  COUPON_NOT_CLAIMABLE: 409,
  PAY_NOT_CONFIGURED: 409,
  PAY_SIGNATURE_INVALID: 401,
  PAY_NOTIFY_INVALID: 400,
  PAY_AMOUNT_MISMATCH: 409,
  PAY_UNAVAILABLE: 503,
  REFUND_EXCEEDS: 409,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

/** Body of every error response. `details` lists field problems for VALIDATION_FAILED. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId?: string;
}

export function statusOf(code: ErrorCode): number {
  return ErrorCodes[code];
}

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).code === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}
