// 退出登录 in Chromium against the real server: the client keeps the refresh token the server
// rotates when an access token expires, and 退出登录 on 我的 retires this device's tokens on the
// server (the stored refresh token no longer works), not just in local storage.
import { createHmac, randomBytes } from 'node:crypto';
import { devSignIn, phoneContext, screenshot, serverAndBrowser, visible } from './support.mjs';

const secret = randomBytes(32).toString('hex');

const suite = serverAndBrowser({ JWT_SECRET: secret });

/** An access token for the member that expired a minute ago, signed like the server's. */
function expiredAccessToken(claims) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, typ: 'access', iat: now - 7260, exp: now - 60 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The tokens the H5 build keeps (Taro's storage wraps the value as {data}). */
async function storedTokens(page) {
  const raw = await page.evaluate(() => localStorage.getItem('jifen.tokens'));
  if (!raw) return null;
  const value = JSON.parse(raw);
  return value && 'data' in value ? value.data : value;
}

const refreshOnServer = (refreshToken) =>
  fetch(`${suite.server.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) });

test('an expired access token is renewed and the rotated refresh token kept; 退出登录 retires it on the server', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  const nickname = `退出${Math.random().toString(36).slice(2, 6)}`;
  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator('.tab-bar:visible').waitFor();
  await devSignIn(page, nickname);
  const signedIn = await storedTokens(page);
  const { sub, role, ver } = JSON.parse(Buffer.from(signedIn.accessToken.split('.')[1], 'base64url').toString());

  // The access token has expired: the next call refreshes and keeps the new pair.
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), ['jifen.tokens', JSON.stringify({ data: { ...signedIn, accessToken: expiredAccessToken({ sub, role, ver }) } })]);
  const refreshed = page.waitForResponse((res) => res.url().endsWith('/api/auth/refresh'));
  await page.reload();
  expect((await refreshed).status()).toBe(200);
  await visible(page, '.me-nickname').filter({ hasText: nickname }).waitFor();
  const rotated = await storedTokens(page);
  expect(rotated.refreshToken).not.toBe(signedIn.refreshToken);

  // 退出登录, confirmed in the dialog.
  const loggedOut = page.waitForResponse((res) => res.url().endsWith('/api/auth/logout'));
  await visible(page, '.me__logout').click();
  await page.getByText('确定', { exact: true }).click();
  const answer = await loggedOut;
  expect(answer.status()).toBe(204);
  expect(JSON.parse(answer.request().postData())).toEqual({ refreshToken: rotated.refreshToken });
  await visible(page, 'input.sign-in__input').waitFor();
  expect(await storedTokens(page)).toBeNull();
  await screenshot(page, 'e2e-signed-out');
  expect((await refreshOnServer(rotated.refreshToken)).status).toBe(401);
  await context.close();
});
