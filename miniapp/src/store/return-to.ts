import Taro from '@tarojs/taro';

/**
 * Where a visitor was going when an action needed a member, and why. The action sends them to
 * 我的, which says why (a toast would vanish with the tab switch) and, once they have signed
 * in, takes them back there — to the goods whose 加入购物车 they tapped, or to 签到.
 */
export interface PendingReturn {
  url: string;
  hint: string;
  at: number;
}

/** A return older than this is dropped: the visitor has moved on. */
const TTL_MS = 10 * 60_000;
const TAB_PAGES = ['/pages/index/index', '/pages/mall/index', '/pages/me/index', '/pages/admin/index'];

let pending: PendingReturn | null = null;

/** The page on top now, as a URL to navigate back to (the H5 router's own `stamp` and `$…` left out). */
export function currentPageUrl(): string {
  // The router's params, not the page's `options`: in the H5 build those are empty.
  const router = Taro.getCurrentInstance().router;
  const pages = Taro.getCurrentPages();
  const route = router?.path ?? (pages[pages.length - 1] as { route?: string } | undefined)?.route;
  if (!route) return '';
  const query = Object.entries(router?.params ?? {})
    .filter((entry): entry is [string, string] => !entry[0].startsWith('$') && entry[0] !== 'stamp' && typeof entry[1] === 'string' && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return `/${route.replace(/^\//, '').split('?')[0]}${query ? `?${query}` : ''}`;
}

export function rememberReturn(hint: string, url = currentPageUrl()): void {
  pending = url ? { url, hint, at: Date.now() } : null;
}

export function pendingReturn(): PendingReturn | null {
  if (pending && Date.now() - pending.at > TTL_MS) pending = null;
  return pending;
}

/** Goes back where the visitor was going, once; false when there is nowhere to go. */
export function returnAfterSignIn(): boolean {
  const to = pendingReturn();
  pending = null;
  if (!to || to.url.startsWith('/pages/me/index')) return false;
  if (TAB_PAGES.some((p) => to.url.startsWith(p))) void Taro.switchTab({ url: to.url.split('?')[0] });
  else void Taro.navigateTo({ url: to.url });
  return true;
}
