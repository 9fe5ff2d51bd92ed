// 管理 → 积分商城: an operator sets up a virtual item and loads its codes from the phone, and a
// coupon item from a real template; a shopper redeems the virtual item and finds the code in
// 我的兑换.
import { devSignIn as signIn, phoneContext, screenshot, serverAndBrowser, tab, visible } from './support.mjs';

const suite = serverAndBrowser();

test('an operator creates a virtual item and loads its codes; a shopper redeems it and sees the code in 我的兑换', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, '运营小美');
  await tab(page, 'admin').click();
  await visible(page, '.admin-link--mall').click();
  await visible(page, '.admin-mall__item').first().waitFor();
  await screenshot(page, 'e2e-admin-mall');

  await visible(page, '.admin-mall__create').click();
  await visible(page, '.mall-edit__kind--virtual').click();
  await visible(page, 'input.mall-edit__title').fill('话费充值卡 10 元');
  await visible(page, 'input.mall-edit__subtitle').fill('兑换码在「我的兑换」查看');
  await visible(page, 'input.mall-edit__points').fill('100');
  await visible(page, 'input.mall-edit__limit').fill('1');
  await screenshot(page, 'e2e-admin-mall-new');
  await visible(page, '.mall-edit__submit').click();

  // Created: the page becomes its editor, with the code pool to fill.
  await visible(page, '.mall-edit__codes').waitFor();
  await visible(page, '.mall-edit__codes-input textarea').fill('TOPUP-0001\nTOPUP-0002\nTOPUP-0001');
  await visible(page, '.mall-edit__tip').filter({ hasText: '重复出现' }).waitFor();
  await visible(page, '.mall-edit__codes-input textarea').fill('TOPUP-0001\nTOPUP-0002\nTOPUP-0003');
  await visible(page, '.mall-edit__tip').filter({ hasText: '识别到 3 个兑换码' }).waitFor();
  await visible(page, '.mall-edit__load').click();
  await visible(page, '.mall-edit__pool').filter({ hasText: '共 3 个 · 未发出 3 个' }).waitFor();
  await screenshot(page, 'e2e-admin-mall-codes');
  await page.goBack();
  const row = visible(page, '.admin-mall__item').filter({ hasText: '话费充值卡 10 元' });
  await row.waitFor();
  await row.locator('.admin-mall__stock').filter({ hasText: '兑换码 3/3' }).waitFor();

  // A coupon item: the template is picked from the real ones.
  await visible(page, '.admin-mall__create').click();
  await visible(page, '.mall-edit__kind--coupon').click();
  await visible(page, '.mall-edit__template').first().waitFor();
  await visible(page, '.mall-edit__template').filter({ hasText: '积分兑 满59减10' }).click();
  await visible(page, 'input.mall-edit__title').fill('满59减10 限时兑');
  await visible(page, 'input.mall-edit__points').fill('400');
  await visible(page, 'input.mall-edit__tier-points--gold').fill('300');
  await visible(page, 'input.mall-edit__stock').fill('50');
  await screenshot(page, 'e2e-admin-mall-coupon');
  await visible(page, '.mall-edit__submit').click();
  await visible(page, '.admin-mall__item').filter({ hasText: '满59减10 限时兑' }).locator('.admin-mall__stock').filter({ hasText: '库存 50' }).waitFor();
  await context.close();

  const shopper = await phoneContext(suite.browser);
  const sp = await shopper.newPage();
  await sp.goto(`${suite.server.baseUrl}/`);
  await signIn(sp, '小明');
  await tab(sp, 'mall').click();
  const item = visible(sp, '.mall-item').filter({ hasText: '话费充值卡 10 元' });
  await item.first().waitFor();
  await item.first().locator('.mall-item__redeem').click();
  await visible(sp, '.redeem-confirm').click();
  const code = visible(sp, '.redeem-sheet__code-text');
  await code.waitFor();
  expect(await code.innerText()).toBe('TOPUP-0001');
  await screenshot(sp, 'e2e-mall-code-redeemed');
  await visible(sp, '.redeem-success__list').click();
  const record = visible(sp, '.redemption').filter({ hasText: '话费充值卡 10 元' });
  await record.locator('.redemption__code-text').filter({ hasText: 'TOPUP-0001' }).waitFor();
  await screenshot(sp, 'e2e-redemptions-code');
  await shopper.close();
});
