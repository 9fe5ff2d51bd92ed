// 邀请有礼 in Chromium at phone size, against the real server serving the H5 build, with two
// members in their own browser contexts: A opens 邀请有礼 and copies the link; B, brand new,
// opens that link, signs in (development sign-in: the visit is reported once) and binds a phone
// with the development form. The server's outbox then rewards A: B shows (masked) as 已注册
// with +50 on A's list, and A's points on 我的 are 50. Sharing or opening alone earns nothing.
import { maskNickname } from '@jifen/shared';
import { devSignIn, phoneContext, screenshot, serverAndBrowser, visible } from './support.mjs';

// NODE_ENV=test turns the outbox poller off; the sign-up reward is handed out from it.
const suite = serverAndBrowser({ OUTBOX_POLL_MS: '200' });

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const suffix = () => Math.random().toString(36).slice(2, 6);

/** Calls to `POST /api/invites/visit` the page has made, with their bodies. */
function visitPosts(page) {
  const posts = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/invites/visit') posts.push(req.postDataJSON());
  });
  return posts;
}

test('a friend who opens the link and signs up with a phone earns the inviter 50 points', async () => {
  const inviterName = `邀请人${suffix()}`;
  const friendName = `好友${suffix()}`;

  // A: a new member opens 邀请有礼 from 我的 and reads the H5 link.
  const contextA = await phoneContext(suite.browser);
  const pageA = await contextA.newPage();
  await pageA.goto(`${suite.server.baseUrl}/`);
  await pageA.locator('.tab-bar:visible').waitFor();
  await devSignIn(pageA, inviterName);
  await visible(pageA, '.me__entry--invite').click();
  const linkA = visible(pageA, '.invite-link');
  await linkA.waitFor();
  const link = await text(linkA);
  expect(link).toMatch(new RegExp(`^${suite.server.baseUrl.replace(/[.]/g, '\\.')}/#/pages/index/index\\?inv=[A-Za-z0-9]{4,16}$`));
  const code = new URL(link.replace('/#/', '/')).searchParams.get('inv');
  expect(await text(visible(pageA, '.invite-copy'))).toBe('复制链接');
  expect(await text(visible(pageA, '.invite-total--signed-up'))).toBe('0 已注册');
  expect(await visible(pageA, '.invite-item').count()).toBe(0);
  const hero = await text(visible(pageA, '.invite__hero'));
  expect(hero).toContain('好友注册 +50 积分');
  // The coupon the demo shop's invite rule names (满50减10), worded from that template.
  expect(hero).toContain('好友首单 +200 积分，好友得 满50减10券');
  expect(hero).toContain('仅在好友本人完成注册/下单后发放，分享或打开链接本身不奖励');
  expect(hero).toContain('每月最多奖励 20 位好友');
  expect(hero).toContain('7 天内注册有效');

  // B: a brand-new visitor opens the link in their own browser; nothing is reported before sign-in.
  const contextB = await phoneContext(suite.browser);
  const pageB = await contextB.newPage();
  const posts = visitPosts(pageB);
  await pageB.goto(link);
  await pageB.locator('.goods-card').first().waitFor();
  await pageB.waitForTimeout(300);
  expect(posts).toEqual([]);

  // B signs in: the visit is reported once, then B binds a phone (completing sign-up).
  const visited = pageB.waitForResponse((res) => new URL(res.url()).pathname === '/api/invites/visit');
  await devSignIn(pageB, friendName);
  expect((await visited).status()).toBe(200);
  expect(posts).toEqual([{ code }]);
  await visible(pageB, 'input.me-phone-input').fill(`139${String(Date.now()).slice(-8)}`);
  await visible(pageB, '.me-phone-submit').click();
  await pageB.getByText('新人礼 100 积分已到账，「新人无门槛减10」已放入我的优惠券').waitFor();
  await pageB.getByText('知道了').click();
  await visible(pageB, '.me-phone-card').waitFor({ state: 'detached' });
  expect(posts).toHaveLength(1);

  // Opening the same link again (signed in now) does not report it a second time.
  await pageB.goto(link);
  await pageB.reload(); // a fresh launch: goto only changed the hash
  await pageB.locator('.taro_page:visible .goods-card').first().waitFor();
  await pageB.waitForTimeout(300);
  expect(posts).toHaveLength(1);

  // A: after the outbox has run, B is on the list (masked) as 已注册 with +50.
  const item = visible(pageA, '.invite-item');
  for (let i = 0; ; i++) {
    await pageA.reload();
    await visible(pageA, '.invite-total--signed-up').waitFor();
    if ((await text(visible(pageA, '.invite-total--signed-up'))) === '1 已注册') break;
    if (i > 20) throw new Error(`no sign-up on A's list: ${await text(visible(pageA, '.invite'))}`);
    await pageA.waitForTimeout(500);
  }
  await expect(item.count()).resolves.toBe(1);
  expect(await text(item.locator('.invite-item__name'))).toBe(maskNickname(friendName));
  expect(await text(item.locator('.invite-item__status'))).toBe('已注册');
  expect(await text(item.locator('.invite-item__points'))).toBe('+50');
  expect(await text(visible(pageA, '.invite-total--points'))).toBe('50 获得积分');
  await screenshot(pageA, 'e2e-invite');

  // 生成海报: on H5 there is no mini-program code, so the poster carries the link.
  await visible(pageA, '.invite-poster-button').click();
  const poster = visible(pageA, '.invite-poster__card');
  await poster.waitFor();
  // One image drawn on a canvas (a PNG to save), with the link beside it to copy.
  const image = poster.locator('.invite-poster__image img, img.invite-poster__image').first();
  await image.waitFor();
  expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  expect(await image.evaluate((img) => [img.naturalWidth, img.naturalHeight])).toEqual([600, 920]); // 300 × 460 at 2×
  expect(await text(poster.locator('.invite-poster__link-text'))).toBe(link);
  await visible(pageA, '.invite-poster__save').filter({ hasText: '保存图片' }).waitFor();
  await screenshot(pageA, 'e2e-invite-poster');
  await visible(pageA, '.invite-poster__close').click();
  await poster.waitFor({ state: 'detached' });

  // …and A's points on 我的 are the 50.
  await pageA.goBack();
  await visible(pageA, '.me-points-available').filter({ hasText: /^50$/ }).waitFor();

  await contextA.close();
  await contextB.close();
});
