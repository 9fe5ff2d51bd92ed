/**
 * The server as the weapp build sees it through wx.request, for the render test: a few fixed
 * answers in the shapes of @jifen/shared (MeDto, GoodsDto, PointsBalanceDto, Page<PointsEntryDto>).
 * WeChat sign-in fails until the test allows it, so the app launches signed out.
 */

const MEMBER = {
  id: 2,
  nickname: '小明',
  avatarUrl: null,
  role: 'member',
  tier: 'normal',
  points: { available: 950, pending: 259 },
  joinedAt: '2026-10-16T02:00:00.000Z',
};

const CATEGORIES = [
  { id: 1, name: '生鲜水果', icon: '/assets/categories/fruit.png' },
  { id: 2, name: '休闲零食', icon: '/assets/categories/snacks.png' },
];

const goods = (id, title, pointsPrice) => ({
  id,
  categoryId: 1,
  title,
  subtitle: '测试商品',
  image: `/assets/goods/${id}.png`,
  priceFen: 4990,
  originalPriceFen: null,
  pointsPrice,
  sales: 100,
  stock: 10,
});
const GOODS = [goods(1, '智利车厘子', null), goods(2, '海南贵妃芒', 4990), goods(3, '精品挂耳咖啡', 5500)];

const BALANCE = { available: 950, pending: 259, debt: 0, expiring: [{ date: '2026-12-07', amount: 300 }] };

const entry = (id, kind, source, title, amount, pendingAmount, createdAt, expiresAt = null) => ({
  id, kind, source, title, amount, pendingAmount, availableAfter: 0, refType: 'test', refId: String(id),
  reason: null, expiresAt, createdAt,
});
/** Newest first, like the server. */
const ENTRIES = [
  entry(6, 'pending', 'purchase', '购物奖励（待到账）', 0, 259, '2026-11-24T11:00:00.000Z'),
  entry(5, 'spend', 'mall', '积分兑换', -990, 0, '2026-11-22T07:00:00.000Z'),
  entry(4, 'earn', 'checkin', '每日签到', 10, 0, '2026-11-21T16:30:00.000Z', '2027-11-22T15:59:59.999Z'),
  entry(3, 'confirm', 'purchase', '购物奖励（已到账）', 1390, -1390, '2026-11-03T01:00:00.000Z', '2027-11-03T15:59:59.999Z'),
  entry(2, 'earn', 'campaign', '活动奖励', 800, 0, '2026-10-18T04:00:00.000Z', '2026-12-07T15:59:59.999Z'),
  entry(1, 'earn', 'signup', '新人礼', 100, 0, '2026-10-16T02:00:00.000Z', '2027-10-16T15:59:59.999Z'),
];
/** Smaller than the app's page size, so the history really pages. */
const FAKE_PAGE_SIZE = 4;

function entriesPage(query) {
  const kinds = query.get('kind')?.split(',');
  const cursor = Number(query.get('cursor') ?? Infinity);
  const limit = Math.min(Number(query.get('limit') ?? 20), FAKE_PAGE_SIZE);
  const matching = ENTRIES.filter((e) => e.id < cursor && (!kinds || kinds.includes(e.kind)));
  const items = matching.slice(0, limit);
  return { items, next: matching.length > limit ? String(items[items.length - 1].id) : null };
}

const TOKENS = { accessToken: 'access-xm', refreshToken: 'refresh-xm', expiresIn: 7200 };

function createFakeApi() {
  const state = { wechatSignIn: false };
  const unauthorized = { status: 401, body: { code: 'UNAUTHORIZED', message: '请先登录' } };

  /** One wx.request: `{statusCode, data}` for its method and URL (the host is ignored). */
  function answer({ method = 'GET', url, header = {} }) {
    const { pathname, searchParams } = new URL(url, 'http://api.test');
    const signedIn = header.Authorization === `Bearer ${TOKENS.accessToken}`;
    const route = `${method} ${pathname}`;
    const reply = (() => {
      switch (route) {
        case 'GET /api/auth/options':
          return { body: { wechat: true, dev: false } };
        case 'POST /api/auth/wechat':
          return state.wechatSignIn ? { body: { ...TOKENS, member: MEMBER } } : { status: 401, body: { code: 'WECHAT_LOGIN_FAILED', message: '微信登录失败' } };
        case 'GET /api/catalog/categories':
          return { body: CATEGORIES };
        case 'GET /api/catalog/goods':
          return { body: GOODS };
        case 'GET /api/me':
          return signedIn ? { body: MEMBER } : unauthorized;
        case 'GET /api/points':
          return signedIn ? { body: BALANCE } : unauthorized;
        case 'GET /api/points/entries':
          return signedIn ? { body: entriesPage(searchParams) } : unauthorized;
        default:
          return { status: 404, body: { code: 'NOT_FOUND', message: `fake API has no ${route}` } };
      }
    })();
    return { statusCode: reply.status ?? 200, data: reply.body, header: {} };
  }

  return { state, answer };
}

module.exports = { createFakeApi, MEMBER, BALANCE, ENTRIES, GOODS, FAKE_PAGE_SIZE };
