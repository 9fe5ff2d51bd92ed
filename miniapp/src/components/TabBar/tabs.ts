import { useEffect, useState } from 'react';

export type TabKey = 'home' | 'mall' | 'me' | 'admin';

export interface TabDef {
  key: TabKey;
  text: string;
  /** Must match tabBar.list in app.config.ts (with a leading slash for switchTab). */
  path: string;
  /** Shown only to owners and operators. */
  operatorOnly?: boolean;
}

export const TABS: readonly TabDef[] = [
  { key: 'home', text: '首页', path: '/pages/index/index' },
  { key: 'mall', text: '积分商城', path: '/pages/mall/index' },
  { key: 'me', text: '我的', path: '/pages/me/index' },
  { key: 'admin', text: '管理', path: '/pages/admin/index', operatorOnly: true },
];

/**
 * The highlighted tab. WeChat gives every tab page its own tab bar instance, so the page that
 * is shown says which tab it is (in useDidShow) and all instances follow.
 */
let active: TabKey = 'home';
const listeners = new Set<(key: TabKey) => void>();

export function setActiveTab(key: TabKey): void {
  if (key === active) return;
  active = key;
  listeners.forEach((listener) => listener(key));
}

export function useActiveTab(): TabKey {
  const [key, setKey] = useState(active);
  useEffect(() => {
    setKey(active);
    listeners.add(setKey);
    return () => {
      listeners.delete(setKey);
    };
  }, []);
  return key;
}
