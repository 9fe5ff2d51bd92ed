import Taro from '@tarojs/taro';
import { BANNER_PAGES, type BannerLink } from '@jifen/shared';
import { rememberReturn } from '../store/return-to';

/** A visitor is sent to 我的 to sign in, which says why and brings them back to `url` after. */
function signInFirst(hint: string, url?: string): void {
  rememberReturn(hint, url);
  void Taro.switchTab({ url: '/pages/me/index' });
}

/**
 * Opens 签到. It needs a member, so a visitor is taken to 我的 to sign in first (never a
 * sign-in forced on browsing: only after the tap that asked for it).
 */
export function openCheckin(signedIn: boolean): void {
  if (signedIn) {
    void Taro.navigateTo({ url: '/pages/checkin/index' });
    return;
  }
  signInFirst('登录后即可签到领积分', '/pages/checkin/index');
}

/** Opens 邀请有礼; a visitor signs in on 我的 first (the page needs the member's code). */
export function openInvite(signedIn: boolean): void {
  if (signedIn) {
    void Taro.navigateTo({ url: '/pages/invite/index' });
    return;
  }
  signInFirst('登录后即可邀请好友', '/pages/invite/index');
}

/**
 * Shopping needs a member: a visitor signs in on 我的 first and comes back to `then` (by default
 * the page they tapped on). Returns whether to go on now.
 */
export function requireSignIn(signedIn: boolean, hint = '登录后即可购买', then?: string): boolean {
  if (signedIn) return true;
  signInFirst(hint, then);
  return false;
}

export function openGoods(id: number): void {
  void Taro.navigateTo({ url: `/pages/goods/index?id=${id}` });
}

export function openCart(signedIn: boolean): void {
  if (requireSignIn(signedIn, '登录后即可查看购物车', '/pages/cart/index')) void Taro.navigateTo({ url: '/pages/cart/index' });
}

/** 确认订单 for these lines (`skuId:qty,…`); `fromCart` removes them from the cart once ordered. */
export function openCheckout(lines: { skuId: number; quantity: number }[], fromCart: boolean): void {
  const param = lines.map((l) => `${l.skuId}:${l.quantity}`).join(',');
  void Taro.navigateTo({ url: `/pages/checkout/index?lines=${param}${fromCart ? '&fromCart=1' : ''}` });
}

/** 我的订单 on a tab of ORDER_TABS (all, pending, paid, shipped, after). */
export function openOrders(signedIn: boolean, tab = 'all'): void {
  if (requireSignIn(signedIn, '登录后即可查看订单', `/pages/orders/index?tab=${tab}`)) void Taro.navigateTo({ url: `/pages/orders/index?tab=${tab}` });
}

export function openOrder(id: number): void {
  void Taro.navigateTo({ url: `/pages/order/index?id=${id}` });
}

export function openAddresses(signedIn: boolean): void {
  if (requireSignIn(signedIn, '登录后即可管理收货地址', '/pages/address/index')) void Taro.navigateTo({ url: '/pages/address/index' });
}

/** Taro.eventCenter event: 收货地址 in pick mode chose this AddressDto (确认订单 listens). */
export const ADDRESS_PICKED = 'address:picked';

/** 活动详情: what a running campaign gives and on which days. */
export function openCampaign(id: number): void {
  void Taro.navigateTo({ url: `/pages/campaign/index?id=${id}` });
}

const TAB_PATHS: readonly string[] = [BANNER_PAGES.mall.path, BANNER_PAGES.me.path];

/** Where a banner leads: a page of BANNER_PAGES (tab pages by switchTab), a goods or a campaign. */
export function openBannerLink(link: BannerLink, signedIn: boolean): void {
  if (link.kind === 'goods') openGoods(link.goodsId);
  else if (link.kind === 'campaign') openCampaign(link.campaignId);
  else if (link.kind === 'page') {
    if (link.page === 'checkin') return openCheckin(signedIn);
    if (link.page === 'invite') return openInvite(signedIn);
    if (link.page === 'tiers' && !requireSignIn(signedIn, '登录后即可查看会员等级', BANNER_PAGES.tiers.path)) return;
    const { path } = BANNER_PAGES[link.page];
    if (TAB_PATHS.includes(path)) void Taro.switchTab({ url: path });
    else void Taro.navigateTo({ url: path });
  }
}
