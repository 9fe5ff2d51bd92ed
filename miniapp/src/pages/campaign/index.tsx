import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { nextCampaignDay, shanghaiDay, weekdayOf, type CampaignDto, type GoodsDto } from '@jifen/shared';
import { getCampaign } from '../../api/campaigns';
import { listGoods } from '../../api/catalog';
import { EmptyState } from '../../components/EmptyState';
import { GoodsCard } from '../../components/GoodsCard';
import { Gift } from '../../components/Icon';
import { useShare } from '../../hooks/useShare';
import { openGoods } from '../../utils/routes';
import './index.scss';

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** 「12月4日 周五」 */
function dayText(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 ${WEEKDAYS[weekdayOf(day)]}`;
}

type State = { status: 'loading' } | { status: 'gone' } | { status: 'ready'; campaign: CampaignDto; goods: GoodsDto[] };

/** 积分活动: what a running campaign gives, on which days, and (for bonus points) on which goods. */
export default function CampaignPage() {
  useShare();
  const id = Number(useRouter().params.id);
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    if (!id) return setState({ status: 'gone' });
    getCampaign(id).then(
      async (campaign) => {
        void Taro.setNavigationBarTitle({ title: campaign.name });
        const wanted = new Set(campaign.goodsIds);
        const goods = campaign.kind === 'bonus' ? (await listGoods().catch(() => [])).filter((g) => wanted.has(g.id)) : [];
        setState({ status: 'ready', campaign, goods });
      },
      () => setState({ status: 'gone' }),
    );
  }, [id]);

  if (state.status === 'loading') return <View className='campaign'><Text className='campaign__loading'>加载中…</Text></View>;
  if (state.status === 'gone') {
    return (
      <View className='campaign'>
        <EmptyState icon={<Gift size={36} color='#ff8a3d' />} title='活动已结束' description='去积分商城看看其他好礼'
          action={<Button className='campaign__go' onClick={() => void Taro.switchTab({ url: '/pages/mall/index' })}>去积分商城</Button>} />
      </View>
    );
  }

  const { campaign: c, goods } = state;
  const today = shanghaiDay(new Date());
  const next = c.activeToday ? today : nextCampaignDay(c, today);
  return (
    <View className='campaign'>
      <View className='campaign__hero'>
        <Text className='campaign__name'>{c.name}</Text>
        <Text className='campaign__summary'>{c.summary}</Text>
        <Text className='campaign__dates'>活动时间 {c.startsOn.replace(/-/g, '.')} – {c.endsOn.replace(/-/g, '.')}</Text>
        <Text className={`campaign__today${c.activeToday ? ' campaign__today--on' : ''}`}>
          {c.activeToday ? '今天下单即享' : next ? `下个活动日 ${dayText(next)}` : '活动已无活动日'}
        </Text>
      </View>
      <View className='campaign__card'>
        <Text className='campaign__label'>怎么得积分</Text>
        <Text className='campaign__rule'>
          {c.kind === 'multiplier'
            ? '活动日支付的订单，消费积分按倍数计算（与会员等级倍数相乘，多个翻倍活动取最高）。'
            : '活动日购买下列商品，每件额外赠送积分。'}
        </Text>
        <Text className='campaign__rule'>积分在确认收货后到账，退款的订单不计。</Text>
      </View>
      {c.kind === 'bonus' && (
        <View className='campaign__goods'>
          {goods.length === 0 ? <Text className='campaign__loading'>活动商品暂时都已下架</Text>
            : goods.map((g) => <GoodsCard key={g.id} goods={g} onClick={() => openGoods(g.id)} />)}
        </View>
      )}
      {c.kind === 'multiplier' && (
        <View className='campaign__bar'>
          <Button className='campaign__go' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>去逛逛</Button>
        </View>
      )}
    </View>
  );
}
