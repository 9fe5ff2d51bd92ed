import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/app.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET whose body stays as sent (fetch would inflate it and hide the encoding). */
function rawGet(baseUrl: string, path: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compression: API answers from 1 KB, the H5 build from its precompressed files', () => {
  let t: TestApp;
  let h5: string;
  const html = `<!doctype html><html><body><div id="app"></div>${'<p>积分商城</p>'.repeat(200)}</body></html>`;
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  const unpaired = `/* no siblings */${'let a = 1;'.repeat(400)}`;

  beforeAll(async () => {
    h5 = mkdtempSync(join(tmpdir(), 'jifen-h5-'));
    mkdirSync(join(h5, 'js'));
    const files: Record<string, string> = { 'index.html': html, 'js/app.1a2b3c4d.js': script };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(h5, name), text);
      writeFileSync(join(h5, `${name}.br`), brotliCompressSync(text));
      writeFileSync(join(h5, `${name}.gz`), gzipSync(text));
    }
    writeFileSync(join(h5, 'js/plain.5e6f7a8b.js'), unpaired);
    t = await startTestApp({ seed: true, env: { H5_DIST: h5 } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(h5, { recursive: true, force: true });
  });

  it('sends a large API answer in brotli, else gzip, as the client accepts, and the same JSON', async () => {
    const plain = await rawGet(t.baseUrl, '/api/catalog/goods');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const goods = JSON.parse(plain.body.toString('utf8'));

    const br = await rawGet(t.baseUrl, '/api/catalog/goods', 'gzip, deflate, br');
    expect([br.status, br.headers['content-encoding'], br.headers.vary]).toEqual([200, 'br', 'accept-encoding']);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(goods);
    expect(br.headers['x-request-id']).toBeTruthy();

    const gz = await rawGet(t.baseUrl, '/api/catalog/goods', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(goods);

    const identity = await rawGet(t.baseUrl, '/api/catalog/goods', 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
  });

  it('leaves answers under 1 KB and error answers of that size as they are', async () => {
    const health = await rawGet(t.baseUrl, '/api/health', 'br, gzip');
    expect(health.status).toBe(200);
    expect(health.body.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
    const missing = await rawGet(t.baseUrl, '/api/nope', 'br, gzip');
    expect([missing.status, missing.headers['content-encoding']]).toEqual([404, undefined]);
    expect(JSON.parse(missing.body.toString('utf8')).code).toBe('NOT_FOUND');
  });

  it('serves index.html from its .br/.gz sibling and still marks it no-cache', async () => {
    const br = await rawGet(t.baseUrl, '/', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/html/);
    expect(br.headers['cache-control']).toBe('no-cache');
    expect(br.headers.vary).toMatch(/accept-encoding/);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(html);

    const gz = await rawGet(t.baseUrl, '/index.html', 'gzip');
    expect([gz.headers['content-encoding'], gz.headers['cache-control']]).toEqual(['gzip', 'no-cache']);
    expect(gunzipSync(gz.body).toString('utf8')).toBe(html);

    const plain = await rawGet(t.baseUrl, '/');
    expect([plain.headers['content-encoding'], plain.headers['cache-control']]).toEqual([undefined, 'no-cache']);
    expect(plain.body.toString('utf8')).toBe(html);
  });

  it('serves hashed scripts precompressed and immutable; a file without siblings goes out as it is', async () => {
    const br = await rawGet(t.baseUrl, '/js/app.1a2b3c4d.js', 'br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(script);

    // Static files are never compressed per request: what the build did not compress is sent raw.
    const unpairedRes = await rawGet(t.baseUrl, '/js/plain.5e6f7a8b.js', 'gzip, deflate, br');
    expect([unpairedRes.status, unpairedRes.headers['content-encoding']]).toEqual([200, undefined]);
    expect(unpairedRes.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(unpairedRes.body.toString('utf8')).toBe(unpaired);
  });

  it('keeps the demo images uncompressed with their own cache header', async () => {
    const png = await rawGet(t.baseUrl, '/assets/goods/cherry.png', 'gzip, deflate, br');
    expect([png.status, png.headers['content-encoding'], png.headers['cache-control']]).toEqual([200, undefined, 'public, max-age=86400']);
  });
});
