/**
 * The server as the weapp build sees it through wx.request, for the render test: a few fixed
 * answers in the shapes of @jifen/shared (MeDto, GoodsDto, PointsBalanceDto, Page<PointsEntryDto>),
 * and a small check-in model behind CheckinCalendarDto / CheckinResultDto.
 * WeChat sign-in fails until the test allows it, so the app launches signed out.
 */

const MEMBER = {
  id: 2,
  nickname: '小明',
  avatarUrl: null,
  role: 'member',
  tier: 'normal',
  points: { available: 950, pending: 259 },
  phone: null,
  signedUp: false,
  joinedAt: '2026-10-16T02:00:00.000Z',
};

/** The phone WeChat "verified" for the getPhoneNumber code, and how the server masks it. */
const PHONE_CODE = 'phone-code-1';
const MASKED_PHONE = '138****8000';

/**
 * 签到 as the server counts it, on a fixed Shanghai "today". Before the test's check-in:
 * 11-23 and 11-24 checked (streak 2, so today is cycle day 3: 20 points), 11-21 made up,
 * 11-22 missed; two days in October.
 */
const TODAY = '2026-11-25';
const CHECKINS = [
  ['2026-10-16', 'normal'], ['2026-10-17', 'normal'],
  ['2026-11-03', 'normal'], ['2026-11-04', 'normal'], ['2026-11-21', 'makeup'], ['2026-11-23', 'normal'], ['2026-11-24', 'normal'],
];
const RULE = { base: 10, bonuses: { 3: 10, 7: 50 }, cycle: 7, makeupCost: 20, makeupPerMonth: 2, windowDays: 7 };

const reward = (streak) => RULE.base + (RULE.bonuses[((streak - 1) % RULE.cycle) + 1] ?? 0);
const shiftDay = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

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

/** 管理 → 商品 (AdminGoodsDto, AdminCategoryDto): one item on sale with a SKU low on stock, one off the shelf. */
const ADMIN_CATEGORIES = CATEGORIES.map((c, i) => ({ ...c, sort: i + 1, hidden: i === 1, goodsCount: i === 0 ? 2 : 0 }));
const adminGoods = (id, title, status, skus) => ({
  id, categoryId: 1, categoryName: '生鲜水果', title, subtitle: '', image: `/assets/goods/${id}.png`, images: [`/assets/goods/${id}.png`], description: '',
  originalPriceFen: null, status, priceFen: Math.min(...skus.map((s) => s.priceFen)), stock: skus.reduce((n, s) => n + s.stock, 0), sales: 0, version: 3,
  updatedAt: '2026-11-25T02:00:00.000Z', skus,
});
const ADMIN_GOODS = [
  adminGoods(1, '智利车厘子', 'on_sale', [{ id: 11, name: '2斤装', priceFen: 13900, stock: 40, sales: 0 }, { id: 12, name: '5斤礼盒', priceFen: 35900, stock: 2, sales: 0 }]),
  adminGoods(2, '海南贵妃芒', 'off_sale', [{ id: 21, name: '默认', priceFen: 4990, stock: 0, sales: 0 }]),
];
const GOODS_IMAGE_URL = '/media/goods/0123456789abcdef.png';
/** 管理 → 积分商城 (AdminMallItemDto): a virtual item with its code pool, and a coupon item off the shelf. */
const adminMallItem = (id, kind, title, fields) => ({
  id, kind, title, subtitle: '', image: `/assets/mall/${kind}.png`, points: 1500, cashFen: 0, stock: 0, perMemberLimit: null, startsAt: null, endsAt: null,
  status: 'on', sort: id, goodsId: null, goodsTitle: null, couponTemplateId: null, couponTemplateName: null, tierPoints: {}, redeemed: 0, codes: null,
  version: 2, updatedAt: '2026-11-25T02:00:00.000Z', ...fields,
});
const ADMIN_MALL_ITEMS = [
  adminMallItem(7, 'virtual', '视频会员月卡', { stock: 28, redeemed: 2, perMemberLimit: 1, codes: { total: 30, unused: 28 } }),
  adminMallItem(8, 'coupon', '满59减10 优惠券', { points: 500, stock: 0, status: 'off', couponTemplateId: 3, couponTemplateName: '积分兑 满59减10', endsAt: '2026-12-31T15:59:59.999Z' }),
];
/** GET /api/admin/coupons/templates (CouponTemplateStatsDto, the fields the mall editor reads): one on, one off. */
const COUPON_TEMPLATE_STATS = [
  { id: 3, name: '积分兑 满59减10', label: '满59减10', channel: 'mall', status: 'on', kind: 'threshold', thresholdFen: 5900, amountFen: 1000, discountPct: 100, maxOffFen: null, validity: { type: 'relative', days: 30 }, total: 500, issued: 120 },
  { id: 4, name: '旧活动券', label: '满100减10', channel: 'center', status: 'off', kind: 'threshold', thresholdFen: 10000, amountFen: 1000, discountPct: 100, maxOffFen: null, validity: { type: 'relative', days: 7 }, total: null, issued: 40 },
];
/** 管理 → 积分规则 (AdminRuleDto): check-in edited twice (version 7 in force, 5 before it), the invite gives template 3; the rest are defaults. */
const CHECKIN_RULE = { basePoints: 10, streakBonuses: { 3: 10, 7: 50 }, cycleDays: 7, birthdayMonthPct: 200, makeupCost: 20, makeupPerMonth: 2, makeupWindowDays: 7 };
const ruleVersion = (id, key, value, state, note) => ({ id, key, value, effectiveFrom: '2026-11-20T02:00:00.000Z', createdAt: '2026-11-20T02:00:00.000Z', by: '小明', note, state });
const CHECKIN_HISTORY = [
  ruleVersion(7, 'checkin', CHECKIN_RULE, 'current', '恢复默认'),
  ruleVersion(5, 'checkin', { ...CHECKIN_RULE, basePoints: 20 }, 'past', '双十一加码'),
];
const AUDIT_ENTRIES = [
  { id: 3, operatorId: 1, operatorName: '店主老林', targetLabel: '阿花', action: 'POST /api/admin/staff/:id/role', target: { id: '5' }, detail: { role: 'operator' }, status: 200, createdAt: '2026-03-02T02:00:00.000Z' },
  { id: 2, operatorId: 2, operatorName: '运营小美', targetLabel: '202603019876543210', action: 'POST /api/admin/orders/:id/ship', target: { id: '7' }, detail: { expressCompany: 'SF', trackingNo: 'SF100' }, status: 200, createdAt: '2026-03-01T06:00:00.000Z' },
];

const ADMIN_RULES = [
  { key: 'earn', value: { pointsPerYuan: 1 }, version: null, scheduled: [], head: null },
  { key: 'tiers', value: { tiers: [
    { name: 'normal', label: '普通会员', minGrowth: 0, multiplierPct: 100, mallDiscountPct: 0 },
    { name: 'silver', label: '银卡会员', minGrowth: 500, multiplierPct: 120, mallDiscountPct: 0 },
    { name: 'gold', label: '金卡会员', minGrowth: 2000, multiplierPct: 150, mallDiscountPct: 5 },
    { name: 'diamond', label: '钻石会员', minGrowth: 5000, multiplierPct: 200, mallDiscountPct: 5 },
  ] }, version: null, scheduled: [], head: null },
  { key: 'checkin', value: CHECKIN_RULE, version: CHECKIN_HISTORY[0], scheduled: [], head: 7 },
  { key: 'signup', value: { giftPoints: 100 }, version: null, scheduled: [], head: null },
  { key: 'invites', value: { signupPoints: 50, orderPoints: 200, inviteeTemplateId: 3, monthlyCap: 20, attributionDays: 7 }, version: null, scheduled: [], head: 2 },
  { key: 'ledger', value: { expiryMonths: 12, dailyCap: 2000, flagSingleEntry: 10000, flagMultipleOfUsual: 5 }, version: null, scheduled: [], head: null },
];
/** Campaigns (CampaignDto): a Friday member day running (not today), and a ×3 week that has ended. */
const campaign = (id, name, fields) => ({
  id, name, kind: 'multiplier', multiplierPct: 200, bonusPoints: 0, goodsIds: [], startsOn: '2026-01-01', endsOn: '2099-12-31', weekdays: [], daysOfMonth: [],
  status: 'on', state: 'running', activeToday: false, summary: '', version: 2, ...fields,
});
const CAMPAIGNS = [
  campaign(3, '周五会员日', { weekdays: [5], summary: '每周五 下单积分×2' }),
  campaign(4, '双十一 积分×3', { multiplierPct: 300, startsOn: '2026-11-11', endsOn: '2026-11-11', state: 'ended', summary: '活动期间 下单积分×3' }),
];
/** 首页 banners (BannerDto): one opening the member day, one opening 签到. */
const BANNERS = [
  { id: 1, title: '会员日 积分翻倍', image: '/assets/banners/double-points.png', link: { kind: 'campaign', campaignId: 3 } },
  { id: 2, title: '天天签到', image: '/assets/banners/new-member.png', link: { kind: 'page', page: 'mall' } },
];
const ADMIN_BANNERS = [
  { ...BANNERS[0], status: 'on', sort: 1, live: true, linkLabel: '活动 周五会员日' },
  { ...BANNERS[1], status: 'off', sort: 2, live: false, linkLabel: '积分商城' },
];
/** 店员与权限 (StaffMemberDto): the owner (the signed-in member) and a shopper to appoint. */
const STAFF_OWNER = { id: 2, nickname: '小明', avatarUrl: null, role: 'owner', phone: '138****8000', joinedAt: '2026-10-16T02:00:00.000Z' };
const STAFF_CANDIDATE = { id: 5, nickname: '阿花', avatarUrl: null, role: 'member', phone: null, joinedAt: '2026-11-20T02:00:00.000Z' };

/** GET /api/mall/items (MallItemDto): the points mall, two goods. */
const mallItem = (id, title, points) => ({
  id, kind: 'goods', title, subtitle: '测试商品', image: `/assets/goods/${id}.png`, points, memberPoints: points,
  stock: 10, perMemberLimit: 2, startsAt: null, endsAt: null,
});
const MALL_ITEMS = [mallItem(2, '海南贵妃芒', 4990), mallItem(3, '精品挂耳咖啡', 5500)];

/** The wallet (CouponDto) by state: one ending in 2 days from now, one 8.5折 held by an unpaid order. */
const rule = (kind, thresholdFen, amountFen, discountPct = 100, maxOffFen = null) => ({ kind, thresholdFen, amountFen, discountPct, maxOffFen, scope: 'all', scopeIds: [] });
const DAY_MS = 86_400_000;
const coupon = (id, name, label, r, state, endsInDays, scopeLabel = '全场通用') => ({
  ...r, id, templateId: id, name, label, scopeLabel, state, orderId: state === 'locked' ? 7 : null,
  startsAt: new Date(Date.now() - 5 * DAY_MS).toISOString(), endsAt: new Date(Date.now() + endsInDays * DAY_MS).toISOString(), receivedAt: new Date(Date.now() - 5 * DAY_MS).toISOString(),
});
const COUPONS = {
  available: [coupon(1, '满100减20', '满100减20', rule('threshold', 10000, 2000), 'available', 2), coupon(2, '零食8.5折', '8.5折 最高减30', { ...rule('discount', 0, 0, 85, 3000), scope: 'categories', scopeIds: [2] }, 'locked', 20, '限休闲零食可用')],
  used: [coupon(3, '无门槛减5', '无门槛减5', rule('no_threshold', 0, 500), 'used', 10)],
  expired: [],
};
/** 领券中心 (CouponTemplateDto): one claimable with 3 left, one already mine. */
const template = (id, name, label, r, total, issued, mine) => ({
  ...r, id, name, label, scopeLabel: '全场通用', channel: 'center', validity: { type: 'relative', days: 7 }, total, perMember: 1, issued, mine, claimable: mine === 0 && (total === null || issued < total),
});

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

/** 小明's invites as GET /api/invites/me answers them (MyInvitesDto). */
const MY_INVITE_CODE = 'XM2026AB';
const INVITES = {
  code: MY_INVITE_CODE,
  sharePath: `/pages/index/index?inv=${MY_INVITE_CODE}`,
  rules: { signupPoints: 50, orderPoints: 200, inviteeReward: '10元无门槛券', monthlyCap: 20, attributionDays: 7 },
  totals: { invited: 3, signedUp: 2, ordered: 1, points: 300 },
  items: [
    { nickname: '小*', status: 'signed_up', points: 50, openedAt: '2026-11-24T03:00:00.000Z' },
    { nickname: '张*丰', status: 'rewarded', points: 250, openedAt: '2026-11-20T03:00:00.000Z' },
    { nickname: '李*', status: 'opened', points: 0, openedAt: '2026-11-19T03:00:00.000Z' },
  ],
};
/** Codes the fake server knows (anyone else's link answers 404 INVITE_CODE_UNKNOWN). */
const FRIEND_CODES = ['FRIEND01', 'SCENE002', 'MOMENTS9'];

/** GET /api/addresses (AddressDto[]): 小明's one address, the default. */
const ADDRESSES = [
  { id: 1, name: '小明', phone: '13800138000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 100 号', isDefault: true },
];

/** The SKU checkout buys in the render test: 智利车厘子 2斤装 at ¥139.00. */
const CHECKOUT_SKU = { skuId: 11, goodsId: 1, title: '智利车厘子', skuName: '2斤 礼盒装', image: '/assets/goods/1.png', priceFen: 13900 };
/** 满100减20 fits a ¥139 order; 无门槛减5 is there, but only one coupon goes on an order. */
const CHECKOUT_COUPONS = [
  { ...coupon(1, '满100减20', '满100减20', rule('threshold', 10000, 2000), 'available', 2), usable: true, reason: null, discountFen: 2000 },
  { ...coupon(4, '满200减30', '满200减30', rule('threshold', 20000, 3000), 'available', 9), usable: false, reason: '差 ¥61.00 可用', discountFen: 0 },
];

/**
 * POST /api/checkout/quote (QuoteDto) for CHECKOUT_SKU: goods 13900, the best coupon 2000
 * (couponId undefined = best, null = none), at most 900 points (balance ≥ 900, well under 50%),
 * and the points asked for (0 or a multiple of 100 up to 900, else 409 POINTS_OVER_CAP).
 */
function checkoutQuote({ lines = [], couponId, points = 0 } = {}, available) {
  const quoted = lines.map(({ skuId, quantity }) => {
    if (skuId !== CHECKOUT_SKU.skuId) return null;
    const { title, skuName, image, priceFen, goodsId } = CHECKOUT_SKU;
    return { goodsId, skuId, title, skuName, image, priceFen, quantity, amountFen: priceFen * quantity };
  });
  if (quoted.length === 0 || quoted.includes(null)) return { status: 400, body: { code: 'SKU_UNAVAILABLE', message: '商品已下架' } };
  const goodsFen = quoted.reduce((s, l) => s + l.amountFen, 0);
  const chosen = couponId === null ? null : CHECKOUT_COUPONS.find((c) => c.usable && (couponId === undefined || c.id === couponId)) ?? null;
  const couponFen = chosen ? chosen.discountFen : 0;
  const maxPoints = Math.min(900, Math.floor(available / 100) * 100);
  if (points % 100 !== 0 || points < 0 || points > maxPoints) return { status: 409, body: { code: 'POINTS_OVER_CAP', message: `最多可用 ${maxPoints} 积分` } };
  const payFen = goodsFen - couponFen - points;
  return {
    body: {
      lines: quoted, goodsFen, coupons: CHECKOUT_COUPONS, couponId: chosen ? chosen.id : null, couponFen,
      maxPoints, points, pointsFen: points, payFen, earnPoints: Math.floor(payFen / 100), campaignPct: 100, campaignBonus: 0, available,
    },
  };
}

/** An OrderDto of 小明's (one line of CHECKOUT_SKU), with the fields that differ by status. */
const order = (id, fields) => ({
  id, orderNo: `20261125000${id}`, status: 'paid', statusLabel: '待发货', source: 'shop',
  lines: [{ id: id * 10, goodsId: 1, skuId: 11, title: '智利车厘子', skuName: '2斤 礼盒装', image: '/assets/goods/1.png', priceFen: 13900, quantity: 1, amountFen: 13900, refundedQuantity: 0 }],
  goodsFen: 13900, couponId: 1, couponName: '满100减20', couponFen: 2000, points: 500, pointsFen: 500, payFen: 11400, refundedFen: 0,
  earnPoints: 114, earnState: 'pending',
  address: { name: '小明', phone: '13800138000', full: '上海市上海市浦东新区 世纪大道 100 号' }, remark: '',
  createdAt: '2026-11-25T02:00:00.000Z', payDeadline: null, paidAt: '2026-11-25T02:01:00.000Z', payChannel: 'wechat',
  shippedAt: null, expressCompany: null, trackingNo: null, autoCompleteAt: null, completedAt: null, closedAt: null, closeReason: null,
  refunds: [],
  ...fields,
});
/** GET /api/orders, newest first: a paid order (its points pending) and a completed one (points arrived). */
const ORDERS = [
  order(1, {}),
  order(2, {
    orderNo: '202611180002', status: 'completed', statusLabel: '已完成', couponId: null, couponName: null, couponFen: 0, points: 0, pointsFen: 0,
    payFen: 13900, earnPoints: 139, earnState: 'confirmed', createdAt: '2026-11-18T02:00:00.000Z', paidAt: '2026-11-18T02:01:00.000Z',
    shippedAt: '2026-11-18T08:00:00.000Z', expressCompany: '顺丰速运', trackingNo: 'SF1234567890', completedAt: '2026-11-20T08:00:00.000Z',
    lines: [{ id: 20, goodsId: 3, skuId: 31, title: '精品挂耳咖啡', skuName: '10 包', image: '/assets/goods/3.png', priceFen: 13900, quantity: 1, amountFen: 13900, refundedQuantity: 0 }],
  }),
];

const TOKENS = { accessToken: 'access-xm', refreshToken: 'refresh-xm', expiresIn: 7200 };

/** GET /api/me/tier (TierInfoDto) for 小明: 320 yuan of growth, 180 short of 银卡. */
const TIER = {
  tier: 'normal',
  label: '普通会员',
  growth: 320,
  multiplierPct: 100,
  mallDiscountPct: 0,
  pointsPerYuan: 1,
  next: { tier: 'silver', label: '银卡会员', minGrowth: 500, need: 180 },
  benefits: ['每消费 1 元得 1 积分'],
  tiers: [
    { tier: 'normal', label: '普通会员', minGrowth: 0, multiplierPct: 100, mallDiscountPct: 0 },
    { tier: 'silver', label: '银卡会员', minGrowth: 500, multiplierPct: 120, mallDiscountPct: 0 },
    { tier: 'gold', label: '金卡会员', minGrowth: 2000, multiplierPct: 150, mallDiscountPct: 5 },
    { tier: 'diamond', label: '钻石会员', minGrowth: 5000, multiplierPct: 200, mallDiscountPct: 5 },
  ],
};
/** Where the fake server "keeps" an uploaded avatar (server-relative, like the real one). */
const AVATAR_URL = '/media/avatars/2-test.png';
/** GET /api/rules: the shop's rules as shoppers' pages read them (新人礼 150, unlike the code's default, so a page showing 100 is caught). */
const RULES = {
  pointsPerYuan: 1, tiers: TIER.tiers.map(({ tier, ...t }) => ({ name: tier, ...t })), giftPoints: 150, expiryMonths: 12,
  checkin: { basePoints: 10, streakBonuses: { 3: 10, 7: 50 }, cycleDays: 7, birthdayMonthPct: 200, makeupCost: 20, makeupPerMonth: 2, makeupWindowDays: 7 },
  shop: { name: '上海林记商贸有限公司', contact: '', privacyEffectiveOn: '2026-12-01' },
};

/** 管理 → 会员: 阿花 as a search finds her (AdminMemberRowDto) and her page (AdminMemberDto). */
const ADMIN_MEMBER = { id: 5, nickname: '阿花', avatarUrl: null, role: 'member', tier: 'silver', phone: '139****6666', available: 820, pending: 40, joinedAt: '2026-10-20T02:00:00.000Z' };
const ADMIN_MEMBER_PAGE = {
  ...ADMIN_MEMBER, debt: 0, expiring: [{ date: '2026-12-07', amount: 300 }],
  entries: [{ id: 31, kind: 'earn', source: 'checkin', title: '每日签到', amount: 10, pendingAmount: 0, availableAfter: 820, refType: 'checkin', refId: '1', reason: null, expiresAt: '2027-11-24T15:59:59.999Z', createdAt: '2026-11-24T00:30:00.000Z' }],
  orders: [{ id: 9, orderNo: 'J202611240001', status: 'completed', payFen: 9900, points: 0, createdAt: '2026-11-20T06:00:00.000Z' }],
  coupons: { available: 1, used: 2, expired: 0 }, invites: { invited: 3, signedUp: 2, rewarded: 1, points: 250 },
  checkins: { last30Days: 12, lastDay: '2026-11-24', streak: 2 }, adjustments: [],
  tags: [{ id: 1, name: '高价值活跃', kind: 'segment' }, { id: 7, name: '到店熟客', kind: 'manual' }],
};

/** 分群与标签: the five RFM groups, a rule tag and a manual one. */
const TAGS = [
  ...[['high_value', '高价值活跃', 12], ['potential', '潜力', 30], ['new', '新客', 8], ['at_risk', '流失风险', 5], ['sleeping', '沉睡', 45]].map(([segmentKey, name, members], i) => ({
    id: i + 1, name, kind: 'segment', segmentKey, rule: null, ruleLabel: null, members, countedAt: '2026-11-25T19:30:00.000Z',
  })),
  { id: 6, name: '爱买水果', kind: 'rule', segmentKey: null, rule: { kind: 'bought_category', categoryId: 1, days: 90 }, ruleLabel: '90 天内买过水果', members: 128, countedAt: '2026-11-25T19:30:00.000Z' },
  { id: 7, name: '到店熟客', kind: 'manual', segmentKey: null, rule: null, ruleLabel: null, members: 3, countedAt: null },
];

const BATCH_BASE = { status: 'done', holdout: 0, holdoutPct: 0, skipped: 0, createdBy: '店主老林', finishedAt: '2026-11-20T02:01:00.000Z', winback: null };
/** 发券记录: a targeted send and a finished win-back that worked. */
const BATCHES = [
  { ...BATCH_BASE, id: 2, kind: 'winback', templateId: 3, templateName: '回来看看 减10', tagId: null, tagName: null, audience: 900, holdout: 100, holdoutPct: 10, issued: 900, used: 180, useRatePermille: 200, gmvFen: 1_800_000, gmvPerCouponFen: 2000, createdAt: '2026-10-20T02:00:00.000Z',
    winback: { days: 30, endsAt: '2026-11-19T02:00:00.000Z', final: true, treated: { members: 900, returned: 270, ratePermille: 300 }, holdout: { members: 100, returned: 20, ratePermille: 200 }, uplift: { upliftPermille: 100, lowPermille: 16, highPermille: 184, significant: true } } },
  { ...BATCH_BASE, id: 1, kind: 'targeted', templateId: 1, templateName: '满100减20', tagId: 6, tagName: '爱买水果', audience: 128, issued: 120, skipped: 8, used: 30, useRatePermille: 250, gmvFen: 360_000, gmvPerCouponFen: 3000, createdAt: '2026-11-20T02:00:00.000Z' },
];

/** The shop's subscription-message templates (ReminderTemplatesDto.kinds): the check-in reminder has none. */
const REMINDER_TEMPLATES = [
  { kind: 'points_expiring', label: '积分过期提醒', templateId: 'tpl-expiring' },
  { kind: 'points_arrived', label: '积分到账通知', templateId: 'tpl-arrived' },
  { kind: 'checkin', label: '签到提醒', templateId: null },
  { kind: 'coupon_expiring', label: '优惠券过期提醒', templateId: 'tpl-coupon' },
  { kind: 'invite_reward', label: '邀请奖励到账', templateId: 'tpl-invite' },
  { kind: 'order_shipped', label: '发货通知', templateId: 'tpl-shipped' },
  { kind: 'mall_code', label: '兑换码到账', templateId: null },
  { kind: 'policy', label: '积分政策变更通知', templateId: null },
];

/** 消息中心 (MessageDto), newest first: one unread expiry reminder, one read shipping notice. */
const MESSAGES = [
  { id: 2, kind: 'points_expiring', title: '积分即将过期', body: '300 积分将于 2026-12-07 过期，去积分商城兑换吧', page: 'pages/points/index', read: false, createdAt: '2026-11-07T02:00:00.000Z' },
  { id: 1, kind: 'order_shipped', title: '订单已发货', body: '智利车厘子 已发货：顺丰速运 SF1234567890', page: 'pages/order/index?id=1', read: true, createdAt: '2026-11-06T06:00:00.000Z' },
];

function createFakeApi() {
  const state = {
    messages: MESSAGES.map((m) => ({ ...m })),
    wechatSignIn: false,
    member: { ...MEMBER, points: { ...MEMBER.points } },
    checkins: new Map(CHECKINS.map(([day, kind]) => [day, { day, kind, points: 10 }])),
    makeupsUsed: 0,
    /** When set, the next 补签 is refused with this `{code, message}` (409). */
    makeupRefusal: null,
    /** When set, GET /api/me/tier answers this instead of TIER. */
    tier: null,
    /** 领券中心's templates; claiming template 1 makes it mine. */
    center: [
      template(1, '满50减5', '满50减5', rule('threshold', 5000, 500), 10, 7, 0),
      template(2, '新人无门槛减10', '无门槛减10', rule('no_threshold', 0, 1000), null, 40, 1),
    ],
    /** Every POST /api/checkout/quote body, oldest first (what checkout asked the server to price). */
    quotes: [],
  };
  const unauthorized = { status: 401, body: { code: 'UNAUTHORIZED', message: '请先登录' } };

  /** Consecutive checked days ending on `day` (0 if it is not checked). */
  const streakAt = (day) => {
    let n = 0;
    while (state.checkins.has(shiftDay(day, -n))) n++;
    return n;
  };

  function calendar(month = TODAY.slice(0, 7)) {
    const checkedToday = state.checkins.has(TODAY);
    const streak = checkedToday ? streakAt(TODAY) : streakAt(shiftDay(TODAY, -1));
    const makeupDays = [];
    for (let d = 1; d <= RULE.windowDays; d++) if (!state.checkins.has(shiftDay(TODAY, -d))) makeupDays.push(shiftDay(TODAY, -d));
    return {
      month,
      today: TODAY,
      days: [...state.checkins.values()].filter((c) => c.day.startsWith(month)).sort((a, b) => a.day.localeCompare(b.day)),
      checkedToday,
      streak,
      todayPoints: checkedToday ? state.checkins.get(TODAY).points : reward(streak + 1),
      tomorrowPoints: reward((checkedToday ? streak : streak + 1) + 1),
      makeup: { cost: RULE.makeupCost, leftThisMonth: RULE.makeupPerMonth - state.makeupsUsed, windowDays: RULE.windowDays },
      makeupDays,
      rule: {
        basePoints: RULE.base, streakBonuses: RULE.bonuses, cycleDays: RULE.cycle, birthdayMonthPct: 200,
        makeupCost: RULE.makeupCost, makeupPerMonth: RULE.makeupPerMonth, makeupWindowDays: RULE.windowDays,
      },
      expiryMonths: 12,
    };
  }

  function checkIn() {
    const existing = state.checkins.get(TODAY);
    if (!existing) {
      const points = reward(streakAt(shiftDay(TODAY, -1)) + 1);
      state.checkins.set(TODAY, { day: TODAY, kind: 'normal', points });
      state.member.points.available += points;
    }
    const streak = streakAt(TODAY);
    const { points } = state.checkins.get(TODAY);
    return { day: TODAY, streak, points, alreadyDone: Boolean(existing), tomorrowPoints: reward(streak + 1), available: state.member.points.available };
  }

  function makeUp({ day }) {
    if (state.makeupRefusal) {
      const body = state.makeupRefusal;
      state.makeupRefusal = null;
      return { status: 409, body };
    }
    if (state.checkins.has(day)) return { status: 409, body: { code: 'CHECKIN_ALREADY_DONE', message: '这一天已经签到过了' } };
    state.checkins.set(day, { day, kind: 'makeup', points: RULE.base });
    state.makeupsUsed++;
    state.member.points.available += RULE.base - RULE.makeupCost;
    return { body: { day, streak: streakAt(day), points: RULE.base, alreadyDone: false, tomorrowPoints: 0, available: state.member.points.available } };
  }

  function bindPhone({ code }) {
    if (code !== PHONE_CODE) return { status: 400, body: { code: 'WECHAT_CODE_INVALID', message: '登录凭证无效或已使用，请重新登录' } };
    const first = !state.member.signedUp;
    state.member = { ...state.member, phone: MASKED_PHONE, signedUp: true };
    if (first) state.member.points.available += 100;
    return { body: { member: state.member, giftPoints: first ? 100 : 0, giftCoupons: first ? ['新人无门槛减10'] : [] } };
  }

  /** 消息中心 and 消息设置 as the server keeps them. */
  function messagesPage() {
    return { items: state.messages, next: null, unread: state.messages.filter((m) => !m.read).length };
  }
  function readMessage(id) {
    state.messages = state.messages.map((m) => (m.id === id ? { ...m, read: true } : m));
    return { unread: messagesPage().unread };
  }

  /** One wx.request: `{statusCode, data}` for its method and URL (the host is ignored). */
  function answer({ method = 'GET', url, header = {}, data: sent }) {
    const data = typeof sent === 'string' ? JSON.parse(sent) : sent;
    const { pathname, searchParams } = new URL(url, 'http://api.test');
    const signedIn = header.Authorization === `Bearer ${TOKENS.accessToken}`;
    const route = `${method} ${pathname}`;
    const reply = (() => {
      switch (route) {
        case 'GET /api/auth/options':
          return { body: { wechat: true, dev: false } };
        case 'POST /api/auth/wechat':
          return state.wechatSignIn ? { body: { ...TOKENS, member: state.member } } : { status: 401, body: { code: 'WECHAT_LOGIN_FAILED', message: '微信登录失败' } };
        case 'GET /api/catalog/categories':
          return { body: CATEGORIES };
        case 'GET /api/catalog/goods':
          return { body: GOODS };
        case 'GET /api/mall/items':
          return { body: MALL_ITEMS };
        case 'GET /api/mall/items/2':
          return { body: { ...MALL_ITEMS[0], description: '树上熟，香甜多汁。', images: ['/assets/goods/2.png', '/assets/goods/2b.png'], coupon: null } };
        case 'GET /api/mall/redemptions':
          return signedIn ? { body: [] } : unauthorized;
        case 'GET /api/coupons':
          return signedIn ? { body: COUPONS[searchParams.get('state')] ?? [] } : unauthorized;
        case 'GET /api/coupons/center':
          return { body: state.center };
        case 'POST /api/coupons/center/1/claim':
          if (!signedIn) return unauthorized;
          state.center = state.center.map((t) => (t.id === 1 ? { ...t, issued: t.issued + 1, mine: 1, claimable: false } : t));
          return { body: coupon(9, '满50减5', '满50减5', rule('threshold', 5000, 500), 'available', 7) };
        case 'GET /api/me':
          return signedIn ? { body: state.member } : unauthorized;
        case 'POST /api/me/phone':
          return signedIn ? bindPhone(data) : unauthorized;
        case 'PATCH /api/me':
          return signedIn ? updateProfile(data) : unauthorized;
        case 'GET /api/rules':
          return { body: RULES };
        case 'GET /api/me/tier':
          return signedIn ? { body: state.tier ?? TIER } : unauthorized;
        case 'GET /api/checkin/calendar':
          return signedIn ? { body: calendar(searchParams.get('month') ?? undefined) } : unauthorized;
        case 'POST /api/checkin':
          return signedIn ? { body: checkIn() } : unauthorized;
        case 'POST /api/checkin/makeup':
          return signedIn ? makeUp(data) : unauthorized;
        case 'GET /api/points':
          return signedIn ? { body: BALANCE } : unauthorized;
        case 'GET /api/invites/me':
          return signedIn ? { body: INVITES } : unauthorized;
        case 'POST /api/invites/visit':
          if (!signedIn) return unauthorized;
          if (data?.code === MY_INVITE_CODE) return { status: 409, body: { code: 'INVITE_SELF', message: '不能邀请自己' } };
          if (!FRIEND_CODES.includes(data?.code)) return { status: 404, body: { code: 'INVITE_CODE_UNKNOWN', message: '邀请码不存在' } };
          return { body: { counted: true } };
        case 'GET /api/addresses':
          return signedIn ? { body: ADDRESSES } : unauthorized;
        case 'POST /api/checkout/quote':
          if (!signedIn) return unauthorized;
          state.quotes.push(data);
          return checkoutQuote(data, state.member.points.available);
        case 'GET /api/orders': {
          if (!signedIn) return unauthorized;
          const statuses = searchParams.get('status')?.split(',');
          return { body: ORDERS.filter((o) => !statuses || statuses.includes(o.status)) };
        }
        case 'GET /api/admin/overview':
          return { body: { members: { total: 3, today: 1, operators: 1 }, goods: { onSale: 1, soldOut: 0 }, day: TODAY } };
        case 'GET /api/admin/staff':
          return { body: [STAFF_OWNER] };
        case 'GET /api/admin/staff/search':
          return { body: searchParams.get('q') === '阿花' ? [STAFF_CANDIDATE] : [] };
        case 'POST /api/admin/staff/5/role':
          return { body: { ...STAFF_CANDIDATE, role: data.role } };
        case 'GET /api/admin/catalog/categories':
          return { body: ADMIN_CATEGORIES };
        case 'GET /api/admin/catalog/goods': {
          const filter = searchParams.get('filter') ?? 'all';
          const body = ADMIN_GOODS.filter((g) => filter === 'all' || (filter === 'low_stock' ? g.status === 'on_sale' && g.skus.some((k) => k.stock <= 5) : g.status === filter));
          return { body };
        }
        case 'GET /api/admin/catalog/goods/1':
          return { body: ADMIN_GOODS[0] };
        case 'GET /api/admin/catalog/goods/1/stock-changes':
          return { body: [{ id: 5, goodsId: 1, skuId: 12, skuName: '5斤礼盒', delta: 2, stockAfter: 2, reason: '新建规格', operatorId: 2, operatorName: '小明', createdAt: '2026-11-25T02:00:00.000Z' }] };
        case 'POST /api/admin/catalog/goods/1/status':
          return { body: { ...ADMIN_GOODS[0], status: data.status, version: 4 } };
        case 'PUT /api/admin/catalog/categories/order':
          return { body: data.ids.map((id) => ADMIN_CATEGORIES.find((c) => c.id === id)) };
        case 'POST /api/admin/catalog/goods':
          return { status: 201, body: { ...adminGoods(9, data.title, data.status, data.skus.map((k, i) => ({ id: 90 + i, sales: 0, ...k }))), images: data.images } };
        case 'POST /api/admin/catalog/skus/12/stock':
          return { status: 201, body: { id: 6, goodsId: 1, skuId: 12, skuName: '5斤礼盒', delta: data.delta, stockAfter: 2 + data.delta, reason: data.reason, operatorId: 2, operatorName: '小明', createdAt: '2026-11-25T03:00:00.000Z' } };
        case 'GET /api/admin/mall/items': {
          const filter = searchParams.get('filter') ?? 'all';
          return { body: ADMIN_MALL_ITEMS.filter((i) => filter === 'all' || (filter === 'sold_out' ? i.stock <= 0 : i.status === filter)) };
        }
        case 'GET /api/admin/mall/items/7':
          return { body: ADMIN_MALL_ITEMS[0] };
        case 'POST /api/admin/mall/items':
          return { status: 201, body: adminMallItem(9, data.kind, data.title, { ...data }) };
        case 'POST /api/admin/mall/items/7/codes': {
          const pool = ADMIN_MALL_ITEMS[0].codes;
          return { body: { ...ADMIN_MALL_ITEMS[0], stock: pool.unused + data.codes.length, codes: { total: pool.total + data.codes.length, unused: pool.unused + data.codes.length } } };
        }
        case 'GET /api/banners':
          return { body: BANNERS };
        case 'GET /api/campaigns':
          return { body: CAMPAIGNS.filter((c) => c.state === 'running') };
        case 'GET /api/campaigns/3':
          return { body: CAMPAIGNS[0] };
        case 'GET /api/admin/campaigns': {
          const state = searchParams.get('state');
          return { body: CAMPAIGNS.filter((c) => !state || c.state === state) };
        }
        case 'POST /api/admin/campaigns':
          return { status: 201, body: campaign(9, data.name, data) };
        case 'POST /api/admin/campaigns/3/status':
          return { body: { ...CAMPAIGNS[0], status: data.status, version: 3 } };
        case 'GET /api/admin/banners':
          return { body: ADMIN_BANNERS };
        case 'PUT /api/admin/banners/order':
          return { body: data.ids.map((id) => ADMIN_BANNERS.find((b) => b.id === id)) };
        case 'POST /api/admin/banners':
          return { status: 201, body: { id: 9, ...data, sort: 3, live: true, linkLabel: '' } };
        case 'GET /api/admin/audit/operators':
          return { body: [{ id: 1, name: '店主老林' }, { id: 2, name: '运营小美' }] };
        case 'GET /api/admin/audit': {
          const area = searchParams.get('area');
          const operator = Number(searchParams.get('operatorId') ?? 0);
          return { body: AUDIT_ENTRIES.filter((e) => (!area || e.action.includes(`/api/admin/${area}`)) && (!operator || e.operatorId === operator)) };
        }
        case 'GET /api/admin/rules':
          return { body: ADMIN_RULES };
        case 'GET /api/admin/rules/checkin/history':
          return { body: CHECKIN_HISTORY };
        case 'PUT /api/admin/rules/checkin': {
          const version = ruleVersion(8, 'checkin', data.value, 'current', data.note);
          return { body: { ...ADMIN_RULES[2], value: data.value, version, head: 8 } };
        }
        case 'POST /api/admin/rules/checkin/preview': {
          // 12 check-ins at the draft's base points beside 10 each; nothing else changes.
          const draft = 12 * data.value.basePoints;
          return {
            body: {
              key: 'checkin', from: '2026-02-01', to: '2026-03-02', actual: 1_120, draft: 1_000 + draft, delta: draft - 120, outstanding: 52_000,
              outstandingAfter: 52_000 + draft - 120, currentReplay: null, notes: ['补签消耗、次数与可补天数只影响今后的补签'],
              sources: [
                { source: 'purchase', label: '购物奖励', events: 4, actual: 1_000, draft: 1_000 },
                { source: 'checkin', label: '每日签到', events: 12, actual: 120, draft },
                { source: 'makeup', label: '补签', events: 0, actual: 0, draft: 0 },
              ],
            },
          };
        }
        case 'POST /api/admin/rules/checkin/revert':
          return { body: { ...ADMIN_RULES[2], value: CHECKIN_HISTORY[1].value, head: 9 } };
        case 'GET /api/admin/coupons/templates':
          return { body: COUPON_TEMPLATE_STATS };
        case 'GET /api/admin/open-api/keys':
          return { body: [{ keyId: 'ak_till', name: '南京路店收银', scopes: ['points:earn', 'points:spend'], ratePerMinute: 600, status: 'active', createdAt: '2026-11-20T02:00:00.000Z', revokedAt: null, lastUsedAt: '2026-11-25T02:00:00.000Z' }] };
        case 'POST /api/admin/open-api/keys':
          return { status: 201, body: { keyId: 'ak_new', name: data.name, scopes: data.scopes, ratePerMinute: 600, status: 'active', createdAt: '2026-11-25T02:00:00.000Z', revokedAt: null, lastUsedAt: null, secret: 'sk_shown_once' } };
        case 'GET /api/admin/open-api/keys/ak_till/requests':
          return { body: [{ method: 'POST', path: '/open/v1/points/spend', status: 409, code: 'MEMBER_CODE_USED', at: '2026-11-25T02:00:00.000Z' }, { method: 'POST', path: '/open/v1/points/earn', status: 200, code: null, at: '2026-11-25T01:59:00.000Z' }] };
        case 'POST /api/admin/open-api/keys/ak_till/revoke':
          return { body: { keyId: 'ak_till', status: 'revoked' } };
        case 'GET /api/me/member-code':
          return signedIn ? { body: { code: '600000000512345678', expiresAt: new Date(Date.now() + 60_000).toISOString(), available: state.member.points?.available ?? 820 } } : unauthorized;
        case 'GET /api/admin/tags':
          return { body: TAGS };
        case 'POST /api/admin/tags':
          return { status: 201, body: { ...TAGS[6], id: 8, name: data.name, kind: data.rule ? 'rule' : 'manual', rule: data.rule ?? null, members: data.rule ? 42 : 0 } };
        case 'POST /api/admin/tags/7/members':
          return { body: { added: data.memberIds.length, members: 3 + data.memberIds.length } };
        case 'DELETE /api/admin/tags/7/members/5':
          return { body: { removed: 1 } };
        case 'GET /api/admin/coupon-batches/preview':
          return { body: { audience: TAGS.find((t) => t.id === Number(searchParams.get('tagId')))?.members ?? 0 } };
        case 'GET /api/admin/coupon-batches':
          return { body: BATCHES };
        case 'POST /api/admin/coupon-batches':
          return { status: 201, body: { ...BATCHES[1], id: 3, status: 'sending', templateId: data.templateId, tagId: data.tagId, issued: 0, used: 0 } };
        case 'POST /api/admin/coupon-batches/winback':
          return { status: 201, body: { ...BATCHES[0], id: 4, status: 'sending', holdoutPct: data.holdoutPct, issued: 0 } };
        case 'GET /api/admin/members': {
          const q = searchParams.get('q') ?? '';
          return { body: !q || q === ADMIN_MEMBER.phone || ADMIN_MEMBER.nickname.includes(q) ? [ADMIN_MEMBER] : [] };
        }
        case 'GET /api/admin/members/5':
          return { body: ADMIN_MEMBER_PAGE };
        case 'POST /api/admin/members/5/phone':
          return { body: { phone: '13912346666' } };
        case 'POST /api/admin/members/5/adjustments': {
          const pending = Math.abs(data.amount) > 5000;
          return { status: 201, body: { id: 1, memberId: 5, memberName: '阿花', amount: data.amount, reason: data.reason, status: pending ? 'pending' : 'applied', requestedBy: '小明', requestedAt: '2026-11-25T02:00:00.000Z', decidedBy: null, decidedAt: null, note: null } };
        }
        case 'GET /api/admin/reports/churn':
          return { body: { total: 2, valueAtRiskFen: 143571, members: [
            { memberId: 5, nickname: '阿花', score: 72, reasons: ['已 30 天未下单（平时约 7 天一单）', '近 90 天签到 5 次，之前 90 天 30 次'], valueAtRiskFen: 128571, lastOrderAt: '2026-10-26T04:00:00.000Z', computedAt: '2026-11-25T19:00:00.000Z' },
            { memberId: 7, nickname: '老周', score: 45, reasons: ['已 70 天未下单（平时约 30 天一单）'], valueAtRiskFen: 15000, lastOrderAt: '2026-09-16T04:00:00.000Z', computedAt: '2026-11-25T19:00:00.000Z' },
          ] } };
        case 'GET /api/admin/reports/dashboard': {
          const n = Number(searchParams.get('days') ?? 7);
          const days = Array.from({ length: n }, (_, i) => ({
            day: shiftDay(TODAY, i + 1 - n), newMembers: 2, members: 100 + i, activeMembers: 30, checkins: 25, invitesOpened: 4, invitesSignedUp: 2, invitesOrdered: 1, invitesRewarded: 1,
            couponsIssued: 3, couponsUsed: 1, couponGmvFen: 5000, orders: 5, gmvFen: 25000, redemptions: 1, pointsIssued: 300, pointsSpent: 100, pointsExpired: 10, checkinRatePermille: 250,
          }));
          return { body: { days, outstandingPoints: 123456, countedAt: '2026-11-25T01:50:00.000Z' } };
        }
        case 'GET /api/admin/reports/liability':
          return { body: {
            outstanding: { points: 123456, fen: 123456, pending: 800, members: 42 }, totalsUpTo: '2026-11-25T01:55:00.000Z',
            months: [{ month: '2026-11', issued: { purchase: 9000, checkin: 1000 }, issuedTotal: 10000, spent: { cash: 4000 }, spentTotal: 4000, expired: 250, reversed: 0, breakagePermille: 25 }],
          } };
        case 'GET /api/admin/reports/liability.csv':
          return { body: '\uFEFF月份,发放合计\r\n2026-11,10000\r\n' };
        case 'GET /api/reminders/templates':
          return { body: { kinds: REMINDER_TEMPLATES } };
        case 'POST /api/reminders/consent':
          if (!signedIn) return unauthorized;
          return { body: { credits: Object.fromEntries(Object.keys(data.results).map((id) => [id, 1])), checkinReminderOn: (data.asks ?? []).includes('checkin') ? shiftDay(TODAY, 1) : null } };
        case 'GET /api/messages':
          return signedIn ? { body: messagesPage() } : unauthorized;
        case 'GET /api/messages/unread':
          return signedIn ? { body: { unread: messagesPage().unread } } : unauthorized;
        case 'POST /api/messages/read-all':
          state.messages = state.messages.map((m) => ({ ...m, read: true }));
          return { body: { unread: 0 } };
        case 'POST /api/messages/1/read':
          return { body: readMessage(1) };
        case 'POST /api/messages/2/read':
          return { body: readMessage(2) };
        case 'GET /api/points/entries':
          return signedIn ? { body: entriesPage(searchParams) } : unauthorized;
        default: {
          const orderId = /^GET \/api\/orders\/(\d+)$/.exec(route)?.[1];
          if (orderId !== undefined) {
            if (!signedIn) return unauthorized;
            const found = ORDERS.find((o) => o.id === Number(orderId));
            return found ? { body: found } : { status: 404, body: { code: 'ORDER_NOT_FOUND', message: '订单不存在' } };
          }
          return { status: 404, body: { code: 'NOT_FOUND', message: `fake API has no ${route}` } };
        }
      }
    })();
    return { statusCode: reply.status ?? 200, data: reply.body, header: {} };
  }

  /** PATCH /api/me: a blank nickname is refused, the birthday can be set once. */
  function updateProfile(patch = {}) {
    if (patch.nickname !== undefined && !String(patch.nickname).trim()) {
      return { status: 400, body: { code: 'VALIDATION_FAILED', message: '昵称不能为空' } };
    }
    if (patch.birthday !== undefined && state.member.birthday) {
      return { status: 409, body: { code: 'BIRTHDAY_LOCKED', message: '生日设置后不可修改' } };
    }
    state.member = {
      ...state.member,
      ...(patch.nickname !== undefined ? { nickname: String(patch.nickname).trim() } : {}),
      ...(patch.birthday !== undefined ? { birthday: patch.birthday } : {}),
    };
    return { body: state.member };
  }

  /** One wx.uploadFile: POST /api/me/avatar takes the file in field `avatar`; the body comes back as a string, as WeChat gives it. */
  function upload({ url, name, filePath, header = {} }) {
    const { pathname } = new URL(url, 'http://api.test');
    const reply = (() => {
      if (pathname === '/api/admin/catalog/images' && name === 'image' && header.Authorization === `Bearer ${TOKENS.accessToken}`) return { status: 201, body: { url: GOODS_IMAGE_URL } };
      if (pathname !== '/api/me/avatar') return { status: 404, body: { code: 'NOT_FOUND', message: `fake API has no upload to ${pathname}` } };
      if (header.Authorization !== `Bearer ${TOKENS.accessToken}`) return { status: 401, body: { code: 'UNAUTHORIZED', message: '请先登录' } };
      if (name !== 'avatar' || !filePath) return { status: 400, body: { code: 'VALIDATION_FAILED', message: '请选择图片' } };
      state.member = { ...state.member, avatarUrl: AVATAR_URL };
      return { body: state.member };
    })();
    return { statusCode: reply.status ?? 200, data: JSON.stringify(reply.body), errMsg: 'uploadFile:ok' };
  }

  return { state, answer, upload };
}

module.exports = {
  REMINDER_TEMPLATES, MESSAGES,
  GOODS_IMAGE_URL, createFakeApi, ADDRESSES, CHECKOUT_SKU, ORDERS, MALL_ITEMS, INVITES, MY_INVITE_CODE, MEMBER, BALANCE, ENTRIES, GOODS, FAKE_PAGE_SIZE, PHONE_CODE, MASKED_PHONE, TODAY, TIER, AVATAR_URL };
