import Taro from '@tarojs/taro';

const TAB_PAGES = ['pages/index/index', 'pages/mall/index', 'pages/me/index', 'pages/admin/index'];

/** Opens the page a notice is about (`pages/order/index?id=7`): a tab page by switchTab, others pushed. */
export function openNoticePage(page: string | null): void {
  if (!page) return;
  const path = page.replace(/^\//, '');
  if (TAB_PAGES.includes(path.split('?')[0])) void Taro.switchTab({ url: `/${path.split('?')[0]}` });
  else void Taro.navigateTo({ url: `/${path}` });
}
