// 会员码 in Chromium at phone size: 小明 opens it from 我的 and the till (a signed open-API
// client, as `npm run pos:demo` signs) scans the digits the page shows: the lookup finds 小明,
// the spend with that code goes through, and the page's balance follows once it renews. A
// visitor who is not signed in is sent to 我的 instead.
import { signedCall } from '../pos/demo.mjs';
import { devSignIn, phoneContext, screenshot, serverAndBrowser, tab, visible } from './support.mjs';

const suite = serverAndBrowser();
const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

async function tillKey() {
  const base = suite.server.baseUrl;
  const post = async (path, body, token) => (await fetch(`${base}${path}`, {
    method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  })).json();
  const owner = await post('/api/auth/dev', { nickname: '店主老林' });
  const key = await post('/api/admin/open-api/keys', { name: '收银台', scopes: ['points:spend'] }, owner.accessToken);
  return { base, keyId: key.keyId, secret: key.secret };
}

test('小明 shows his 会员码 and the till spends with the code on his screen', async () => {
  const page = await (await phoneContext(suite.browser)).newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await devSignIn(page, '小明');
  await visible(page, '.me__entry--member-code').click();
  const digits = visible(page, '.member-code-digits');
  await digits.waitFor();
  const code = (await text(digits)).replace(/\s/g, '');
  expect(code).toMatch(/^6\d{17}$/);
  expect(await visible(page, '.member-code__cell--dark').count()).toBeGreaterThan(100);
  const before = Number(await text(visible(page, '.member-code-available')));
  await screenshot(page, 'e2e-member-code');

  const till = await tillKey();
  const found = await signedCall(till, 'GET', `/open/v1/members/lookup?code=${code}`);
  expect([found.status, found.body.nickname]).toEqual([200, '小明']);
  const spent = await signedCall(till, 'POST', '/open/v1/points/spend', { memberCode: code, points: 100, storeId: 'e2e-store', posOrderNo: `E2E-${Date.now()}` });
  expect(spent.status).toBe(200);
  expect(spent.body.available).toBe(before - 100);
  await visible(page, '.member-code__refresh').click();
  await visible(page, '.member-code-available').filter({ hasText: String(before - 100) }).waitFor();
  await page.context().close();
});

test('a visitor asking for 会员码 is sent to 我的 to sign in', async () => {
  const page = await (await phoneContext(suite.browser)).newPage();
  await page.goto(`${suite.server.baseUrl}/#/pages/member-code/index`);
  await tab(page, 'me').waitFor();
  await page.waitForURL(/pages\/me\/index/);
  expect(await visible(page, '.member-code-digits').count()).toBe(0);
  await page.context().close();
});
