/**
 * The open API for machines (a store's POS, another shop) under `/open/v1`: what a key may do,
 * the headers a signed request carries, and the exact string that is signed. Hashing is left to
 * the caller (Node's crypto on the server and in the POS example): shared uses no platform API.
 */

export const OPEN_API_SCOPES = ['members:read', 'points:earn', 'points:spend', 'webhooks'] as const;
export type OpenApiScope = (typeof OPEN_API_SCOPES)[number];

export const OPEN_API_SCOPE_LABELS: Record<OpenApiScope, string> = {
  'members:read': '查会员（含完整手机号）',
  'points:earn': '消费得积分',
  'points:spend': '积分抵扣',
  webhooks: '接收事件推送',
};

/** Request headers (lower case, as HTTP/2 and Fastify give them). */
export const OPEN_API_HEADERS = {
  key: 'x-jifen-key',
  timestamp: 'x-jifen-timestamp',
  nonce: 'x-jifen-nonce',
  contentSha256: 'x-jifen-content-sha256',
  signature: 'x-jifen-signature',
} as const;

/** How far a request's timestamp may be from the server's clock, either way. */
export const OPEN_API_CLOCK_SKEW_MS = 5 * 60_000;

/** The SHA-256 of an empty body, in hex: what a GET signs. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The string a request's HMAC-SHA256 is taken over, lines joined by \n:
 * METHOD, path (no query), the query sorted by name then value with each part
 * percent-encoded (RFC 3986), the timestamp (Unix milliseconds), the nonce, the body's SHA-256 in hex.
 */
export function canonicalRequest(r: { method: string; path: string; query: Record<string, string | string[] | undefined>; timestamp: string; nonce: string; contentSha256: string }): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(r.query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([rfc3986(name), rfc3986(v)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const query = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  return [r.method.toUpperCase(), r.path, query, r.timestamp, r.nonce, r.contentSha256.toLowerCase()].join('\n');
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** 管理 → 开放接口: a key as listed (the secret is shown once, at creation, and never again). */
export interface OpenApiKeyDto {
  keyId: string;
  name: string;
  scopes: OpenApiScope[];
  /** Requests a minute the key may make. */
  ratePerMinute: number;
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface CreateOpenApiKeyRequest {
  name: string;
  scopes: OpenApiScope[];
  ratePerMinute?: number;
}

export interface CreatedOpenApiKeyDto extends OpenApiKeyDto {
  /** Shown this once: the server keeps it only encrypted. */
  secret: string;
}

/** 门店消费得积分: an offline purchase; the same store and POS order number again returns the first answer. */
export interface OpenEarnRequest {
  memberId: number;
  amountFen: number;
  storeId: string;
  posOrderNo: string;
}

export interface OpenPointsResultDto {
  memberId: number;
  points: number;
  available: number;
  /** True when this store and order number had been seen: nothing changed, this is the first answer. */
  replayed: boolean;
}

/** A dynamic member code (会员码) is new every this many seconds; the server also takes the one before. */
export const MEMBER_CODE_STEP_SECONDS = 60;

/** 我的 → 会员码: the code for the till (QR and barcode), and when it turns over. */
export interface MemberCodeDto {
  /** 18 digits: 6, the member id in 9, then 8 digits from the member's secret and the minute. */
  code: string;
  expiresAt: string;
  available: number;
}

/** A member as the open API answers a lookup; the phone masked unless the key has members:read. */
export interface OpenMemberDto {
  memberId: number;
  nickname: string;
  tier: string;
  phone: string | null;
  available: number;
  pending: number;
  expiring: { date: string; amount: number }[];
}

/** 积分抵扣 at a till: needs a fresh member code (the member's consent; one code, one spend). */
export interface OpenSpendRequest {
  memberCode: string;
  points: number;
  storeId: string;
  posOrderNo: string;
}

/** 撤销: a POS refund takes back an earn or gives back a spend, in whole or part, once per refund number. */
export interface OpenReverseRequest {
  storeId: string;
  posOrderNo: string;
  of: 'earn' | 'spend';
  /** Omitted: all that is left. */
  points?: number;
  refundNo: string;
}

/** One request a key made or tried, as 管理 → 开放接口 lists them. */
export interface OpenApiRequestDto {
  method: string;
  path: string;
  status: number;
  code: string | null;
  at: string;
}
