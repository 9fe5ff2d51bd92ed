import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { listOrders } from '../../api/orders';
import { Refund, ToPay, ToReceive, WaitReceive } from '../../components/Icon';
import { openOrders } from '../../utils/routes';
import { useShownAgain } from '../../hooks/useShownAgain';

const SHORTCUTS = [
  { tab: 'pending', text: '待付款', Icon: ToPay, statuses: ['pending'] },
  { tab: 'paid', text: '待发货', Icon: WaitReceive, statuses: ['paid'] },
  { tab: 'shipped', text: '待收货', Icon: ToReceive, statuses: ['shipped'] },
  { tab: 'after', text: '退款/售后', Icon: Refund, statuses: ['refunding'] },
] as const;

/** Orders waiting on something, per shortcut; again each time 我的 shows. */
function useOrderCounts(memberId: number | null): Record<string, number> {
  const [counts, setCounts] = useState<Record<string, number>>({});
  const load = () => {
    if (memberId === null) return;
    listOrders(['pending', 'paid', 'shipped', 'refunding'], { silent: true }).then((orders) => {
      const next: Record<string, number> = {};
      for (const s of SHORTCUTS) next[s.tab] = orders.filter((o) => (s.statuses as readonly string[]).includes(o.status)).length;
      setCounts(next);
    }, () => undefined);
  };
  useEffect(() => {
    setCounts({});
    load();
  }, [memberId]);
  useShownAgain(load);
  return memberId === null ? {} : counts;
}

/** 我的订单 on 我的: 全部订单 and the status shortcuts with their counts. */
export function OrdersCard({ memberId }: { memberId: number | null }) {
  const counts = useOrderCounts(memberId);
  const signedIn = memberId !== null;
  return (
    <View className='me__section me-orders'>
      <View className='me-orders__head' onClick={() => openOrders(signedIn)}>
        <Text className='me__section-title me-orders__title'>我的订单</Text>
        <Text className='me-orders__all'>全部订单 ›</Text>
      </View>
      <View className='me-orders__shortcuts'>
        {SHORTCUTS.map(({ tab, text, Icon }) => (
          <View key={tab} className={`me-orders__shortcut me-orders__shortcut--${tab}`} onClick={() => openOrders(signedIn, tab)}>
            <View className='me-orders__icon'>
              <Icon size={26} color='#1f1f24' />
              {(counts[tab] ?? 0) > 0 && <Text className='me-orders__badge'>{counts[tab] > 99 ? '99+' : counts[tab]}</Text>}
            </View>
            <Text className='me-orders__text'>{text}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
