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
    'pages/mall/index', // 积分商城: goods that can be bought with points
    'pages/me/index', // 我的: member card, entries, sign-in when signed out
    'pages/admin/index', // 管理: operators' overview (owner / operator only)
    'pages/points/index', // 积分明细 (navigateTo from 我的), ?filter=all|earned|spent|pending|expired; signed-in only
    'pages/checkin/index', // 每日签到 (navigateTo from 首页 and 我的), no parameters; signed-in only
    'pages/profile/index', // 个人资料 (navigateTo from 我的: avatar, nickname, birthday), signed-in only
    'pages/tiers/index', // 会员等级 (navigateTo from 我的's tier card), signed-in only
    'pages/privacy/index', // 隐私政策 (from the privacy consent popup and 个人资料), no parameters
    'pages/invite/index', // 邀请有礼 (navigateTo from 我的), no parameters; signed-in only
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
