// 管理 → 商品: an operator puts a new goods item on sale from the phone (category, uploaded
// image, two SKUs), adjusts its stock and reorders categories; a shopper then finds it on 首页
// and buys it with sandbox pay.
import { devSignIn as signIn, phoneContext, screenshot, serverAndBrowser, tab, upload, visible, confirmModal } from './support.mjs';

const suite = serverAndBrowser();

test('an operator adds a goods item with an image and two SKUs; a shopper finds it on 首页 and buys it', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, '运营小美');
  await tab(page, 'admin').click();
  await visible(page, '.admin-link--goods').click();
  await visible(page, '.admin-goods__item').first().waitFor();
  await screenshot(page, 'e2e-admin-goods');

  // 分类管理: a new category, moved to the top
  await visible(page, '.admin-goods__categories').click();
  await visible(page, '.admin-categories__item').first().waitFor();
  await visible(page, '.admin-categories__create').click();
  await visible(page, 'input.category-sheet__name').fill('烘焙甜点');
  await visible(page, '.category-sheet__icon').nth(1).click();
  await screenshot(page, 'e2e-admin-category-sheet');
  await visible(page, '.category-sheet__confirm').click();
  const added = visible(page, '.admin-categories__item').filter({ hasText: '烘焙甜点' });
  await added.waitFor();
  const count = await visible(page, '.admin-categories__item').count();
  for (let i = 0; i < count - 1; i++) {
    await added.locator('.admin-categories__up').click();
    await page.waitForTimeout(150);
  }
  await visible(page, '.admin-categories__item').first().filter({ hasText: '烘焙甜点' }).waitFor();
  await screenshot(page, 'e2e-admin-categories');
  await page.goBack();

  // 新增商品
  await visible(page, '.admin-goods__create').click();
  await visible(page, '.goods-edit__category').first().waitFor();
  await visible(page, '.goods-edit__category').filter({ hasText: '烘焙甜点' }).click();
  await upload(page, visible(page, '.goods-edit__add-image'), 'server/assets/goods/cup.png');
  await visible(page, '.goods-edit__thumb').first().waitFor();
  await visible(page, 'input.goods-edit__title').fill('手工黄油曲奇');
  await visible(page, 'input.goods-edit__subtitle').fill('现烤现发 · 法国黄油');
  await visible(page, 'input.goods-edit__sku-name').first().fill('200g 罐装');
  await visible(page, 'input.goods-edit__sku-price').first().fill('39.9');
  await visible(page, 'input.goods-edit__sku-stock').first().fill('30');
  await visible(page, '.goods-edit__add-sku').click();
  await visible(page, 'input.goods-edit__sku-name').nth(1).fill('500g 礼盒');
  await visible(page, 'input.goods-edit__sku-price').nth(1).fill('89');
  await visible(page, 'input.goods-edit__sku-stock').nth(1).fill('4');
  await screenshot(page, 'e2e-admin-goods-edit');
  await visible(page, '.goods-edit__submit').click();

  const row = visible(page, '.admin-goods__item').filter({ hasText: '手工黄油曲奇' });
  await row.waitFor();
  expect(await row.locator('.admin-goods__price').innerText()).toContain('39.90');
  expect(await row.locator('.admin-goods__stock').innerText()).toBe('库存 34');

  // 调整库存: +20 on the gift box, with a reason
  await row.locator('.admin-goods__stock-btn').click();
  await visible(page, '.stock-sheet__sku').filter({ hasText: '500g 礼盒' }).click();
  await visible(page, 'input.stock-sheet__amount').fill('20');
  await visible(page, '.stock-sheet__change').first().waitFor();
  await screenshot(page, 'e2e-admin-stock-sheet');
  await visible(page, '.stock-sheet__confirm').click();
  await row.locator('.admin-goods__stock').filter({ hasText: '库存 54' }).waitFor();
  await context.close();

  // A shopper finds it under its category on 首页 and buys the gift box.
  const shopper = await phoneContext(suite.browser);
  const sp = await shopper.newPage();
  await sp.goto(`${suite.server.baseUrl}/`);
  await signIn(sp, '小明');
  await tab(sp, 'home').click();
  const card = visible(sp, '.goods-card').filter({ hasText: '手工黄油曲奇' });
  await card.first().waitFor();
  await card.first().click();
  await visible(sp, '.goods-detail__buy-now').click();
  await visible(sp, '.sku-sheet__chip').filter({ hasText: '500g 礼盒' }).click();
  await visible(sp, '.sku-sheet__confirm').click();
  await visible(sp, '.checkout__submit').click();
  await visible(sp, '.pay-sandbox__confirm').click();
  await visible(sp, '.order-detail__earn-state').filter({ hasText: '待到账' }).waitFor();
  await screenshot(sp, 'e2e-admin-goods-bought');
  await shopper.close();
});

test('an operator sees the recipient’s whole phone on the 发货 sheet only on asking (the server test checks the audit entry)', async () => {
  // The cookies bought in the first test are waiting to be shipped.
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, '运营小美');
  await tab(page, 'admin').click();
  await visible(page, '.admin-link--orders').click();
  // found by the buyer's nickname, under 待发货 (the tab it opens on)
  await visible(page, 'input.admin-orders__search').fill('小明');
  await visible(page, '.admin-orders__search-go').click();
  await visible(page, '.admin-order').filter({ hasText: '手工黄油曲奇' }).locator('.admin-order__ship').click();
  const hint = visible(page, '.ship-sheet .admin-sheet__hint');
  await hint.waitFor();
  expect(await hint.innerText()).toContain('138****0001');
  await visible(page, '.ship-sheet__reveal').click();
  await hint.filter({ hasText: '13800000001' }).waitFor();
  await visible(page, '.ship-sheet__copy').waitFor();
  await screenshot(page, 'e2e-admin-ship-contact');
  await context.close();
});

test('the owner makes a shopper an operator from 店员与权限, and the shopper then has 管理', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, '店主老林');
  await tab(page, 'admin').click();
  await visible(page, '.admin-link--staff').click();
  await visible(page, '.staff__person').first().waitFor();
  await visible(page, 'input.staff__search').fill('阿花');
  await visible(page, '.staff__search-go').click();
  const result = visible(page, '.staff__section').first().locator('.staff__person').filter({ hasText: '阿花' });
  await result.waitFor();
  await result.locator('.staff__action--operator').click();
  await confirmModal(page);
  await visible(page, '.staff__section').last().locator('.staff__person--operator').filter({ hasText: '阿花' }).waitFor();
  await screenshot(page, 'e2e-admin-staff');
  // 审计日志 names the change as a person reads it: who, what, to whom.
  await page.goBack();
  await visible(page, '.admin-link--audit').click();
  const entry = visible(page, '.admin-audit-entry').filter({ hasText: '设置店员权限' }).first();
  await entry.waitFor();
  expect(await entry.locator('.admin-audit-entry__target').innerText()).toBe('会员 阿花');
  expect(await entry.locator('.admin-audit-entry__summary').innerText()).toBe('设为运营');
  expect(await entry.locator('.admin-audit-entry__operator').innerText()).toBe('操作人 店主老林');
  await screenshot(page, 'e2e-admin-audit');
  // Filtered to 订单: the staff change is not one of them.
  await visible(page, '.admin-audit-filter__area--orders').click();
  await visible(page, '.admin-audit-filter__area--orders.admin-sheet__chip--active').waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll('.admin-audit-entry')].some((e) => e.textContent.includes('设置店员权限')));
  await visible(page, '.admin-audit-filter__area--staff').click();
  await visible(page, '.admin-audit-entry').filter({ hasText: '设置店员权限' }).first().waitFor();
  await visible(page, '.admin-audit-filter__operator--all').waitFor();
  await screenshot(page, 'e2e-admin-audit-filtered');
  await context.close();

  const clerk = await phoneContext(suite.browser);
  const cp = await clerk.newPage();
  await cp.goto(`${suite.server.baseUrl}/`);
  await signIn(cp, '阿花');
  await tab(cp, 'admin').waitFor();
  await tab(cp, 'admin').click();
  await visible(cp, '.admin-link--goods').waitFor();
  expect(await visible(cp, '.admin-link--staff').count()).toBe(0); // operators cannot appoint
  await clerk.close();
});

test('an operator creates a coupon for one category with a fixed window from 管理 → 优惠券', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, '运营小美');
  await tab(page, 'admin').click();
  await visible(page, '.admin-link--coupons').click();
  await visible(page, '.admin-coupons__create').click();
  await visible(page, 'input.coupon-form__name').fill('水果满50减8');
  await visible(page, 'input.coupon-form__threshold').fill('50');
  await visible(page, 'input.coupon-form__amount').fill('8');
  await visible(page, '.coupon-form__scope--categories').click();
  await visible(page, '.coupon-form__target').filter({ hasText: '生鲜水果' }).click();
  await visible(page, '.coupon-form__validity--fixed').click();
  // The H5 date picker is Taro's own sheet; pick today for both ends by confirming its default.
  for (const which of ['.coupon-form__from', '.coupon-form__to']) {
    await visible(page, which).click();
    const confirm = page.locator('.taro-picker__action:visible').last(); // each Picker keeps its own, hidden, sheet
    await confirm.waitFor();
    await confirm.click();
    await page.waitForTimeout(300);
  }
  await screenshot(page, 'e2e-admin-coupon-form');
  await visible(page, '.coupon-form__submit').click();
  await visible(page, '.admin-coupon__name').filter({ hasText: '水果满50减8' }).waitFor();

  const token = (await (await fetch(`${suite.server.baseUrl}/api/auth/dev`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nickname: '运营小美' }),
  })).json()).accessToken;
  const templates = await (await fetch(`${suite.server.baseUrl}/api/admin/coupons/templates`, { headers: { authorization: `Bearer ${token}` } })).json();
  const made = templates.find((t) => t.name === '水果满50减8');
  const categories = await (await fetch(`${suite.server.baseUrl}/api/catalog/categories`)).json();
  expect(made).toMatchObject({ scope: 'categories', scopeIds: [categories.find((c) => c.name === '生鲜水果').id], thresholdFen: 5000, amountFen: 800, validity: { type: 'fixed' } });
  await context.close();
});
