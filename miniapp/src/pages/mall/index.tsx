import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { POINTS_PER_YUAN_CASH, type GoodsDto } from '@jifen/shared';
import { listGoods } from '../../api/catalog';
import { EmptyState } from '../../components/EmptyState';
import { Gift } from '../../components/Icon';
import { TabBarSlot } from '../../components/TabBar';
import { useShare } from '../../hooks/useShare';
import { session, useSession } from '../../store/session';
import { PointsGoodsCard } from './PointsGoodsCard';
import './index.scss';

type PointsGoods = GoodsDto & { pointsPrice: number };

const PERKS = ['积分当钱花', '好物随心兑', '会员日翻倍'];

export default function MallPage() {
  useShare();
  const { status, member } = useSession();
  const [goods, setGoods] = useState<PointsGoods[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    listGoods().then(
      (all) => setGoods(all.filter((g): g is PointsGoods => g.pointsPrice !== null)),
      () => setFailed(true),
    );
  }, []);

  // Points change elsewhere (orders, check-in): show the current balance each time.
  useDidShow(() => {
    void session.refresh();
  });

  const redeem = () => void Taro.showToast({ title: '兑换功能即将开放', icon: 'none' });

  return (
    <View className='mall'>
      <View className='mall__hero'>
        <View className='mall__wallet'>
          <View className='mall__wallet-main'>
            <Text className='mall__wallet-label'>我的积分 · {POINTS_PER_YUAN_CASH} 积分可抵 1 元</Text>
            {member ? (
              <View className='mall__wallet-points'>
                <Text className='mall__wallet-value mall-points-available'>{member.points.available}</Text>
                {member.points.pending > 0 && (
                  <Text className='mall__wallet-pending'>待入账 {member.points.pending}</Text>
                )}
              </View>
            ) : (
              <Text className='mall__wallet-login' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
                {status === 'loading' ? '正在加载…' : '登录查看积分 ›'}
              </Text>
            )}
          </View>
          <View className='mall__wallet-badge'>
            <Gift size={28} color='#ffd88a' />
          </View>
        </View>
        <View className='mall__perks'>
          {PERKS.map((perk) => (
            <Text className='mall__perk' key={perk}>
              {perk}
            </Text>
          ))}
        </View>
      </View>

      <View className='mall__section'>
        <Text className='mall__section-title'>积分好物</Text>
        <Text className='mall__section-hint'>用积分兑换心仪好物</Text>
      </View>

      {goods && goods.length > 0 && (
        <View className='mall__grid'>
          {goods.map((g) => (
            <PointsGoodsCard key={g.id} goods={g} onRedeem={redeem} />
          ))}
        </View>
      )}
      {goods && goods.length === 0 && <EmptyState icon={<Gift size={36} color='#ff8a3d' />} title='积分好物正在上架' description='敬请期待' />}
      {failed && <EmptyState icon={<Gift size={36} color='#ff8a3d' />} title='加载失败' description='网络不太稳定，请稍后重试' />}

      <TabBarSlot tab='mall' />
    </View>
  );
}
