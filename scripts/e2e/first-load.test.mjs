// 首页's first load in Chromium against the real server serving the H5 build: a still picture
// of the page before any script has run, replaced by the page itself; scripts and styles sent
// precompressed within a budget; and a retry message, not a dead screen, when a script or
// page chunk cannot be fetched.
import { phoneContext, screenshot, serverAndBrowser, tab, visible } from './support.mjs';

const GOODS = '.taro_page .goods-card:not(.goods-card--skeleton)';
// 首页's scripts as sent (brotli): about 105 KB today, 704 KB uncompressed before the split.
const SCRIPT_BUDGET = 150 * 1024;

const suite = serverAndBrowser();

test('the skeleton of 首页 paints before any script runs, and the page takes its place', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  const held = [];
  let released = false;
  await page.route('**/js/**', (route) => (released ? route.continue() : held.push(route)));
  // Deferred scripts hold DOMContentLoaded back: wait only for the document.
  await page.goto(`${suite.server.baseUrl}/`, { waitUntil: 'commit' });
  const skeleton = page.locator('#boot-skeleton');
  await skeleton.locator('.k-feed').waitFor();
  await expect(skeleton.locator('.k-brand').innerText()).resolves.toBe('积分商城');
  expect(await skeleton.locator('.k-goods').count()).toBe(4);
  expect(await skeleton.locator('.k-tabs span').allInnerTexts()).toEqual(['首页', '积分商城', '我的']);
  // Painted with text already: a contentful paint with no script run yet.
  await page.waitForFunction(() => performance.getEntriesByType('paint').some((p) => p.name === 'first-contentful-paint'));
  expect(held.length).toBeGreaterThan(0);
  await screenshot(page, 'e2e-home-skeleton');

  // It is drawn where the page draws the same parts, so nothing jumps when the page arrives.
  const box = (selector) => page.locator(selector).first().boundingBox();
  const before = { search: await box('#boot-skeleton .k-search'), banner: await box('#boot-skeleton .k-banner'), card: await box('#boot-skeleton .k-goods') };

  released = true;
  for (const route of held) await route.continue();
  await page.locator(GOODS).first().waitFor();
  expect(await skeleton.count()).toBe(0);
  const after = { search: await box('.taro_page .home__search'), banner: await box('.taro_page .home__banners'), card: await box(GOODS) };
  for (const part of Object.keys(before)) {
    for (const key of ['x', 'y', 'width', 'height']) {
      expect([part, key, Math.abs(before[part][key] - after[part][key]) <= 2]).toEqual([part, key, true]);
    }
  }
  await screenshot(page, 'e2e-home-loaded');
  await context.close();
});

test('首页 fetches its scripts and styles precompressed, within the script budget', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const responses = new Map();
  cdp.on('Network.responseReceived', ({ requestId, response, type }) => {
    responses.set(requestId, { url: new URL(response.url).pathname, type, encoding: response.headers['content-encoding'] ?? null });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const res = responses.get(requestId);
    if (res) res.bytes = encodedDataLength;
  });
  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator(GOODS).first().waitFor();
  await page.waitForLoadState('networkidle');

  const all = [...responses.values()];
  const files = all.filter((r) => /^\/(js|css)\//.test(r.url) || r.url === '/');
  expect(files.length).toBeGreaterThan(2);
  // The server sends what the build compressed (everything from 1 KB up), brotli first.
  for (const file of files.filter((f) => f.bytes > 1024)) expect([file.url, file.encoding]).toEqual([file.url, 'br']);
  const scripts = all.filter((r) => r.type === 'Script');
  const scriptBytes = scripts.reduce((sum, r) => sum + r.bytes, 0);
  expect(scriptBytes).toBeLessThan(SCRIPT_BUDGET);
  // The goods feed (a JSON answer over 1 KB) comes compressed too.
  expect(all.find((r) => r.url === '/api/catalog/goods').encoding).toBe('br');
  await context.close();
});

test('a page chunk that cannot be fetched shows 网络不给力 with 重试, and 重试 loads the page', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator(GOODS).first().waitFor();
  // The link drops: 积分商城's code has not been fetched yet.
  await page.route('**/js/**', (route) => route.abort('internetdisconnected'));
  await page.route('**/css/**', (route) => route.abort('internetdisconnected'));
  await tab(page, 'mall').click();
  const failed = page.locator('#load-failed');
  await failed.getByText('网络不给力，加载失败').waitFor();
  await expect(failed.getByRole('button', { name: '重试' }).isVisible()).resolves.toBe(true);
  await screenshot(page, 'e2e-load-failed');

  await page.unroute('**/js/**');
  await page.unroute('**/css/**');
  await failed.getByRole('button', { name: '重试' }).click();
  await visible(page, '.mall__wallet').waitFor();
  expect(await failed.isVisible()).toBe(false);
  await context.close();
});

test('an entry script that cannot be fetched shows the same message instead of a blank page', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.route(/\/js\/app\.[0-9a-f]+\.js$/, (route) => route.abort('internetdisconnected'));
  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator('#load-failed').getByText('网络不给力，加载失败').waitFor();
  expect(await page.locator('#boot-skeleton').count()).toBe(0);
  await context.close();
});
