import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro';
import type { PointsBalanceDto, PointsEntryDto } from '@jifen/shared';
import { getPointsBalance } from '../../api/points';
import { EmptyState } from '../../components/EmptyState';
import { Clock, Wallet } from '../../components/Icon';
import { RemindButton } from '../../components/RemindButton';
import { useSession } from '../../store/session';
import { shanghaiDate } from '../../utils/format';
import { EntryRow } from './EntryRow';
import { FILTERS, filterOf, type FilterDef } from './filters';
import { useEntries } from './useEntries';
import './index.scss';

const toMall = () => void Taro.switchTab({ url: '/pages/mall/index' });

/** Entries grouped under their Shanghai month (2026年11月), keeping the newest-first order. */
function byMonth(items: PointsEntryDto[]): { month: string; items: PointsEntryDto[] }[] {
  const groups: { month: string; items: PointsEntryDto[] }[] = [];
  for (const item of items) {
    const [year, month] = shanghaiDate(item.createdAt).split('-');
    const label = `${year}年${Number(month)}月`;
    const last = groups[groups.length - 1];
    if (last?.month === label) last.items.push(item);
    else groups.push({ month: label, items: [item] });
  }
  return groups;
}

/** The balance card: available (big), pending, debt when there is any, and the next expiry. */
function BalanceCard({ available, pending, balance }: { available?: number; pending?: number; balance: PointsBalanceDto | null }) {
  const [first, ...later] = balance?.expiring ?? [];
  const laterTotal = later.reduce((sum, e) => sum + e.amount, 0);
  return (
    <View className='points__card'>
      <View className='points__card-head'>
        <Text className='points__card-label'>可用积分</Text>
        <Text className='points__card-link' onClick={toMall}>
          去兑换 ›
        </Text>
      </View>
      <Text className='points__available points-available'>{available ?? '—'}</Text>
      <View className='points__stats'>
        <Text className='points__stat'>
          待入账 <Text className='points__stat-value points-pending'>{pending ?? '—'}</Text>
        </Text>
        {balance && balance.debt > 0 && (
          <Text className='points__stat points__stat--debt points-debt'>待抵扣 {balance.debt} 分</Text>
        )}
      </View>
      {first && (
        <View className='points__expiring points-expiring' onClick={toMall}>
          <Clock size={16} color='#fff' className='points__expiring-icon' />
          <View className='points__expiring-main'>
            <Text className='points__expiring-text'>
              {first.amount} 分将于 {first.date} 过期
            </Text>
            {later.length > 0 && <Text className='points__expiring-more'>30 天内另有 {laterTotal} 分陆续到期</Text>}
          </View>
          <Text className='points__expiring-go'>去使用 ›</Text>
        </View>
      )}
    </View>
  );
}

function FilterBar({ current, onChange }: { current: FilterDef; onChange: (filter: FilterDef) => void }) {
  return (
    <View className='points-filter'>
      {FILTERS.map((filter) => (
        <View
          key={filter.key}
          className={`points-filter__item${filter.key === current.key ? ' points-filter__item--active' : ''}`}
          onClick={() => filter.key !== current.key && onChange(filter)}
        >
          <Text className='points-filter__text'>{filter.text}</Text>
        </View>
      ))}
    </View>
  );
}

function SkeletonRows() {
  return (
    <View className='points__group points__group--skeleton'>
      {[0, 1, 2, 3].map((i) => (
        <View className='points-skeleton' key={i}>
          <View className='points-skeleton__main'>
            <View className='points-skeleton__bar points-skeleton__bar--title' />
            <View className='points-skeleton__bar points-skeleton__bar--time' />
          </View>
          <View className='points-skeleton__bar points-skeleton__bar--amount' />
        </View>
      ))}
    </View>
  );
}

/**
 * 积分明细 (route `pages/points/index?filter=all|earned|spent|pending|expired`): the balance,
 * then the ledger entries newest first, filtered by tab, loaded a page at a time at the bottom.
 * Only for signed-in members: anyone else is sent to 我的 to sign in.
 */
export default function PointsPage() {
  const { status, member } = useSession();
  const router = useRouter();
  const [filter, setFilter] = useState(() => filterOf(router.params.filter));
  const [balance, setBalance] = useState<PointsBalanceDto | null>(null);
  const memberId = status === 'signedIn' && member ? member.id : null;
  const entries = useEntries(filter.kinds, memberId !== null);

  useEffect(() => {
    if (status !== 'signedOut') return;
    void Taro.showToast({ title: '请先登录', icon: 'none' });
    void Taro.switchTab({ url: '/pages/me/index' });
  }, [status]);

  const loadBalance = () => {
    if (memberId !== null) getPointsBalance({ silent: true }).then(setBalance, () => undefined);
  };
  useEffect(loadBalance, [memberId]);
  // Back from the mall or an order the balance may have moved (the first show is the load above).
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) loadBalance();
    shown.current = true;
  });

  const { items, loaded, phase, next, loadMore } = entries;
  useReachBottom(loadMore);

  // Reaching the bottom needs a scroll: while the list is shorter than the screen, keep loading.
  useEffect(() => {
    if (phase !== 'idle' || !next) return;
    const timer = setTimeout(() => {
      Taro.createSelectorQuery()
        .select('.points-footer')
        .boundingClientRect((rect) => {
          const footer = Array.isArray(rect) ? rect[0] : rect;
          if (footer && footer.top < Taro.getWindowInfo().windowHeight + 120) loadMore();
        })
        .exec();
    }, 60);
    return () => clearTimeout(timer);
  }, [phase, next, items.length, loadMore]);

  const now = Date.now();

  let body;
  if (!loaded && phase === 'error') {
    body = (
      <EmptyState
        icon={<Wallet size={36} color='#ff8a3d' />}
        title='加载失败'
        description='网络不太稳定，请稍后重试'
        action={
          <Button className='points__retry' onClick={loadMore}>
            重新加载
          </Button>
        }
      />
    );
  } else if (!loaded) {
    body = <SkeletonRows />;
  } else if (items.length === 0) {
    body = (
      <EmptyState
        icon={<Wallet size={36} color='#ff8a3d' />}
        title={filter.empty.title}
        description={filter.empty.description}
        action={
          filter.key === 'spent' || filter.key === 'expired' ? (
            <Button className='points__retry' onClick={toMall}>
              去积分商城
            </Button>
          ) : undefined
        }
      />
    );
  } else {
    body = (
      <View className='points__list'>
        {byMonth(items).map((group) => (
          <View className='points__month' key={group.month}>
            <Text className='points__month-title'>{group.month}</Text>
            <View className='points__group'>
              {group.items.map((entry) => (
                <EntryRow key={entry.id} entry={entry} now={now} />
              ))}
            </View>
          </View>
        ))}
        <View className='points-footer' onClick={phase !== 'loading' && next ? loadMore : undefined}>
          <Text className={`points-footer__text${phase === 'error' ? ' points-footer__text--error' : ''}`}>
            {phase === 'loading' ? '加载中…' : phase === 'error' ? '加载失败，点击重试' : next ? '上拉加载更多' : '没有更多了'}
          </Text>
        </View>
      </View>
    );
  }

  return (
    <View className='points'>
      <View className='points__hero'>
        <BalanceCard
          available={balance?.available ?? member?.points.available}
          pending={balance?.pending ?? member?.points.pending}
          balance={balance}
        />
      </View>
      {status === 'signedIn' && (
        <RemindButton kinds={['points_expiring']} label='过期前提醒我' reason='积分到期前 30 天和 7 天提醒你兑换' done='已开启积分过期提醒' className='points-remind' />
      )}
      <FilterBar current={filter} onChange={setFilter} />
      {status === 'signedIn' ? body : <SkeletonRows />}
    </View>
  );
}
