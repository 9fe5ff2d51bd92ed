/**
 * Route table. The four tab pages live in the main package (WeChat requires it) and take no
 * query parameters of their own; a signed-in member's shares add `?inv=<code>` to every path
 * (picked up by useShare on any page, see store/invite.ts).
 * Member pages reached from 我的 (积分明细, 签到) stay in the main package: they are small and most
 * members open them. Further admin screens (admin/*) belong in a subpackage so shoppers never
 * download them.
 */
export default defineAppConfig({
  pages: [
    'pages/index/index', // 首页: search, banners, categories, goods feed
    'pages/mall/index', // 积分商城: the points mall (goods, coupons, virtual items) with redemption
    'pages/me/index', // 我的: member card, entries, sign-in when signed out
    'pages/admin/index', // 管理: operators' overview (owner / operator only)
    'pages/points/index', // 积分明细 (navigateTo from 我的), ?filter=all|earned|spent|pending|expired; signed-in only
    'pages/checkin/index', // 每日签到 (navigateTo from 首页 and 我的), no parameters; signed-in only
    'pages/profile/index', // 个人资料 (navigateTo from 我的: avatar, nickname, birthday), signed-in only
    'pages/tiers/index', // 会员等级 (navigateTo from 我的's tier card), signed-in only
    'pages/privacy/index', // 隐私政策 (from the privacy consent popup and 个人资料), no parameters
    'pages/invite/index', // 邀请有礼 (navigateTo from 我的), no parameters; signed-in only
    // The spend loop (main package: every shopper walks it).
    'pages/goods/index', // 商品详情 (from 首页's goods cards), ?id=<goodsId>; visitors may look, buying signs in on 我的
    'pages/cart/index', // 购物车 (from 首页 and 商品详情), no parameters; signed-in only
    'pages/checkout/index', // 确认订单, ?lines=<skuId:qty,…>[&fromCart=1]; signed-in only; re-quotes on every choice
    'pages/orders/index', // 我的订单 (from 我的), ?tab=all|pending|paid|shipped|after; signed-in only
    'pages/order/index', // 订单详情, ?id=<orderId>[&paid=1 after a payment: success state]; signed-in only
    'pages/coupons/index', // 我的优惠券 (navigateTo from 我的 and 积分商城), ?tab=available|used|expired; signed-in only
    'pages/coupon-center/index', // 领券中心 (navigateTo from 我的优惠券), no parameters; visitors may look, claiming signs in on 我的
    'pages/redemptions/index', // 我的兑换 (navigateTo from 积分商城 and 我的), no parameters; signed-in only
    'pages/mall-item/index', // 兑换详情 (from 积分商城's cards), ?id=<itemId>; visitors may look, redeeming signs in on 我的
  ],
  subPackages: [
    {
      // 会员码: shown at a till (QR and barcode libraries stay out of the main package).
      root: 'pages/member-code',
      pages: [
        'index', // 会员码 for the till: QR + barcode renewed every minute, the balance; signed-in only (else to 我的)
      ],
    },
    {
      // 收货地址: opened now and then (from 我的 and 确认订单), so kept out of the main package.
      root: 'pages/address',
      pages: [
        'index', // 收货地址 list, ?pick=1[&selected=<id>] from 确认订单 picks one and goes back
        'edit', // 新增/编辑收货地址, ?id=<addressId> edits; ?pick=1 hands the new address back to 确认订单
      ],
    },
    {
      // 积分活动: reached from a banner or 积分商城's campaign chip.
      root: 'pages/campaign',
      pages: [
        'index', // 积分活动 ?id=<campaignId>: what it gives, on which days, its goods; visitors may look
      ],
    },
    {
      // 消息中心 and 消息设置: from 我的 and from a notice's badge.
      root: 'pages/messages',
      pages: [
        'index', // 消息中心: reminders and notices newest first, unread dot, 全部已读; a tap opens its page; signed-in only
        'settings', // 消息设置: each reminder kind on or off; signed-in only
      ],
    },
    {
      // Operators' screens (owner / operator only), linked from the 管理 tab.
      root: 'admin',
      pages: [
        'orders/index', // 订单管理: orders by status (待发货/待收货/已完成/退款), 发货 and 退款 sheets; no parameters
        'coupons/index', // 优惠券: template funnel (issued, used, use rate, GMV) and on/off switch; no parameters
        'audit/index', // 审计日志: every changing admin action (who, what, outcome), newest first, more at the bottom; no parameters
        'goods/index', // 商品管理: goods by status, search, 上架/下架, 调整库存; ?filter=all|on_sale|off_sale|low_stock
        'goods/edit', // 新增/编辑商品: ?id=<goodsId> edits, none creates
        'categories/index', // 分类管理: order, rename, hide, add; no parameters
        'mall/index', // 积分商城管理: items by state (兑换中/已下架/已兑完), 上架/下架, 调整库存; ?filter=all|on|off|sold_out
        'mall/edit', // 新增/编辑兑换商品 (goods, coupon or virtual; codes for virtual): ?id=<itemId> edits, none creates
        'campaigns/index', // 积分活动: campaigns by state (进行中/未开始/已结束/全部), 启用/停用; no parameters
        'campaigns/edit', // 新建/编辑活动 (×N points or bonus points on goods; dates, weekdays, days of month): ?id=<campaignId> edits
        'banners/index', // 首页横幅: order, add/edit in a sheet (image, link to a page, goods or campaign), hide, delete; no parameters
        'rules/index', // 积分规则: every rule (earn, tiers, check-in, 新人礼, invites, expiry) in force and scheduled; no parameters
        'rules/edit', // 修改规则 with version history and 恢复 (owners edit, operators read): ?key=earn|tiers|checkin|signup|invites|ledger
        'messages/index', // 消息: reminders sent / skipped / deferred / failed per kind and day, last failures; 积分政策变更通知 (owners write it)
        'members/index', // 会员: search by phone (whole or 138****8000), nickname or id; the newest without a query; no parameters
        'members/detail', // 会员详情 ?id=<memberId>: points, expiring, ledger, orders, coupons, invites, check-ins; 查看完整号码 (audited), 调整积分
        'dashboard/index', // 数据看板: members, check-ins, points, invite funnel, coupons, orders over 7 / 30 / 90 days; no parameters
        'churn/index', // 流失预警: members at risk with reasons and value at risk, most valuable first; a tap opens the member; 一键挽回; no parameters
        'segments/index', // 分群与标签: RFM groups and tags with counts, 新建标签 (manual or by rule), a tap sends a coupon (定向发券); no parameters
        'batches/index', // 发券记录与效果: each targeted send / win-back: issued, used, GMV; win-back return rates vs hold-out with the uplift; no parameters
        'reports/liability', // 积分负债: points owed now (and in yuan), monthly issued / used / expired / breakage, 复制表格 (CSV); no parameters
        'review/index', // 积分审核: adjustments waiting for an owner (批准/驳回), flagged ledger entries (确认无误/追回); no parameters
        'open-api/index', // 开放接口 (owners only): keys for POS and other shops (secret shown once, 停用), each key's latest requests; no parameters
        'staff/index', // 店员与权限 (owners only): find members, appoint or remove operators and owners; no parameters
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f5f7',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '积分商城',
    navigationBarTextStyle: 'black',
  },
  // Drawn by src/custom-tab-bar (weapp) and components/TabBar (H5); this list is what WeChat routes by.
  tabBar: {
    custom: true,
    color: '#9a9ca3',
    selectedColor: '#ff5a1f',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/mall/index', text: '积分商城' },
      { pagePath: 'pages/me/index', text: '我的' },
      { pagePath: 'pages/admin/index', text: '管理' },
    ],
  },
});
