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
const { createFakeApi, BALANCE, ENTRIES, FAKE_PAGE_SIZE } = require('./weapp/fake-api.cjs');

const DIST = path.resolve(__dirname, '../dist/weapp');

let api;
let weapp;
let opened = [];
// A wx API the shims lack, or a render error, surfaces as console.error (React, exparser): fail on it.
let consoleErrors = [];

beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args) => consoleErrors.push(args.map(String).join(' ')));
  api = createFakeApi();
  weapp = launchWeapp({ dist: DIST, answer: api.answer });
});

afterEach(() => {
  opened.forEach((component) => component.detach());
  opened = [];
  const errors = consoleErrors;
  consoleErrors = [];
  expect(errors).toEqual([]);
});

/** Renders a page (or component) and detaches it after the test. */
function open(route) {
  const component = weapp.open(route);
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

test('首页 renders the categories and the goods feed from the API', async () => {
  const home = open('pages/index/index');
  await until(home, 'three goods cards', () => all(home, 'goods-card').length === 3);
  expect(texts(home, 'goods-card__title')).toEqual(['智利车厘子', '海南贵妃芒', '精品挂耳咖啡']);
  expect(home.dom.textContent).toContain('生鲜水果');
  expect(home.dom.textContent).toContain('4,990 积分可兑');
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

test('signing in on 我的 shows the points, the expiry notice, and 积分明细 opens from it', async () => {
  const me = open('pages/me/index');
  await until(me, 'the sign-in button', () => all(me, 'sign-in__submit').length === 1);
  api.state.wechatSignIn = true;
  tap(me, '.sign-in__submit');

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

test('积分商城 shows the member’s points and the goods sold for points', async () => {
  const mall = open('pages/mall/index');
  await until(mall, 'the balance', () => texts(mall, 'mall-points-available')[0] === '950');
  await until(mall, 'two points goods', () => all(mall, 'points-card').length === 2);
  expect(mall.dom.textContent).toContain('海南贵妃芒');
  expect(mall.dom.textContent).not.toContain('智利车厘子');
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
