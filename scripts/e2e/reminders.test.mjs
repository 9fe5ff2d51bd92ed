// Reminders in Chromium at phone size, against the real server serving the H5 build: 小明 (the
// demo member whose 800 anniversary points lapse in 12 days) turns 积分过期提醒 off in 消息设置,
// then taps 「过期前提醒我」 on 积分明细, which (with no WeChat in H5) turns it back on. The server
// is restarted five days later (CLOCK_OFFSET_DAYS): its 10:00 scan finds the points 7 days from
// lapsing, the notice lands in 消息中心, the unread badge shows on 我的 and on the tab bar, and
// tapping the notice opens 积分明细 and marks it read.
import { confirmModal, devSignIn, phoneContext, screenshot, serverAndBrowser, tab, visible } from './support.mjs';

const suite = serverAndBrowser({ OUTBOX_POLL_MS: '300', JOBS_TICK_MS: '1000' });

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const unreadBadge = (page) => visible(page, '.me-unread');

test('「过期前提醒我」 on 积分明细, five days later a notice in 消息中心 with the badge on 我的', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator('.tab-bar:visible').waitFor();
  await devSignIn(page, '小明');

  // 消息设置 from 消息中心: turn 积分过期提醒 off.
  await visible(page, '.me-messages').click();
  await visible(page, '.messages-settings-link').click();
  const expiringRow = visible(page, '.message-setting--points_expiring');
  await expiringRow.waitFor();
  expect(await text(expiringRow)).toContain('积分到期前 30 天和 7 天提醒');
  const settingsSaved = page.waitForResponse((r) => r.url().endsWith('/api/reminders/settings') && r.request().method() === 'PUT');
  await expiringRow.locator('.message-setting__switch').click();
  expect((await (await settingsSaved).json()).kinds.find((k) => k.kind === 'points_expiring').enabled).toBe(false);
  await screenshot(page, 'e2e-message-settings');
  await page.goBack();
  await visible(page, '.messages-settings-link').waitFor();
  await page.goBack();

  // 积分明细: 「过期前提醒我」 says why, and in H5 just turns the reminder on for 消息中心.
  await visible(page, '.me-points-available').click();
  const remind = visible(page, '.points-remind');
  await remind.waitFor();
  expect(await text(remind)).toContain('过期前提醒我');
  expect(await text(remind)).toContain('积分到期前 30 天和 7 天提醒你兑换');
  const consent = page.waitForResponse((r) => r.url().endsWith('/api/reminders/consent'));
  await remind.click();
  const answer = await (await consent).json();
  expect(answer.checkinReminderOn).toBeNull();
  await page.getByText('已开启积分过期提醒，届时在消息中心通知你').waitFor();
  await remind.filter({ hasText: '已开启积分过期提醒' }).waitFor();
  await screenshot(page, 'e2e-points-remind');
  await page.waitForTimeout(300);
  await page.goBack();
  await visible(page, '.me__entry--checkin').waitFor();
  await page.waitForTimeout(800); // Taro's H5 router loses pages navigated mid slide-in

  // 签到: once done today, 「明天提醒我签到」 books tomorrow's 09:00 reminder.
  await visible(page, '.me__entry--checkin').click();
  const checkinButton = visible(page, '.checkin-button');
  await checkinButton.waitFor();
  await visible(page, '.checkin-streak').waitFor(); // the calendar has loaded: the button says what today is
  if ((await checkinButton.getAttribute('disabled')) === null) await checkinButton.click();
  await visible(page, '.checkin-button--done').waitFor();
  const checkinRemind = visible(page, '.checkin-remind');
  await checkinRemind.waitFor();
  const booked = page.waitForResponse((r) => r.url().endsWith('/api/reminders/consent'));
  await checkinRemind.click();
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
  expect((await (await booked).json()).checkinReminderOn).toBe(tomorrow);
  await checkinRemind.filter({ hasText: '明天 09:00 提醒你签到' }).waitFor();
  await screenshot(page, 'e2e-checkin-remind');

  // Five days later: the 10:00 scan sees the 800 points 7 days from lapsing.
  await suite.server.restart({ CLOCK_OFFSET_DAYS: '5' });
  // Its first job tick also completes the shipped demo orders (积分到账 notices follow): let that settle.
  await page.waitForTimeout(3000);
  // A fresh tab of the same browser: the session is in its storage.
  const later = await context.newPage();
  await later.goto(`${suite.server.baseUrl}/`);
  await tab(later, 'me').click();
  await visible(later, '.me-nickname').filter({ hasText: '小明' }).waitFor();
  // The job runs within a second of the start; 我的 fetches the count each time it shows.
  for (let i = 0; i < 20 && (await unreadBadge(later).count()) === 0; i++) {
    await later.waitForTimeout(500);
    await tab(later, 'home').click();
    await tab(later, 'me').click();
  }
  await unreadBadge(later).waitFor();
  const unread = Number(await text(unreadBadge(later)));
  expect(unread).toBeGreaterThanOrEqual(1);
  expect(await text(later.locator('.tab-bar:visible .tab-bar-unread'))).toBe(String(unread));
  await screenshot(later, 'e2e-me-unread');

  await visible(later, '.me-messages').click();
  const notice = visible(later, '.message--points_expiring').first();
  await notice.waitFor();
  expect(await text(notice)).toContain('积分即将过期');
  expect(await text(notice)).toMatch(/\d+ 积分将于 \d{4}-\d{2}-\d{2} 过期/);
  expect(await notice.locator('.message__dot').count()).toBe(1);
  const count = visible(later, '.messages__count');
  expect(await text(count)).toMatch(/^\d+ 条未读$/);
  const before = Number((await text(count)).split(' ')[0]);
  expect(before).toBeGreaterThanOrEqual(unread);
  await screenshot(later, 'e2e-messages');

  // A tap reads it and opens the page it is about.
  await notice.click();
  await visible(later, '.points-remind').waitFor();
  await later.waitForTimeout(800); // Taro's H5 router loses the page going back mid slide-in
  await later.goBack();
  await visible(later, '.messages__count').waitFor();
  await visible(later, '.message--points_expiring .message__dot').first().waitFor({ state: 'detached' });
  expect(await text(visible(later, '.messages__count'))).toBe(before > 1 ? `${before - 1} 条未读` : '没有未读消息');
  await context.close();
});

test('the owner sends a 积分政策变更通知 from 管理 → 消息通知; a shopper finds it in 消息中心', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  await page.goto(`${suite.server.baseUrl}/`);
  await devSignIn(page, '店主老林');
  await tab(page, 'admin').click();
  await visible(page, '.admin-link--messages').click();
  await visible(page, '.reminder-kind--points_expiring').waitFor();
  expect(await visible(page, '.reminder-kind').count()).toBe(9);
  expect(await visible(page, '.reminder-kind--points_expiring').innerText()).toContain('仅消息中心（未配置微信模板）');

  // Too long: the counter turns red and 发送 waits.
  await visible(page, 'input.policy-title').fill('积分有效期调整通知——请各位会员务必留意本次变化');
  await visible(page, '.policy-form__count--over').waitFor();
  expect(await visible(page, '.policy-send').getAttribute('disabled')).not.toBeNull();
  await visible(page, 'input.policy-title').fill('积分有效期调整');
  await visible(page, '.policy-summary textarea').fill('自 1 月 1 日起，积分有效期由 12 个月调整为 24 个月，已有积分同样延长。');
  await visible(page, '.policy-send').click();
  await confirmModal(page);
  const sent = visible(page, '.policy-notice').first();
  await sent.filter({ hasText: '积分有效期调整' }).waitFor();
  await screenshot(page, 'e2e-admin-messages');
  await context.close();

  const shopper = await (await phoneContext(suite.browser)).newPage();
  await shopper.goto(`${suite.server.baseUrl}/`);
  await devSignIn(shopper, '阿花');
  await visible(shopper, '.me-messages').click();
  const notice = visible(shopper, '.message--policy').first();
  await notice.waitFor({ timeout: 15_000 });
  expect(await notice.innerText()).toContain('自 1 月 1 日起，积分有效期由 12 个月调整为 24 个月');
  await shopper.context().close();
});
