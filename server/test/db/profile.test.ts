import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app.js';
import { REPO_ROOT } from '../../src/config/config.js';

/** One file part in a multipart body. */
function multipartFile(field: string, data: Buffer): { body: Buffer; type: string } {
  const boundary = 'jifenTestBoundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

interface Answer {
  status: number;
  text: string;
  socket: Socket;
}

/** A request through `agent`, given up after 5 s without an answer. */
function send(agent: http.Agent, url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text, socket: req.socket! }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${method} ${url} in 5 s`)));
    req.end(body);
  });
}

describe('profile: nickname, birthday, avatar', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = (await t.devLogin('改名前')).accessToken;
  });
  afterAll(() => t.close());

  it('changes the nickname and sets the birthday once', async () => {
    const res = await t.api('PATCH', '/api/me', { token, body: { nickname: ' 新名字 ', birthday: '1995-05-20' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nickname: '新名字', birthday: '1995-05-20' });
    const again = await t.api('PATCH', '/api/me', { token, body: { birthday: '1996-01-01' } });
    expect([again.status, again.body.code]).toEqual([409, 'BIRTHDAY_LOCKED']);
    for (const body of [{ nickname: '  ' }, { birthday: '1995-02-30' }, { birthday: '2099-01-01' }, { birthday: '1800-01-01' }, { role: 'owner' }]) {
      const bad = await t.api('PATCH', '/api/me', { token, body });
      expect([JSON.stringify(body), bad.status, bad.body.code]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
    }
    expect((await t.api('GET', '/api/me', { token })).body).toMatchObject({ nickname: '新名字', birthday: '1995-05-20' });
  });

  it('refuses null for a field that may only be left out, naming it and changing nothing', async () => {
    const before = (await t.api('GET', '/api/me', { token })).body;
    for (const field of ['nickname', 'birthday']) {
      const res = await t.api('PATCH', '/api/me', { token, body: { [field]: null } });
      expect([field, res.status, res.body.code]).toEqual([field, 400, 'VALIDATION_FAILED']);
      expect(res.body.message).toContain(field);
      expect(res.body.details[0].field).toBe(field);
    }
    expect((await t.api('GET', '/api/me', { token })).body).toEqual(before);
  });

  it('stores an uploaded avatar, serves it, and refuses what is not an image', async () => {
    const png = readFileSync(join(REPO_ROOT, 'server/assets/categories/fruit.png'));
    const form = new FormData();
    form.append('avatar', new Blob([png], { type: 'image/png' }), 'a.png');
    const res = await fetch(`${t.baseUrl}/api/me/avatar`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(200);
    const me = (await res.json()) as { avatarUrl: string };
    expect(me.avatarUrl).toMatch(/^\/media\/avatars\/\d+-[0-9a-f]{16}\.png$/);
    expect(existsSync(join(t.config.mediaDir, me.avatarUrl.replace('/media/', '')))).toBe(true);
    const served = await fetch(`${t.baseUrl}${me.avatarUrl}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    const fake = new FormData();
    fake.append('avatar', new Blob(['<svg/>'], { type: 'image/png' }), 'a.png');
    const refused = await fetch(`${t.baseUrl}/api/me/avatar`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: fake });
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const big = new FormData();
    big.append('avatar', new Blob([Buffer.concat([png, Buffer.alloc(3 * 1024 * 1024)])], { type: 'image/png' }), 'big.png');
    const tooBig = await fetch(`${t.baseUrl}/api/me/avatar`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: big });
    expect(tooBig.status).toBe(413);
    const json = await t.api('POST', '/api/me/avatar', { token, body: {} });
    expect(json.status).toBe(415);
    expect((await t.api('GET', '/api/me', { token })).body.avatarUrl).toBe(me.avatarUrl);
  });

  it('answers the next request on a keep-alive connection after a refused upload', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const auth = { authorization: `Bearer ${token}` };
      const avatarBefore = (await t.api('GET', '/api/me', { token })).body.avatarUrl;
      const wrongField = multipartFile('photo', Buffer.alloc(500_000, 1));
      const refused = await send(agent, `${t.baseUrl}/api/me/avatar`, 'POST', { ...auth, 'content-type': wrongField.type }, wrongField.body);
      expect([refused.status, JSON.parse(refused.text).code]).toEqual([400, 'VALIDATION_FAILED']);
      const next = await send(agent, `${t.baseUrl}/api/me`, 'GET', auth);
      expect(next.status).toBe(200);
      expect(next.socket).toBe(refused.socket); // the rest of the upload was read: the same connection goes on

      // Over the size limit multipart skips the rest of the file itself.
      const tooBig = multipartFile('avatar', Buffer.alloc(3 * 1024 * 1024, 1));
      const big = await send(agent, `${t.baseUrl}/api/me/avatar`, 'POST', { ...auth, 'content-type': tooBig.type }, tooBig.body);
      expect(big.status).toBe(413);
      expect((await send(agent, `${t.baseUrl}/api/me`, 'GET', auth)).status).toBe(200);
      expect((await t.api('GET', '/api/me', { token })).body.avatarUrl).toBe(avatarBefore);
    } finally {
      agent.destroy();
    }
  });
});
