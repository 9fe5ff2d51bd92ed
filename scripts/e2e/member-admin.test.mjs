// 管理 → 会员 and 积分审核 in Chromium at phone size: the operator 运营小美 opens the member count
// on 管理, finds 小明, looks at his full phone number (the masked one everywhere else), adds 200
// points at once and asks for 6,000 more, which waits; the owner 店主老林 approves it in 积分审核;
// 小明 reads both adjustments with their reasons in 积分明细. The owner then reads 积分负债 and 数据看板.
// Then 定向发券: the operator makes a tag, puts it on 小明 from his page, sends a coupon to the tag
// and reads 发券记录; 小明 finds the coupon in his wallet. Last, 75 days on (the server restarted
// with its clock moved), the demo's buyers have gone quiet: the owner sends 一键挽回 with a
// hold-out and reads it on 发券记录与效果.
import { confirmModal, devSignIn, phoneContext, screenshot, serverAndBrowser, tab, visible } from './support.mjs';

// Jobs on: the ledger's monthly totals (积分负债) are folded in at the first tick.
const suite = serverAndBrowser({ JOBS_TICK_MS: '1000' });
const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

async function signedIn(nickname) {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await devSignIn(page, nickname);
  return page;
}

async function adjust(page, amount, reason) {
  await visible(page, '.member-adjust').click();
  await visible(page, 'input.adjust-sheet__amount').fill(String(amount));
  await visible(page, '.adjust-sheet__reason').filter({ hasText: reason }).click();
  await visible(page, '.adjust-sheet__confirm').click();
}

test('an operator finds 小明 and adjusts his points; 6,000 waits for the owner, who approves it; 小明 sees both', async () => {
  const page = await signedIn('运营小美');
  await tab(page, 'admin').click();
  await visible(page, '.admin-stat--members').click();
  await visible(page, '.admin-member-row').first().waitFor();
  await visible(page, 'input.admin-members-q').fill('小明');
  await visible(page, '.admin-members-search').click();
  const row = visible(page, '.admin-member-row').filter({ hasText: '小明' });
  await row.waitFor();
  expect(await text(row)).toMatch(/138\*{4}\d{4}/);
  await row.click();

  const phone = visible(page, '.member-phone');
  await phone.waitFor();
  expect(await text(phone)).toMatch(/^138\*{4}\d{4}$/);
  await visible(page, '.member-reveal').click();
  await phone.filter({ hasText: /^138\d{8}$/ }).waitFor();
  const before = Number(await text(visible(page, '.member-available')));

  await adjust(page, 200, '门店活动补发');
  await page.getByText('积分已调整').waitFor();
  await visible(page, '.member-available').filter({ hasText: String(before + 200) }).waitFor();
  await adjust(page, 6000, '客诉补偿');
  await page.getByText('已提交店主审批').waitFor();
  await visible(page, '.member-adjustments').filter({ hasText: '待店主审批' }).waitFor();
  expect(await text(visible(page, '.member-available'))).toBe(String(before + 200));
  await screenshot(page, 'e2e-admin-member');
  await page.context().close();

  const owner = await signedIn('店主老林');
  await tab(owner, 'admin').click();
  await visible(owner, '.admin-link--review').click();
  const request = visible(owner, '.review-adjustment').filter({ hasText: '客诉补偿' });
  await request.waitFor();
  expect(await text(request)).toContain('运营小美 提交于');
  await screenshot(owner, 'e2e-admin-review');
  await request.locator('.review-approve').click();
  await confirmModal(owner);
  await owner.getByText('已批准，积分已变动').waitFor();
  await request.waitFor({ state: 'detached' });

  // 积分负债: what the shop owes now, and the months behind it.
  await owner.goBack();
  await visible(owner, '.admin-link--liability').click();
  const outstanding = visible(owner, '.liability-outstanding');
  await outstanding.waitFor();
  expect(Number(await text(outstanding))).toBeGreaterThan(6200);
  expect(await text(visible(owner, '.liability-yuan'))).toMatch(/^折合 ¥[\d,]+\.\d{2}（100 积分 = 1 元）$/);
  await visible(owner, '.liability-month').first().waitFor();
  expect(await text(visible(owner, '.liability-month').first())).toContain('沉淀率');
  await screenshot(owner, 'e2e-admin-liability');

  // 数据看板: the demo shop's last 30 days, counted by the job at the server's first tick.
  await owner.goBack();
  await visible(owner, '.admin-link--dashboard').click();
  await visible(owner, '.dash-range--30').click();
  const rows = visible(owner, '.dash-row:not(.dash-row--head)');
  await rows.nth(29).waitFor();
  expect(await rows.count()).toBe(30);
  // The charts really draw: each canvas has lines and labels in it, not just a blank box.
  await owner.waitForFunction(() => ['members', 'points', 'gmv'].every((name) => {
    const c = document.querySelector(`canvas.dash-chart__canvas--dash-chart-${name}`);
    if (!c || c.width === 0) return false;
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
    return inked > 2_000;
  }), null, { timeout: 10_000 });
  const members = visible(owner, '.dash-card').filter({ hasText: '会员总数' });
  expect(Number((await text(members)).replace(/\D/g, ''))).toBeGreaterThanOrEqual(4);
  await screenshot(owner, 'e2e-admin-dashboard');
  await visible(owner, '.dash-chart').nth(1).scrollIntoViewIfNeeded();
  await screenshot(owner, 'e2e-admin-dashboard-points');

  // 流失预警: 小明 bought yesterday, so nobody is slipping away in the demo shop.
  await owner.goBack();
  await visible(owner, '.admin-link--churn').click();
  await visible(owner, '.churn-count').filter({ hasText: '0 人' }).waitFor();
  await owner.getByText('暂无流失风险的会员').waitFor();
  await owner.context().close();

  const shopper = await signedIn('小明');
  await visible(shopper, '.me-points-available').filter({ hasText: String(before + 6200) }).waitFor();
  await visible(shopper, '.me-points-available').click();
  const entries = visible(shopper, '.points-entry');
  await entries.first().waitFor();
  expect(await text(entries.nth(0))).toContain('客诉补偿');
  expect(await text(entries.nth(0))).toContain('+6000');
  expect(await text(entries.nth(1))).toContain('门店活动补发');
  await shopper.context().close();
});

test('an operator tags 小明 and sends the tag a coupon; 小明 finds it in his wallet', async () => {
  const page = await signedIn('运营小美');
  await tab(page, 'admin').click();
  await visible(page, '.admin-link--segments').click();
  await visible(page, '.segment-card').nth(4).waitFor();
  await visible(page, '.segments__new').click();
  await visible(page, 'input.tag-sheet__name').fill('门店熟客');
  await visible(page, '.tag-sheet__confirm').click();
  await page.getByText('标签已创建').waitFor();
  await visible(page, '.tag-row').filter({ hasText: '门店熟客' }).waitFor();
  await screenshot(page, 'e2e-admin-segments');

  await page.goBack();
  await visible(page, '.admin-stat--members').click();
  await visible(page, 'input.admin-members-q').fill('小明');
  await visible(page, '.admin-members-search').click();
  await visible(page, '.admin-member-row').filter({ hasText: '小明' }).click();
  await visible(page, '.member-tag-add').click();
  await visible(page, '.tag-picker__tag').filter({ hasText: '门店熟客' }).click();
  await visible(page, '.member-tag').filter({ hasText: '门店熟客' }).waitFor();
  // The nightly job has placed him in an RFM group too.
  expect(await visible(page, '.admin-member-page__tag--segment').count()).toBe(1);

  await page.goBack();
  await page.waitForTimeout(800);
  await page.goBack();
  await visible(page, '.admin-link--segments').click();
  await visible(page, '.tag-row').filter({ hasText: '门店熟客' }).filter({ hasText: '1 人' }).locator('.tag-row__main').click();
  await visible(page, '.send-sheet__count').filter({ hasText: '将发给 1 位会员' }).waitFor();
  await visible(page, '.send-sheet__template').filter({ hasText: '老客回馈 无门槛减8' }).click();
  await screenshot(page, 'e2e-admin-targeted');
  await visible(page, '.send-sheet__confirm').click();
  const batch = visible(page, '.batch').filter({ hasText: '定向 · 门店熟客' });
  await batch.waitFor();
  for (let i = 0; i < 20 && !(await text(batch)).includes('已发完'); i++) {
    await page.waitForTimeout(500);
    await page.reload();
    await batch.waitFor();
  }
  expect(await text(batch)).toContain('已发完');
  expect(await text(batch.locator('.batch-issued'))).toBe('1');
  await screenshot(page, 'e2e-admin-batches');
  await page.context().close();

  const shopper = await signedIn('小明');
  await visible(shopper, '.me__entry--coupons').click();
  await visible(shopper, '.coupon-ticket').filter({ hasText: '老客回馈 无门槛减8' }).waitFor();
  await screenshot(shopper, 'e2e-targeted-wallet');
  await shopper.context().close();
});

test('75 days on, 流失预警 lists the buyers gone quiet and 一键挽回 sends them a coupon, holding some back', async () => {
  await suite.server.restart({ CLOCK_OFFSET_DAYS: '75', JOBS_TICK_MS: '1000' });
  const owner = await signedIn('店主老林');
  await tab(owner, 'admin').click();
  await visible(owner, '.admin-link--churn').click();
  // The nightly score runs at the restarted server's first tick; reopen until it has.
  const count = visible(owner, '.churn-count');
  for (let i = 0; i < 20 && (await text(count.first()).catch(() => '0 人')) === '0 人'; i++) {
    await owner.waitForTimeout(500);
    await owner.reload();
    await count.first().waitFor();
  }
  const atRisk = Number((await text(count)).replace(/\D/g, ''));
  expect(atRisk).toBeGreaterThan(0);
  expect(await text(visible(owner, '.churn-item').first())).toMatch(/已 \d+ 天未下单/);
  await screenshot(owner, 'e2e-admin-churn');
  await visible(owner, '.churn__winback').click();
  await visible(owner, '.send-sheet__template').filter({ hasText: '老客回馈 无门槛减8' }).click();
  await visible(owner, 'input.send-sheet__holdout').fill('10');
  await visible(owner, '.send-sheet__count').filter({ hasText: `${atRisk} 位流失风险会员` }).waitFor();
  await screenshot(owner, 'e2e-admin-winback');
  await visible(owner, '.send-sheet__confirm').click();
  const batch = visible(owner, '.batch--winback');
  await batch.waitFor();
  expect(await text(batch)).toContain('流失挽回');
  expect(await text(batch.locator('.batch__verdict'))).toMatch(/观察中|组为空/);
  await screenshot(owner, 'e2e-admin-winback-result');
  await owner.context().close();
});
