import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatYuan, POINTS_PER_YUAN_CASH, type DashboardDayDto, type DashboardDto } from '@jifen/shared';
import { getDashboard } from '../../api/reports';
import { formatPermille, formatShanghaiTime, formatTenths } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import type { ChartPoint } from './chart';
import { TrendChart } from './TrendChart';
import { useOperator } from '../useOperator';
import './index.scss';

const RANGES = [7, 30, 90] as const;
type Range = (typeof RANGES)[number];

const sum = (days: DashboardDayDto[], key: keyof DashboardDayDto) => days.reduce((n, d) => n + Number(d[key]), 0);

/** The days as chart points, one series per label; GMV in whole yuan (an axis needs no fen). */
function series(days: DashboardDayDto[], lines: [label: string, value: (d: DashboardDayDto) => number][]): ChartPoint[] {
  return lines.flatMap(([label, value]) => days.map((d) => ({ day: d.day.slice(5), value: value(d), series: label })));
}

function Card({ label, value, hint, tone = '' }: { label: string; value: string | number; hint?: string; tone?: string }) {
  return (
    <View className={`dash-card${tone ? ` dash-card--${tone}` : ''}`}>
      <Text className='dash-card__label'>{label}</Text>
      <Text className='dash-card__value'>{value}</Text>
      {hint && <Text className='dash-card__hint'>{hint}</Text>}
    </View>
  );
}

/**
 * 数据看板 (管理): members, check-ins, points, the invite funnel, coupons, orders and
 * redemptions over the last 7 / 30 / 90 Shanghai days, from the counts the server keeps per day.
 */
export default function DashboardPage() {
  const { operator, loading } = useOperator();
  const [range, setRange] = useState<Range>(7);
  const [data, setData] = useState<DashboardDto | null>(null);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    getDashboard(range).then(setData, () => undefined);
  }, [operatorId, range]);
  useEffect(load, [load]);

  if (!operator) return <NotStaff className='dash' loading={loading} screen='数据看板' />;

  const days = data?.days ?? [];
  const today = days[days.length - 1];
  const rate = days.length ? Math.round(days.reduce((n, d) => n + d.checkinRatePermille, 0) / days.length) : 0;
  const funnel = [
    ['打开链接', sum(days, 'invitesOpened')], ['注册', sum(days, 'invitesSignedUp')], ['首单', sum(days, 'invitesOrdered')], ['已奖励', sum(days, 'invitesRewarded')],
  ] as const;
  const top = Math.max(1, ...funnel.map(([, n]) => n));

  return (
    <View className='dash'>
      <View className='dash__ranges'>
        {RANGES.map((r) => (
          <Text key={r} className={`dash__range dash-range--${r}${r === range ? ' dash__range--on' : ''}`} onClick={() => setRange(r)}>近 {r} 天</Text>
        ))}
      </View>
      {!data ? (
        <Text className='dash__loading'>加载中…</Text>
      ) : (
        <>
          <Text className='dash__section'>会员</Text>
          <TrendChart id='dash-chart-members' title='新增与活跃会员' points={series(days, [['新增', (d) => d.newMembers], ['活跃', (d) => d.activeMembers], ['签到', (d) => d.checkins]])} />
          <View className='dash__grid'>
            <Card label='新增会员' value={sum(days, 'newMembers')} hint={`今日 ${today?.newMembers ?? 0}`} />
            <Card label='会员总数' value={today?.members ?? 0} />
            <Card label='日均活跃' value={formatTenths(days.length ? Math.round((sum(days, 'activeMembers') * 10) / days.length) : 0)} hint='签到、下单或兑换的会员' />
            <Card label='平均签到率' value={formatPermille(rate)} hint={`签到 ${sum(days, 'checkins')} 次`} />
          </View>

          <Text className='dash__section'>积分</Text>
          <TrendChart id='dash-chart-points' title='积分发放与使用' points={series(days, [['发放', (d) => d.pointsIssued], ['使用', (d) => d.pointsSpent], ['过期', (d) => d.pointsExpired]])} />
          <View className='dash__grid'>
            <Card label='发放' value={sum(days, 'pointsIssued')} tone='in' />
            <Card label='使用' value={sum(days, 'pointsSpent')} />
            <Card label='过期' value={sum(days, 'pointsExpired')} />
            <Card label='应付积分' value={data.outstandingPoints} hint={`折合 ¥${formatYuan(Math.floor((data.outstandingPoints * 100) / POINTS_PER_YUAN_CASH))}`} tone='owed' />
          </View>

          <Text className='dash__section'>交易</Text>
          <TrendChart id='dash-chart-gmv' kind='bar' title='每日成交额（元）' points={series(days, [['成交额', (d) => Math.round(d.gmvFen / 100)]])} />
          <View className='dash__grid'>
            <Card label='支付订单' value={sum(days, 'orders')} />
            <Card label='成交额' value={`¥${formatYuan(sum(days, 'gmvFen'))}`} />
            <Card label='优惠券 发放 / 使用' value={`${sum(days, 'couponsIssued')} / ${sum(days, 'couponsUsed')}`} hint={`带动成交 ¥${formatYuan(sum(days, 'couponGmvFen'))}`} />
            <Card label='积分兑换' value={sum(days, 'redemptions')} hint='积分商城兑换次数' />
          </View>

          <Text className='dash__section'>邀请转化</Text>
          <View className='dash__funnel'>
            {funnel.map(([label, n]) => (
              <View key={label} className='dash-funnel__row'>
                <Text className='dash-funnel__label'>{label}</Text>
                <View className='dash-funnel__bar'>
                  <View className='dash-funnel__fill' style={{ width: `${Math.max(2, Math.round((n / top) * 100))}%` }} />
                </View>
                <Text className='dash-funnel__n'>{n}</Text>
              </View>
            ))}
          </View>

          <Text className='dash__section'>每日明细</Text>
          <View className='dash__table'>
            <View className='dash-row dash-row--head'>
              <Text className='dash-row__day'>日期</Text>
              <Text className='dash-row__n'>新增</Text>
              <Text className='dash-row__n'>活跃</Text>
              <Text className='dash-row__n'>签到</Text>
              <Text className='dash-row__n'>订单</Text>
              <Text className='dash-row__gmv'>成交额</Text>
            </View>
            {[...days].reverse().map((d) => (
              <View key={d.day} className='dash-row'>
                <Text className='dash-row__day'>{d.day.slice(5)}</Text>
                <Text className='dash-row__n'>{d.newMembers}</Text>
                <Text className='dash-row__n'>{d.activeMembers}</Text>
                <Text className='dash-row__n'>{d.checkins}</Text>
                <Text className='dash-row__n'>{d.orders}</Text>
                <Text className='dash-row__gmv'>¥{formatYuan(d.gmvFen)}</Text>
              </View>
            ))}
          </View>
          <Text className='dash__note'>数据每 10 分钟统计一次{data.countedAt ? `，最近一次 ${formatShanghaiTime(data.countedAt)}` : '，尚未统计'}；按北京时间分日。</Text>
        </>
      )}
    </View>
  );
}
