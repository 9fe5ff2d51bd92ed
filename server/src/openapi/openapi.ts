import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

const DESCRIPTION = `Member points mall: sign-in, points ledger, check-in, invites, orders, coupons, points mall, operators.

## Open API (/open/v1) for a store's POS and other shops

Not the app's JWT routes: every request is signed with a key an owner makes in 管理 → 开放接口
(the key id \`ak_…\` and its secret \`sk_…\`, shown once). Headers:

| header | value |
|---|---|
| x-jifen-key | the key id |
| x-jifen-timestamp | Unix milliseconds; refused beyond ±5 minutes of the server's clock |
| x-jifen-nonce | 8–64 of [A-Za-z0-9_-], never twice within 10 minutes (a replay is refused) |
| x-jifen-content-sha256 | SHA-256 (hex) of the body exactly as sent (of the empty string for GET) |
| x-jifen-signature | HMAC-SHA256 (hex) with the secret of the canonical request |

The canonical request is six lines joined by \\n: the method in capitals; the path without the
query; the query's name=value pairs, each RFC 3986 percent-encoded, sorted by name then value,
joined by &; the timestamp; the nonce; the body's SHA-256. Refusals are 401 with
OPEN_API_SIGNATURE_INVALID, OPEN_API_TIMESTAMP_INVALID, OPEN_API_REPLAYED, OPEN_API_BODY_MISMATCH,
OPEN_API_KEY_UNKNOWN or OPEN_API_KEY_REVOKED; 403 OPEN_API_SCOPE_MISSING; 429 RATE_LIMITED with
Retry-After. Scopes: members:read, points:earn, points:spend, webhooks.

\`\`\`js
import { createHash, createHmac, randomUUID } from 'node:crypto';
async function call(method, path, body) {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const url = new URL(path, BASE);
  const query = [...url.searchParams].map(([k, v]) => [enc(k), enc(v)]).sort().map(([k, v]) => k + '=' + v).join('&');
  const timestamp = String(Date.now()), nonce = randomUUID().replaceAll('-', '');
  const sha = createHash('sha256').update(raw).digest('hex');
  const canonical = [method, url.pathname, query, timestamp, nonce, sha].join('\\n');
  const signature = createHmac('sha256', SECRET).update(canonical).digest('hex');
  return fetch(url, { method, body: raw || undefined, headers: { 'content-type': 'application/json',
    'x-jifen-key': KEY_ID, 'x-jifen-timestamp': timestamp, 'x-jifen-nonce': nonce,
    'x-jifen-content-sha256': sha, 'x-jifen-signature': signature } });
}
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
\`\`\`
`;

/** Swagger UI at /api/docs, JSON at /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('积分商城 API')
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'api/docs-json',
  });
}
