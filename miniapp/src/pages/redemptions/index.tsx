import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RedemptionDto } from '@jifen/shared';
import { listRedemptions } from '../../api/mall';
import { EmptyState } from '../../components/EmptyState';
import { Coupon, Gift } from '../../components/Icon';
import { useSession } from '../../store/session';
import { formatPoints, formatShanghaiTime } from '../../utils/format';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

const KIND_LABELS: Record<RedemptionDto['kind'], string> = { goods: '实物', coupon: '优惠券', virtual: '虚拟' };
const toMall = () => void Taro.switchTab({ url: '/pages/mall/index' });
const toWallet = () => void Taro.navigateTo({ url: '/pages/coupons/index?tab=available' });

const GOODS_STATUS: Partial<Record<RedemptionDto['status'], string>> = { to_pay: '待付款', to_ship: '待发货', shipped: '已发货', received: '已签收', refunded: '已退回积分' };

function copyCode(code: string): void {
  Taro.setClipboardData({ data: code }).then(() => void Taro.showToast({ title: '兑换码已复制', icon: 'none' }), () => undefined);
}

function statusText(r: RedemptionDto): string {
  return GOODS_STATUS[r.status] ?? (r.kind === 'coupon' ? '已放入卡包' : r.code ? '已发放' : '已到账');
}

/** 我的兑换: what the member redeemed in the points mall, newest first. */
export default function RedemptionsPage() {
  const { status, member } = useSession();
  const [list, setList] = useState<RedemptionDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const memberId = member?.id ?? null;

  const load = useCallback(() => {
    if (memberId === null) return;
    setFailed(false);
    listRedemptions().then(setList, () => setFailed(true));
  }, [memberId]);
  useEffect(load, [load]);
  useShownAgain(load);

  const icon = <Gift size={36} color='#ff8a3d' />;
  if (status !== 'signedIn') {
    return (
      <View className='redemptions'>
        <EmptyState icon={icon} title={status === 'loading' ? '正在加载…' : '登录后查看兑换记录'} />
      </View>
    );
  }

  return (
    <View className='redemptions'>
      {failed ? (
        <EmptyState icon={icon} title='加载失败' description='网络不太稳定，请稍后重试' action={<Button className='redemptions__action' onClick={load}>重新加载</Button>} />
      ) : list === null ? (
        <Text className='redemptions__loading'>加载中…</Text>
      ) : list.length === 0 ? (
        <EmptyState icon={icon} title='还没有兑换记录' description='积分可以兑换好物和优惠券，去积分商城看看吧' action={<Button className='redemptions__action' onClick={toMall}>去积分商城</Button>} />
      ) : (
        <View className='redemptions__list'>
          {list.map((r) => (
            <View key={r.id} className={`redemption redemption--${r.status}`}>
              <View className={`redemption__icon redemption__icon--${r.kind}`}>
                {r.kind === 'coupon' ? <Coupon size={22} color='#ff5a1f' /> : <Gift size={22} color='#b86b00' />}
              </View>
              <View className='redemption__main'>
                <View className='redemption__head'>
                  <Text className='redemption__kind'>{KIND_LABELS[r.kind]}</Text>
                  <Text className='redemption__title'>{r.title}</Text>
                </View>
                <Text className='redemption__time'>{formatShanghaiTime(r.createdAt)}</Text>
              </View>
              <View className='redemption__side'>
                <Text className='redemption__points'>−{formatPoints(r.points)}</Text>
                <Text className={`redemption__status redemption-status redemption__status--${r.status}`} onClick={r.kind === 'coupon' ? toWallet : undefined}>
                  {statusText(r)}
                  {r.kind === 'coupon' ? ' ›' : ''}
                </Text>
              </View>
              {r.code && (
                <View className='redemption__code'>
                  <Text className='redemption__code-label'>兑换码</Text>
                  <Text className='redemption__code-text' userSelect>{r.code}</Text>
                  <Text className='redemption__copy' onClick={() => copyCode(r.code!)}>复制</Text>
                </View>
              )}
            </View>
          ))}
          <Text className='redemptions__end'>— 仅显示积分商城的兑换记录 —</Text>
        </View>
      )}
    </View>
  );
}
