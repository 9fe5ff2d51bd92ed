// A shop opened from nothing (SEED_DEMO=0, an empty database): the owner named in OWNER_OPENIDS
// sets it up from 管理 alone — a category, a goods item with its picture and two SKUs, a coupon,
// a points-mall item issuing that coupon, a ×2 campaign with its 首页 banner, the new-member
// gift — and the first shopper signs up, buys the goods with the campaign's points and
// redeems the coupon with the gift.
import { devSignIn as signIn, phoneContext, screenshot, serverAndBrowser, tab, upload, visible } from './support.mjs';

const OWNER = '开店老板';
const suite = serverAndBrowser({ SEED_DEMO: '0', OWNER_OPENIDS: `dev:${OWNER}` });

async function devToken(nickname) {
  const res = await fetch(`${suite.server.baseUrl}/api/auth/dev`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nickname }),
  });
  return (await res.json()).accessToken;
}

test('an owner sets up an empty shop from 管理, and the first shopper buys and redeems', async () => {
  // Nothing yet: 首页 has no goods and no banner, and says so without breaking.
  const visitor = await phoneContext(suite.browser);
  const vp = await visitor.newPage();
  await vp.goto(`${suite.server.baseUrl}/`);
  await vp.locator('.tab-bar:visible').waitFor();
  await vp.waitForTimeout(500);
  expect(await visible(vp, '.goods-card').count()).toBe(0);
  expect(await visible(vp, '.banners__image').count()).toBe(0);
  // It promises only what its rules do: points as cash, 1 point a yuan, daily check-in points.
  expect((await visible(vp, '.home__promise').allInnerTexts()).map((t) => t.replace(/\s+/g, ''))).toEqual(['✓100积分抵1元', '✓每消费1元得1积分', '✓每日签到领积分']);
  await visible(vp, '.empty-state').filter({ hasText: '店铺正在上新' }).waitFor();
  await screenshot(vp, 'e2e-empty-home');
  await visitor.close();

  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, OWNER);
  await tab(page, 'admin').click();

  // A category, then a goods item in it with an uploaded picture and two SKUs.
  await visible(page, '.admin-link--goods').click();
  await visible(page, '.admin-goods__categories').click();
  await visible(page, '.admin-categories__create').click();
  await visible(page, 'input.category-sheet__name').fill('茶饮');
  await visible(page, '.category-sheet__icon').nth(1).click();
  await visible(page, '.category-sheet__confirm').click();
  await visible(page, '.admin-categories__item').filter({ hasText: '茶饮' }).waitFor();
  await page.goBack();
  await visible(page, '.admin-goods__create').click();
  await visible(page, '.goods-edit__category').filter({ hasText: '茶饮' }).click();
  await upload(page, visible(page, '.goods-edit__add-image'), 'server/assets/goods/tea.png');
  await visible(page, '.goods-edit__thumb').first().waitFor();
  await visible(page, 'input.goods-edit__title').fill('桂花乌龙茶');
  await visible(page, 'input.goods-edit__subtitle').fill('开业尝鲜');
  await visible(page, 'input.goods-edit__sku-name').first().fill('罐装 100g');
  await visible(page, 'input.goods-edit__sku-price').first().fill('100');
  await visible(page, 'input.goods-edit__sku-stock').first().fill('20');
  await visible(page, '.goods-edit__add-sku').click();
  await visible(page, 'input.goods-edit__sku-name').nth(1).fill('礼盒 250g');
  await visible(page, 'input.goods-edit__sku-price').nth(1).fill('229');
  await visible(page, 'input.goods-edit__sku-stock').nth(1).fill('5');
  await visible(page, '.goods-edit__submit').click();
  await visible(page, '.admin-goods__item').filter({ hasText: '桂花乌龙茶' }).locator('.admin-goods__stock').filter({ hasText: '库存 25' }).waitFor();
  await page.goBack();

  // A coupon, and a points-mall item that issues it.
  await visible(page, '.admin-link--coupons').click();
  await visible(page, '.admin-coupons__create').click();
  await visible(page, 'input.coupon-form__name').fill('开业满50减5');
  await visible(page, 'input.coupon-form__threshold').fill('50');
  await visible(page, 'input.coupon-form__amount').fill('5');
  await visible(page, '.coupon-form__submit').click();
  await visible(page, '.admin-coupon__name').filter({ hasText: '开业满50减5' }).waitFor();
  await page.goBack();
  await visible(page, '.admin-link--mall').click();
  await visible(page, '.admin-mall__create').click();
  await visible(page, '.mall-edit__kind--coupon').click();
  await visible(page, '.mall-edit__template').filter({ hasText: '开业满50减5' }).click();
  await visible(page, 'input.mall-edit__title').fill('满50减5 积分兑');
  await visible(page, 'input.mall-edit__points').fill('30');
  await visible(page, 'input.mall-edit__stock').fill('20');
  await visible(page, '.mall-edit__submit').click();
  await visible(page, '.admin-mall__item').filter({ hasText: '满50减5 积分兑' }).waitFor();
  await page.goBack();

  // A ×2 campaign from today, and its banner on 首页.
  await visible(page, '.admin-link--campaigns').click();
  await visible(page, '.admin-campaigns__create').click();
  await visible(page, 'input.campaign-edit__name').fill('开业 积分×2');
  await visible(page, '.campaign-edit__preset').filter({ hasText: '×2' }).click();
  await visible(page, '.campaign-edit__submit').click();
  await visible(page, '.admin-campaigns__item').filter({ hasText: '开业 积分×2' }).locator('.admin-campaigns__tag').filter({ hasText: '今日生效' }).waitFor();
  await visible(page, '.admin-campaigns__banners-link').click();
  await visible(page, '.admin-banners__create').click();
  await upload(page, page.locator('.banner-sheet__image-box'), 'server/assets/banners/double-points.png');
  await page.locator('.banner-sheet__image').waitFor();
  await page.locator('input.banner-sheet__title').fill('开业 积分×2');
  await page.locator('.banner-sheet__kind--campaign').click();
  await page.locator('.banner-sheet__campaign').filter({ hasText: '开业 积分×2' }).click();
  await page.locator('.banner-sheet__confirm').click();
  await visible(page, '.admin-banners__item').filter({ hasText: '开业 积分×2' }).locator('.admin-banners__state').filter({ hasText: '展示中' }).waitFor();
  // Back one page at a time (a second history step before the first has landed is lost).
  await page.goBack();
  await visible(page, '.admin-campaigns__create').waitFor();
  await page.goBack();
  await visible(page, '.admin-link--rules').waitFor();

  // The new-member gift: 50 points.
  await visible(page, '.admin-link--rules').click();
  await visible(page, '.admin-rules__card--signup').click();
  await visible(page, '.rule-edit__field--giftPoints input').fill('50');
  await visible(page, 'input.rule-edit__note').fill('开业新人礼');
  await visible(page, '.rule-edit__submit').click();
  await visible(page, '.rule-edit__version--current').filter({ hasText: '开业新人礼' }).waitFor();
  await screenshot(page, 'e2e-empty-shop-rules');
  await context.close();

  // The first shopper: signs up (the gift the owner set), finds the goods through the banner's
  // campaign, buys with ×2 points, and spends the gift on the coupon.
  const shopper = await phoneContext(suite.browser);
  const sp = await shopper.newPage();
  await sp.goto(`${suite.server.baseUrl}/`);
  await signIn(sp, '第一位顾客');
  await visible(sp, '.me-phone-card').filter({ hasText: '领取 50 积分新人礼' }).waitFor();
  await visible(sp, 'input.me-phone-input').fill('13900001111');
  await visible(sp, '.me-phone-submit').click();
  await visible(sp, '.me-points-available').filter({ hasText: /^50$/ }).waitFor();
  const token = await devToken('第一位顾客');
  const address = await fetch(`${suite.server.baseUrl}/api/addresses`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: '第一位顾客', phone: '13900001111', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 1 号' }),
  });
  expect(address.status).toBeLessThan(300);

  await tab(sp, 'home').click();
  await visible(sp, '.banners__image[alt="开业 积分×2"]').waitFor();
  await screenshot(sp, 'e2e-empty-shop-home');
  await visible(sp, '.banners__slide').first().click();
  await visible(sp, '.campaign__summary').filter({ hasText: '活动期间 下单积分×2' }).waitFor();
  await sp.waitForTimeout(800); // Taro's H5 router can lose the tab page when left mid slide-in
  await visible(sp, '.campaign__go').click();
  await visible(sp, '.goods-card').filter({ hasText: '桂花乌龙茶' }).first().click();
  await visible(sp, '.goods-detail__buy-now').click();
  await visible(sp, '.sku-sheet__chip').filter({ hasText: '罐装 100g' }).click();
  await visible(sp, '.sku-sheet__confirm').click();
  // ¥100.00 paid, 普通会员 ×1, the campaign ×2: 200 points.
  await visible(sp, '.checkout__earn').filter({ hasText: '获得 200 积分' }).waitFor();
  await visible(sp, '.checkout__submit').click();
  await visible(sp, '.pay-sandbox__confirm').click();
  await visible(sp, '.order-detail__earn-text').filter({ hasText: '本单获得 200 积分' }).waitFor();

  await sp.goto(`${suite.server.baseUrl}/#/pages/mall/index`);
  const item = visible(sp, '.mall-item').filter({ hasText: '满50减5 积分兑' });
  await item.first().waitFor();
  await item.first().locator('.mall-item__redeem').click();
  await visible(sp, '.redeem-confirm').click();
  await visible(sp, '.redeem-success__wallet').waitFor();
  await screenshot(sp, 'e2e-empty-shop-redeemed');
  const wallet = await (await fetch(`${suite.server.baseUrl}/api/coupons?state=available`, { headers: { authorization: `Bearer ${token}` } })).json();
  expect(wallet.map((c) => c.name)).toEqual(['开业满50减5']);
  const points = await (await fetch(`${suite.server.baseUrl}/api/points`, { headers: { authorization: `Bearer ${token}` } })).json();
  expect(points).toMatchObject({ available: 20, pending: 200 }); // 50 − 30; the order's 200 until it completes
  await shopper.close();
});
