import Taro from '@tarojs/taro';

/**
 * Opens 签到. It needs a member, so a visitor is taken to 我的 to sign in first (never a
 * sign-in forced on browsing: only after the tap that asked for it).
 */
export function openCheckin(signedIn: boolean): void {
  if (signedIn) {
    void Taro.navigateTo({ url: '/pages/checkin/index' });
    return;
  }
  void Taro.showToast({ title: '登录后即可签到领积分', icon: 'none' });
  void Taro.switchTab({ url: '/pages/me/index' });
}

/** Opens 邀请有礼; a visitor signs in on 我的 first (the page needs the member's code). */
export function openInvite(signedIn: boolean): void {
  if (signedIn) {
    void Taro.navigateTo({ url: '/pages/invite/index' });
    return;
  }
  void Taro.showToast({ title: '登录后即可邀请好友', icon: 'none' });
}
