import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RawBodyRequest } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalRequest, EMPTY_BODY_SHA256, OPEN_API_CLOCK_SKEW_MS, OPEN_API_HEADERS, type OpenApiScope } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError } from '../common/errors.js';
import { isUniqueViolation, sqlTime } from '../common/sql.js';
import { ApiKeysService } from './api-keys.service.js';

const SCOPE = 'open-api:scope';
/** The scope a route of the open API needs. */
export const OpenScope = (scope: OpenApiScope | null) => SetMetadata(SCOPE, scope);

/** The key a verified request came with, for the handler and the request log. */
export interface OpenCaller {
  keyId: string;
  scopes: OpenApiScope[];
}

type OpenRequest = RawBodyRequest<FastifyRequest> & { openCaller?: OpenCaller; openKeyId?: string };

/**
 * Verifies a signed open-API request, cheapest refusal first: the headers, the body's SHA-256,
 * the timestamp within ±5 minutes, the key (known, not revoked), the HMAC-SHA256 of the
 * canonical request (compared in constant time), the scope, then the nonce — recorded only
 * once the signature holds, so nobody can burn another key's nonces — and the key's rate.
 * Every refusal names its code; the request log keeps it under the key.
 */
@Injectable()
export class OpenApiGuard implements CanActivate {
  /** Requests per key in the current minute (in-process; shared across processes once rate limits move to Redis). */
  private readonly windows = new Map<string, { minute: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<OpenRequest>();
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    const scope = this.reflector.getAllAndOverride<OpenApiScope | null>(SCOPE, [ctx.getHandler(), ctx.getClass()]) ?? null;
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const keyId = header(OPEN_API_HEADERS.key);
    const timestamp = header(OPEN_API_HEADERS.timestamp);
    const nonce = header(OPEN_API_HEADERS.nonce);
    const contentSha256 = header(OPEN_API_HEADERS.contentSha256);
    const signature = header(OPEN_API_HEADERS.signature);
    req.openKeyId = keyId && /^ak_[\w-]{1,29}$/.test(keyId) ? keyId : undefined;
    if (!req.openKeyId || !timestamp || !nonce || !contentSha256 || !signature) {
      throw new DomainError('OPEN_API_SIGNATURE_INVALID', `须带 ${Object.values(OPEN_API_HEADERS).join('、')} 请求头`);
    }
    if (!/^[\w-]{8,64}$/.test(nonce)) throw new DomainError('OPEN_API_SIGNATURE_INVALID', 'nonce 须为 8–64 位字母、数字、- 或 _');
    const body = req.rawBody && req.rawBody.length > 0 ? createHash('sha256').update(req.rawBody).digest('hex') : EMPTY_BODY_SHA256;
    if (!safeEqual(body, contentSha256.toLowerCase())) throw new DomainError('OPEN_API_BODY_MISMATCH', '请求内容与其 SHA-256 不符');
    const now = this.clock.now().getTime();
    if (!/^\d{13}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > OPEN_API_CLOCK_SKEW_MS) {
      throw new DomainError('OPEN_API_TIMESTAMP_INVALID', '时间戳须为毫秒，且与服务器时间相差不超过 5 分钟');
    }
    const key = await this.keys.forVerification(req.openKeyId);
    if (!key) throw new DomainError('OPEN_API_KEY_UNKNOWN', '密钥不存在');
    if (key.status !== 'active') throw new DomainError('OPEN_API_KEY_REVOKED', '密钥已停用');
    const url = new URL(req.url, 'http://open');
    const query: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
    const expected = createHmac('sha256', key.secret)
      .update(canonicalRequest({ method: req.method, path: url.pathname, query, timestamp, nonce, contentSha256: body }))
      .digest('hex');
    if (!safeEqual(expected, signature.toLowerCase())) throw new DomainError('OPEN_API_SIGNATURE_INVALID', '签名不符');
    if (scope && !key.scopes.includes(scope)) throw new DomainError('OPEN_API_SCOPE_MISSING', `该密钥没有 ${scope} 权限`);
    try {
      await this.db.unit(() => this.db.insert('INSERT INTO open_api_nonces (key_id, nonce, seen_at) VALUES (?, ?, ?)', [key.keyId, nonce, sqlTime(new Date(now))]));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('OPEN_API_REPLAYED', '该 nonce 已用过（重放的请求）');
      throw error;
    }
    const minute = Math.floor(now / 60_000);
    const window = this.windows.get(key.keyId);
    const count = window && window.minute === minute ? window.count + 1 : 1;
    this.windows.set(key.keyId, { minute, count });
    if (count > key.ratePerMinute) {
      void reply.header('retry-after', String(60 - Math.floor((now % 60_000) / 1000)));
      throw new DomainError('RATE_LIMITED', `该密钥每分钟最多 ${key.ratePerMinute} 次请求`);
    }
    req.openCaller = { keyId: key.keyId, scopes: key.scopes };
    return true;
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

