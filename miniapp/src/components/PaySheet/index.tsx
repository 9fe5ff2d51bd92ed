import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { runPayment, type PayResult } from '../../platform/pay';
import { Price } from '../Price';
import { Sheet } from '../Sheet';
import './index.scss';

/**
 * The pay flow with its UI: the sandbox confirm sheet (clearly labelled as a test payment),
 * toasts for failures, and on success 订单详情 with its success state (?paid=1). Pages render
 * `sheet` and call `pay(orderId, payFen)`.
 */
export function usePayFlow(options: { redirect?: boolean } = {}) {
  const [asking, setAsking] = useState<{ payFen: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const answer = useRef<((ok: boolean) => void) | null>(null);

  const settle = (ok: boolean) => {
    setAsking(null);
    answer.current?.(ok);
    answer.current = null;
  };

  const pay = async (orderId: number, payFen: number): Promise<PayResult> => {
    if (busy) return { status: 'cancelled' };
    setBusy(true);
    try {
      const result = await runPayment(
        orderId,
        () =>
          new Promise<boolean>((resolve) => {
            answer.current = resolve;
            setAsking({ payFen });
          }),
      );
      if (result.status === 'failed') void Taro.showToast({ title: result.message, icon: 'none', duration: 2500 });
      if (result.status === 'cancelled') void Taro.showToast({ title: '已取消支付，可在订单中继续支付', icon: 'none' });
      if (result.status === 'paid') {
        const url = `/pages/order/index?id=${orderId}&paid=1`;
        void (options.redirect ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }));
      }
      return result;
    } finally {
      setBusy(false);
    }
  };

  const sheet = (
    <Sheet open={asking !== null} title='沙箱支付（测试环境）' onClose={() => settle(false)} className='pay-sandbox'>
      <View className='pay-sandbox__body'>
        <Text className='pay-sandbox__badge'>测试环境</Text>
        <Text className='pay-sandbox__note'>沙箱支付（测试环境，不会真实扣款）</Text>
        <View className='pay-sandbox__amount'>
          <Text className='pay-sandbox__label'>需支付</Text>
          <Price fen={asking?.payFen ?? 0} size='lg' className='pay-sandbox__price' />
        </View>
        <Button className='pay-sandbox__confirm' onClick={() => settle(true)}>
          确认支付
        </Button>
        <Text className='pay-sandbox__cancel' onClick={() => settle(false)}>
          暂不支付
        </Text>
      </View>
    </Sheet>
  );

  return { pay, sheet, busy };
}
