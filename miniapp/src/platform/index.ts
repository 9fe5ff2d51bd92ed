import Taro from '@tarojs/taro';
import type { AuthOptionsDto, ConsentResult } from '@jifen/shared';

/**
 * Everything that differs between the mini-program and H5, in one place. The TARO_ENV checks
 * are replaced at build time, so each build keeps only its own branch.
 */
const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * How a member completes sign-up with a phone here: WeChat's getPhoneNumber button in the
 * mini-program, a typed-in number on H5 when the server offers the development stand-in,
 * or not at all (H5 in production: there is no verified phone outside WeChat).
 */
export type PhoneSignUp = 'wechat' | 'dev' | 'none';

/** What the getPhoneNumber button reported: a code for the server, or why there is none. */
export type PhoneCodeResult = { code: string } | { refused: true } | { failed: string };

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

  phoneSignUp(options: AuthOptionsDto | null): PhoneSignUp {
    if (isWeapp) return 'wechat';
    return options?.dev === true ? 'dev' : 'none';
  },

  /**
   * Reads the getPhoneNumber event (`e.detail`): `code` when the member allowed it;
   * "…fail user deny" / "…fail:user deny" when they refused (not an error: sign-up can wait);
   * any other "fail" (no permission for personal apps, quota, network) as a failure.
   */
  phoneCode(detail: { code?: string; errMsg?: string } | undefined): PhoneCodeResult {
    if (detail?.code) return { code: detail.code };
    const message = detail?.errMsg ?? '';
    if (/deny|cancel/i.test(message)) return { refused: true };
    return { failed: message || 'getPhoneNumber:fail' };
  },

  /**
   * Asks for WeChat subscription messages (订阅消息): one send per accepted template. It must run
   * inside the tap that asked (WeChat refuses it otherwise), so nothing may be awaited before it.
   * H5 has no WeChat: nothing to ask, an empty answer.
   */
  async requestSubscribe(templateIds: string[]): Promise<Record<string, ConsentResult>> {
    if (!isWeapp || templateIds.length === 0) return {};
    try {
      const answer = await Taro.requestSubscribeMessage({ tmplIds: templateIds } as Taro.requestSubscribeMessage.Option);
      const results: Record<string, ConsentResult> = {};
      for (const id of templateIds) {
        const result = (answer as unknown as Record<string, string>)[id];
        if (result === 'accept' || result === 'reject' || result === 'ban' || result === 'filter') results[id] = result;
      }
      return results;
    } catch {
      // 20004: the member turned subscription messages off in settings; nothing was allowed.
      return {};
    }
  },
};
