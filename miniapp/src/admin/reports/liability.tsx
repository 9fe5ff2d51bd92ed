import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatYuan, SOURCE_LABELS, type EntrySource, type LiabilityDto } from '@jifen/shared';
import { getLiability, getLiabilityCsv } from '../../api/reports';
import { EmptyState } from '../../components/EmptyState';
import { Wallet } from '../../components/Icon';
import { formatPermille, formatShanghaiTime, formatSigned } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import './liability.scss';

const permille = (p: number | null) => (p === null ? '—' : formatPermille(p));

function Parts({ parts }: { parts: Partial<Record<EntrySource, number>> }) {
  const entries = Object.entries(parts).filter(([, n]) => n) as [EntrySource, number][];
  if (entries.length === 0) return <Text className='liability-month__parts'>—</Text>;
  return <Text className='liability-month__parts'>{entries.map(([s, n]) => `${SOURCE_LABELS[s]} ${n}`).join(' · ')}</Text>;
}

/**
 * 积分负债 (管理, for finance): the points members hold now and what they are worth at 100 a
 * yuan, and month by month what was issued, used and expired, with breakage; 复制表格 copies
 * the monthly table as CSV to paste into a spreadsheet or a message.
 */
export default function LiabilityPage() {
  const { operator, loading } = useOperator();
  const [report, setReport] = useState<LiabilityDto | null>(null);
  const [failed, setFailed] = useState(false);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    setFailed(false);
    getLiability().then(setReport, () => setFailed(true));
  }, [operatorId]);
  useEffect(load, [load]);

  const copy = () => {
    getLiabilityCsv().then((csv) => Taro.setClipboardData({ data: csv.replace(/^\uFEFF/, '') }))
      .then(() => void Taro.showToast({ title: '表格已复制，可粘贴到表格软件', icon: 'none' }), () => undefined);
  };

  if (!operator) return <NotStaff className='liability' loading={loading} screen='积分负债' />;
  const icon = <Wallet size={36} color='#ff8a3d' />;
  if (failed) return <View className='liability'><EmptyState icon={icon} title='加载失败' action={<Button className='liability__retry' onClick={load}>重新加载</Button>} /></View>;
  if (!report) return <View className='liability'><Text className='liability__loading'>加载中…</Text></View>;

  const o = report.outstanding;
  return (
    <View className='liability'>
      <View className='liability__hero'>
        <Text className='liability__hero-label'>会员持有积分（应付）</Text>
        <Text className='liability__hero-value liability-outstanding'>{o.points}</Text>
        <Text className='liability__hero-yuan liability-yuan'>折合 ¥{formatYuan(o.fen)}（100 积分 = 1 元）</Text>
        <View className='liability__hero-row'>
          <Text className='liability__hero-small'>待入账 {o.pending}</Text>
          <Text className='liability__hero-small'>持有积分会员 {o.members} 人</Text>
        </View>
      </View>

      <View className='liability__head'>
        <Text className='liability__title'>按月明细</Text>
        <Text className='liability__copy liability-copy' onClick={copy}>复制表格</Text>
      </View>
      {report.months.length === 0 ? (
        <EmptyState icon={icon} title='还没有积分流水' description='积分发放、使用和过期会按月汇总在这里' />
      ) : (
        report.months.map((m) => (
          <View key={m.month} className='liability-month'>
            <View className='liability-month__head'>
              <Text className='liability-month__name'>{m.month}</Text>
              <Text className='liability-month__breakage'>沉淀率 {permille(m.breakagePermille)}</Text>
            </View>
            <View className='liability-month__line'>
              <Text className='liability-month__label'>发放</Text>
              <Text className='liability-month__total liability-month__total--in'>{formatSigned(m.issuedTotal)}</Text>
            </View>
            <Parts parts={m.issued} />
            <View className='liability-month__line'>
              <Text className='liability-month__label'>使用</Text>
              <Text className='liability-month__total'>{formatSigned(-m.spentTotal)}</Text>
            </View>
            <Parts parts={m.spent} />
            <View className='liability-month__line'>
              <Text className='liability-month__label'>过期</Text>
              <Text className='liability-month__total'>{formatSigned(-m.expired)}</Text>
            </View>
            {m.reversed !== 0 && (
              <View className='liability-month__line'>
                <Text className='liability-month__label'>退回净额</Text>
                <Text className='liability-month__total'>{formatSigned(m.reversed)}</Text>
              </View>
            )}
          </View>
        ))
      )}
      <Text className='liability__note'>
        月度明细每 5 分钟汇总一次{report.totalsUpTo ? `，已汇总至 ${formatShanghaiTime(report.totalsUpTo)}` : '，尚未汇总'}；应付积分为实时数。
      </Text>
    </View>
  );
}
