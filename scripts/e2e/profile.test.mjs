// 个人资料 in Chromium at phone size, against the real server serving the H5 build: a new member
// signs in with the development sign-in, opens 个人资料 from the avatar on 我的, uploads a picture
// as the avatar through the H5 file input (Taro.chooseImage), changes the nickname, and sees both
// on 我的; the tier card shows the way to 银卡 and opens 会员等级.
import { join } from 'node:path';
import { devSignIn, phoneContext, root, screenshot, serverAndBrowser, visible } from './support.mjs';

const suite = serverAndBrowser();

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

test('a member uploads an avatar and changes the nickname on 个人资料, and 我的 shows both', async () => {
  const context = await phoneContext(suite.browser);
  const page = await context.newPage();
  const suffix = Math.random().toString(36).slice(2, 6);
  const nickname = `资料${suffix}`;
  const renamed = `新昵称${suffix}`;

  await page.goto(`${suite.server.baseUrl}/`);
  await page.locator('.tab-bar:visible').waitFor();
  await devSignIn(page, nickname);

  // 我的's tier card: a new member has no growth yet, 银卡 is 500 yuan away.
  const progress = visible(page, '.me-tier-progress');
  await progress.waitFor();
  expect(await text(progress)).toMatch(/^再消费 \d+ 元升级为 银卡会员$/);
  await page.getByText('登录成功').waitFor({ state: 'hidden' });
  await screenshot(page, 'e2e-me-tier');

  // 会员等级 from the card: every tier with its threshold.
  await visible(page, '.me-tier').click();
  await visible(page, '.tier-row').first().waitFor();
  expect(await visible(page, '.tier-row').count()).toBe(4);
  await screenshot(page, 'e2e-tiers');
  await page.goBack();
  await visible(page, '.me-profile').waitFor();

  // 个人资料 from the avatar.
  await visible(page, '.me-profile').click();
  const avatar = visible(page, '.profile-avatar');
  await avatar.waitFor();
  expect(await text(visible(page, '.profile-birthday__note'))).toBe('生日设置后不可修改，生日当月签到积分翻倍');
  await screenshot(page, 'e2e-profile');

  // The avatar: Taro.chooseImage opens a file input; the picture goes up as multipart `avatar`.
  const uploaded = page.waitForResponse((res) => res.url().endsWith('/api/me/avatar') && res.request().method() === 'POST');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), avatar.click()]);
  await chooser.setFiles(join(root, 'server/assets/goods/cherry.png'));
  expect((await uploaded).ok()).toBe(true);
  const me = await (await uploaded).json();
  expect(me.avatarUrl).toMatch(/^\/media\/avatars\/.+/);
  await visible(page, `.profile-avatar img[src$="${me.avatarUrl}"]`).waitFor();

  // The nickname, saved with the button.
  const input = visible(page, '.profile-nickname input');
  await input.fill(renamed);
  const patched = page.waitForResponse((res) => res.url().endsWith('/api/me') && res.request().method() === 'PATCH');
  await visible(page, '.profile-save').click();
  expect((await patched).ok()).toBe(true);
  await visible(page, '.profile-save').filter({ hasText: '已保存' }).waitFor();
  await page.getByText('昵称已保存').waitFor({ state: 'hidden' });
  await screenshot(page, 'e2e-profile-saved');

  // Back on 我的: the new picture and name.
  await page.goBack();
  await visible(page, '.me-nickname').filter({ hasText: renamed }).waitFor();
  await visible(page, `.me-profile img[src$="${me.avatarUrl}"]`).waitFor();
  await screenshot(page, 'e2e-me-profile');
  await context.close();
});
