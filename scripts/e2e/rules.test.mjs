// 管理 → 积分规则: the owner raises the daily check-in points with a note, previews what the last
// 30 days would have paid, sees the new version in the history, and a shopper's 签到 page words its rules from it; the owner then restores the
// earlier version. The tiers and invite forms are looked at; the invite form offers real coupons.
import { confirmModal, devSignIn as signIn, phoneContext, screenshot, serverAndBrowser, tab, visible } from './support.mjs';

const suite = serverAndBrowser();

async function checkinRules(browser, nickname) {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, nickname);
  await visible(page, '.me__entry--checkin').click();
  const first = visible(page, '.checkin-rules__text').first();
  await first.waitFor();
  const text = await first.innerText();
  await context.close();
  return text;
}

test('the owner changes check-in points with a note, the shopper\'s 签到 rules follow, and the old version is restored', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, '店主老林');
  await tab(page, 'admin').click();
  await visible(page, '.admin-link--rules').click();
  await visible(page, '.admin-rules__card--checkin').waitFor();
  // The demo shop's invite rule names its coupon, chosen as an owner chooses it.
  await visible(page, '.admin-rules__card--invites').filter({ hasText: '邀请好礼 满50减10' }).waitFor();
  await screenshot(page, 'e2e-admin-rules');

  await visible(page, '.admin-rules__card--checkin').click();
  const base = visible(page, '.rule-edit__field--basePoints input');
  await base.waitFor();
  expect(await base.inputValue()).toBe('10');
  await base.fill('0.5');
  await visible(page, '.rule-edit__field--basePoints .rule-edit__problem').filter({ hasText: '须为整数' }).waitFor();
  await base.fill('15');
  await visible(page, 'input.rule-edit__note').fill('冬季签到加码');
  await visible(page, '.rule-edit__preview').filter({ hasText: '每日 15 积分' }).waitFor();
  await screenshot(page, 'e2e-admin-rule-checkin');
  // 预览影响: 小明's nine check-ins of the demo's last 30 days (streak 1–9) paid 150; at 15 a day they would have paid 195.
  await visible(page, '.rule-edit__what-if').click();
  const checkins = visible(page, '.rule-preview__row--checkin');
  await checkins.waitFor();
  expect((await checkins.innerText()).replace(/\s+/g, ' ')).toContain('每日签到 9 笔 150 195 +45');
  await visible(page, '.rule-preview__liability-line').filter({ hasText: '多发 45 分，约 ¥0.45' }).waitFor();
  await visible(page, '.rule-preview').scrollIntoViewIfNeeded();
  await screenshot(page, 'e2e-admin-rule-preview');
  await base.fill('16');
  await visible(page, '.rule-preview--stale .rule-preview__stale').waitFor();
  await base.fill('15');
  await visible(page, '.rule-edit__submit').click();
  await visible(page, '.rule-edit__version--current').filter({ hasText: '冬季签到加码' }).waitFor();
  expect(await visible(page, '.rule-edit__version').count()).toBe(1);

  expect(await checkinRules(suite.browser, '阿花')).toContain('可得 15 积分');

  await base.fill('25');
  await visible(page, 'input.rule-edit__note').fill('再加一点');
  await visible(page, '.rule-edit__submit').click();
  await visible(page, '.rule-edit__version--current').filter({ hasText: '再加一点' }).waitFor();
  await visible(page, '.rule-edit__version--past .rule-edit__revert').click();
  await confirmModal(page);
  await visible(page, '.rule-edit__version--current').filter({ hasText: '恢复到' }).waitFor();
  expect(await base.inputValue()).toBe('15');
  expect(await visible(page, '.rule-edit__version').count()).toBe(3);
  await screenshot(page, 'e2e-admin-rule-history');
  expect(await checkinRules(suite.browser, '小明')).toContain('可得 15 积分');

  // Tiers and invites, looked at.
  await page.goBack();
  await visible(page, '.admin-rules__card--tiers').click();
  await visible(page, '.rule-edit__tier--diamond').waitFor();
  await screenshot(page, 'e2e-admin-rule-tiers');
  await page.goBack();
  await visible(page, '.admin-rules__card--invites').click();
  await visible(page, '.rule-edit__coupon.admin-sheet__chip--active').filter({ hasText: '邀请好礼 满50减10' }).waitFor();
  await screenshot(page, 'e2e-admin-rule-invites');
  await context.close();
});

test('the owner fills 店铺信息 from 管理 and the privacy page names the operator', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await signIn(page, '店主老林');
  await tab(page, 'admin').click();
  await visible(page, '.admin-link--shop').click();
  const name = visible(page, '.rule-edit__field--name input');
  await name.waitFor();
  expect(await name.inputValue()).toBe('积分商城演示店（非真实商户）');
  expect(await visible(page, '.rule-edit__what-if').count()).toBe(0); // nothing to replay
  await name.fill('上海林记商贸有限公司');
  await visible(page, '.rule-edit__field--contact input').fill('客服电话 021-5555-0100');
  await visible(page, '.rule-edit__field--privacyEffectiveOn input').fill('2026-13-01');
  await visible(page, '.rule-edit__field--privacyEffectiveOn .rule-edit__problem').filter({ hasText: 'YYYY-MM-DD' }).waitFor();
  await visible(page, '.rule-edit__field--privacyEffectiveOn input').fill('2026-12-01');
  await visible(page, 'input.rule-edit__note').fill('填写真实运营者');
  await screenshot(page, 'e2e-admin-shop-profile');
  await visible(page, '.rule-edit__submit').click();
  await visible(page, '.rule-edit__version--current').filter({ hasText: '填写真实运营者' }).waitFor();

  await page.goto(`${suite.server.baseUrl}/#/pages/privacy/index`);
  await visible(page, '.privacy-operator-name').filter({ hasText: '运营者：上海林记商贸有限公司' }).waitFor();
  expect(await visible(page, '.privacy-operator-contact').innerText()).toBe('联系方式：客服电话 021-5555-0100');
  expect(await visible(page, '.privacy-operator-effective').innerText()).toBe('生效日期：2026-12-01');
  await screenshot(page, 'e2e-privacy');
  await context.close();
});
