import Taro from '@tarojs/taro';
import type { OrderDto } from '@jifen/shared';
import { ApiRequestError } from '../api/request';
import { getOrder, payOrder, paySandbox, syncOrder } from '../api/orders';

/**
 * The one pay flow, for checkout, 我的订单 and 订单详情. POST /pay says how:
 * - 'wechat': wx.requestPayment with the server's parameters (weapp only), then /sync so the
 *   server asks WeChat Pay how it stands (the notify may come later);
 * - 'sandbox': no merchant is configured (test environments): the caller's clearly labelled
 *   confirm, then POST /api/pay/sandbox/:id;
 * - 'none': coupon and points covered everything; the order is already paid.
 */
export type PayResult = { status: 'paid'; order: OrderDto } | { status: 'cancelled' } | { status: 'failed'; message: string };

const isWeapp = process.env.TARO_ENV === 'weapp';

function failed(error: unknown): PayResult {
  return { status: 'failed', message: error instanceof ApiRequestError ? error.message : '支付失败，请稍后重试' };
}

async function afterWechat(orderId: number): Promise<PayResult> {
  try {
    const order = await syncOrder(orderId);
    if (order.status === 'pending') return { status: 'failed', message: '暂未查到支付结果，请稍后在订单中查看' };
    return { status: 'paid', order };
  } catch (error) {
    return failed(error);
  }
}

/** Runs the payment of an unpaid order. `confirmSandbox` shows the sandbox sheet and says whether the member confirmed. */
export async function runPayment(orderId: number, confirmSandbox: (orderId: number) => Promise<boolean>): Promise<PayResult> {
  let how;
  try {
    how = await payOrder(orderId);
  } catch (error) {
    return failed(error);
  }
  switch (how.mode) {
    case 'none':
      return { status: 'paid', order: how.order };
    case 'sandbox': {
      if (!(await confirmSandbox(orderId))) return { status: 'cancelled' };
      try {
        return { status: 'paid', order: await paySandbox(orderId) };
      } catch (error) {
        return failed(error);
      }
    }
    case 'wechat': {
      if (!isWeapp) return { status: 'failed', message: '请在微信小程序中完成支付' };
      try {
        await Taro.requestPayment({ ...how.params });
      } catch (error) {
        const message = (error as { errMsg?: string } | undefined)?.errMsg ?? '';
        if (/cancel/i.test(message)) return { status: 'cancelled' };
        // Other failures may still have charged (a network drop after paying): ask the server.
      }
      return afterWechat(orderId);
    }
  }
}

/** The order as it stands now (after a failed or cancelled payment, to refresh a page). */
export function reloadOrder(orderId: number): Promise<OrderDto> {
  return getOrder(orderId);
}
