import Taro, { useShareAppMessage } from '@tarojs/taro';

const TITLE = '积分商城';

/**
 * Every page can be shared (pages also set `enableShareAppMessage` in their config).
 * Invite codes join the path in a later issue.
 */
export function useShare(): void {
  useShareAppMessage(() => {
    const route = Taro.getCurrentInstance().router?.path ?? 'pages/index/index';
    const path = `/${route.replace(/^\//, '').split('?')[0]}`;
    return { title: TITLE, path };
  });
}
