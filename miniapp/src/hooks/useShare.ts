import Taro, { useLoad, useShareAppMessage } from '@tarojs/taro';
import { invites, withInviteCode } from '../store/invite';

const TITLE = '积分商城';

/**
 * Every page can be shared (pages also set `enableShareAppMessage` in their config). A signed-in
 * member's shares carry their invite code (`?inv=CODE`); the friend who opens one is attributed
 * on their side (there is no "share succeeded" callback, and sharing itself earns nothing).
 * Every page also picks up an invite code it was opened with (`inv`, or a wxacode's `scene`).
 * The title may be read at share time (the invite page words it from the invite rule).
 */
export function useShare(titleOf: string | (() => string) = TITLE): void {
  useLoad((params) => invites.capture(params));

  useShareAppMessage(() => {
    const title = typeof titleOf === 'function' ? titleOf() : titleOf;
    const route = Taro.getCurrentInstance().router?.path ?? 'pages/index/index';
    const path = `/${route.replace(/^\//, '').split('?')[0]}`;
    const code = invites.myCode();
    if (code) return { title, path: withInviteCode(path, code) };
    // Not loaded yet: WeChat waits up to 3 s for the promise, else shares the defaults.
    return {
      title,
      path,
      promise: invites.loadMyCode().then((loaded) => ({ title, path: withInviteCode(path, loaded) })),
    };
  });
}
