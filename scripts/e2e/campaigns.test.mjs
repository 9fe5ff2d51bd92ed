// 管理 → 积分活动 and 首页横幅: an operator puts a goods item on sale, runs a ×3 campaign from
// today and gives it a banner with an uploaded picture; a shopper sees the banner on 首页, taps
// it through to the campaign, buys the goods and the order carries the campaign's points. Once
// the campaign is switched off, its banner is gone.
import { confirmModal, devSignIn as signIn, phoneContext, screenshot, serverAndBrowser, tab, upload, visible } from './support.mjs';

const suite = serverAndBrowser();

test('an operator runs a ×3 campaign with its banner; a shopper taps through, buys and earns ×3, and the banner goes when it stops', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, '运营小美');

  // A goods item with an uploaded picture.
  await tab(page, 'admin').click();
  await visible(page, '.admin-link--goods').click();
  await visible(page, '.admin-goods__create').click();
  await visible(page, '.goods-edit__category').first().click();
  await upload(page, visible(page, '.goods-edit__add-image'), 'server/assets/goods/cup.png');
  await visible(page, '.goods-edit__thumb').first().waitFor();
  await visible(page, 'input.goods-edit__title').fill('双十二限定保温杯');
  await visible(page, 'input.goods-edit__sku-name').first().fill('500ml');
  await visible(page, 'input.goods-edit__sku-price').first().fill('100');
  await visible(page, 'input.goods-edit__sku-stock').first().fill('20');
  await visible(page, '.goods-edit__submit').click();
  await visible(page, '.admin-goods__item').filter({ hasText: '双十二限定保温杯' }).waitFor();
  await page.goBack();

  // 积分活动: ×3 on every order for the next 30 days (the form starts at today).
  await visible(page, '.admin-link--campaigns').click();
  await visible(page, '.admin-campaigns__list').waitFor();
  await screenshot(page, 'e2e-admin-campaigns');
  await visible(page, '.admin-campaigns__create').click();
  await visible(page, 'input.campaign-edit__name').fill('双十二 积分×3');
  await visible(page, '.campaign-edit__preset').filter({ hasText: '×3' }).click();
  await visible(page, '.campaign-edit__summary').filter({ hasText: '活动期间 下单积分×3' }).waitFor();
  await screenshot(page, 'e2e-admin-campaign-new');
  await visible(page, '.campaign-edit__submit').click();
  const row = visible(page, '.admin-campaigns__item').filter({ hasText: '双十二 积分×3' });
  await row.locator('.admin-campaigns__tag').filter({ hasText: '今日生效' }).waitFor();

  // A bonus campaign's form, looked at and left unsaved.
  await visible(page, '.admin-campaigns__create').click();
  await visible(page, '.campaign-edit__kind--bonus').click();
  await visible(page, '.campaign-edit__goods').filter({ hasText: '双十二限定保温杯' }).click();
  await visible(page, 'input.campaign-edit__bonus').fill('50');
  await visible(page, '.campaign-edit__repeat--weekly').click();
  await visible(page, '.campaign-edit__weekday--6').click();
  await visible(page, '.campaign-edit__summary').filter({ hasText: '每周六 指定商品每件 +50 积分' }).waitFor();
  await screenshot(page, 'e2e-admin-campaign-bonus');
  await page.goBack();

  // 首页横幅: a new banner with its own picture, linked to the campaign, moved to the front.
  await visible(page, '.admin-campaigns__banners-link').click();
  await visible(page, '.admin-banners__item').first().waitFor();
  await visible(page, '.admin-banners__create').click();
  await upload(page, page.locator('.banner-sheet__image-box'), 'server/assets/banners/double-points.png');
  await page.locator('.banner-sheet__image').waitFor();
  await page.locator('input.banner-sheet__title').fill('双十二 积分×3');
  await page.locator('.banner-sheet__kind--campaign').click();
  await page.locator('.banner-sheet__campaign').filter({ hasText: '双十二 积分×3' }).click();
  await screenshot(page, 'e2e-admin-banner-sheet');
  await page.locator('.banner-sheet__confirm').click();
  const banner = visible(page, '.admin-banners__item').filter({ hasText: '双十二 积分×3' });
  await banner.locator('.admin-banners__state').filter({ hasText: '展示中' }).waitFor();
  while ((await visible(page, '.admin-banners__item').first().innerText()).indexOf('双十二') < 0) {
    await banner.locator('.admin-banners__up').click();
    await page.waitForTimeout(150);
  }
  await screenshot(page, 'e2e-admin-banners');

  // The shopper: the banner leads to the campaign; the goods bought earns ×3.
  const shopper = await phoneContext(suite.browser);
  const sp = await shopper.newPage();
  await sp.goto(`${suite.server.baseUrl}/`);
  await signIn(sp, '小明');
  await tab(sp, 'home').click();
  await visible(sp, '.banners__image[alt="双十二 积分×3"]').waitFor();
  await screenshot(sp, 'e2e-home-campaign-banner');
  await visible(sp, '.banners__slide').first().click();
  await visible(sp, '.campaign__summary').filter({ hasText: '活动期间 下单积分×3' }).waitFor();
  expect(await visible(sp, '.campaign__today').innerText()).toBe('今天下单即享');
  await screenshot(sp, 'e2e-campaign');
  await visible(sp, '.campaign__go').click();
  await visible(sp, '.goods-card').filter({ hasText: '双十二限定保温杯' }).first().click();
  await visible(sp, '.goods-detail__buy-now').click();
  await visible(sp, '.sku-sheet__confirm').click();
  const earn = visible(sp, '.checkout__earn');
  await earn.filter({ hasText: '含活动积分×3' }).waitFor();
  const quoted = Number(/获得 (\d+) 积分/.exec(await earn.innerText())[1]);
  // What WeChat Pay charges (after the coupon checkout picks), in whole yuan, ×1.2 for 小明's 银卡 and ×3, rounded down once.
  const payYuan = Math.floor(Number((await visible(sp, '.checkout__sum-pay').innerText()).replace(/[^\d.]/g, '')));
  expect(quoted).toBe(Math.floor((payYuan * 120 * 300) / 10_000));
  await screenshot(sp, 'e2e-checkout-campaign');
  await visible(sp, '.checkout__submit').click();
  await visible(sp, '.pay-sandbox__confirm').click();
  await visible(sp, '.order-detail__earn-text').filter({ hasText: `本单获得 ${quoted} 积分` }).waitFor();
  await visible(sp, '.order-detail__earn-state').filter({ hasText: '待到账' }).waitFor();

  // 积分商城 names the running campaign, not a promise nobody configured.
  await sp.goto(`${suite.server.baseUrl}/`);
  await tab(sp, 'mall').click();
  await visible(sp, '.mall__perk--campaign').filter({ hasText: '双十二 积分×3' }).waitFor();

  // Switched off: its banner leaves 首页.
  await page.goBack();
  await row.locator('.admin-campaigns__toggle').click();
  await confirmModal(page);
  await row.locator('.admin-campaigns__tag').filter({ hasText: '已停用' }).waitFor();
  await sp.goto(`${suite.server.baseUrl}/`);
  await visible(sp, '.home__search').waitFor();
  await sp.waitForLoadState('networkidle');
  expect(await sp.locator('.banners__image[alt="双十二 积分×3"]').count()).toBe(0);
  await shopper.close();
  await context.close();
});
