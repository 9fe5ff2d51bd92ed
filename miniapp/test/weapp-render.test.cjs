/**
 * The weapp build (dist/weapp) rendered the way WeChat would run it, on Linux: miniprogram-simulate
 * compiles the wxml templates and j-component renders real wx-view / wx-text nodes into jsdom.
 * wx, App and Page come from ./weapp/shims.cjs and the server from ./weapp/fake-api.cjs.
 *
 * The tests share one launched app (as a member would), so they run in order and tell a story:
 * browsing signed out, signing in with WeChat, then the member's pages.
 */
const path = require('node:path');
const { launchWeapp } = require('./weapp/shims.cjs');
const { createFakeApi, GOODS_IMAGE_URL, ADDRESSES, ORDERS, BALANCE, ENTRIES, FAKE_PAGE_SIZE, MASKED_PHONE, PHONE_CODE, MY_INVITE_CODE, AVATAR_URL, TIER } = require('./weapp/fake-api.cjs');

const DIST = path.resolve(__dirname, '../dist/weapp');

let api;
let weapp;
let opened = [];
// A wx API the shims lack, or a render error, surfaces as console.error (React, exparser): fail on it.
let consoleErrors = [];

beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args) => consoleErrors.push(args.map(String).join(' ')));
  api = createFakeApi();
  weapp = launchWeapp({ dist: DIST, answer: api.answer, upload: api.upload });
});

afterEach(() => {
  opened.forEach((component) => component.detach());
  opened = [];
  const errors = consoleErrors;
  consoleErrors = [];
  expect(errors).toEqual([]);
});

/** Renders a page (or component) and detaches it after the test. */
function open(route, query) {
  const component = weapp.open(route, query);
  opened.push(component);
  return component;
}

/** Rendered nodes whose class list holds `name` (j-component prefixes classes with the tag name, main--). */
function all(root, name) {
  return [...root.dom.querySelectorAll('[class]')].filter((el) => [...el.classList].some((c) => c === name || c.endsWith(`--${name}`)));
}
const texts = (root, name) => all(root, name).map((el) => el.textContent.trim());

/** Waits until `check` returns something truthy; fails with what the page shows otherwise. */
async function until(root, what, check, timeout = 3000) {
  const started = Date.now();
  for (;;) {
    const result = check();
    if (result) return result;
    if (Date.now() - started > timeout) {
      throw new Error(`timed out waiting for ${what}; the page shows: ${root.dom.textContent.replace(/\s+/g, ' ').slice(0, 400)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A tap as WeChat delivers it, on the node matching the (unprefixed) selector and, if given, showing `text`. */
function tap(root, selector, text) {
  const node = root.querySelectorAll(selector).find((n) => text === undefined || n.dom.textContent.trim() === text);
  if (!node) throw new Error(`nothing to tap at ${selector}${text === undefined ? '' : ` showing ${text}`}`);
  node.dispatchEvent('tap');
}

const callsOf = (name) => weapp.calls.filter(([api]) => api === name).map(([, options]) => options);
const requested = (pathPrefix) => callsOf('request').map((r) => r.url.replace(/^https?:\/\/[^/]+/, '')).filter((u) => u.startsWith(pathPrefix));
/** The requests sent with this method to exactly this path, oldest first. */
const sent = (method, path) => callsOf('request').filter((r) => r.method === method && r.url.replace(/^https?:\/\/[^/]+/, '') === path);
const toasts = () => callsOf('showToast').map((t) => t.title);
/** A tap's text with the spaces j-component leaves between text nodes removed. */
const squeeze = (text) => text.replace(/\s+/g, '');

test('首页 renders the categories and the goods feed from the API', async () => {
  const home = open('pages/index/index');
  await until(home, 'three goods cards', () => all(home, 'goods-card').length === 3);
  expect(texts(home, 'goods-card__title')).toEqual(['智利车厘子', '海南贵妃芒', '精品挂耳咖啡']);
  expect(home.dom.textContent).toContain('生鲜水果');
  expect(home.dom.textContent).toContain('4,990 积分可兑');
});

test('首页’s carousel shows the banners operators set, and a tap opens where each leads', async () => {
  const home = open('pages/index/index');
  await until(home, 'two banners', () => all(home, 'banners__image').length === 2);
  tap(home, '.banners__slide--1');
  await until(home, 'the campaign page', () => callsOf('navigateTo').some((n) => n.url === '/pages/campaign/index?id=3'));
  tap(home, '.banners__slide--2');
  await until(home, 'the mall tab', () => callsOf('switchTab').some((n) => n.url === '/pages/mall/index'));
});

test('积分活动 tells a shopper what the campaign gives and its next day', async () => {
  const page = open('pages/campaign/index', { id: '3' });
  await until(page, 'the campaign', () => texts(page, 'campaign__summary').length === 1);
  expect(texts(page, 'campaign__summary')).toEqual(['每周五 下单积分×2']);
  expect(texts(page, 'campaign__today')[0]).toMatch(/^下个活动日 \d+月\d+日 周五$/);
  expect(texts(page, 'campaign__dates')[0]).toBe('活动时间 2026.01.01 – 2099.12.31');
});

test('the tab bar shows a visitor 首页 / 积分商城 / 我的 and a tap calls wx.switchTab', async () => {
  const bar = open('custom-tab-bar/index');
  await until(bar, 'the tab items', () => all(bar, 'tab-bar__item').length > 0);
  expect(texts(bar, 'tab-bar__text')).toEqual(['首页', '积分商城', '我的']);

  tap(bar, '.tab-bar__item--mall');
  await until(bar, 'wx.switchTab', () => callsOf('switchTab').length > 0);
  expect(callsOf('switchTab').pop()).toMatchObject({ url: '/pages/mall/index' });
  // The tapped tab lights up at once.
  await until(bar, 'the 积分商城 highlight', () => texts(bar, 'tab-bar__item--active')[0] === '积分商城');
});

test('我的 shows a signed-out visitor the WeChat sign-in card', async () => {
  const me = open('pages/me/index');
  await until(me, 'the sign-in card', () => all(me, 'sign-in__submit').length === 1);
  expect(texts(me, 'sign-in__submit')).toEqual(['微信一键登录']);
  expect(all(me, 'me-points-available')).toHaveLength(0);
  expect(texts(me, 'me__entry-text')).toContain('积分明细');
});

test('积分明细 sends a signed-out visitor to 我的', async () => {
  const before = callsOf('switchTab').length;
  const points = open('pages/points/index');
  await until(points, 'wx.switchTab to 我的', () => callsOf('switchTab').length > before);
  expect(callsOf('switchTab').pop()).toMatchObject({ url: '/pages/me/index' });
  expect(all(points, 'points-entry')).toHaveLength(0);
});

test('首页 invites a visitor to 签到, and a tap leads to 我的 to sign in first', async () => {
  const home = open('pages/index/index');
  await until(home, 'the check-in card', () => all(home, 'home-checkin').length === 1);
  expect(squeeze(texts(home, 'home-checkin__title')[0])).toBe('每日签到·连续签到领更多积分');
  expect(texts(home, 'home-checkin__action')).toEqual(['去签到']);
  expect(requested('/api/checkin')).toEqual([]); // nobody to ask about

  const before = callsOf('switchTab').length;
  const navigations = callsOf('navigateTo').length;
  tap(home, '.home-checkin');
  await until(home, 'wx.switchTab to 我的', () => callsOf('switchTab').length > before);
  expect(callsOf('switchTab').pop()).toMatchObject({ url: '/pages/me/index' });
  expect(callsOf('navigateTo')).toHaveLength(navigations);
});

test('签到 sends a signed-out visitor to 我的', async () => {
  const before = callsOf('switchTab').length;
  const page = open('pages/checkin/index');
  await until(page, 'wx.switchTab to 我的', () => callsOf('switchTab').length > before);
  expect(callsOf('switchTab').pop()).toMatchObject({ url: '/pages/me/index' });
  expect(all(page, 'checkin-day')).toHaveLength(0);
});

const PENDING_INVITE = 'jifen.pendingInvite';
const invitePosts = () => sent('POST', '/api/invites/visit').map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data));
const whole = { dom: document.body };

test('a visitor who opens an invite link is remembered until sign-in; a Moments open never counts', async () => {
  // Moments (朋友圈) opens run in single-page mode: no attribution from there.
  weapp.launch.scene = 1154;
  const moments = open('pages/index/index', { inv: 'MOMENTS9' });
  await until(moments, 'the goods', () => all(moments, 'goods-card').length === 3);
  expect(weapp.storage.has(PENDING_INVITE)).toBe(false);

  weapp.launch.scene = 1007; // a chat share card
  const home = open('pages/index/index', { inv: 'FRIEND01' });
  await until(home, 'the goods', () => all(home, 'goods-card').length === 3);
  expect(weapp.storage.get(PENDING_INVITE)).toBe('FRIEND01');
  expect(invitePosts()).toEqual([]); // nobody signed in to attribute yet
});

test('signing in on 我的 shows the points, the expiry notice, and 积分明细 opens from it', async () => {
  const me = open('pages/me/index');
  await until(me, 'the sign-in button', () => all(me, 'sign-in__submit').length === 1);
  // The visitor came from 首页's 签到 card: 我的 says why, and signing in goes on to 签到.
  expect(texts(me, 'me__return-hint-text')).toEqual(['登录后即可签到领积分，完成后回到刚才的页面']);
  const navigations = callsOf('navigateTo').length;
  api.state.wechatSignIn = true;
  tap(me, '.sign-in__submit');
  await until(me, 'on to 签到', () => callsOf('navigateTo').length > navigations);
  expect(callsOf('navigateTo')[navigations]).toMatchObject({ url: '/pages/checkin/index' });

  await until(me, 'the member card', () => all(me, 'me-points-available').length === 1);
  expect(texts(me, 'me-nickname')).toEqual(['小明']);
  expect(texts(me, 'me-points-available')).toEqual(['950']);
  expect(texts(me, 'me-points-pending')).toEqual(['259']);
  await until(me, 'the expiry notice', () => all(me, 'me-expiring').length === 1);
  expect(texts(me, 'me-expiring')[0]).toBe('300 积分将于 2026-12-07 过期，去积分商城使用 ›');

  tap(me, '.me__entry--points');
  await until(me, 'wx.navigateTo', () => callsOf('navigateTo').length > 0);
  expect(callsOf('navigateTo').pop()).toMatchObject({ url: '/pages/points/index' });
});

test('after sign-in the remembered invite is posted to /api/invites/visit once, then forgotten', async () => {
  await until(whole, 'the visit', () => invitePosts().length > 0);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(invitePosts()).toEqual([{ code: 'FRIEND01' }]);
  expect(weapp.storage.has(PENDING_INVITE)).toBe(false);

  // 我的 shown again refreshes the session: nothing is reported a second time.
  const me = open('pages/me/index');
  await until(me, 'the member card', () => all(me, 'me-points-available').length === 1);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(invitePosts()).toHaveLength(1);

  // A mini-program code's scene (URL-encoded) is read the same way.
  open('pages/index/index', { scene: encodeURIComponent('inv=SCENE002') });
  await until(whole, 'the scene visit', () => invitePosts().length === 2);
  expect(invitePosts()[1]).toEqual({ code: 'SCENE002' });

  // The member's own link or a stale code: quietly ignored, no toast.
  const toastCount = toasts().length;
  open('pages/index/index', { inv: 'NOSUCH99' });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(toasts().slice(toastCount)).toEqual([]);
  expect(weapp.storage.has(PENDING_INVITE)).toBe(false);
});

test('邀请有礼 shows the fixed rewards, the totals, the invitees and WeChat’s share button', async () => {
  const page = open('pages/invite/index');
  await until(page, 'the invitees', () => all(page, 'invite-item').length === 3);
  expect(texts(page, 'invite-item__name')).toEqual(['小*', '张*丰', '李*']);
  expect(texts(page, 'invite-item__status')).toEqual(['已注册', '已奖励', '已打开']);
  expect(texts(page, 'invite-item__points')).toEqual(['+50', '+250', '—']);
  expect(texts(page, 'invite-total__value')).toEqual(['3', '2', '1', '300']);
  expect(texts(page, 'invite-total--signed-up').map(squeeze)).toEqual(['2已注册']);
  const shown = squeeze(page.dom.textContent);
  expect(shown).toContain('好友注册+50积分');
  expect(shown).toContain('好友首单+200积分，好友得10元无门槛券');
  expect(shown).toContain('仅在好友本人完成注册/下单后发放，分享或打开链接本身不奖励');
  expect(shown).toContain('每月最多奖励20位好友');

  // WeChat's share button (open-type=share, drawn natively); the H5 link box is not in the mini-program.
  expect(texts(page, 'invite-share')).toEqual(['分享给好友']);
  expect(JSON.stringify(page.instance.data)).toContain('"share"');
  expect(all(page, 'invite-link')).toHaveLength(0);
  expect(all(page, 'invite-copy')).toHaveLength(0);

  // The share carries the member's code.
  const share = page.instance.onShareAppMessage({ from: 'button' });
  expect(share.path).toBe(`/pages/invite/index?inv=${MY_INVITE_CODE}`);
  expect(share.title).toBe('送你一张10元无门槛券，一起来积分商城逛逛'); // the coupon the invite rule names

  // 生成海报 downloads the mini-program code with the member's token, draws the poster with it on
  // the page's Canvas 2D node, shows the image and saves it to the album.
  tap(page, '.invite-poster-button');
  await until(page, 'the poster image', () => all(page, 'invite-poster__image').length === 1);
  const download = callsOf('downloadFile').pop();
  expect(download.url).toMatch(/\/api\/invites\/me\/code\.png$/);
  expect(download.header).toMatchObject({ Authorization: 'Bearer access-xm' });
  expect(callsOf('canvas.drawImage')).toEqual(['http://tmp/poster-code.png']);
  expect(callsOf('canvas.fillText')).toEqual(expect.arrayContaining(['小明 邀你一起逛', '首单完成得 10元无门槛券', '长按识别小程序码，注册即享新人礼']));
  expect(callsOf('canvasToTempFilePath')).toHaveLength(1);
  tap(page, '.invite-poster__save');
  await until(page, 'the album save', () => callsOf('saveImageToPhotosAlbum').length === 1);
  expect(callsOf('saveImageToPhotosAlbum')[0]).toMatchObject({ filePath: 'http://tmp/poster.png' });
});

test('积分商城 cards open the item’s page: its pictures, price, what it is and how it is delivered', async () => {
  const mall = open('pages/mall/index');
  await until(mall, 'two mall items', () => all(mall, 'points-card').length === 2);
  tap(mall, '.mall-item__title');
  await until(mall, 'wx.navigateTo', () => callsOf('navigateTo').some((n) => n.url === '/pages/mall-item/index?id=2'));
  const page = open('pages/mall-item/index', { id: '2' });
  await until(page, 'the item', () => texts(page, 'mall-item-page__title')[0] === '海南贵妃芒');
  expect(all(page, 'mall-item-page__image')).toHaveLength(2); // a gallery of the goods' pictures
  expect(texts(page, 'mall-item-page__points')).toEqual(['4,990']);
  expect(texts(page, 'mall-item-page__delivery')).toEqual(['兑换后发货到你的收货地址，运单号在「我的兑换」查看']);
  expect(texts(page, 'mall-item-page__description')).toEqual(['树上熟，香甜多汁。']);
  expect(texts(page, 'mall-item-page__redeem')).toEqual(['立即兑换']);
});

test('every page’s share carries the signed-in member’s invite code', async () => {
  const home = open('pages/index/index');
  await until(home, 'the goods', () => all(home, 'goods-card').length === 3);
  expect(home.instance.onShareAppMessage({ from: 'menu' }).path).toBe(`/pages/index/index?inv=${MY_INVITE_CODE}`);
});

test('积分商城 shows the member’s points and the points-mall items', async () => {
  const mall = open('pages/mall/index');
  await until(mall, 'the balance', () => texts(mall, 'mall-points-available')[0] === '950');
  await until(mall, 'two mall items', () => all(mall, 'points-card').length === 2);
  expect(mall.dom.textContent).toContain('海南贵妃芒');
  expect(mall.dom.textContent).not.toContain('智利车厘子');
  expect(texts(mall, 'mall-item__points')).toEqual(['4,990', '5,500']);
  expect(texts(mall, 'mall-item__redeem')).toEqual(['立即兑换', '立即兑换']);
});

test('我的优惠券 shows the tickets with their face, the expiry hint and the coupon held by an order; tabs ask for their state', async () => {
  const wallet = open('pages/coupons/index', { tab: 'available' });
  await until(wallet, 'two tickets', () => all(wallet, 'wallet-coupon').length === 2);
  expect(texts(wallet, 'wallet-tab')).toEqual(['可使用(2)', '已使用', '已过期']);
  expect(texts(wallet, 'coupon-ticket__value')).toEqual(['20', '8.5']);
  expect(texts(wallet, 'coupon-ticket__condition')).toEqual(['满100元可用', '最高减30元']);
  // The face says what it takes off; the body names it and where it can be used, never the rule again.
  expect(texts(wallet, 'coupon-ticket__scope')).toEqual(['全场通用', '限休闲零食可用']);
  expect(texts(wallet, 'coupon-ticket__note')).toEqual(['2 天后过期', '待支付订单占用']);
  expect(all(wallet, 'wallet-coupon__use')).toHaveLength(1);
  tap(wallet, '.wallet-tab--used');
  await until(wallet, 'the used coupon', () => all(wallet, 'wallet-coupon--used').length === 1);
  expect(texts(wallet, 'coupon-ticket__stamp')).toEqual(['已使用']);
  expect(requested('/api/coupons?state=').slice(-2)).toEqual(['/api/coupons?state=available', '/api/coupons?state=used']);
});

test('领券中心 claims with an Idempotency-Key and the button then says 已领取', async () => {
  const center = open('pages/coupon-center/index');
  await until(center, 'two templates', () => all(center, 'coupon-center-ticket').length === 2);
  expect(texts(center, 'coupon-center-left')).toEqual(['仅剩 3 张']);
  expect(all(center, 'coupon-center__claimed')).toHaveLength(1);
  tap(center, '.coupon-center__claim');
  await until(center, 'the claim', () => all(center, 'coupon-center__claimed').length === 2);
  const [claim] = sent('POST', '/api/coupons/center/1/claim');
  expect(claim.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(toasts()).toContain('领取成功，已放入卡包');
});

test('积分明细 renders the balance, the filter tabs and the first page of the history', async () => {
  const points = open('pages/points/index');
  await until(points, 'the first page of entries', () => all(points, 'points-entry').length === FAKE_PAGE_SIZE);
  expect(texts(points, 'points-available')).toEqual([String(BALANCE.available)]);
  expect(texts(points, 'points-pending')).toEqual([String(BALANCE.pending)]);
  await until(points, 'the expiry line', () => all(points, 'points-expiring').length === 1);
  expect(texts(points, 'points-expiring')[0]).toContain('300 分将于 2026-12-07 过期');
  expect(texts(points, 'points-filter__item')).toEqual(['全部', '获得', '使用', '待入账', '过期']);

  expect(texts(points, 'points-entry__title')).toEqual(ENTRIES.slice(0, FAKE_PAGE_SIZE).map((e) => e.title));
  expect(texts(points, 'points-entry__amount')).toEqual(['+259 待入账', '−990', '+10', '+1390']);
  // Shanghai time: 16:30 UTC on the 21st is 00:30 on the 22nd, and the points expire on their Shanghai day.
  const checkin = all(points, 'points-entry')[2];
  expect(checkin.textContent).toContain('2026-11-22 00:30');
  expect(checkin.textContent).toContain('2027-11-22 到期');
});

test('积分明细 loads the next page at the bottom and then says 没有更多了', async () => {
  const points = open('pages/points/index');
  await until(points, 'the first page', () => all(points, 'points-entry').length === FAKE_PAGE_SIZE);
  expect(texts(points, 'points-footer')).toEqual(['上拉加载更多']);

  // What WeChat calls when the page is scrolled to the bottom.
  points.instance.onReachBottom();
  await until(points, 'the second page', () => all(points, 'points-entry').length === ENTRIES.length);
  expect(requested('/api/points/entries').pop()).toBe(`/api/points/entries?cursor=${ENTRIES[FAKE_PAGE_SIZE - 1].id}&limit=20`);
  expect(texts(points, 'points-entry__title').slice(-2)).toEqual(['活动奖励', '新人礼']);
  expect(texts(points, 'points-footer')).toEqual(['没有更多了']);
});

test('积分明细 tabs ask the server for their kinds and show what it returns', async () => {
  const points = open('pages/points/index');
  await until(points, 'the first page', () => all(points, 'points-entry').length === FAKE_PAGE_SIZE);

  tap(points, '.points-filter__item', '使用');
  await until(points, 'only the spend', () => all(points, 'points-entry').length === 1);
  expect(requested('/api/points/entries').pop()).toBe('/api/points/entries?kind=spend&limit=20');
  expect(texts(points, 'points-entry__title')).toEqual(['积分兑换']);
  expect(texts(points, 'points-filter__item--active')).toEqual(['使用']);

  tap(points, '.points-filter__item', '过期'); // nothing has expired yet
  await until(points, 'the empty state', () => all(points, 'empty-state__title').length === 1);
  expect(requested('/api/points/entries').pop()).toBe('/api/points/entries?kind=expire&limit=20');
  expect(texts(points, 'empty-state__title')).toEqual(['暂无过期积分']);
  expect(all(points, 'points-entry')).toHaveLength(0);
});

test('积分明细’s 「过期前提醒我」 asks WeChat for the configured template inside the tap and posts the answer with the kind', async () => {
  const points = open('pages/points/index');
  await until(points, 'the reminder button', () => all(points, 'points-remind').length === 1);
  expect(texts(points, 'remind__reason')).toEqual(['积分到期前 30 天和 7 天提醒你兑换']);
  // The template ids are loaded with the page, so the tap itself waits for nothing before WeChat's prompt.
  await until(points, 'the template ids', () => requested('/api/reminders/templates').length > 0);
  await new Promise((resolve) => setTimeout(resolve, 50));
  tap(points, '.points-remind');
  await until(points, 'WeChat asked', () => callsOf('requestSubscribeMessage').length === 1);
  expect(callsOf('requestSubscribeMessage').map((c) => c.tmplIds)).toEqual([['tpl-expiring']]);
  await until(points, 'the consent posted', () => sent('POST', '/api/reminders/consent').length === 1);
  expect(JSON.parse(JSON.stringify(sent('POST', '/api/reminders/consent')[0].data))).toEqual({ results: { 'tpl-expiring': 'accept' }, asks: ['points_expiring'] });
  await until(points, 'the reminder on', () => texts(points, 'remind__label').join() === '已开启积分过期提醒');
  expect(toasts()).toContain('已开启积分过期提醒，将通过微信通知你');
});

test('消息中心 lists the notices with the unread one marked; a tap reads it and opens its page; 全部已读', async () => {
  const page = open('pages/messages/index');
  await until(page, 'the notices', () => all(page, 'message').length === 2);
  expect(texts(page, 'message__title')).toEqual(['积分即将过期', '订单已发货']);
  expect(texts(page, 'message__kind')).toEqual(['积分过期提醒', '发货通知']);
  expect(all(page, 'message--unread')).toHaveLength(1);
  expect(texts(page, 'messages__count')).toEqual(['1 条未读']);
  tap(page, '.message--order_shipped');
  await until(page, 'the order opened', () => callsOf('navigateTo').some((c) => c.url === '/pages/order/index?id=1'));
  expect(sent('POST', '/api/messages/1/read')).toHaveLength(0); // already read: nothing to tell the server
  tap(page, '.message--points_expiring');
  await until(page, 'the notice read', () => sent('POST', '/api/messages/2/read').length === 1);
  await until(page, 'no unread left', () => texts(page, 'messages__count').join() === '没有未读消息');
  expect(callsOf('navigateTo').some((c) => c.url === '/pages/points/index')).toBe(true);
  expect(all(page, 'message--unread')).toHaveLength(0);
});

test('我的 offers a member without a phone the new-member gift; refusing WeChat’s prompt asks the server nothing', async () => {
  const me = open('pages/me/index');
  await until(me, 'the phone card', () => all(me, 'me-phone-card').length === 1);
  expect(texts(me, 'me-phone-card__title')).toEqual(['绑定手机号，领取 150 积分新人礼']);
  expect(texts(me, 'me-phone-submit')).toEqual(['微信手机号快捷绑定']);
  expect(all(me, 'me-phone-input')).toHaveLength(0); // the typed-in number is H5 development only
  expect(all(me, 'me-phone')).toHaveLength(0);

  // WeChat draws open-type=getPhoneNumber natively (Taro passes it through the page data); the member says no.
  expect(JSON.stringify(me.instance.data)).toContain('"getPhoneNumber"');
  const button = me.querySelector('.me-phone-submit');
  button.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' } });
  await until(me, 'the refusal toast', () => toasts().some((t) => t.startsWith('未授权手机号')));
  expect(sent('POST', '/api/me/phone')).toHaveLength(0);
  expect(all(me, 'me-phone-card')).toHaveLength(1);
});

test('我的 sends getPhoneNumber’s code to the server, names the gifts and shows the masked phone', async () => {
  const me = open('pages/me/index');
  await until(me, 'the phone card', () => all(me, 'me-phone-card').length === 1);
  me.querySelector('.me-phone-submit').dispatchEvent('getphonenumber', { detail: { code: PHONE_CODE, errMsg: 'getPhoneNumber:ok' } });

  await until(me, 'the card to go', () => all(me, 'me-phone-card').length === 0);
  expect(sent('POST', '/api/me/phone').map((r) => r.data)).toEqual([{ code: PHONE_CODE }]);
  // Both gifts said in words, and 去看看 opens the wallet.
  await until(me, 'the gifts', () => callsOf('showModal').some((m) => m.title === '注册成功'));
  expect(callsOf('showModal').pop().content).toBe('新人礼 100 积分已到账，「新人无门槛减10」已放入我的优惠券');
  await until(me, 'the wallet', () => callsOf('navigateTo').some((n) => n.url === '/pages/coupons/index?tab=available'));
  expect(texts(me, 'me-phone')).toEqual([MASKED_PHONE]);
  expect(texts(me, 'me-points-available')).toEqual(['1050']); // 950 + the gift

  // 每日签到 among the services opens 签到 now (it said 即将开放 before).
  tap(me, '.me__entry--checkin');
  await until(me, 'wx.navigateTo', () => callsOf('navigateTo').some((n) => n.url === '/pages/checkin/index'));
});

test('首页 shows a member today’s check-in reward and opens 签到', async () => {
  const home = open('pages/index/index');
  await until(home, 'today’s reward', () => texts(home, 'home-checkin__action')[0] === '+20');
  expect(texts(home, 'home-checkin__hint')).toEqual(['已连续签到 2 天 · 今日签到可得 20 积分']);
  tap(home, '.home-checkin');
  await until(home, 'wx.navigateTo', () => callsOf('navigateTo').some((n) => n.url === '/pages/checkin/index'));
});

test('签到 renders the streak, the 7-day cycle, the month from the API and the days to make up', async () => {
  const page = open('pages/checkin/index');
  await until(page, 'the calendar', () => all(page, 'checkin-day--checked').length > 0);
  expect(requested('/api/checkin/calendar').pop()).toBe('/api/checkin/calendar');

  expect(texts(page, 'checkin-streak').map(squeeze)).toEqual(['已连续签到2天']);
  expect(texts(page, 'checkin-tomorrow').map(squeeze)).toEqual(['明日签到可得10积分']);
  expect(texts(page, 'checkin-button').map(squeeze)).toEqual(['签到+20']); // day 3 of the cycle
  expect(texts(page, 'checkin-points')).toEqual(['1,050']);

  expect(texts(page, 'checkin-calendar__month')).toEqual(['2026年11月']);
  expect(texts(page, 'checkin-day--checked')).toEqual(['3', '4', '21', '23', '24']);
  expect(texts(page, 'checkin-day--makeup')).toEqual(['21']);
  expect(texts(page, 'checkin-day--today')).toEqual(['25']);
  expect(texts(page, 'checkin-day--missed')).toEqual(['18', '19', '20', '22']);
  // 1 Nov 2026 is a Sunday: no blank before it in a week that starts on Sunday.
  expect(all(page, 'checkin-day')[0].textContent.trim()).toBe('1');

  // The cycle 10, 10, 20, 10, 10, 10, 60: two days done, today's slot (day 3) next.
  expect(all(page, 'checkin-strip__day--done')).toHaveLength(2);
  expect(texts(page, 'checkin-strip__day--today')).toEqual(['+20']);
  expect(texts(page, 'checkin-strip__label')).toEqual(['第1天', '第2天', '+20', '第4天', '第5天', '第6天', '+60']);

  expect(texts(page, 'checkin-makeup__day')).toEqual(['11月22日 周日', '11月20日 周五', '11月19日 周四', '11月18日 周三']);
  expect(page.dom.textContent).toContain('本月还可补签 2 次');
  expect(page.dom.textContent).toContain('连续签到第 3 天额外 +10，第 7 天额外 +50 积分');
});

test('a tap on 签到 posts /api/checkin once and the page shows the points arriving', async () => {
  const page = open('pages/checkin/index');
  await until(page, 'the button', () => squeeze(texts(page, 'checkin-button')[0] ?? '') === '签到+20');
  tap(page, '.checkin-button');

  await until(page, '今日已签到', () => texts(page, 'checkin-button__done-text')[0] === '今日已签到');
  expect(texts(page, 'checkin-button__earned')).toEqual(['已得 20 积分']);
  expect(sent('POST', '/api/checkin')).toHaveLength(1);
  expect(texts(page, 'checkin-burst')).toEqual(['+20 积分']);
  expect(texts(page, 'checkin-streak').map(squeeze)).toEqual(['已连续签到3天']);
  expect(texts(page, 'checkin-day--checked')).toEqual(['3', '4', '21', '23', '24', '25']);
  expect(all(page, 'checkin-strip__day--done')).toHaveLength(3);
  // The points count up to the new balance.
  await until(page, 'the new balance', () => texts(page, 'checkin-points')[0] === '1,070');

  // The button is disabled now: a second tap sends nothing.
  tap(page, '.checkin-button');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(sent('POST', '/api/checkin')).toHaveLength(1);
});

test('签到 pages back a month with ?month= and stops at the month the member joined', async () => {
  const page = open('pages/checkin/index');
  await until(page, 'the calendar', () => all(page, 'checkin-day--checked').length > 0);
  tap(page, '.checkin-calendar__prev');
  await until(page, 'October', () => texts(page, 'checkin-calendar__month')[0] === '2026年10月');
  expect(requested('/api/checkin/calendar').pop()).toBe('/api/checkin/calendar?month=2026-10');
  expect(texts(page, 'checkin-day--checked')).toEqual(['16', '17']);
  expect(all(page, 'checkin-day--today')).toHaveLength(0);

  const asked = requested('/api/checkin/calendar').length;
  tap(page, '.checkin-calendar__prev'); // joined in October: nothing earlier
  tap(page, '.checkin-calendar__next');
  await until(page, 'November', () => texts(page, 'checkin-calendar__month')[0] === '2026年11月');
  expect(requested('/api/checkin/calendar').slice(asked)).toEqual(['/api/checkin/calendar?month=2026-11']);
});

test('补签 asks to confirm the cost, makes the day up, and words the server’s refusal', async () => {
  const page = open('pages/checkin/index');
  await until(page, 'the days to make up', () => all(page, 'checkin-makeup__item').length === 4);
  const modals = callsOf('showModal').length;
  tap(page, '.checkin-makeup__button'); // the newest: 11-22
  await until(page, 'the made-up day', () => texts(page, 'checkin-day--makeup').includes('22'));
  const modal = callsOf('showModal')[modals];
  expect(modal.content).toContain('补签将消耗 20 积分');
  expect(modal.content).toContain('本月还可补签 2 次');
  expect(sent('POST', '/api/checkin/makeup').map((r) => r.data)).toEqual([{ day: '2026-11-22' }]);
  expect(toasts()).toContain('补签成功 +10 积分');
  await until(page, 'three days left to make up', () => all(page, 'checkin-makeup__item').length === 3);
  expect(texts(page, 'checkin-makeup__left')).toEqual(['1']);
  expect(texts(page, 'checkin-streak').map(squeeze)).toEqual(['已连续签到5天']); // 21 (made up), 22 (made up), 23, 24, 25

  api.state.makeupRefusal = { code: 'POINTS_INSUFFICIENT', message: '积分不足：需要 20，可用 5' };
  tap(page, '.checkin-makeup__button');
  await until(page, 'the refusal', () => toasts().includes('积分不足，补签需消耗 20 积分'));
  expect(all(page, 'checkin-makeup__item')).toHaveLength(3);
});

test('我的 shows the way to the next tier from /api/me/tier, and the card opens 会员等级', async () => {
  const me = open('pages/me/index');
  await until(me, 'the tier progress', () => all(me, 'me-tier-progress').length === 1);
  expect(texts(me, 'me-tier-progress')).toEqual(['再消费 180 元升级为 银卡会员']);
  expect(texts(me, 'me-tier__growth')).toEqual(['320 / 500']);
  expect(all(me, 'me-tier__fill')[0].getAttribute('style').replace(/\s/g, '')).toContain('width:64%');

  tap(me, '.me-tier');
  await until(me, 'wx.navigateTo', () => callsOf('navigateTo').some((n) => n.url === '/pages/tiers/index'));
  const tiers = open('pages/tiers/index');
  await until(tiers, 'the four tiers', () => all(tiers, 'tier-row').length === 4);
  expect(texts(tiers, 'tier-row__label')).toEqual(['普通会员', '银卡会员', '金卡会员', '钻石会员']);
  expect(texts(tiers, 'tier-row__multiplier')).toEqual(['1 倍', '1.2 倍', '1.5 倍', '2 倍']);
  expect(texts(tiers, 'tier-row__discount')).toEqual(['—', '—', '9.5 折', '9.5 折']);
  expect(all(tiers, 'tier-row--current')).toHaveLength(1);
});

test('个人资料 opens from the avatar on 我的 and shows the avatar button, nickname, birthday and phone', async () => {
  const me = open('pages/me/index');
  await until(me, 'the member card', () => all(me, 'me-profile').length === 1 && all(me, 'me-nickname').length === 1);
  tap(me, '.me-profile');
  await until(me, 'wx.navigateTo', () => callsOf('navigateTo').some((n) => n.url === '/pages/profile/index'));

  const page = open('pages/profile/index');
  await until(page, 'the profile', () => all(page, 'profile-avatar').length === 1);
  // WeChat draws open-type=chooseAvatar and the nickname keyboard natively (Taro passes them through the page data).
  expect(JSON.stringify(page.instance.data)).toContain('"chooseAvatar"');
  expect(JSON.stringify(page.instance.data)).toContain('"nickname"');
  expect(texts(page, 'profile-birthday__note')).toEqual(['生日设置后不可修改，生日当月签到积分翻倍']);
  expect(texts(page, 'profile__value').pop()).toBe(MASKED_PHONE);
  expect(texts(page, 'profile-save')).toEqual(['已保存']);
});

test('个人资料 saves a new nickname through PATCH /api/me and 我的 shows it; a blank one is not sent', async () => {
  const page = open('pages/profile/index');
  await until(page, 'the nickname field', () => page.querySelector('.profile__input'));
  const input = page.querySelector('.profile__input');

  input.dispatchEvent('blur', { detail: { value: '   ' } });
  await until(page, 'the blank refusal', () => toasts().includes('昵称不能为空'));
  expect(sent('PATCH', '/api/me')).toHaveLength(0);

  input.dispatchEvent('input', { detail: { value: '小明同学' } });
  input.dispatchEvent('blur', { detail: { value: '小明同学' } });
  await until(page, 'the saved toast', () => toasts().includes('昵称已保存'));
  expect(sent('PATCH', '/api/me').map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data))).toEqual([{ nickname: '小明同学' }]);

  const me = open('pages/me/index');
  await until(me, 'the new nickname', () => texts(me, 'me-nickname')[0] === '小明同学');
});

test('个人资料 uploads the chosen avatar with wx.uploadFile and sets the birthday once', async () => {
  const page = open('pages/profile/index');
  await until(page, 'the avatar button', () => all(page, 'profile-avatar').length === 1);
  page.querySelector('.profile-avatar').dispatchEvent('chooseavatar', { detail: { avatarUrl: 'http://tmp/avatar.png' } });
  await until(page, 'the upload', () => callsOf('uploadFile').length === 1);
  expect(callsOf('uploadFile')[0]).toMatchObject({ filePath: 'http://tmp/avatar.png', name: 'avatar', header: { Authorization: 'Bearer access-xm' } });
  expect(callsOf('uploadFile')[0].url).toMatch(/\/api\/me\/avatar$/);
  await until(page, 'the uploaded toast', () => toasts().includes('头像已更新'));
  // The avatar now shows the server's picture (absolute: the API base in front of /media/…).
  await until(page, 'the new avatar', () => JSON.stringify(page.instance.data).includes(AVATAR_URL));
  expect(toasts()).toContain('头像已更新');

  // The date picker: WeChat reports the chosen day, the page confirms (once only) and PATCHes it.
  page.querySelector('.profile__picker').dispatchEvent('change', { detail: { value: '1990-05-20' } });
  await until(page, 'the birthday', () => texts(page, 'profile__value').includes('1990-05-20'));
  expect(callsOf('showModal').pop().content).toContain('设置后不可修改');
  expect(sent('PATCH', '/api/me').map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data)).pop()).toEqual({ birthday: '1990-05-20' });
  expect(all(page, 'profile-birthday--locked')).toHaveLength(1);
});

test('WeChat asking for privacy consent shows the popup on 个人资料; agreeing answers through the agree button', async () => {
  const page = open('pages/profile/index');
  await until(page, 'the profile', () => all(page, 'profile-avatar').length === 1);
  expect(all(page, 'privacy-consent')).toHaveLength(0);

  const answers = [];
  weapp.needPrivacy((option) => answers.push(option));
  await until(page, 'the consent popup', () => all(page, 'privacy-consent').length === 1);
  expect(answers).toEqual([{ event: 'exposureAuthorization' }]);
  expect(JSON.stringify(page.instance.data)).toContain('"agreePrivacyAuthorization"');

  tap(page, '.privacy-consent__link');
  await until(page, 'wx.navigateTo', () => callsOf('navigateTo').some((n) => n.url === '/pages/privacy/index'));
  page.querySelector('.privacy-consent__button--agree').dispatchEvent('agreeprivacyauthorization');
  await until(page, 'the popup to close', () => all(page, 'privacy-consent').length === 0);
  expect(answers.pop()).toEqual({ event: 'agree', buttonId: 'privacy-agree' });
});

test('隐私政策 says who runs the shop, what is collected, why, and how to delete the account', async () => {
  const page = open('pages/privacy/index');
  await until(page, 'the policy', () => all(page, 'privacy__heading').length > 0);
  // The operator as the owner set it in 店铺信息; what is not set yet is said so.
  await until(page, 'the operator', () => texts(page, 'privacy-operator-name')[0] === '运营者：上海林记商贸有限公司');
  expect(texts(page, 'privacy-operator-contact')).toEqual(['联系方式：店铺尚未填写']);
  expect(texts(page, 'privacy-operator-effective')).toEqual(['生效日期：2026-12-01']);
  expect(texts(page, 'privacy__heading')).toEqual(['我们收集哪些信息', '我们为什么收集', '如何保存与保护', '如何删除账号']);
  for (const word of ['昵称', '头像', '手机号', '订单', '积分']) expect(page.dom.textContent).toContain(word);
});

test('个人资料 puts the old nickname back when WeChat’s review rejects the new one', async () => {
  const page = open('pages/profile/index');
  const input = await until(page, 'the nickname field', () => page.querySelector('.profile__input'));
  const before = api.state.member.nickname;
  const saves = toasts().filter((t) => t === '昵称已保存').length;
  input.dispatchEvent('input', { detail: { value: '不当昵称' } });
  input.dispatchEvent('blur', { detail: { value: '不当昵称' } });
  await until(page, 'the save', () => toasts().filter((t) => t === '昵称已保存').length > saves);
  expect(api.state.member.nickname).toBe('不当昵称');

  // WeChat's content review of the nickname keyboard reports after the blur.
  input.dispatchEvent('nicknamereview', { detail: { pass: false, timeout: false } });
  await until(page, 'the old nickname back', () => api.state.member.nickname === before);
  expect(toasts()).toContain('昵称未通过微信安全审核，请换一个');
});

test('我的 says 已是最高等级 with a full bar for a 钻石会员', async () => {
  api.state.tier = { ...TIER, tier: 'diamond', label: '钻石会员', growth: 6200, multiplierPct: 200, mallDiscountPct: 5, next: null };
  try {
    const me = open('pages/me/index');
    await until(me, 'the top tier', () => texts(me, 'me-tier-progress')[0] === '已是最高等级');
    expect(texts(me, 'me-tier__growth')).toEqual(['成长值 6200']);
    expect(all(me, 'me-tier__fill')[0].getAttribute('style').replace(/\s/g, '')).toContain('width:100%');
    expect(squeeze(texts(me, 'me-tier__text')[0])).toBe('每消费1元得2积分·积分商城9.5折');
  } finally {
    api.state.tier = null;
  }
});

test('确认订单 shows the address, the best coupon, the points cap and what to pay from POST /api/checkout/quote', async () => {
  const quotes = api.state.quotes.length;
  const page = open('pages/checkout/index', { lines: '11:1' });
  await until(page, 'the quote', () => all(page, 'checkout__pay-total').length === 1);
  await until(page, 'the address', () => all(page, 'checkout__address-name').length === 1);

  // The lines go to the server as they were in the query; the coupon is left to the server, no points yet.
  expect(api.state.quotes.slice(quotes)).toEqual([{ lines: [{ skuId: 11, quantity: 1 }], points: 0 }]);
  expect(requested('/api/addresses')).toContain('/api/addresses');

  const [address] = ADDRESSES;
  expect(texts(page, 'checkout__address-name')).toEqual([address.name]);
  expect(texts(page, 'checkout__address-phone')).toEqual([address.phone]);
  expect(texts(page, 'checkout__address-default')).toEqual(['默认']);
  expect(squeeze(texts(page, 'checkout__address-full')[0])).toBe('上海市上海市浦东新区世纪大道100号');

  expect(texts(page, 'checkout-line__title')).toEqual(['智利车厘子']);
  expect(texts(page, 'checkout-line__sku')).toEqual(['2斤 礼盒装']);
  expect(texts(page, 'checkout-line__qty')).toEqual(['×1']);

  // The coupon row: the server's pick with what it takes off.
  expect(texts(page, 'checkout__coupon-name')).toEqual(['满100减20']);
  expect(texts(page, 'checkout__coupon-off')).toEqual(['-¥20.00']);
  expect(texts(page, 'checkout__sum-goods')).toEqual(['¥139.00']);
  expect(texts(page, 'checkout__sum-coupon')).toEqual(['-¥20.00']);
  expect(texts(page, 'checkout__sum-points')).toEqual(['-¥0.00']);

  // Points: off, with the cap of the quote as cash.
  expect(texts(page, 'checkout__points-hint')).toEqual([`可用 ${api.state.member.points.available} 积分，最多抵 ¥9.00`]);
  expect(all(page, 'checkout__points-switch--on')).toHaveLength(0);
  expect(all(page, 'checkout__points-use')).toHaveLength(0);

  expect(texts(page, 'checkout__pay-total').map(squeeze)).toEqual(['¥119.00']);
  expect(texts(page, 'checkout__sum-pay').map(squeeze)).toEqual(['¥119.00']);
  expect(texts(page, 'checkout__earn')).toEqual(['支付后预计获得 119 积分（确认收货后到账）']);
});

test('确认订单’s points switch asks for a new quote with the most points, and the page shows it', async () => {
  const page = open('pages/checkout/index', { lines: '11:1' });
  await until(page, 'the quote', () => all(page, 'checkout__pay-total').length === 1);
  const quotes = api.state.quotes.length;

  tap(page, '.checkout__points-switch');
  await until(page, 'the quote with points', () => all(page, 'checkout__points-switch--on').length === 1);
  expect(api.state.quotes.slice(quotes)).toEqual([{ lines: [{ skuId: 11, quantity: 1 }], points: 900 }]);
  const [request] = sent('POST', '/api/checkout/quote').slice(-1);
  expect(typeof request.data === 'string' ? JSON.parse(request.data) : request.data).toMatchObject({ points: 900 });

  expect(texts(page, 'checkout__points-used')).toEqual(['900']);
  expect(squeeze(texts(page, 'checkout__points-use-text')[0])).toBe('使用900积分，抵¥9.00');
  expect(texts(page, 'checkout__sum-points')).toEqual(['-¥9.00']);
  expect(texts(page, 'checkout__coupon-off')).toEqual(['-¥20.00']); // the coupon stays
  expect(texts(page, 'checkout__pay-total').map(squeeze)).toEqual(['¥110.00']);
  expect(texts(page, 'checkout__earn')).toEqual(['支付后预计获得 110 积分（确认收货后到账）']);

  // Off again: back to no points.
  tap(page, '.checkout__points-switch');
  await until(page, 'the quote without points', () => all(page, 'checkout__points-switch--on').length === 0);
  expect(api.state.quotes.slice(quotes).map((q) => q.points)).toEqual([900, 0]);
  expect(texts(page, 'checkout__pay-total').map(squeeze)).toEqual(['¥119.00']);
});

test('订单详情 of a paid order shows 待发货, the line, the amounts and its points 待到账', async () => {
  const page = open('pages/order/index', { id: '1' });
  await until(page, 'the order', () => all(page, 'order-detail__status').length === 1);
  expect(sent('GET', '/api/orders/1')).not.toHaveLength(0);

  expect(texts(page, 'order-detail__status')).toEqual(['待发货']);
  expect(texts(page, 'order-detail__hint')).toEqual(['商家正在备货，请耐心等待']);
  expect(all(page, 'order-detail__header--paid')).toHaveLength(1);

  expect(texts(page, 'order-line__title')).toEqual(['智利车厘子']);
  expect(texts(page, 'order-line__sku')).toEqual(['2斤 礼盒装']);
  expect(texts(page, 'order-detail__address-name')).toEqual(['小明']);
  expect(texts(page, 'order-detail__coupon')).toEqual(['-¥20.00']);
  expect(texts(page, 'order-detail__points')).toEqual(['-¥5.00']);
  expect(texts(page, 'order-detail__pay').map(squeeze)).toEqual(['¥114.00']);

  expect(all(page, 'order-detail__earn--pending')).toHaveLength(1);
  expect(texts(page, 'order-detail__earn-text')).toEqual(['本单获得 114 积分']);
  expect(texts(page, 'order-detail__earn-state')).toEqual(['待到账']);
  expect(texts(page, 'order-detail__order-no')).toEqual([ORDERS[0].orderNo]);

  // Paid and not shipped: the member may ask for a refund, nothing to pay or receive.
  expect(texts(page, 'order-detail__refund')).toEqual(['申请退款']);
  expect(all(page, 'order-detail__pay-btn')).toHaveLength(0);
  expect(all(page, 'order-detail__confirm')).toHaveLength(0);
});

test('支付成功 (just paid) says when the points arrive and offers 查看订单 and 返回首页 beside 申请退款', async () => {
  const page = open('pages/order/index', { id: '1', paid: '1' });
  await until(page, 'the success state', () => texts(page, 'order-detail__status').join() === '支付成功');
  expect(texts(page, 'order-detail__success')).toEqual([`${ORDERS[0].earnPoints} 积分待到账，确认收货后到账`]);
  expect(texts(page, 'order-detail__next-btn')).toEqual(['查看订单', '返回首页']);
  tap(page, '.order-detail__to-home');
  await until(page, 'the way home', () => callsOf('switchTab').some((c) => c.url === '/pages/index/index'));
});

test('支付成功 asks for the 发货 and 积分到账 templates in one tap', async () => {
  const page = open('pages/order/index', { id: '1', paid: '1' });
  await until(page, 'the reminder button', () => all(page, 'order-detail__remind').length === 1);
  expect(texts(page, 'remind__label')).toEqual(['发货和积分到账时提醒我']);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const before = callsOf('requestSubscribeMessage').length;
  tap(page, '.order-detail__remind');
  await until(page, 'WeChat asked', () => callsOf('requestSubscribeMessage').length > before);
  expect(callsOf('requestSubscribeMessage').slice(before).map((c) => c.tmplIds)).toEqual([['tpl-shipped', 'tpl-arrived']]);
  await until(page, 'the consent posted', () => sent('POST', '/api/reminders/consent').some((r) => JSON.stringify(r.data).includes('order_shipped')));
});

test('我的订单 lists the orders with their status labels and the actions each status allows', async () => {
  const page = open('pages/orders/index');
  await until(page, 'two order cards', () => all(page, 'order-card__status').length === 2);
  expect(sent('GET', '/api/orders').length).toBeGreaterThan(0);
  expect(sent('GET', '/api/orders').pop().url).not.toContain('status='); // 全部 asks for every status

  expect(texts(page, 'orders__tab-text')).toEqual(['全部', '待付款', '待发货', '待收货', '退款/售后']);
  expect(texts(page, 'orders__tab--active')).toEqual(['全部']);
  expect(texts(page, 'order-card__status')).toEqual(['待发货', '已完成']);
  expect(all(page, 'order-card--paid')).toHaveLength(1);
  expect(all(page, 'order-card--completed')).toHaveLength(1);
  expect(texts(page, 'order-card__title')).toEqual(['智利车厘子', '精品挂耳咖啡']);
  expect(texts(page, 'order-card__pay-fen').map(squeeze)).toEqual(['¥114.00', '¥139.00']);
  expect(texts(page, 'order-card__no').map(squeeze)).toEqual(ORDERS.map((o) => `订单号${o.orderNo}`));

  // Paid, not shipped: a refund may be asked for; completed: only the details. Neither has 去支付 or 确认收货.
  const actions = (card) => [...card.querySelectorAll('[class]')].filter((el) => [...el.classList].some((c) => c.endsWith('order-card__btn'))).map((el) => el.textContent.trim());
  const [paid, completed] = all(page, 'order-card');
  expect(actions(paid)).toEqual(['申请退款', '查看详情']);
  expect(actions(completed)).toEqual(['查看详情']);

  // A status tab asks the server for its statuses.
  tap(page, '.orders__tab--paid');
  await until(page, 'the 待发货 tab', () => texts(page, 'orders__tab--active')[0] === '待发货' && all(page, 'order-card__status').length === 1);
  expect(sent('GET', '/api/orders?status=paid')).toHaveLength(1);
  expect(texts(page, 'order-card__status')).toEqual(['待发货']);
});

test('会员码 shows the till a barcode, the digits in fours and a QR code, with the balance; it renews itself', async () => {
  const page = open('pages/member-code/index');
  await until(page, 'the code', () => texts(page, 'member-code-digits').length === 1);
  expect(texts(page, 'member-code-digits')).toEqual(['6000 0000 0512 3456 78']);
  // The bars and modules drawn are the encoders' own, counted here independently of the page.
  const encoded = {};
  require('jsbarcode')(encoded, '600000000512345678', { format: 'CODE128' });
  const bits = encoded.encodings.map((e) => e.data).join('');
  expect(all(page, 'member-code__bar')).toHaveLength(bits.match(/1+|0+/g).length);
  expect(all(page, 'member-code__bar--dark')).toHaveLength(bits.match(/1+/g).length);
  const qr = require('qrcode-generator')(0, 'M');
  qr.addData('600000000512345678');
  qr.make();
  const n = qr.getModuleCount();
  let dark = 0;
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) dark++;
  expect(all(page, 'member-code__qr-row')).toHaveLength(n);
  expect(all(page, 'member-code__cell--dark')).toHaveLength(dark);
  expect(requested('/api/me/member-code').length).toBe(1);
});

// ---- 管理 (the admin subpackage), as the shop's operator ----

const bodyOf = (request) => (typeof request.data === 'string' ? JSON.parse(request.data) : request.data);

test('an operator’s 管理 opens 商品管理: goods by status, 库存预警 asks the server, 下架 confirms first', async () => {
  api.state.member.role = 'operator';
  const me = open('pages/me/index'); // shown again: the session re-reads /api/me
  await until(me, 'the operator session', () => sent('GET', '/api/me').length > 0);
  const admin = open('pages/admin/index');
  await until(admin, 'the tools', () => all(admin, 'admin-link--goods').length === 1);
  tap(admin, '.admin-link--goods');
  await until(admin, 'wx.navigateTo', () => callsOf('navigateTo').some((n) => n.url === '/admin/goods/index'));

  const page = open('admin/goods/index');
  await until(page, 'two goods', () => all(page, 'admin-goods__item').length === 2);
  expect(texts(page, 'admin-goods__title')).toEqual(['智利车厘子', '海南贵妃芒']);
  expect(texts(page, 'admin-goods__price').map(squeeze)).toEqual(['¥139.00起', '¥49.90']);
  expect(texts(page, 'admin-goods__stock').map(squeeze)).toEqual(['库存42', '库存0']);
  expect(all(page, 'admin-goods__stock--low')).toHaveLength(2); // a SKU at 2, and one at 0
  expect(texts(page, 'admin-goods__toggle')).toEqual(['下架', '上架']);
  expect(texts(page, 'admin-goods__badge')).toEqual(['已下架']);

  tap(page, '.admin-goods__tab--low_stock');
  await until(page, 'the 库存预警 tab', () => sent('GET', '/api/admin/catalog/goods?filter=low_stock').length === 1 && all(page, 'admin-goods__item').length === 1);
  expect(texts(page, 'admin-goods__hint')[0]).toContain('不超过 5 件');

  tap(page, '.admin-goods__toggle', '下架');
  await until(page, 'the confirmation', () => callsOf('showModal').some((m) => m.title === '下架商品'));
  await until(page, 'the status call', () => sent('POST', '/api/admin/catalog/goods/1/status').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/catalog/goods/1/status')[0])).toEqual({ status: 'off_sale', version: 3 });
});

test('调整库存 sends the SKU’s signed change with its reason and shows the recent changes', async () => {
  const page = open('admin/goods/index');
  await until(page, 'the goods', () => all(page, 'admin-goods__stock-btn').length > 0);
  tap(page, '.admin-goods__stock-btn');
  await until(page, 'the history', () => all(page, 'stock-sheet__change').length === 1);
  expect(texts(page, 'stock-sheet__sku').map(squeeze)).toEqual(['2斤装（40）', '5斤礼盒（2）']);
  // Each step waits for the sheet to show it, as a person's next tap would.
  tap(page, '.stock-sheet__sku', '5斤礼盒（2）');
  await until(page, 'the SKU picked', () => texts(page, 'admin-sheet__chip--active').map(squeeze).includes('5斤礼盒（2）'));
  tap(page, '.stock-sheet__out');
  await until(page, '减少', () => texts(page, 'admin-sheet__mode--active')[0] === '减少');
  page.querySelector('.stock-sheet__amount').dispatchEvent('input', { detail: { value: '5' } });
  await until(page, 'the stock after', () => texts(page, 'stock-sheet__after')[0]?.includes('-3'));
  tap(page, '.stock-sheet__confirm');
  await until(page, 'the refusal', () => toasts().includes('库存只有 2，最多减少 2'));
  expect(sent('POST', '/api/admin/catalog/skus/12/stock')).toHaveLength(0);
  tap(page, '.stock-sheet__in');
  await until(page, 'the new stock', () => texts(page, 'stock-sheet__after')[0]?.includes('7'));
  tap(page, '.stock-sheet__reason', '盘点修正');
  await until(page, 'the reason', () => texts(page, 'admin-sheet__chip--active').includes('盘点修正'));
  tap(page, '.stock-sheet__confirm');
  await until(page, 'the change', () => sent('POST', '/api/admin/catalog/skus/12/stock').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/catalog/skus/12/stock')[0])).toEqual({ delta: 5, reason: '盘点修正' });
});

test('新增商品 uploads the chosen image with wx.uploadFile and posts prices in fen', async () => {
  const page = open('admin/goods/edit');
  await until(page, 'the categories', () => all(page, 'goods-edit__category').length === 2);
  expect(texts(page, 'goods-edit__category')).toEqual(['生鲜水果', '休闲零食（已隐藏）']);
  tap(page, '.goods-edit__submit');
  await until(page, 'the first problem', () => toasts().includes('请填写商品名称'));

  tap(page, '.goods-edit__add-image');
  await until(page, 'the upload', () => callsOf('uploadFile').some((u) => u.url.endsWith('/api/admin/catalog/images')));
  expect(callsOf('uploadFile').pop()).toMatchObject({ filePath: 'http://tmp/goods.png', name: 'image' });
  await until(page, 'the thumbnail', () => all(page, 'goods-edit__thumb').length === 1);
  page.querySelector('.goods-edit__title').dispatchEvent('input', { detail: { value: '丹东草莓' } });
  page.querySelector('.goods-edit__sku-price').dispatchEvent('input', { detail: { value: '12.5' } });
  page.querySelector('.goods-edit__sku-stock').dispatchEvent('input', { detail: { value: '30' } });
  tap(page, '.goods-edit__submit');
  await until(page, 'the create call', () => sent('POST', '/api/admin/catalog/goods').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/catalog/goods')[0])).toEqual({
    categoryId: 1, title: '丹东草莓', subtitle: '', images: [GOODS_IMAGE_URL], description: '', originalPriceFen: null, status: 'on_sale',
    skus: [{ name: '默认', priceFen: 1250, stock: 30 }],
  });
});

test('分类管理 lists the categories in order with the hidden one marked', async () => {
  const page = open('admin/categories/index');
  await until(page, 'two categories', () => all(page, 'admin-categories__item').length === 2);
  expect(texts(page, 'admin-categories__name')).toEqual(['生鲜水果', '休闲零食']);
  expect(texts(page, 'admin-categories__count').map(squeeze)).toEqual(['2件商品', '0件商品·已隐藏']);
  expect(all(page, 'admin-categories__item--hidden')).toHaveLength(1);
  tap(page, '.admin-categories__down');
  await until(page, 'the new order', () => sent('PUT', '/api/admin/catalog/categories/order').length === 1);
  expect(bodyOf(sent('PUT', '/api/admin/catalog/categories/order')[0])).toEqual({ ids: [2, 1] });
});

test('店员与权限 (owners): the staff, a member found by nickname, and 设为运营 after a confirmation', async () => {
  api.state.member.role = 'owner';
  const me = open('pages/me/index');
  const before = sent('GET', '/api/me').length;
  await until(me, 'the owner session', () => sent('GET', '/api/me').length > before);
  const admin = open('pages/admin/index');
  await until(admin, 'the owner’s tools', () => all(admin, 'admin-link--staff').length === 1);

  const page = open('admin/staff/index');
  await until(page, 'the staff', () => all(page, 'staff__person').length === 1);
  expect(texts(page, 'staff__name').map(squeeze)).toEqual(['小明（我）']);
  expect(texts(page, 'staff__role')).toEqual(['店主']);
  page.querySelector('.staff__search').dispatchEvent('input', { detail: { value: '阿花' } });
  await until(page, 'the typed name', () => JSON.stringify(page.instance.data).includes('阿花'));
  tap(page, '.staff__search-go');
  await until(page, 'the member found', () => texts(page, 'staff__name').includes('阿花'));
  tap(page, '.staff__action--operator', '设为运营');
  await until(page, 'the change', () => sent('POST', '/api/admin/staff/5/role').length === 1);
  expect(callsOf('showModal').pop().title).toBe('将「阿花」设为运营');
  expect(bodyOf(sent('POST', '/api/admin/staff/5/role')[0])).toEqual({ role: 'operator' });
});

test('会员 (管理) finds a member by the masked phone, shows the full number on request, and 调整积分 posts the signed points and reason', async () => {
  const list = open('admin/members/index');
  await until(list, 'the newest members', () => all(list, 'admin-member-row').length === 1);
  list.querySelector('.admin-members__input').dispatchEvent('input', { detail: { value: '139****6666' } });
  await until(list, 'the typed phone', () => JSON.stringify(list.instance.data).includes('139****6666'));
  tap(list, '.admin-members-search');
  await until(list, 'the search', () => requested('/api/admin/members?q=').some((u) => u.includes(encodeURIComponent('139****6666'))));
  await until(list, 'its answer', () => texts(list, 'admin-member__name').length === 1);
  expect(texts(list, 'admin-member__name')).toEqual(['阿花']);
  tap(list, '.admin-member-row');
  await until(list, 'the member page opened', () => callsOf('navigateTo').some((c) => c.url === '/admin/members/detail?id=5'));

  const page = open('admin/members/detail', { id: '5' });
  await until(page, 'the member page', () => texts(page, 'member-available').length === 1);
  expect(texts(page, 'member-available')).toEqual(['820']);
  expect(texts(page, 'member-phone')).toEqual(['139****6666']);
  expect(texts(page, 'admin-member-page__line').map(squeeze)).toEqual(['签到：近30天12天，连续2天，最近2026-11-24', '优惠券：可用1张，已用2张，过期0张', '邀请：3人，注册2人，已奖励1人（250积分）']);
  tap(page, '.member-reveal');
  await until(page, 'the full number', () => texts(page, 'member-phone').join() === '13912346666');

  tap(page, '.member-adjust');
  await until(page, 'the sheet', () => all(page, 'adjust-sheet__amount').length === 1);
  tap(page, '.adjust-sheet__out');
  page.querySelector('.adjust-sheet__amount').dispatchEvent('input', { detail: { value: '120' } });
  await until(page, 'the typed amount', () => texts(page, 'stock-sheet__after').join().includes('700'));
  tap(page, '.adjust-sheet__reason', '误发收回');
  await until(page, 'the reason chosen', () => texts(page, 'admin-sheet__chip--active').join() === '误发收回');
  tap(page, '.adjust-sheet__confirm');
  await until(page, 'the adjustment posted', () => sent('POST', '/api/admin/members/5/adjustments').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/members/5/adjustments')[0])).toEqual({ amount: -120, reason: '误发收回' });
  await until(page, 'the toast', () => toasts().includes('积分已调整'));
});

test('数据看板 (管理) sums the range: members, check-in rate, points, orders, the invite funnel, and the days; 30 days asks the server', async () => {
  const page = open('admin/dashboard/index');
  await until(page, 'the dashboard', () => all(page, 'dash-card').length === 12);
  const card = (label) => all(page, 'dash-card').find((el) => el.textContent.includes(label)).textContent.replace(/\s+/g, '');
  expect(card('新增会员')).toContain('14');
  expect(card('平均签到率')).toContain('25.0%');
  expect(card('成交额')).toContain('¥1750.00');
  expect(card('应付积分')).toContain('折合¥1234.56');
  expect(texts(page, 'dash-funnel__n')).toEqual(['28', '14', '7', '7']);
  expect(all(page, 'dash-row')).toHaveLength(8);
  // The three trends each get a Canvas 2D node (F2 draws on it in WeChat and in H5; the e2e run checks the pixels).
  expect(texts(page, 'dash-chart__title')).toEqual(['新增与活跃会员', '积分发放与使用', '每日成交额（元）']);
  for (const name of ['members', 'points', 'gmv']) {
    expect(all(page, `dash-chart__canvas--dash-chart-${name}`).map((c) => c.tagName.toLowerCase())).toEqual(['wx-canvas']);
  }
  tap(page, '.dash-range--30');
  await until(page, 'thirty days', () => all(page, 'dash-row').length === 31);
  expect(requested('/api/admin/reports/dashboard')).toContain('/api/admin/reports/dashboard?days=30');
});

test('the main package stays under WeChat’s 2 MB: 管理 and its chart library load as a subpackage', () => {
  const fs = require('node:fs');
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const size = (dir, skip) => fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
    const full = path.join(dir, e.name);
    if (skip.includes(path.relative(DIST, full))) return n;
    return n + (e.isDirectory() ? size(full, skip) : fs.statSync(full).size);
  }, 0);
  expect(roots).toContain('admin');
  expect(size(DIST, roots)).toBeLessThan(2 * 1024 * 1024);
  // F2's components carry this mark; it must be in the dashboard's chunk and in none of the main package's.
  const f2 = (file) => fs.readFileSync(path.join(DIST, file), 'utf8').includes('isF2Component');
  expect(f2('admin/dashboard/index.js')).toBe(true);
  expect(['app.js', 'vendors.js', 'common.js', 'taro.js'].filter(f2)).toEqual([]);
});

test('流失预警 (管理) lists the members at risk with their reasons and value at risk; a tap opens the member', async () => {
  const page = open('admin/churn/index');
  await until(page, 'the list', () => all(page, 'churn-item').length === 2);
  expect(texts(page, 'churn-count').map(squeeze)).toEqual(['2人']);
  expect(texts(page, 'churn-item__score')).toEqual(['风险 72', '风险 45']);
  expect(all(page, 'churn-item__score--high')).toHaveLength(1);
  expect(texts(page, 'churn-item__reason')[0]).toBe('· 已 30 天未下单（平时约 7 天一单）');
  expect(texts(page, 'churn__summary-hint').map(squeeze)).toEqual(['按平时消费，未来90天约¥1435.71可能流失']);
  tap(page, '.churn-item');
  await until(page, 'the member opened', () => callsOf('navigateTo').some((c) => c.url === '/admin/members/detail?id=5'));
});

test('流失预警 一键挽回 sends the win-back with the hold-out share and days, once per opened sheet', async () => {
  const page = open('admin/churn/index');
  await until(page, 'the list', () => all(page, 'churn-item').length === 2);
  tap(page, '.churn__winback');
  await until(page, 'the sheet with the templates', () => all(page, 'send-sheet__template').length === 1);
  expect(texts(page, 'send-sheet__count').map(squeeze)).toEqual(['2位流失风险会员：2人发券，0人作对照组不发']);
  page.querySelector('.send-sheet__holdout').dispatchEvent('input', { detail: { value: '50' } });
  await until(page, 'the hold-out typed', () => texts(page, 'send-sheet__count').join().includes('1 人作对照组'));
  tap(page, '.send-sheet__template');
  await until(page, 'the template chosen', () => all(page, 'send-sheet__template--active').length === 1);
  tap(page, '.send-sheet__confirm');
  await until(page, 'the win-back sent', () => sent('POST', '/api/admin/coupon-batches/winback').length === 1);
  const request = sent('POST', '/api/admin/coupon-batches/winback')[0];
  expect(bodyOf(request)).toEqual({ templateId: 3, holdoutPct: 50, days: 30 });
  expect(request.header['Idempotency-Key']).toMatch(/^winback-/);
  await until(page, 'the results page', () => callsOf('navigateTo').some((c) => c.url === '/admin/batches/index'));
});

test('分群与标签 (管理) shows the RFM groups and tags with counts; a tap counts the tag and sends a template to it', async () => {
  const page = open('admin/segments/index');
  await until(page, 'the groups', () => all(page, 'segment-card').length === 5);
  expect(texts(page, 'segment-card__count')).toEqual(['12', '30', '8', '5', '45']);
  expect(texts(page, 'tag-row__rule')).toEqual(['90 天内买过水果', '手动打标']);
  tap(page, '.tag-row__main');
  await until(page, 'the count before sending', () => texts(page, 'send-sheet__count').join() === '将发给 128 位会员');
  await until(page, 'the templates that are on', () => all(page, 'send-sheet__template').length === 1);
  tap(page, '.send-sheet__confirm');
  await until(page, 'asked to pick', () => texts(page, 'send-sheet__problem').join() === '请选择要发的优惠券');
  tap(page, '.send-sheet__template');
  await until(page, 'the template chosen', () => all(page, 'send-sheet__template--active').length === 1);
  tap(page, '.send-sheet__confirm');
  await until(page, 'the batch sent', () => sent('POST', '/api/admin/coupon-batches').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/coupon-batches')[0])).toEqual({ templateId: 3, tagId: 6 });
  await until(page, 'the toast', () => toasts().includes('正在发给 128 人'));
});

test('新建标签 by a rule posts the rule; a manual tag needs only a name', async () => {
  const page = open('admin/segments/index');
  await until(page, 'the groups', () => all(page, 'segment-card').length === 5);
  tap(page, '.segments__new');
  await until(page, 'the sheet', () => all(page, 'tag-sheet__name').length === 1);
  page.querySelector('.tag-sheet__name').dispatchEvent('input', { detail: { value: '金卡以上' } });
  tap(page, '.tag-sheet__kind--tier_at_least');
  await until(page, 'the tiers', () => all(page, 'tag-sheet__tier').length === 4);
  tap(page, '.tag-sheet__tier', '钻石会员');
  await until(page, 'the tier chosen', () => texts(page, 'admin-sheet__chip--active').includes('钻石会员'));
  tap(page, '.tag-sheet__confirm');
  await until(page, 'the tag created', () => sent('POST', '/api/admin/tags').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/tags')[0])).toEqual({ name: '金卡以上', rule: { kind: 'tier_at_least', tier: 'diamond' } });
  await until(page, 'the toast', () => toasts().includes('已圈出 42 人'));
});

test('发券记录与效果 (管理) shows each send’s use and GMV, and a win-back’s return rates against its hold-out with the uplift', async () => {
  const page = open('admin/batches/index');
  await until(page, 'the batches', () => all(page, 'batch').length === 2);
  expect(texts(page, 'batch__title')).toEqual(['流失挽回', '定向 · 爱买水果']);
  expect(texts(page, 'batch-issued')).toEqual(['900', '120']);
  expect(texts(page, 'batch__verdict')).toEqual(['挽回有效：发券组回购明显更多']);
  expect(texts(page, 'winback-treated')).toEqual(['30.0%']);
  expect(texts(page, 'winback-holdout')).toEqual(['20.0%']);
  expect(texts(page, 'winback-uplift').map(squeeze)).toEqual(['提升+10.0个百分点（95%置信区间+1.6~+18.4）']);
  expect(texts(page, 'batch__per').map(squeeze)).toEqual(['每张券带来¥20.00', '每张券带来¥30.00']);
});

test('tags on the member page: a manual one comes off with a tap, ＋ 标签 puts one on; 批量打标签 tags a selection', async () => {
  const page = open('admin/members/detail', { id: '5' });
  await until(page, 'the tags', () => texts(page, 'member-tag').length === 2);
  expect(texts(page, 'member-tag')).toEqual(['高价值活跃', '到店熟客 ×']);
  tap(page, '.member-tag', '到店熟客 ×');
  await until(page, 'the tag taken off', () => sent('DELETE', '/api/admin/tags/7/members/5').length === 1);
  tap(page, '.member-tag-add');
  await until(page, 'the manual tags', () => all(page, 'tag-picker__tag').length === 1);
  tap(page, '.tag-picker__tag');
  await until(page, 'the tag put on', () => sent('POST', '/api/admin/tags/7/members').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/tags/7/members')[0])).toEqual({ memberIds: [5] });

  const list = open('admin/members/index');
  await until(list, 'the members', () => all(list, 'admin-member-row').length === 1);
  tap(list, '.admin-members__select');
  await until(list, 'select mode', () => all(list, 'admin-member__check').length === 1);
  const navigations = callsOf('navigateTo').length;
  tap(list, '.admin-member-row');
  await until(list, 'one selected', () => texts(list, 'admin-members__bar-count').join() === '已选 1 人');
  tap(list, '.admin-members__bar-go');
  await until(list, 'the picker', () => all(list, 'tag-picker__tag').length === 1);
  tap(list, '.tag-picker__tag');
  await until(list, 'the selection tagged', () => sent('POST', '/api/admin/tags/7/members').length === 2);
  expect(callsOf('navigateTo')).toHaveLength(navigations); // in select mode a tap selects, it does not open the member
});

test('积分负债 (管理) shows the points owed and their value, the month with breakage, and copies the table as CSV', async () => {
  const page = open('admin/reports/liability');
  await until(page, 'the report', () => texts(page, 'liability-outstanding').length === 1);
  expect(texts(page, 'liability-outstanding')).toEqual(['123456']);
  expect(texts(page, 'liability-yuan').map(squeeze)).toEqual(['折合¥1234.56（100积分=1元）']);
  expect(texts(page, 'liability-month__breakage').map(squeeze)).toEqual(['沉淀率2.5%']);
  expect(texts(page, 'liability-month__parts')).toEqual(['购物奖励 9000 · 每日签到 1000', '积分抵现 4000']);
  tap(page, '.liability-copy');
  await until(page, 'the table copied', () => callsOf('setClipboardData').some((c) => c.data === '月份,发放合计\r\n2026-11,10000\r\n'));
});

test('审计日志 (管理) names who did what to what, and filters by person and area', async () => {
  api.state.member.role = 'owner';
  const page = open('admin/audit/index');
  await until(page, 'the entries', () => all(page, 'admin-audit-entry').length === 2);
  expect(texts(page, 'admin-audit-entry__target')).toEqual(['会员 阿花', '订单 202603019876543210']);
  await until(page, 'the people to filter by', () => all(page, 'admin-audit-filter__operator--2').length === 1);
  tap(page, '.admin-audit-filter__operator--2');
  await until(page, 'one person’s entries', () => all(page, 'admin-audit-entry').length === 1);
  expect(requested('/api/admin/audit?').pop()).toContain('operatorId=2');
  tap(page, '.admin-audit-filter__area--staff');
  await until(page, 'nothing of theirs there', () => texts(page, 'admin-audit__list').join('').includes('没有符合条件的记录'));
  expect(requested('/api/admin/audit?').pop()).toMatch(/operatorId=2.*area=staff|area=staff.*operatorId=2/);
  tap(page, '.admin-audit-filter__operator--all');
  await until(page, 'the staff change', () => texts(page, 'admin-audit-entry__action').join() === '设置店员权限');
});

test('积分商城管理 lists items with their kind, code pool and state; 已兑完 asks the server', async () => {
  const admin = open('pages/admin/index');
  await until(admin, 'the tools', () => all(admin, 'admin-link--mall').length === 1);
  tap(admin, '.admin-link--mall');
  await until(admin, 'wx.navigateTo', () => callsOf('navigateTo').some((n) => n.url === '/admin/mall/index'));

  const page = open('admin/mall/index');
  await until(page, 'two items', () => all(page, 'admin-mall__item').length === 2);
  expect(texts(page, 'admin-mall__title')).toEqual(['视频会员月卡', '满59减10 优惠券']);
  expect(texts(page, 'admin-mall__stock').map(squeeze)).toEqual(['兑换码28/30', '库存0']);
  expect(texts(page, 'admin-mall__price').map(squeeze)).toEqual(['1,500积分', '500积分']);
  expect(texts(page, 'admin-mall__window').map(squeeze)).toEqual(['即日至2026-12-31']);
  expect(texts(page, 'admin-mall__badge')).toEqual(['已下架']);
  expect(all(page, 'admin-mall__codes')).toHaveLength(1); // the virtual item loads codes, the other adjusts stock
  expect(all(page, 'admin-mall__stock-btn')).toHaveLength(1);
  tap(page, '.admin-mall__tab--sold_out');
  await until(page, 'the 已兑完 tab', () => sent('GET', '/api/admin/mall/items?filter=sold_out').length === 1 && all(page, 'admin-mall__item').length === 1);
});

test('新增兑换商品 (coupon) offers only enabled templates and posts whole points with the tier price', async () => {
  const page = open('admin/mall/edit');
  await until(page, 'the kinds', () => all(page, 'mall-edit__kind').length === 3);
  tap(page, '.mall-edit__kind--coupon');
  await until(page, 'the templates', () => all(page, 'mall-edit__template').length === 1);
  expect(texts(page, 'mall-edit__template')).toEqual(['积分兑 满59减10']);
  page.querySelector('.mall-edit__title').dispatchEvent('input', { detail: { value: '满59减10 券' } });
  page.querySelector('.mall-edit__points').dispatchEvent('input', { detail: { value: '12.5' } });
  page.querySelector('.mall-edit__stock').dispatchEvent('input', { detail: { value: '50' } });
  await until(page, 'the typed points', () => JSON.stringify(page.instance.data).includes('12.5'));
  tap(page, '.mall-edit__submit');
  await until(page, 'the template problem', () => toasts().includes('请选择兑换发放的优惠券'));
  tap(page, '.mall-edit__template');
  await until(page, 'the template picked', () => all(page, 'admin-sheet__chip--active').length === 1);
  tap(page, '.mall-edit__submit');
  await until(page, 'the points problem', () => toasts().includes('兑换积分请填写正整数'));
  page.querySelector('.mall-edit__points').dispatchEvent('input', { detail: { value: '500' } });
  await until(page, 'the tier placeholders', () => all(page, 'mall-edit__tier').length === 3);
  page.querySelector('.mall-edit__tier-points--gold').dispatchEvent('input', { detail: { value: '450' } });
  await until(page, 'the tier price', () => JSON.stringify(page.instance.data).includes('450'));
  tap(page, '.mall-edit__submit');
  await until(page, 'the create call', () => sent('POST', '/api/admin/mall/items').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/mall/items')[0])).toEqual({
    kind: 'coupon', title: '满59减10 券', subtitle: '', goodsId: null, couponTemplateId: 3, points: 500, cashFen: 0, tierPoints: { gold: 450 }, stock: 50,
    perMemberLimit: null, startsAt: null, endsAt: null, status: 'on',
  });
});

test('编辑兑换商品 (virtual) shows the code pool and posts pasted codes, refusing a repeated one first', async () => {
  const page = open('admin/mall/edit', { id: '7' });
  await until(page, 'the pool', () => texts(page, 'mall-edit__pool').length === 1);
  expect(squeeze(texts(page, 'mall-edit__pool')[0])).toBe('共30个·未发出28个（即库存）');
  const paste = (value) => page.querySelector('.mall-edit__codes-input').dispatchEvent('input', { detail: { value } });
  paste('VIP-1001\nVIP-1002\nVIP-1001');
  await until(page, 'the repeat named', () => texts(page, 'mall-edit__tip').some((t) => t.includes('VIP-1001 重复出现')));
  tap(page, '.mall-edit__load');
  await until(page, 'the refusal', () => toasts().includes('兑换码 VIP-1001 重复出现'));
  expect(sent('POST', '/api/admin/mall/items/7/codes')).toHaveLength(0);
  paste('VIP-1001\nVIP-1002, VIP-1003');
  await until(page, 'the count', () => texts(page, 'mall-edit__tip').some((t) => t.includes('识别到 3 个兑换码')));
  tap(page, '.mall-edit__load');
  await until(page, 'the upload', () => sent('POST', '/api/admin/mall/items/7/codes').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/mall/items/7/codes')[0])).toEqual({ codes: ['VIP-1001', 'VIP-1002', 'VIP-1003'] });
  await until(page, 'the grown pool', () => squeeze(texts(page, 'mall-edit__pool')[0] ?? '') === '共33个·未发出31个（即库存）');
});

test('积分活动 (管理) lists campaigns by state with today’s effect; 停用 confirms and sends the version', async () => {
  const admin = open('pages/admin/index');
  await until(admin, 'the tools', () => all(admin, 'admin-link--campaigns').length === 1 && all(admin, 'admin-link--banners').length === 1);
  const page = open('admin/campaigns/index');
  await until(page, 'the running campaign', () => all(page, 'admin-campaigns__item').length === 1);
  expect(sent('GET', '/api/admin/campaigns?state=running')).toHaveLength(1);
  expect(texts(page, 'admin-campaigns__summary')).toEqual(['每周五 下单积分×2']);
  expect(texts(page, 'admin-campaigns__tag')).toEqual(['今日不生效']);
  tap(page, '.admin-campaigns__tab--ended');
  await until(page, 'the ended one', () => texts(page, 'admin-campaigns__title').join() === '双十一 积分×3');
  expect(all(page, 'admin-campaigns__toggle')).toHaveLength(0); // an ended campaign has nothing to switch
  tap(page, '.admin-campaigns__tab--running');
  await until(page, 'the running one', () => texts(page, 'admin-campaigns__title').join() === '周五会员日');
  tap(page, '.admin-campaigns__toggle', '停用');
  await until(page, 'the confirmation', () => callsOf('showModal').some((m) => m.title === '停用活动'));
  await until(page, 'the status call', () => sent('POST', '/api/admin/campaigns/3/status').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/campaigns/3/status')[0])).toEqual({ status: 'off', version: 2 });
});

test('新建活动 shows what members will read and posts whole percents and the chosen weekdays', async () => {
  const page = open('admin/campaigns/edit');
  await until(page, 'the form', () => all(page, 'campaign-edit__preset').length === 3);
  expect(texts(page, 'campaign-edit__summary')).toEqual(['活动期间 下单积分×2']);
  page.querySelector('.campaign-edit__multiplier').dispatchEvent('input', { detail: { value: '1.5' } });
  tap(page, '.campaign-edit__repeat--weekly');
  await until(page, 'the weekdays', () => all(page, 'campaign-edit__weekday').length === 7);
  tap(page, '.campaign-edit__submit');
  await until(page, 'the name problem', () => toasts().includes('请填写活动名称'));
  page.querySelector('.campaign-edit__name').dispatchEvent('input', { detail: { value: '周五会员日' } });
  await until(page, 'the weekday problem', () => texts(page, 'campaign-edit__summary')[0] === '请选择每周哪几天');
  tap(page, '.campaign-edit__weekday--5');
  await until(page, 'the summary', () => texts(page, 'campaign-edit__summary')[0] === '每周五 下单积分×1.5');
  tap(page, '.campaign-edit__submit');
  await until(page, 'the create call', () => sent('POST', '/api/admin/campaigns').length === 1);
  const body = bodyOf(sent('POST', '/api/admin/campaigns')[0]);
  expect(body).toMatchObject({ name: '周五会员日', kind: 'multiplier', multiplierPct: 150, bonusPoints: 0, goodsIds: [], weekdays: [5], daysOfMonth: [], status: 'on' });
  expect(body.endsOn > body.startsOn).toBe(true);
});

test('首页横幅 (管理) lists banners with where they lead, moves one up, and a new one needs a picture first', async () => {
  const page = open('admin/banners/index');
  await until(page, 'two banners', () => all(page, 'admin-banners__item').length === 2);
  expect(texts(page, 'admin-banners__meta')).toEqual(['跳转：活动 周五会员日', '跳转：积分商城']);
  expect(texts(page, 'admin-banners__state')).toEqual(['展示中', '已隐藏']);
  tap(page, '.admin-banners__up');
  await until(page, 'the order call', () => sent('PUT', '/api/admin/banners/order').length === 1);
  expect(bodyOf(sent('PUT', '/api/admin/banners/order')[0])).toEqual({ ids: [2, 1] });
  tap(page, '.admin-banners__create');
  await until(page, 'the sheet', () => all(page, 'banner-sheet__kind').length === 4);
  tap(page, '.banner-sheet__confirm');
  await until(page, 'the picture problem', () => toasts().includes('请上传横幅图片（建议 750×300）'));
  tap(page, '.banner-sheet__image-box');
  await until(page, 'the picture', () => all(page, 'banner-sheet__image').length === 1);
  page.querySelector('.banner-sheet__title').dispatchEvent('input', { detail: { value: '天天签到领积分' } });
  tap(page, '.banner-sheet__page--checkin');
  await until(page, 'the page picked', () => all(page, 'admin-sheet__chip--active').length === 1);
  tap(page, '.banner-sheet__confirm');
  await until(page, 'the create call', () => sent('POST', '/api/admin/banners').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/banners')[0])).toEqual({ title: '天天签到领积分', image: GOODS_IMAGE_URL, link: { kind: 'page', page: 'checkin' }, status: 'on' });
});

test('积分规则 (管理) lists every rule with who changed it; 签到 checks the draft as the server does, previews the last 30 days, saves with a note, and restores a version', async () => {
  api.state.member.role = 'owner';
  const me = open('pages/me/index');
  const before = sent('GET', '/api/me').length;
  await until(me, 'the owner session', () => sent('GET', '/api/me').length > before);
  const admin = open('pages/admin/index');
  await until(admin, 'the rules tool', () => all(admin, 'admin-link--rules').length === 1);
  const list = open('admin/rules/index');
  await until(list, 'six rules', () => all(list, 'admin-rules__card').length === 6);
  expect(texts(list, 'admin-rules__title')).toEqual(['消费得积分', '会员等级', '签到', '新人礼', '邀请有礼', '有效期与风控']);
  await until(list, 'the invite coupon named', () => texts(list, 'admin-rules__line').includes('好友注册 +50，首单 +200；好友得「积分兑 满59减10」'));
  expect(texts(list, 'admin-rules__meta')[2]).toContain('小明');

  const page = open('admin/rules/edit', { key: 'checkin' });
  await until(page, 'the form and history', () => all(page, 'rule-edit__version').length === 2);
  expect(all(page, 'rule-edit__revert')).toHaveLength(1); // not on the version in force
  page.querySelector('.rule-edit__field--basePoints .rule-edit__input').dispatchEvent('input', { detail: { value: '12.5' } });
  await until(page, 'the problem', () => texts(page, 'rule-edit__problem').includes('每日签到积分须为整数'));
  tap(page, '.rule-edit__submit');
  await until(page, 'the refusal', () => toasts().includes('每日签到积分须为整数'));
  expect(sent('PUT', '/api/admin/rules/checkin')).toHaveLength(0);
  page.querySelector('.rule-edit__field--basePoints .rule-edit__input').dispatchEvent('input', { detail: { value: '15' } });
  page.querySelector('.rule-edit__note').dispatchEvent('input', { detail: { value: '冬季加码' } });
  await until(page, 'the preview', () => (texts(page, 'rule-edit__preview')[0] ?? '').startsWith('每日 15 积分'));
  tap(page, '.rule-edit__what-if');
  await until(page, 'the what-if', () => all(page, 'rule-preview__row--checkin').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/rules/checkin/preview')[0]).value.basePoints).toBe(15);
  expect(all(page, 'rule-preview__row--makeup')).toHaveLength(0); // nothing to show for it
  expect(texts(page, 'rule-preview__cell').slice(-3)).toEqual(['1,120', '1,180', '+60']);
  expect(texts(page, 'rule-preview__liability-line')[0]).toBe('按新规则，过去 30 天多发 60 分，约 ¥0.60（100 积分 = 1 元）');
  expect(texts(page, 'rule-preview__note')).toEqual(['补签消耗、次数与可补天数只影响今后的补签']);
  expect(all(page, 'rule-preview--stale')).toHaveLength(0);
  tap(page, '.rule-edit__submit');
  await until(page, 'the save', () => sent('PUT', '/api/admin/rules/checkin').length === 1);
  expect(bodyOf(sent('PUT', '/api/admin/rules/checkin')[0])).toEqual({ value: { ...bodyOf(sent('PUT', '/api/admin/rules/checkin')[0]).value, basePoints: 15, streakBonuses: { 3: 10, 7: 50 } }, note: '冬季加码', baseVersion: 7 });
  tap(page, '.rule-edit__revert');
  await until(page, 'the confirmation', () => callsOf('showModal').some((m) => m.title === '恢复到这个版本'));
  await until(page, 'the revert', () => sent('POST', '/api/admin/rules/checkin/revert').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/rules/checkin/revert')[0])).toEqual({ versionId: 5, note: '恢复旧版本', baseVersion: 8 });
});

test('开放接口 (owners) creates a key and shows its secret once, lists each key’s requests, and 停用 confirms first', async () => {
  api.state.member.role = 'owner';
  const me = open('pages/me/index'); // shown again: the session re-reads /api/me
  await until(me, 'the owner session', () => sent('GET', '/api/me').length > 0);
  const page = open('admin/open-api/index');
  await until(page, 'the keys', () => all(page, 'open-key').length === 1);
  tap(page, '.open-key__head');
  await until(page, 'the requests', () => all(page, 'open-key__request').length === 2);
  expect(all(page, 'open-key__request--refused')).toHaveLength(1);
  tap(page, '.open-api__new');
  await until(page, 'the sheet', () => all(page, 'key-sheet__name').length === 1);
  page.querySelector('.key-sheet__name').dispatchEvent('input', { detail: { value: '静安店收银' } });
  await until(page, 'the name typed', () => JSON.stringify(page.instance.data).includes('静安店收银'));
  tap(page, '.key-sheet__scope--members-read');
  await until(page, 'three scopes', () => all(page, 'admin-sheet__chip--active').length === 3);
  tap(page, '.key-sheet__confirm');
  await until(page, 'the key made', () => sent('POST', '/api/admin/open-api/keys').length === 1);
  expect(bodyOf(sent('POST', '/api/admin/open-api/keys')[0])).toEqual({ name: '静安店收银', scopes: ['points:earn', 'points:spend', 'members:read'] });
  await until(page, 'the secret shown', () => texts(page, 'open-api-secret').join().includes('sk_shown_once'));
  tap(page, '.open-key__revoke');
  await until(page, 'the confirmation', () => callsOf('showModal').some((m) => m.title === '停用「南京路店收银」？'));
  await until(page, 'the revoke', () => sent('POST', '/api/admin/open-api/keys/ak_till/revoke').length === 1);
});
