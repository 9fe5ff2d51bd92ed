import Taro from '@tarojs/taro';

/** 我的优惠券 needs a member: a visitor is asked to sign in here on 我的 first. */
export function openCoupons(signedIn: boolean): void {
  if (signedIn) void Taro.navigateTo({ url: '/pages/coupons/index?tab=available' });
  else void Taro.showToast({ title: '登录后查看优惠券', icon: 'none' });
}

/** 我的兑换, the same way. */
export function openRedemptions(signedIn: boolean): void {
  if (signedIn) void Taro.navigateTo({ url: '/pages/redemptions/index' });
  else void Taro.showToast({ title: '登录后查看兑换记录', icon: 'none' });
}

/** 会员码 for a store's till, for members only. */
export function openMemberCode(signedIn: boolean): void {
  if (signedIn) void Taro.navigateTo({ url: '/pages/member-code/index' });
  else void Taro.showToast({ title: '登录后出示会员码', icon: 'none' });
}
