import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app.js';
import { REPO_ROOT } from '../../src/config/config.js';

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
});
