import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatYuan, type ChurnListDto } from '@jifen/shared';
import { getChurn } from '../../api/reports';
import { EmptyState } from '../../components/EmptyState';
import { ShieldCheck } from '../../components/Icon';
import { formatShanghaiTime } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { SendSheet } from '../segments/SendSheet';
import { useOperator } from '../useOperator';
import './index.scss';

/**
 * 流失预警 (管理): members slipping away, why, and what they usually spend in 90 days; a tap
 * opens the member. 一键挽回 sends them a coupon, holding a random share back to measure by.
 */
export default function ChurnPage() {
  const { operator, loading } = useOperator();
  const [data, setData] = useState<ChurnListDto | null>(null);
  const [winback, setWinback] = useState(false);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    getChurn().then(setData, () => setData({ total: 0, valueAtRiskFen: 0, members: [] }));
  }, [operatorId]);
  useEffect(load, [load]);

  if (!operator) return <NotStaff className='churn' loading={loading} screen='流失预警' />;
  if (data === null) return <View className='churn'><Text className='churn__loading'>加载中…</Text></View>;

  const list = data.members;
  return (
    <View className='churn'>
      <View className='churn__summary'>
        <Text className='churn__summary-label'>有流失风险的会员</Text>
        <Text className='churn__summary-value churn-count'>{data.total} 人</Text>
        <Text className='churn__summary-hint'>按平时消费，未来 90 天约 ¥{formatYuan(data.valueAtRiskFen)} 可能流失</Text>
        {data.total > 0 && <Button className='churn__winback' onClick={() => setWinback(true)}>一键挽回</Button>}
        <Text className='churn__batches' onClick={() => void Taro.navigateTo({ url: '/admin/batches/index' })}>挽回效果 ›</Text>
      </View>
      {list.length === 0 ? (
        <EmptyState icon={<ShieldCheck size={36} color='#34b27b' />} title='暂无流失风险的会员' description='每晚 3 点根据下单间隔、签到和兑换的变化重新评估' />
      ) : (
        <View className='churn__list'>
          {list.map((c) => (
            <View key={c.memberId} className='churn-item' onClick={() => void Taro.navigateTo({ url: `/admin/members/detail?id=${c.memberId}` })}>
              <View className='churn-item__head'>
                <Text className='churn-item__name'>{c.nickname} ›</Text>
                <Text className={`churn-item__score${c.score >= 70 ? ' churn-item__score--high' : ''}`}>风险 {c.score}</Text>
              </View>
              {c.reasons.map((r) => <Text key={r} className='churn-item__reason'>· {r}</Text>)}
              <Text className='churn-item__value'>未来 90 天约 ¥{formatYuan(c.valueAtRiskFen)}{c.lastOrderAt ? ` · 最近下单 ${formatShanghaiTime(c.lastOrderAt).slice(0, 10)}` : ''}</Text>
            </View>
          ))}
        </View>
      )}
      {data.total > list.length && <Text className='churn__more'>仅列出最有价值的 {list.length} 位，一键挽回会发给全部 {data.total} 位</Text>}
      {winback && (
        <SendSheet target={{ kind: 'winback', atRisk: data.total }} onClose={() => setWinback(false)}
          onSent={() => { setWinback(false); void Taro.navigateTo({ url: '/admin/batches/index' }); }} />
      )}
    </View>
  );
}
