import Taro from '@tarojs/taro';
import type { OrderDto } from '@jifen/shared';
import { cancelOrder, confirmOrder } from '../../api/orders';

/**
 * The member's order actions with their confirm dialogs, shared by 我的订单 and 订单详情.
 * Each resolves to the updated order, or null when the member backed out or it failed
 * (the request layer showed why).
 */
export async function cancelWithConfirm(order: OrderDto): Promise<OrderDto | null> {
  const refund = order.status === 'paid';
  const { confirm } = await Taro.showModal({
    title: refund ? '申请退款' : '取消订单',
    content: refund ? '订单尚未发货，将全额退款，使用的积分和优惠券会退回。确定申请退款吗？' : '取消后优惠券和积分会退回，确定取消订单吗？',
    confirmText: refund ? '申请退款' : '取消订单',
    cancelText: '再想想',
    confirmColor: '#ff5a1f',
  });
  if (!confirm) return null;
  try {
    const next = await cancelOrder(order.id);
    void Taro.showToast({ title: refund ? '已退款' : '订单已取消', icon: 'none' });
    return next;
  } catch {
    return null;
  }
}

export async function confirmReceipt(order: OrderDto): Promise<OrderDto | null> {
  const { confirm } = await Taro.showModal({
    title: '确认收货',
    content: order.earnPoints > 0 ? `确认已收到商品？确认后 ${order.earnPoints} 积分将到账。` : '确认已收到商品？',
    confirmText: '确认收货',
    confirmColor: '#ff5a1f',
  });
  if (!confirm) return null;
  try {
    const next = await confirmOrder(order.id);
    void Taro.showToast({ title: next.earnPoints > 0 ? `收货成功，${next.earnPoints} 积分已到账` : '收货成功', icon: 'none' });
    return next;
  } catch {
    return null;
  }
}

export const EARN_STATE_LABELS: Record<OrderDto['earnState'], string> = {
  none: '',
  pending: '待到账',
  confirmed: '已到账',
  cancelled: '已取消',
};

export const PAY_CHANNEL_LABELS: Record<NonNullable<OrderDto['payChannel']>, string> = {
  wechat: '微信支付',
  sandbox: '沙箱支付（测试）',
  none: '优惠券/积分全额抵扣',
};
