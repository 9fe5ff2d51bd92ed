import Taro from '@tarojs/taro';
import type { AuthOptionsDto } from '@jifen/shared';

/**
 * Everything that differs between the mini-program and H5, in one place. The TARO_ENV checks
 * are replaced at build time, so each build keeps only its own branch.
 */
const isWeapp = process.env.TARO_ENV === 'weapp';

export const platform = {
  isWeapp,

  /**
   * Who draws the tab bar. WeChat renders src/custom-tab-bar in its native tab bar slot;
   * Taro 4.2's H5 router draws nothing for `tabBar.custom` ("TODO: custom-tab-bar" in
   * @tarojs/router), so on H5 each tab page draws the same bar itself.
   */
  tabBarInPage: !isWeapp,

  /** A `wx.login` code for silent sign-in, or null where WeChat sign-in does not exist (H5). */
  async wechatLoginCode(): Promise<string | null> {
    if (!isWeapp) return null;
    const { code } = await Taro.login();
    return code || null;
  },

  /** The nickname sign-in is for development in a browser: H5 only, and only if the server offers it. */
  devSignInAvailable(options: AuthOptionsDto | null): boolean {
    return !isWeapp && options?.dev === true;
  },
};
