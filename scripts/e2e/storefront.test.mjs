// The storefront in Chromium at phone size, against the real server serving the H5 build:
// browse without signing in, sign in with the development sign-in, see the member's
// nickname and points on 我的; the 管理 tab is there for the demo operator only.
import { devSignIn as signIn, phoneContext, screenshot, serverAndBrowser, tab, tabTexts, visible } from './support.mjs';

const suite = serverAndBrowser();

test('a visitor browses the mall without signing in', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator('.goods-card').first().waitFor();
  await visible(page, '.goods-card').nth(11).waitFor(); // the feed paints its first cards before the rest
  const tabs = await tabTexts(page);
  expect(tabs).toEqual(['首页', '积分商城', '我的']);
  expect(await visible(page, '.goods-card').count()).toBe(12);
  expect(await visible(page, '.goods-card__title').first().innerText()).toContain('车厘子');
  // the goods images in view (the rest load lazily) really load from /assets
  // (the first row is two cards wide: wait for both, not just the first to finish)
  await page.waitForFunction(() => [...document.querySelectorAll('.goods-card img')]
    .filter((img) => img.src && img.complete).length >= 2);
  const images = await page.evaluate(() => [...document.querySelectorAll('.goods-card img')]
    .filter((img) => img.src && img.complete).map((img) => [img.src, img.naturalWidth]));
  expect(images.length).toBeGreaterThanOrEqual(2);
  for (const [src, width] of images) expect([src, width > 0]).toEqual([src, true]);
  expect(images[0][0]).toMatch(/\/assets\/goods\/\w+\.png$/);
  await screenshot(page, 'e2e-home');

  // 积分商城: a card opens the item's page, which says what it is and how it is delivered.
  await tab(page, 'mall').click();
  await visible(page, '.mall-item__title').filter({ hasText: '每日坚果礼盒' }).click();
  await visible(page, '.mall-item-page__points').filter({ hasText: '12,000' }).waitFor();
  expect(await visible(page, '.mall-item-page__delivery').innerText()).toContain('发货到你的收货地址');
  expect((await visible(page, '.mall-item-page__description').innerText()).length).toBeGreaterThan(10);
  await screenshot(page, 'e2e-mall-item');
  await visible(page, '.mall-item-page__redeem').click(); // a visitor: signs in first, then comes back here
  await visible(page, '.me__return-hint').filter({ hasText: '登录后即可兑换' }).waitFor();
  await context.close();
});

test('a visitor who taps 加入购物车 is told why on 我的 and, once signed in, is back on the goods', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await visible(page, '.goods-card').filter({ hasText: '车厘子' }).first().click();
  await visible(page, '.goods-detail__add-cart').click();
  await visible(page, '.me__return-hint').filter({ hasText: '登录后即可购买，完成后回到刚才的页面' }).waitFor();
  await screenshot(page, 'e2e-me-return-hint');
  const input = visible(page, 'input.sign-in__input');
  await input.fill('回头客');
  await visible(page, '.sign-in__submit').click();
  await visible(page, '.goods-detail__add-cart').waitFor();
  expect(await visible(page, '.goods-detail__title').innerText()).toContain('车厘子');
  await visible(page, '.goods-detail__add-cart').click();
  await visible(page, '.sku-sheet__confirm').click();
  await expect(visible(page, '.goods-detail__cart-badge').innerText()).resolves.toBe('1');
  await context.close();
});

test('a shopper signs in and sees nickname and points on 我的, without 管理', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator('.tab-bar:visible').waitFor();
  await signIn(page, '小明');
  // 小明's demo history, lived through the services: 1,545 available, yesterday's order's 106 pending (the same whatever the weekday)
  await expect(visible(page, '.me-points-available').innerText()).resolves.toBe('1545');
  await expect(visible(page, '.me-points-pending').innerText()).resolves.toBe('106');
  // ¥1,459 paid on two completed orders: 银卡, with the growth shown beside it.
  await page.getByText('银卡会员').first().waitFor();
  await page.getByText(/1459/).first().waitFor();
  await screenshot(page, 'e2e-me-demo-shopper');
  expect(await tabTexts(page)).toEqual(['首页', '积分商城', '我的']);
  expect(await page.locator('.tab-bar__item--admin').count()).toBe(0); // on no page at all
  await screenshot(page, 'e2e-me-shopper');

  // the session survives a reload (tokens kept in storage)
  await page.reload();
  await visible(page, '.me-nickname').filter({ hasText: '小明' }).waitFor();
  await context.close();
});

test('the demo operator sees 管理 and its overview', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator('.tab-bar:visible').waitFor();
  await signIn(page, '运营小美');
  expect(await tabTexts(page)).toEqual(['首页', '积分商城', '我的', '管理']);
  await tab(page, 'admin').click();
  const members = visible(page, '.admin-stat--members .admin-stat__value').filter({ hasText: /^\d+$/ });
  await members.waitFor(); // a placeholder shows until the overview arrives
  expect(Number(await members.innerText())).toBeGreaterThanOrEqual(3);
  expect(await visible(page, '.admin-stat--on-sale .admin-stat__value').innerText()).toBe('12');
  await screenshot(page, 'e2e-admin');
  await context.close();
});

test('the server answers unknown API routes with JSON while serving the H5 build', async () => {
  const res = await fetch(`${suite.server.baseUrl}/api/does-not-exist`);
  expect(res.status).toBe(404);
  expect((await res.json()).code).toBe('NOT_FOUND');
  const index = await fetch(`${suite.server.baseUrl}/`);
  expect(index.status).toBe(200);
  expect(index.headers.get('cache-control')).toBe('no-cache');
  expect(await index.text()).toContain('<div id="app"');
});

test('a shopper reads 积分明细: balance, what expires soon, and the history by kind', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator('.tab-bar:visible').waitFor();
  await signIn(page, '小明');
  await visible(page, '.me-expiring').filter({ hasText: '800 积分将于' }).waitFor();
  await visible(page, '.me__entry--points').click();
  const rows = visible(page, '.points-entry');
  await rows.first().waitFor();
  expect(await visible(page, '.points-available').innerText()).toBe('1545');
  expect(await visible(page, '.points-expiring').innerText()).toMatch(/^800 分将于 \d{4}-\d{2}-\d{2} 过期/);
  // The 18 entries of 小明's 40 demo days, newest first
  await expect(rows.count()).resolves.toBe(18);
  expect(await rows.first().locator('.points-entry__title').innerText()).toBe('购物奖励（待到账）');
  await screenshot(page, 'e2e-points');
  await visible(page, '.points-filter__item').filter({ hasText: '使用' }).click();
  await visible(page, '.points-entry__amount').filter({ hasText: '500' }).first().waitFor();
  expect(await visible(page, '.points-entry__amount').allInnerTexts()).toEqual(['−500', '−500']); // the coupon bought for points, points as cash
  await context.close();
});
