// The spend loop in Chromium at phone size, against the real server serving the H5 build:
// browse → cart → checkout with a coupon and 500 points → sandbox pay → paid with pending
// points → shipped (operator API) → confirm receipt → points available; a coupon redeemed in
// 积分商城 shows in the wallet; a paid order refunded gives its points back.
import { devSignIn as signIn, phoneContext, screenshot, serverAndBrowser, tab, visible, confirmModal } from './support.mjs';

const suite = serverAndBrowser();

async function api(method, path, token, body) {
  const res = await fetch(`${suite.server.baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return res.json();
}
const devToken = async (nickname) => (await api('POST', '/api/auth/dev', null, { nickname })).accessToken;

/** A phone page signed in as `nickname` on 我的, with an API token for the same member. */
async function signedIn(nickname) {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, nickname);
  return { context, page, token: await devToken(nickname) };
}

test('browse → cart → checkout with a coupon and 500 points → pay → ship → confirm → points available', async () => {
  const { context, page, token } = await signedIn('小明');
  const before = await api('GET', '/api/points', token);

  await tab(page, 'home').click();
  await visible(page, '.goods-card').filter({ hasText: '车厘子' }).first().click();
  await visible(page, '.goods-detail__add-cart').waitFor();
  await screenshot(page, 'e2e-goods');
  await visible(page, '.goods-detail__add-cart').click();
  await visible(page, '.sku-sheet__chip').filter({ hasText: '2斤装' }).click();
  await visible(page, '.sku-sheet__confirm').click();
  await expect(visible(page, '.goods-detail__cart-badge').innerText()).resolves.toBe('1');

  await visible(page, '.goods-detail__cart').click();
  await visible(page, '.cart-item').first().waitFor();
  await screenshot(page, 'e2e-cart');
  await visible(page, '.cart__checkout').click();

  // The server picked the best coupon (满100减20); of 小明's 1,545 points 1,500 may pay (whole hundreds): use 500.
  await visible(page, '.checkout__coupon').filter({ hasText: '-¥20.00' }).waitFor();
  await visible(page, '.checkout__points-switch').click();
  await visible(page, '.checkout__points-used').filter({ hasText: /^1500$/ }).waitFor();
  for (let used = 1400; used >= 500; used -= 100) {
    await visible(page, '.checkout__points-stepper .stepper__minus').click();
    await visible(page, '.checkout__points-used').filter({ hasText: new RegExp(`^${used}$`) }).waitFor();
  }
  await expect(visible(page, '.checkout__pay-total').innerText()).resolves.toContain('114.00'); // 139 − 20 − 5
  await screenshot(page, 'e2e-checkout');
  await visible(page, '.checkout__submit').click();
  await visible(page, '.pay-sandbox').getByText('沙箱支付').first().waitFor();
  await visible(page, '.pay-sandbox__confirm').click();

  await visible(page, '.order-detail__earn-state').filter({ hasText: '待到账' }).waitFor();
  await screenshot(page, 'e2e-order-paid');
  const [order] = await api('GET', '/api/orders', token);
  expect(order).toMatchObject({ status: 'paid', goodsFen: 13_900, couponFen: 2_000, points: 500, payFen: 11_400, payChannel: 'sandbox' });
  expect(await api('GET', '/api/points', token)).toMatchObject({ available: before.available - 500, pending: before.pending + order.earnPoints });

  const operator = await devToken('运营小美');
  expect(await api('POST', `/api/admin/orders/${order.id}/ship`, operator, { expressCompany: '顺丰速运', trackingNo: 'SF1234567890' })).toMatchObject({ status: 'shipped' });
  await page.reload();
  await visible(page, '.order-detail__confirm').click();
  await confirmModal(page);
  await visible(page, '.order-detail__earn-state').filter({ hasText: '已到账' }).waitFor();
  await screenshot(page, 'e2e-order-completed');
  expect(await api('GET', '/api/points', token)).toMatchObject({ available: before.available - 500 + order.earnPoints, pending: before.pending });

  // The coupon was spent on this order: it is under 已使用 in the wallet.
  const used = await api('GET', '/api/coupons?state=used', token);
  expect(used.map((c) => c.id)).toContain(order.couponId);
  await context.close();
});

test('a coupon redeemed in 积分商城 is in the wallet', async () => {
  const { context, page, token } = await signedIn('小明');
  const gifted = await api('GET', '/api/points', token);

  await tab(page, 'mall').click();
  await visible(page, '.mall-kind--coupon').click();
  const item = visible(page, '.mall-item--coupon').filter({ hasText: '无门槛减3元券' });
  await item.locator('.mall-item__redeem').click();
  await visible(page, '.redeem-confirm').click();
  await visible(page, '.redeem-success__title').filter({ hasText: '已放入卡包' }).waitFor();
  await screenshot(page, 'e2e-mall-redeemed');
  await visible(page, '.redeem-success__wallet').click();
  await visible(page, '.wallet-coupon--available').filter({ hasText: '无门槛减3' }).waitFor();
  await screenshot(page, 'e2e-wallet');
  expect(await api('GET', '/api/points', token)).toMatchObject({ available: gifted.available - 300 });
  await context.close();
});

test('a paid order refunded gives back its points, and 积分明细 shows them returned', async () => {
  const { context, page, token } = await signedIn('小明');
  const before = await api('GET', '/api/points', token);
  const [address] = await api('GET', '/api/addresses', token);
  const goods = await api('GET', '/api/catalog/goods?q=龙井', null);
  const detail = await api('GET', `/api/catalog/goods/${goods[0].id}`, null);
  const order = await api('POST', '/api/orders', token, { lines: [{ skuId: detail.skus[0].id, quantity: 1 }], points: 200, couponId: null, addressId: address.id });
  expect(order).toMatchObject({ status: 'pending', points: 200 });
  expect(await api('POST', `/api/pay/sandbox/${order.id}`, token)).toMatchObject({ status: 'paid' });

  await page.goto(`${suite.server.baseUrl}/#/pages/order/index?id=${order.id}`);
  await visible(page, '.order-detail__refund').click();
  await confirmModal(page);
  await visible(page, '.order-detail__status').filter({ hasText: '已退款' }).waitFor();
  await visible(page, '.order-detail__earn-state').filter({ hasText: '已取消' }).waitFor();
  await screenshot(page, 'e2e-order-refunded');
  expect(await api('GET', '/api/points', token)).toMatchObject({ available: before.available, pending: before.pending });

  await page.goto(`${suite.server.baseUrl}/#/pages/points/index`);
  await visible(page, '.points-entry').filter({ hasText: '积分抵现（退回）' }).first().waitFor();
  await context.close();
});
