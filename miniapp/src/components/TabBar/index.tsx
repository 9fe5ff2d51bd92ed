import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { isOperator } from '@jifen/shared';
import { Gift, Home, HomeF, Setting, SettingF, User, UserF } from '../Icon';
import { useSession } from '../../store/session';
import { refreshUnread, useUnread } from '../../store/unread';
import { platform } from '../../platform';
import { setActiveTab, TABS, useActiveTab, type TabDef, type TabKey } from './tabs';
import './index.scss';

export type { TabKey } from './tabs';

const ACTIVE = '#ff5a1f';
const IDLE = '#9a9ca3';

function TabIcon({ tab, selected }: { tab: TabKey; selected: boolean }) {
  const props = { size: 22, color: selected ? ACTIVE : IDLE, className: 'tab-bar__icon' };
  switch (tab) {
    case 'home':
      return selected ? <HomeF {...props} /> : <Home {...props} />;
    case 'mall':
      return <Gift {...props} />;
    case 'me':
      return selected ? <UserF {...props} /> : <User {...props} />;
    case 'admin':
      return selected ? <SettingF {...props} /> : <Setting {...props} />;
  }
}

function go(tab: TabDef, current: TabKey): void {
  if (tab.key === current) return;
  setActiveTab(tab.key);
  void Taro.switchTab({ url: tab.path });
}

/**
 * The bottom tab bar. 管理 appears only for owners and operators; everyone else (and
 * signed-out visitors) sees three tabs. `current` pins the highlight when a page draws the
 * bar itself (H5); the mini-program's bar follows the shown page instead.
 */
export function TabBar({ current }: { current?: TabKey }) {
  const { member } = useSession();
  const followed = useActiveTab();
  const selected = current ?? followed;
  const canManage = member !== null && isOperator(member.role);
  const unread = useUnread();
  const tabs = TABS.filter((tab) => !tab.operatorOnly || canManage);

  return (
    <View className='tab-bar'>
      {tabs.map((tab) => {
        const on = tab.key === selected;
        return (
          <View
            key={tab.key}
            className={`tab-bar__item tab-bar__item--${tab.key}${on ? ' tab-bar__item--active' : ''}`}
            onClick={() => go(tab, selected)}
          >
            <TabIcon tab={tab.key} selected={on} />
            {tab.key === 'me' && member !== null && unread > 0 && <Text className='tab-bar__badge tab-bar-unread'>{unread > 99 ? '99+' : unread}</Text>}
            <Text className='tab-bar__text'>{tab.text}</Text>
          </View>
        );
      })}
    </View>
  );
}

/**
 * Put at the end of every tab page: marks the page's tab when it is shown (and refreshes the
 * unread badge on 我的), and where the
 * platform has no custom tab bar of its own (H5) draws the bar plus a spacer under the content.
 */
export function TabBarSlot({ tab }: { tab: TabKey }) {
  useDidShow(() => {
    setActiveTab(tab);
    refreshUnread();
  });
  if (!platform.tabBarInPage) return null;
  return (
    <View className='tab-bar-spacer'>
      <TabBar current={tab} />
    </View>
  );
}
