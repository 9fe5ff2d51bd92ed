import { useEffect, useRef, useState } from 'react';
import { Image, ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { ORDER_TABS, type OrderDto } from '@jifen/shared';
import { assetUrl } from '../../api/assets';
import { listOrders } from '../../api/orders';
import { EmptyState } from '../../components/EmptyState';
import { Order } from '../../components/Icon';
import { usePayFlow } from '../../components/PaySheet';
import { Price } from '../../components/Price';
import { formatCountdown, useCountdown } from '../../hooks/useCountdown';
import { useSession } from '../../store/session';
import { openOrder } from '../../utils/routes';
import { cancelWithConfirm, confirmReceipt } from './actions';
import './index.scss';

type TabKey = (typeof ORDER_TABS)[number]['key'];
type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; orders: OrderDto[] };

function tabOf(key: string | undefined): TabKey {
  return ORDER_TABS.find((t) => t.key === key)?.key ?? 'all';
}

function PayButton({ order, onPay }: { order: OrderDto; onPay: () => void }) {
  const left = useCountdown(order.payDeadline);
  return (
    <Text
      className='order-card__btn order-card__btn--primary order-card__pay'
      onClick={(e) => {
        e.stopPropagation();
        onPay();
      }}
    >
      去支付{left !== null && left > 0 ? ` ${formatCountdown(left)}` : ''}
    </Text>
  );
}

function OrderCard(props: { order: OrderDto; onChange: (order: OrderDto) => void; onPay: (order: OrderDto) => void }) {
  const { order } = props;
  const pieces = order.lines.reduce((s, l) => s + l.quantity, 0);
  const single = order.lines.length === 1 ? order.lines[0] : null;
  const stop = (fn: () => void) => (e: { stopPropagation: () => void }) => {
    e.stopPropagation();
    fn();
  };
  const cancel = () => void cancelWithConfirm(order).then((next) => next && props.onChange(next));
  const receive = () => void confirmReceipt(order).then((next) => next && props.onChange(next));

  return (
    <View className={`order-card order-card--${order.status}`} onClick={() => openOrder(order.id)}>
      <View className='order-card__head'>
        <Text className='order-card__no'>
          {order.source === 'mall' && <Text className='order-card__source'>积分兑换</Text>}
          订单号 {order.orderNo}
        </Text>
        <Text className={`order-card__status order-card__status--${order.status}`}>{order.statusLabel}</Text>
      </View>
      <View className='order-card__lines'>
        {single ? (
          <View className='order-card__single'>
            <Image className='order-card__image' src={assetUrl(single.image)} mode='aspectFill' />
            <View className='order-card__single-main'>
              <Text className='order-card__title'>{single.title}</Text>
              <Text className='order-card__sku'>{single.skuName}</Text>
            </View>
            <Text className='order-card__qty'>×{single.quantity}</Text>
          </View>
        ) : (
          <ScrollView scrollX className='order-card__images'>
            {order.lines.map((line) => (
              <Image key={line.id} className='order-card__image' src={assetUrl(line.image)} mode='aspectFill' />
            ))}
          </ScrollView>
        )}
      </View>
      <View className='order-card__total'>
        <Text className='order-card__pieces'>共 {pieces} 件</Text>
        <Text className='order-card__paid-label'>{order.status === 'pending' ? '需付款' : '实付'}</Text>
        <Price fen={order.payFen} size='sm' className='order-card__pay-fen' />
      </View>
      <View className='order-card__actions'>
        {order.status === 'pending' && (
          <>
            <Text className='order-card__btn order-card__cancel' onClick={stop(cancel)}>
              取消订单
            </Text>
            <PayButton order={order} onPay={() => props.onPay(order)} />
          </>
        )}
        {order.status === 'paid' && (
          <Text className='order-card__btn order-card__cancel' onClick={stop(cancel)}>
            申请退款
          </Text>
        )}
        {order.status === 'shipped' && (
          <Text className='order-card__btn order-card__btn--primary order-card__confirm' onClick={stop(receive)}>
            确认收货
          </Text>
        )}
        {order.status !== 'pending' && order.status !== 'shipped' && (
          <Text className='order-card__btn order-card__detail' onClick={stop(() => openOrder(order.id))}>
            查看详情
          </Text>
        )}
      </View>
    </View>
  );
}

const EMPTY_TEXT: Record<TabKey, string> = {
  all: '还没有订单',
  pending: '没有待付款的订单',
  paid: '没有待发货的订单',
  shipped: '没有待收货的订单',
  after: '没有退款/售后订单',
};

export default function OrdersPage() {
  const { params } = useRouter();
  const [tab, setTab] = useState<TabKey>(tabOf(params.tab));
  const { status } = useSession();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const { pay, sheet } = usePayFlow();
  const seq = useRef(0);

  const reload = (key: TabKey = tab) => {
    if (status !== 'signedIn') return Promise.resolve();
    const mine = ++seq.current;
    const statuses = ORDER_TABS.find((t) => t.key === key)?.statuses ?? [];
    return listOrders(statuses).then(
      (orders) => mine === seq.current && setLoad({ status: 'ready', orders }),
      () => mine === seq.current && setLoad({ status: 'error' }),
    );
  };

  useEffect(() => {
    setLoad({ status: 'loading' });
    void reload(tab);
  }, [tab, status]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  const replace = (next: OrderDto) => {
    if (load.status !== 'ready') return;
    const statuses = ORDER_TABS.find((t) => t.key === tab)?.statuses ?? [];
    const keep = statuses.length === 0 || (statuses as readonly string[]).includes(next.status);
    setLoad({ status: 'ready', orders: keep ? load.orders.map((o) => (o.id === next.id ? next : o)) : load.orders.filter((o) => o.id !== next.id) });
  };

  return (
    <View className='orders'>
      <View className='orders__tabs'>
        {ORDER_TABS.map((t) => (
          <View key={t.key} className={`orders__tab orders__tab--${t.key}${t.key === tab ? ' orders__tab--active' : ''}`} onClick={() => setTab(t.key)}>
            <Text className='orders__tab-text'>{t.label}</Text>
          </View>
        ))}
      </View>

      <View className='orders__list'>
        {load.status === 'loading' && [0, 1].map((i) => <View key={i} className='order-card order-card--skeleton' />)}
        {load.status === 'ready' &&
          load.orders.map((order) => (
            <OrderCard key={order.id} order={order} onChange={replace} onPay={(o) => void pay(o.id, o.payFen).then(() => reload())} />
          ))}
      </View>

      {status === 'signedOut' && <EmptyState icon={<Order size={36} color='#ff8a3d' />} title='登录后查看订单' />}
      {load.status === 'ready' && load.orders.length === 0 && (
        <EmptyState
          icon={<Order size={36} color='#ff8a3d' />}
          title={EMPTY_TEXT[tab]}
          description='去首页逛逛，消费还能得积分'
          action={
            <Text className='orders__go' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
              去逛逛
            </Text>
          }
        />
      )}
      {load.status === 'error' && (
        <EmptyState
          icon={<Order size={36} color='#ff8a3d' />}
          title='订单加载失败'
          description='网络不太稳定，请稍后重试'
          action={
            <Text className='orders__go' onClick={() => void reload()}>
              重新加载
            </Text>
          }
        />
      )}
      {sheet}
    </View>
  );
}
