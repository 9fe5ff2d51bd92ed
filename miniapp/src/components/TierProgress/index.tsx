import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { earnRateLabel, type TierInfoDto } from '@jifen/shared';
import { getTier } from '../../api/members';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

/** GET /api/me/tier for the signed-in member, again each time the page shows (orders raise growth). */
export function useTierInfo(memberId: number | null): TierInfoDto | null {
  const [info, setInfo] = useState<TierInfoDto | null>(null);
  const load = () => {
    if (memberId === null) return;
    getTier().then(setInfo, () => undefined);
  };
  useEffect(() => {
    setInfo(null);
    load();
  }, [memberId]);
  useShownAgain(load);
  return memberId === null ? null : info;
}

/** Growth as a share of the next threshold, 0–100 (100 at the top tier). */
export function progressPct(info: TierInfoDto): number {
  if (!info.next) return 100;
  if (info.next.minGrowth <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round((info.growth / info.next.minGrowth) * 100)));
}

export const multiplier = (pct: number) => `${pct / 100}`;
/** 5 (percent off) as Chinese 折: 9.5. */
export const discount = (pct: number) => `${(100 - pct) / 10}`;

/**
 * 我的's dark tier card: the member's earning rate, the way to the next tier
 * (「再消费 N 元升级为 银卡会员」 and a bar) or 「已是最高等级」; a tap lists every tier.
 */
export function TierProgress({ info }: { info: TierInfoDto }) {
  const pct = progressPct(info);
  return (
    <View className='me-tier' onClick={() => void Taro.navigateTo({ url: '/pages/tiers/index' })}>
      <View className='me-tier__head'>
        <View className='me-tier__main'>
          <Text className='me-tier__title'>{info.label}权益</Text>
          <Text className='me-tier__text'>
            每消费 1 元得 {earnRateLabel(info.pointsPerYuan, info.multiplierPct)} 积分{info.mallDiscountPct > 0 ? ` · 积分商城 ${discount(info.mallDiscountPct)} 折` : ''}
          </Text>
        </View>
        <Text className='me-tier__link'>查看权益 ›</Text>
      </View>
      <View className='me-tier__progress'>
        <View className='me-tier__bar'>
          <View className='me-tier__fill' style={{ width: `${pct}%` }} />
        </View>
        <View className='me-tier__line'>
          <Text className='me-tier-progress'>{info.next ? `再消费 ${info.next.need} 元升级为 ${info.next.label}` : '已是最高等级'}</Text>
          <Text className='me-tier__growth'>{info.next ? `${info.growth} / ${info.next.minGrowth}` : `成长值 ${info.growth}`}</Text>
        </View>
      </View>
    </View>
  );
}
