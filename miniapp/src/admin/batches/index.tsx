import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { type CouponBatchDto, formatYuan, type WinbackResultDto } from '@jifen/shared';
import { listBatches } from '../../api/marketing';
import { EmptyState } from '../../components/EmptyState';
import { Coupon } from '../../components/Icon';
import { useShownAgain } from '../../hooks/useShownAgain';
import { formatPermille, formatShanghaiTime, formatTenths } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import './index.scss';

/** Tenths of a percent as points of a percent with a sign: +10.0 个百分点. */
const points = (permille: number) => `${permille > 0 ? '+' : permille < 0 ? '−' : ''}${formatTenths(Math.abs(permille))}`;

function Winback({ w }: { w: WinbackResultDto }) {
  const u = w.uplift;
  const verdict = !u ? (w.holdout.members === 0 ? '对照组为空，无法衡量效果' : '发券组为空，无法衡量效果')
    : !w.final ? `观察中，${formatShanghaiTime(w.endsAt).slice(0, 10)} 出结果（以下为目前数据）`
    : u.significant ? (u.upliftPermille > 0 ? '挽回有效：发券组回购明显更多' : '发券组回购反而更少') : '差异不显著：可能只是随机波动';
  return (
    <View className='batch__winback'>
      <Text className={`batch__verdict${w.final && u?.significant && u.upliftPermille > 0 ? ' batch__verdict--good' : ''}`}>{verdict}</Text>
      <View className='batch__arms'>
        <View className='batch__arm'>
          <Text className='batch__arm-label'>发券组 {w.treated.members} 人</Text>
          <Text className='batch__arm-rate winback-treated'>{formatPermille(w.treated.ratePermille)}</Text>
          <Text className='batch__arm-hint'>{w.treated.returned} 人 {w.days} 天内回购</Text>
        </View>
        <View className='batch__arm'>
          <Text className='batch__arm-label'>对照组 {w.holdout.members} 人</Text>
          <Text className='batch__arm-rate winback-holdout'>{formatPermille(w.holdout.ratePermille)}</Text>
          <Text className='batch__arm-hint'>{w.holdout.returned} 人回购（未发券）</Text>
        </View>
      </View>
      {u && (
        <Text className='batch__uplift winback-uplift'>
          提升 {points(u.upliftPermille)} 个百分点（95% 置信区间 {points(u.lowPermille)} ~ {points(u.highPermille)}）
        </Text>
      )}
    </View>
  );
}

/** 发券记录与效果 (管理): each targeted send and win-back with issued, used, use rate, GMV; a win-back's return rates against its hold-out. */
export default function BatchesPage() {
  const { operator, loading } = useOperator();
  const [list, setList] = useState<CouponBatchDto[] | null>(null);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    listBatches().then(setList, () => setList([]));
  }, [operatorId]);
  useEffect(load, [load]);
  useShownAgain(load);

  if (!operator) return <NotStaff className='batches' loading={loading} screen='发券记录' />;
  if (list === null) return <View className='batches'><Text className='batches__loading'>加载中…</Text></View>;
  if (list.length === 0) {
    return (
      <View className='batches'>
        <EmptyState icon={<Coupon size={36} color='#ff5a1f' />} title='还没有定向发券' description='在「分群与标签」中点一个分群或标签发券，或在「流失预警」中一键挽回' />
      </View>
    );
  }
  return (
    <View className='batches'>
      {list.map((b) => (
        <View key={b.id} className={`batch batch--${b.kind}`}>
          <View className='batch__head'>
            <Text className='batch__title'>{b.kind === 'winback' ? '流失挽回' : `定向 · ${b.tagName ?? '已删除的标签'}`}</Text>
            <Text className={`batch__status batch__status--${b.status}`}>{b.status === 'sending' ? '发送中' : '已发完'}</Text>
          </View>
          <Text className='batch__template'>{b.templateName} · {formatShanghaiTime(b.createdAt)}{b.createdBy ? ` · ${b.createdBy}` : ''}</Text>
          <View className='batch__numbers'>
            <View className='batch__number'><Text className='batch__value batch-issued'>{b.issued}</Text><Text className='batch__label'>已发{b.skipped ? `（跳过 ${b.skipped}）` : ''}</Text></View>
            <View className='batch__number'><Text className='batch__value'>{b.used}</Text><Text className='batch__label'>已使用</Text></View>
            <View className='batch__number'><Text className='batch__value'>{formatPermille(b.useRatePermille)}</Text><Text className='batch__label'>使用率</Text></View>
            <View className='batch__number'><Text className='batch__value'>¥{formatYuan(b.gmvFen)}</Text><Text className='batch__label'>带来成交</Text></View>
          </View>
          <Text className='batch__per'>每张券带来 ¥{formatYuan(b.gmvPerCouponFen)}</Text>
          {b.winback && <Winback w={b.winback} />}
        </View>
      ))}
    </View>
  );
}
