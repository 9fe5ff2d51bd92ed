import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type CreatedOpenApiKeyDto, type CreateOpenApiKeyRequest, OPEN_API_SCOPES, type OpenApiKeyDto, type OpenApiRequestDto, type OpenApiScope } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError, fieldProblem } from '../common/errors.js';
import { readTime, sqlTime, num } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SecretBox } from './secret-box.js';

interface KeyRow {
  key_id: string; name: string; secret_enc: string; scopes: string; rate_per_minute: unknown; status: 'active' | 'revoked';
  created_at: string | Date; revoked_at: string | Date | null; last_used_at: string | Date | null;
}

/** What the request verifier needs of a key. */
export interface KeyForVerification {
  keyId: string;
  secret: string;
  scopes: OpenApiScope[];
  ratePerMinute: number;
  status: 'active' | 'revoked';
}


/**
 * 管理 → 开放接口 (owners only): keys for a store's POS or another shop. The secret is made
 * here, shown once, and kept only sealed with the server's key from the environment.
 */
@Injectable()
export class ApiKeysService {
  private readonly box: SecretBox;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new SecretBox(config.openApi.encryptionKey);
  }

  async create(input: CreateOpenApiKeyRequest, ownerId: number): Promise<CreatedOpenApiKeyDto> {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name.length === 0 || [...name].length > 40) throw fieldProblem('name', '名称须为 1–40 个字');
    const scopes = Array.isArray(input.scopes) ? [...new Set(input.scopes)] : [];
    if (scopes.length === 0 || !scopes.every((s) => (OPEN_API_SCOPES as readonly string[]).includes(s))) {
      throw fieldProblem('scopes', `须为 ${OPEN_API_SCOPES.join('、')} 中的一个或多个`);
    }
    const rate = input.ratePerMinute ?? 600;
    if (!Number.isSafeInteger(rate) || rate < 1 || rate > 60_000) throw fieldProblem('ratePerMinute', '每分钟请求数须为 1–60000 的整数');
    const keyId = `ak_${randomBytes(9).toString('base64url')}`;
    const secret = `sk_${randomBytes(32).toString('base64url')}`;
    await this.db.unit(() => this.db.insert(
      `INSERT INTO open_api_keys (key_id, name, secret_enc, scopes, rate_per_minute, status, created_by, created_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, 'active', ?, ?, NULL)`,
      [keyId, name, this.box.seal(secret), scopes.join(' '), rate, ownerId, sqlTime(this.clock.now())]));
    return { ...(await this.get(keyId)), secret };
  }

  async list(): Promise<OpenApiKeyDto[]> {
    return (await this.db.rows<KeyRow>(`${SELECT} ORDER BY k.id DESC`)).map(toDto);
  }

  async get(keyId: string): Promise<OpenApiKeyDto> {
    const row = await this.db.one<KeyRow>(`${SELECT} WHERE k.key_id = ?`, [keyId]);
    if (!row) throw new DomainError('OPEN_API_KEY_NOT_FOUND', '密钥不存在');
    return toDto(row);
  }

  /** Revoked at once for every server: the verifier reads the key on each request. */
  async revoke(keyId: string): Promise<OpenApiKeyDto> {
    const at = sqlTime(this.clock.now());
    const changed = await this.db.unit(() => this.db.exec("UPDATE open_api_keys SET status = 'revoked', revoked_at = ? WHERE key_id = ? AND status = 'active'", [at, keyId]));
    const key = await this.get(keyId);
    if (!changed && key.status !== 'revoked') throw new DomainError('OPEN_API_KEY_NOT_FOUND', '密钥不存在');
    return key;
  }

  /** The key's latest requests, refusals included, newest first. */
  async requests(keyId: string): Promise<OpenApiRequestDto[]> {
    await this.get(keyId);
    const rows = await this.db.rows<{ method: string; path: string; status: unknown; code: string | null; at: string | Date }>(
      'SELECT method, path, status, code, at FROM open_api_requests WHERE key_id = ? ORDER BY id DESC LIMIT 50', [keyId]);
    return rows.map((r) => ({ method: r.method, path: r.path, status: num(r.status), code: r.code, at: readTime(r.at).toISOString() }));
  }

  async forVerification(keyId: string): Promise<KeyForVerification | null> {
    // On every open-API request: the key's own row only.
    const row = await this.db.one<Pick<KeyRow, 'secret_enc' | 'scopes' | 'rate_per_minute' | 'status'>>(
      'SELECT secret_enc, scopes, rate_per_minute, status FROM open_api_keys WHERE key_id = ?', [keyId]);
    if (!row) return null;
    return { keyId, secret: this.box.open(row.secret_enc), scopes: row.scopes.split(' ') as OpenApiScope[], ratePerMinute: num(row.rate_per_minute), status: row.status };
  }

}

// Last used = the newest answered request in the key's log (walked back on its (key_id, id) index), not a column each request rewrites.
const SELECT = `SELECT k.key_id, k.name, k.secret_enc, k.scopes, k.rate_per_minute, k.status, k.created_at, k.revoked_at,
  (SELECT r.at FROM open_api_requests r WHERE r.key_id = k.key_id AND r.status < 400 ORDER BY r.id DESC LIMIT 1) AS last_used_at FROM open_api_keys k`;

function toDto(r: KeyRow): OpenApiKeyDto {
  return {
    keyId: r.key_id, name: r.name, scopes: r.scopes.split(' ') as OpenApiScope[], ratePerMinute: num(r.rate_per_minute), status: r.status,
    createdAt: readTime(r.created_at).toISOString(), revokedAt: r.revoked_at ? readTime(r.revoked_at).toISOString() : null,
    lastUsedAt: r.last_used_at ? readTime(r.last_used_at).toISOString() : null,
  };
}
