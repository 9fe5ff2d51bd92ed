import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { discount, multiplier, progressPct, useTierInfo } from '../../components/TierProgress';
import { useSession } from '../../store/session';
import './index.scss';

/** 会员等级: the member's growth and every tier's threshold, points multiplier and mall discount. */
export default function TiersPage() {
  const { status, member } = useSession();
  const info = useTierInfo(status === 'signedIn' && member ? member.id : null);

  useEffect(() => {
    if (status === 'signedOut') void Taro.switchTab({ url: '/pages/me/index' });
  }, [status]);

  if (!info) {
    return (
      <View className='tiers'>
        <View className='tiers__loading'>加载中…</View>
      </View>
    );
  }

  const pct = progressPct(info);
  return (
    <View className='tiers'>
      <View className='tiers__hero'>
        <Text className='tiers__current'>{info.label}</Text>
        <Text className='tiers__growth'>
          近 12 个月成长值 <Text className='tiers__growth-value'>{info.growth}</Text>
        </Text>
        <View className='tiers__bar'>
          <View className='tiers__fill' style={{ width: `${pct}%` }} />
        </View>
        <Text className='tiers__next'>{info.next ? `再消费 ${info.next.need} 元升级为 ${info.next.label}` : '已是最高等级'}</Text>
      </View>

      <View className='tiers__card'>
        <View className='tiers__table-head'>
          <Text className='tiers__col tiers__col--name'>等级</Text>
          <Text className='tiers__col'>成长值</Text>
          <Text className='tiers__col'>积分倍数</Text>
          <Text className='tiers__col'>商城折扣</Text>
        </View>
        {info.tiers.map((tier) => (
          <View className={`tier-row${tier.tier === info.tier ? ' tier-row--current' : ''}`} key={tier.tier}>
            <View className='tiers__col tiers__col--name'>
              <Text className={`tier-row__gem tier-row__gem--${tier.tier}`}>◆</Text>
              <Text className='tier-row__label'>{tier.label}</Text>
              {tier.tier === info.tier && <Text className='tier-row__now'>当前</Text>}
            </View>
            <Text className='tiers__col tier-row__growth'>{tier.minGrowth === 0 ? '注册即得' : `≥ ${tier.minGrowth}`}</Text>
            <Text className='tiers__col tier-row__multiplier'>{multiplier(tier.multiplierPct)} 倍</Text>
            <Text className='tiers__col tier-row__discount'>{tier.mallDiscountPct > 0 ? `${discount(tier.mallDiscountPct)} 折` : '—'}</Text>
          </View>
        ))}
      </View>

      {info.benefits.length > 0 && (
        <View className='tiers__card tiers__benefits'>
          <Text className='tiers__section'>我的权益</Text>
          {info.benefits.map((benefit) => (
            <Text className='tiers__benefit' key={benefit}>
              ✓ {benefit}
            </Text>
          ))}
        </View>
      )}

      <Text className='tiers__rules'>成长值为近 12 个月已完成订单的实付金额（元）。达到门槛即时升级，降级在每月初按近 12 个月成长值重新评定。</Text>
    </View>
  );
}
