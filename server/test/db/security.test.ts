import { startTestApp, type TestApp } from '../support/app.js';
import { JSON_LIMITS } from '../../src/common/body-limits.js';
import { MAX_ERROR_FIELDS } from '../../src/common/validation.js';

/** `{"k0":0,"k1":1,…}` with n keys. */
function manyKeys(n: number, extra = ''): string {
  return `{${extra}${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;
}

/** `{"refreshToken":"x","a":[[…[]…]]}` whose deepest array sits at `depth` (the outer object counts). */
function nested(depth: number): string {
  return `{"refreshToken":"x","a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
}

/** Times a request to the health route while `pending` is still under way. */
async function healthWhile(t: TestApp, pending: Promise<unknown>[]): Promise<number> {
  const started = Date.now();
  const health = await t.api('GET', '/api/health');
  expect(health.status).toBe(200);
  const took = Date.now() - started;
  await Promise.all(pending);
  return took;
}

describe('request bodies are bounded before they are parsed or validated', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a big body of unknown keys on a public route with a small 413, and health stays quick', async () => {
    const body = manyKeys(60_000);
    expect(body.length).toBeGreaterThan(600_000);
    const floods = Array.from({ length: 8 }, () => t.api('POST', '/api/auth/refresh', { raw: body }));
    const healthMs = await healthWhile(t, floods);
    for (const res of await Promise.all(floods)) {
      expect([res.status, res.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(typeof res.body.message).toBe('string');
      expect(JSON.stringify(res.body).length).toBeLessThan(500);
    }
    expect(healthMs).toBeLessThan(3000);
  });

  it('refuses a small body with too many keys before validating it', async () => {
    const body = manyKeys(JSON_LIMITS.entries + 1);
    expect(body.length).toBeLessThan(JSON_LIMITS.bytes);
    const started = Date.now();
    const res = await t.api('POST', '/api/auth/refresh', { raw: body });
    expect([res.status, res.body.code]).toEqual([400, 'BAD_REQUEST']);
    expect(res.body.message).toContain(String(JSON_LIMITS.entries));
    expect(res.body.details).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
    // Objects in arrays count too: each would be validated on its own.
    const objects = `{"lines":[${Array.from({ length: JSON_LIMITS.entries }, () => '{}').join(',')}]}`;
    expect((await t.api('POST', '/api/auth/refresh', { raw: objects })).body.code).toBe('BAD_REQUEST');
  });

  it('lists only the first few fields of a validation error', async () => {
    const res = await t.api('POST', '/api/auth/refresh', { raw: manyKeys(900, '"refreshToken":7,') });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.details.length).toBe(MAX_ERROR_FIELDS);
    expect(JSON.stringify(res.body).length).toBeLessThan(3000);
  });

  it('still takes what real routes send: an empty JSON body is {}, a long id list passes the shape check', async () => {
    const empty = await t.api('POST', '/api/auth/refresh', { raw: '' });
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(empty.body.message).toContain('refreshToken');
    // 1,000 member ids (the largest real body: issuing a coupon) is 3 entries, 2 levels.
    const ids = JSON.stringify({ refreshToken: 'x', memberIds: Array.from({ length: 1000 }, (_, i) => 1_000_000 + i) });
    const res = await t.api('POST', '/api/auth/refresh', { raw: ids });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.details[0].field).toBe('memberIds');
  });

  it('refuses deep nesting with 400 on public routes, before anything walks the body', async () => {
    for (const path of ['/api/auth/refresh', '/api/auth/dev']) {
      const res = await t.api('POST', path, { raw: nested(10_000) });
      expect([path, res.status, res.body.code]).toEqual([path, 400, 'BAD_REQUEST']);
      expect(res.body.message).toContain(String(JSON_LIMITS.depth));
    }
    // Just inside the limit the body is parsed and validated as usual (a: unknown field).
    const inside = await t.api('POST', '/api/auth/refresh', { raw: nested(JSON_LIMITS.depth) });
    expect([inside.status, inside.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const outside = await t.api('POST', '/api/auth/refresh', { raw: nested(JSON_LIMITS.depth + 1) });
    expect([outside.status, outside.body.code]).toEqual([400, 'BAD_REQUEST']);
    const deepObjects = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    expect((await t.api('POST', '/api/auth/refresh', { raw: deepObjects })).body.code).toBe('BAD_REQUEST');
  });

  it('keeps the server answering while deep bodies arrive at once', async () => {
    const body = nested(30_000);
    const floods = Array.from({ length: 8 }, () => t.api('POST', '/api/auth/refresh', { raw: body }));
    const healthMs = await healthWhile(t, floods);
    for (const res of await Promise.all(floods)) expect([res.status, res.body.code]).toEqual([400, 'BAD_REQUEST']);
    expect(healthMs).toBeLessThan(3000);
  });

  it('does not count brackets, colons or escaped quotes inside strings', async () => {
    const text = `\\"${'[{:'.repeat(400)}`;
    const res = await t.api('POST', '/api/auth/refresh', { raw: `{"refreshToken":"${text}"}` });
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('refuses form bodies instead of parsing them', async () => {
    const form = Array.from({ length: 5000 }, (_, i) => `k${i}=${i}`).join('&');
    const res = await t.api('POST', '/api/auth/refresh', { raw: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([res.status, res.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});

describe('null is not the same as a field left out', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    token = (await t.devLogin('空值测试')).accessToken;
  });
  afterAll(() => t.close());

  /** 400 VALIDATION_FAILED naming the field. */
  async function refusesNull(method: string, path: string, body: Record<string, unknown>, field: string): Promise<void> {
    const res = await t.api(method, path, { token, body });
    expect([path, field, res.status, res.body.code, res.body.details?.[0]?.field]).toEqual([path, field, 400, 'VALIDATION_FAILED', field]);
  }

  it('refuses null in cart, address, checkout and mall bodies and changes nothing', async () => {
    const goods = (await t.api('GET', '/api/catalog/goods')).body[0];
    const sku = (await t.api('GET', `/api/catalog/goods/${goods.id}`)).body.skus[0];
    const line = await t.api('POST', '/api/cart', { token, body: { skuId: sku.id, quantity: 2 } });
    expect(line.status).toBe(200);
    const cartBefore = (await t.api('GET', '/api/cart', { token })).body;
    await refusesNull('PATCH', `/api/cart/${line.body.id}`, { quantity: null }, 'quantity');
    await refusesNull('PATCH', `/api/cart/${line.body.id}`, { checked: null }, 'checked');
    expect((await t.api('GET', '/api/cart', { token })).body).toEqual(cartBefore);

    const address = { name: '张三', phone: '13800138000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 100 号' };
    await refusesNull('POST', '/api/addresses', { ...address, isDefault: null }, 'isDefault');
    expect((await t.api('GET', '/api/addresses', { token })).body).toEqual([]);

    const lines = [{ skuId: sku.id, quantity: 1 }];
    await refusesNull('POST', '/api/checkout/quote', { lines, points: null }, 'points');
    await refusesNull('POST', '/api/orders', { lines, addressId: 1, remark: null }, 'remark');
    await refusesNull('POST', '/api/orders', { lines, addressId: 1, fromCart: null }, 'fromCart');
    expect((await t.api('GET', '/api/orders', { token })).body).toEqual([]);

    const item = (await t.api('GET', '/api/mall/items')).body[0];
    await refusesNull('POST', `/api/mall/items/${item.id}/redeem`, { addressId: null }, 'addressId');
    expect((await t.api('GET', '/api/mall/redemptions', { token })).body).toEqual([]);
  });
});
