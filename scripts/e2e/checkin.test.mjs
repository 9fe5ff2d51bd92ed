// 签到 in Chromium at phone size, against the real server serving the H5 build: a new member
// signs in with the development sign-in, binds a phone with the development phone form for the
// 100-point new-member gift, opens 签到 from 首页 and checks in once (+10), with the points,
// the streak and today's calendar cell following; a second tap changes nothing.
import { join } from 'node:path';
import { artifacts, devSignIn, phoneContext, screenshot, serverAndBrowser, tab, visible } from './support.mjs';

const suite = serverAndBrowser();

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

/** Today's day of the month in Shanghai, as the server counts check-in days. */
const shanghaiDayOfMonth = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(8, 10));

/** Calls to `POST /api/checkin` the page has made so far. */
function checkinPosts(page) {
  const posts = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/checkin') posts.push(req.url());
  });
  return posts;
}

test('a new member binds a phone for the 100-point gift, then checks in once from 首页', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  const posts = checkinPosts(page);
  const nickname = `签到新人${Math.random().toString(36).slice(2, 6)}`;

  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator('.tab-bar:visible').waitFor();

  // Sign in (development sign-in): a new member, no points, no phone yet.
  await devSignIn(page, nickname);
  expect(await text(visible(page, '.me-points-available'))).toBe('0');
  const card = visible(page, '.me-phone-card');
  await card.waitFor();
  expect(await text(card)).toContain('绑定手机号，领取 100 积分新人礼');
  expect(await text(card)).toContain('开发环境');
  expect(await visible(page, '.me-phone').count()).toBe(0);

  // Bind a phone with the development form: the gift arrives, the card goes, the phone shows masked.
  await visible(page, 'input.me-phone-input').fill('13912345678');
  await page.getByText('登录成功').waitFor({ state: 'hidden' });
  await screenshot(page, 'e2e-phone');
  await visible(page, '.me-phone-submit').click();
  // The gift in words: the points and the new-member coupon by name, with a way to the wallet.
  await page.getByText('新人礼 100 积分已到账，「新人无门槛减10」已放入我的优惠券').waitFor();
  await screenshot(page, 'e2e-signup-gifts');
  await page.getByText('知道了').click();
  await visible(page, '.me-points-available').filter({ hasText: /^100$/ }).waitFor();
  await card.waitFor({ state: 'detached' });
  expect(await text(visible(page, '.me-phone'))).toBe('139****5678');

  // 首页's entry card shows today's reward and opens 签到.
  await tab(page, 'home').click();
  const entry = visible(page, '.home-checkin');
  await entry.locator('.home-checkin__action').filter({ hasText: '+10' }).waitFor();
  expect(await text(entry)).toContain('每日签到 · 连续签到领更多积分');
  await entry.click();

  const button = visible(page, '.checkin-button');
  await button.filter({ hasText: '签到' }).waitFor();
  expect(await text(button)).toMatch(/^签到 ?\+10$/);
  expect(await text(visible(page, '.checkin-points'))).toBe('100');
  expect(await text(visible(page, '.checkin-streak'))).toBe('已连续签到 0 天');
  expect(await text(visible(page, '.checkin-tomorrow'))).toBe('明日签到可得 10 积分');
  expect(await visible(page, '.checkin-day--checked').count()).toBe(0);
  expect(await button.getAttribute('disabled')).toBeNull();

  // Check in: +10 floats up, the points count up to 110, today is marked, the streak is 1.
  await button.click();
  await button.filter({ hasText: '今日已签到' }).waitFor();
  await visible(page, '.checkin-burst').filter({ hasText: '+10 积分' }).waitFor();
  await visible(page, '.checkin-points').filter({ hasText: /^110$/ }).waitFor();
  const checked = visible(page, '.checkin-day--checked');
  expect(await checked.allInnerTexts()).toEqual([String(shanghaiDayOfMonth())]);
  expect(await checked.first().getAttribute('class')).toContain('checkin-day--today');
  expect(await text(visible(page, '.checkin-streak'))).toBe('已连续签到 1 天');
  expect(await text(visible(page, '.checkin-tomorrow'))).toBe('明日签到可得 10 积分');
  expect(await button.getAttribute('disabled')).not.toBeNull();
  expect(posts).toHaveLength(1);
  await page.waitForTimeout(1500); // the float-up finishes
  // The medal stays where it was: centred, not panned aside by the animation.
  const box = await button.boundingBox();
  expect(Math.round(box.x + box.width / 2)).toBe(195);
  await screenshot(page, 'e2e-checkin');
  // The rest of the page: 补签 and the rules.
  await visible(page, '.checkin-rules').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'e2e-checkin-rules.png') });

  // A second tap on the disabled button changes nothing, on the page or on the server.
  await button.click({ force: true });
  await page.waitForTimeout(600);
  expect(posts).toHaveLength(1);
  expect(await text(visible(page, '.checkin-points'))).toBe('110');
  expect(await checked.count()).toBe(1);

  // After a reload the server's calendar says the same: one day, the streak 1, the points 110.
  await page.reload();
  await visible(page, '.checkin-button').filter({ hasText: '今日已签到' }).waitFor();
  expect(await visible(page, '.checkin-day--checked').allInnerTexts()).toEqual([String(shanghaiDayOfMonth())]);
  expect(await text(visible(page, '.checkin-streak'))).toBe('已连续签到 1 天');
  await visible(page, '.checkin-points').filter({ hasText: /^110$/ }).waitFor();
  expect(posts).toHaveLength(1);
  await context.close();
});
