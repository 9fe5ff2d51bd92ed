import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { formatYuan, type OrderDto, type RefundStatus } from '@jifen/shared';
import { assetUrl } from '../../api/assets';
import { getOrder } from '../../api/orders';
import { ApiRequestError } from '../../api/request';
import { EmptyState } from '../../components/EmptyState';
import { Location, Order } from '../../components/Icon';
import { usePayFlow } from '../../components/PaySheet';
import { Price } from '../../components/Price';
import { RemindButton } from '../../components/RemindButton';
import { formatCountdown, useCountdown } from '../../hooks/useCountdown';
import { formatShanghaiTime } from '../../utils/format';
import { openGoods } from '../../utils/routes';
import { cancelWithConfirm, confirmReceipt, EARN_STATE_LABELS, PAY_CHANNEL_LABELS } from '../orders/actions';
import './index.scss';

type Load = { status: 'loading' } | { status: 'missing'; message: string } | { status: 'ready'; order: OrderDto };

const REFUND_LABELS: Record<RefundStatus, string> = { processing: '退款中', success: '退款成功', failed: '退款失败' };

/** The line under the status: what happens next. */
function StatusHint({ order }: { order: OrderDto }) {
  const left = useCountdown(order.status === 'pending' ? order.payDeadline : null);
  let text = '';
  switch (order.status) {
    case 'pending':
      text = left !== null && left > 0 ? `剩余 ${formatCountdown(left)} 自动关闭，请尽快支付` : '订单即将关闭';
      break;
    case 'paid':
      text = '商家正在备货，请耐心等待';
      break;
    case 'shipped':
      text = order.autoCompleteAt ? `${formatShanghaiTime(order.autoCompleteAt)} 将自动确认收货` : '商品已发出，请注意查收';
      break;
    case 'completed':
      text = '交易已完成，感谢您的购买';
      break;
    case 'closed':
      text = order.closeReason ?? '订单已关闭';
      break;
    case 'refunding':
      text = '退款处理中，原路退回';
      break;
    case 'refunded':
      text = '退款已原路退回';
      break;
  }
  return <Text className='order-detail__hint'>{text}</Text>;
}

function Row({ label, children, className = '' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`order-detail__row ${className}`}>
      <Text className='order-detail__row-label'>{label}</Text>
      <View className='order-detail__row-value'>{children}</View>
    </View>
  );
}

const copy = (text: string) => void Taro.setClipboardData({ data: text });

export default function OrderPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const justPaid = params.paid === '1';
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const { pay, sheet } = usePayFlow({ redirect: true });

  const reload = () => {
    if (!Number.isInteger(id) || id <= 0) {
      setLoad({ status: 'missing', message: '订单不存在' });
      return;
    }
    getOrder(id).then(
      (order) => setLoad({ status: 'ready', order }),
      (error) =>
        setLoad((l) =>
          l.status === 'ready'
            ? l
            : { status: 'missing', message: error instanceof ApiRequestError && error.status === 404 ? '订单不存在' : '订单加载失败，请稍后重试' },
        ),
    );
  };
  useEffect(reload, [id]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) reload();
    shown.current = true;
  });

  if (load.status !== 'ready') {
    return (
      <View className='order-detail'>
        {load.status === 'loading' ? (
          <View className='order-detail__header order-detail__header--loading' />
        ) : (
          <EmptyState icon={<Order size={36} color='#ff8a3d' />} title={load.message} />
        )}
      </View>
    );
  }

  const { order } = load;
  const set = (next: OrderDto | null) => next && setLoad({ status: 'ready', order: next });
  const pieces = order.lines.reduce((s, l) => s + l.quantity, 0);
  const showSuccess = justPaid && order.paidAt !== null && (order.status === 'paid' || order.status === 'shipped');
  const hasActions = order.status === 'pending' || order.status === 'paid' || order.status === 'shipped';

  return (
    <View className={`order-detail${hasActions ? ' order-detail--with-bar' : ''}`}>
      <View className={`order-detail__header order-detail__header--${order.status}`}>
        <Text className='order-detail__status'>{showSuccess ? '支付成功' : order.statusLabel}</Text>
        {showSuccess ? (
          <>
            <Text className='order-detail__hint order-detail__success'>
              {order.earnPoints > 0 ? `${order.earnPoints} 积分待到账，确认收货后到账` : '商家将尽快为您发货'}
            </Text>
            {/* Where a shopper goes next after paying: their orders, or on shopping. */}
            <View className='order-detail__next'>
              <Text className='order-detail__next-btn order-detail__to-orders' onClick={() => void Taro.redirectTo({ url: '/pages/orders/index?tab=paid' })}>查看订单</Text>
              <Text className='order-detail__next-btn order-detail__to-home' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>返回首页</Text>
            </View>
          </>
        ) : (
          <StatusHint order={order} />
        )}
      </View>

      {showSuccess && (
        <RemindButton
          kinds={order.earnPoints > 0 ? ['order_shipped', 'points_arrived'] : ['order_shipped']}
          label={order.earnPoints > 0 ? '发货和积分到账时提醒我' : '发货时提醒我'}
          reason='订单发货、积分到账时通知你'
          done='已开启订单提醒'
          className='order-detail__remind'
        />
      )}

      {(order.expressCompany || order.trackingNo) && (
        <View className='order-detail__card order-detail__logistics'>
          <Text className='order-detail__card-title'>物流信息</Text>
          <Row label='快递公司'>
            <Text className='order-detail__express'>{order.expressCompany ?? '—'}</Text>
          </Row>
          <Row label='运单号'>
            <Text className='order-detail__tracking'>{order.trackingNo ?? '—'}</Text>
            {order.trackingNo && (
              <Text className='order-detail__copy' onClick={() => copy(order.trackingNo!)}>
                复制
              </Text>
            )}
          </Row>
        </View>
      )}

      <View className='order-detail__card order-detail__address'>
        <Location size={20} color='#ff5a1f' className='order-detail__address-icon' />
        <View className='order-detail__address-main'>
          <View className='order-detail__address-who'>
            <Text className='order-detail__address-name'>{order.address.name}</Text>
            <Text className='order-detail__address-phone'>{order.address.phone}</Text>
          </View>
          <Text className='order-detail__address-full'>{order.address.full}</Text>
        </View>
      </View>

      <View className='order-detail__card'>
        {order.lines.map((line) => (
          <View className='order-line' key={line.id} onClick={() => openGoods(line.goodsId)}>
            <Image className='order-line__image' src={assetUrl(line.image)} mode='aspectFill' />
            <View className='order-line__main'>
              <Text className='order-line__title'>{line.title}</Text>
              <Text className='order-line__sku'>{line.skuName}</Text>
              {line.refundedQuantity > 0 && <Text className='order-line__refunded'>已退 {line.refundedQuantity} 件</Text>}
            </View>
            <View className='order-line__side'>
              <Price fen={line.priceFen} size='sm' />
              <Text className='order-line__qty'>×{line.quantity}</Text>
            </View>
          </View>
        ))}
        <View className='order-detail__sums'>
          <Row label={`商品金额（共 ${pieces} 件）`}>
            <Text>¥{formatYuan(order.goodsFen)}</Text>
          </Row>
          {order.couponFen > 0 && (
            <Row label={`优惠券${order.couponName ? `（${order.couponName}）` : ''}`}>
              <Text className='order-detail__minus order-detail__coupon'>-¥{formatYuan(order.couponFen)}</Text>
            </Row>
          )}
          {order.pointsFen > 0 && (
            <Row label={`积分抵扣（${order.points} 积分）`}>
              <Text className='order-detail__minus order-detail__points'>-¥{formatYuan(order.pointsFen)}</Text>
            </Row>
          )}
          <Row label={order.status === 'pending' ? '需付款' : '实付款'} className='order-detail__row--total'>
            <Price fen={order.payFen} className='order-detail__pay' />
          </Row>
          {order.refundedFen > 0 && (
            <Row label='已退款'>
              <Text className='order-detail__refunded'>¥{formatYuan(order.refundedFen)}</Text>
            </Row>
          )}
        </View>
        {order.earnPoints > 0 && order.earnState !== 'none' && (
          <View className={`order-detail__earn order-detail__earn--${order.earnState}`}>
            <Text className='order-detail__earn-text'>本单获得 {order.earnPoints} 积分</Text>
            <Text className='order-detail__earn-state'>{EARN_STATE_LABELS[order.earnState]}</Text>
          </View>
        )}
      </View>

      {order.refunds.length > 0 && (
        <View className='order-detail__card order-detail__refunds'>
          <Text className='order-detail__card-title'>退款记录</Text>
          {order.refunds.map((r) => (
            <View className='order-refund' key={r.id}>
              <View className='order-refund__head'>
                <Text className='order-refund__amount'>退款 ¥{formatYuan(r.amountFen)}</Text>
                <Text className={`order-refund__status order-refund__status--${r.status}`}>{REFUND_LABELS[r.status]}</Text>
              </View>
              {r.points > 0 && <Text className='order-refund__note'>退回抵现积分 {r.points}</Text>}
              {r.earnedPointsTaken > 0 && <Text className='order-refund__note'>扣回购物积分 {r.earnedPointsTaken}</Text>}
              <Text className='order-refund__note'>
                {r.reason ? `${r.reason} · ` : ''}
                {formatShanghaiTime(r.createdAt)}
              </Text>
            </View>
          ))}
        </View>
      )}

      <View className='order-detail__card order-detail__info'>
        <Row label='订单编号'>
          <Text className='order-detail__order-no'>{order.orderNo}</Text>
          <Text className='order-detail__copy' onClick={() => copy(order.orderNo)}>
            复制
          </Text>
        </Row>
        <Row label='下单时间'>
          <Text>{formatShanghaiTime(order.createdAt)}</Text>
        </Row>
        {order.paidAt && (
          <Row label='支付时间'>
            <Text>{formatShanghaiTime(order.paidAt)}</Text>
          </Row>
        )}
        {order.payChannel && (
          <Row label='支付方式'>
            <Text>{PAY_CHANNEL_LABELS[order.payChannel]}</Text>
          </Row>
        )}
        {order.shippedAt && (
          <Row label='发货时间'>
            <Text>{formatShanghaiTime(order.shippedAt)}</Text>
          </Row>
        )}
        {order.completedAt && (
          <Row label='完成时间'>
            <Text>{formatShanghaiTime(order.completedAt)}</Text>
          </Row>
        )}
        {order.closedAt && (
          <Row label='关闭时间'>
            <Text>{formatShanghaiTime(order.closedAt)}</Text>
          </Row>
        )}
        {order.remark && (
          <Row label='订单备注'>
            <Text>{order.remark}</Text>
          </Row>
        )}
      </View>

      {hasActions && (
        <View className='order-detail__bar'>
          {order.status === 'pending' && (
            <>
              <Text className='order-detail__btn order-detail__cancel' onClick={() => void cancelWithConfirm(order).then(set)}>
                取消订单
              </Text>
              <Text className='order-detail__btn order-detail__btn--primary order-detail__pay-btn' onClick={() => void pay(order.id, order.payFen).then(reload)}>
                去支付 ¥{formatYuan(order.payFen)}
              </Text>
            </>
          )}
          {order.status === 'paid' && (
            <Text className='order-detail__btn order-detail__refund' onClick={() => void cancelWithConfirm(order).then(set)}>
              申请退款
            </Text>
          )}
          {order.status === 'shipped' && (
            <Text className='order-detail__btn order-detail__btn--primary order-detail__confirm' onClick={() => void confirmReceipt(order).then(set)}>
              确认收货
            </Text>
          )}
        </View>
      )}
      {sheet}
    </View>
  );
}
