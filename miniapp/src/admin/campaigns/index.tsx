import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CampaignDto, CampaignState } from '@jifen/shared';
import { listAdminCampaigns, setCampaignStatus } from '../../api/campaigns';
import { EmptyState } from '../../components/EmptyState';
import { Star } from '../../components/Icon';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

type Tab = CampaignState | 'all';
const TABS: { tab: Tab; label: string }[] = [
  { tab: 'running', label: '进行中' },
  { tab: 'upcoming', label: '未开始' },
  { tab: 'ended', label: '已结束' },
  { tab: 'all', label: '全部' },
];

const EMPTY_TITLE: Record<Tab, string> = { running: '没有进行中的活动', upcoming: '没有未开始的活动', ended: '没有已结束的活动', all: '还没有活动' };

function badge(c: CampaignDto): string | null {
  if (c.status === 'off') return '已停用';
  if (c.state === 'running') return c.activeToday ? '今日生效' : '今日不生效';
  return null;
}

function CampaignRow({ c, onToggle }: { c: CampaignDto; onToggle: () => void }) {
  const go = () => void Taro.navigateTo({ url: `/admin/campaigns/edit?id=${c.id}` });
  const tag = badge(c);
  return (
    <View className={`admin-campaigns__item${c.status === 'off' ? ' admin-campaigns__item--off' : ''}${c.activeToday ? ' admin-campaigns__item--today' : ''}`}>
      <View className='admin-campaigns__main' onClick={go}>
        <View className='admin-campaigns__head'>
          <Text className='admin-campaigns__title'>{c.name}</Text>
          {tag && <Text className='admin-campaigns__tag'>{tag}</Text>}
        </View>
        <Text className='admin-campaigns__summary'>{c.summary}{c.kind === 'bonus' ? `（${c.goodsIds.length} 件商品）` : ''}</Text>
        <Text className='admin-campaigns__meta'>{c.startsOn} 至 {c.endsOn}</Text>
      </View>
      <View className='admin-campaigns__actions'>
        <Text className='admin-campaigns__action admin-campaigns__edit' onClick={go}>编辑</Text>
        {c.state !== 'ended' && (
          <Text className={`admin-campaigns__action admin-campaigns__toggle${c.status === 'on' ? '' : ' admin-campaigns__action--primary'}`} onClick={onToggle}>
            {c.status === 'on' ? '停用' : '启用'}
          </Text>
        )}
      </View>
    </View>
  );
}

/** 积分活动: campaigns by state, 启用/停用, 新建活动; 首页横幅 from the top. */
export default function AdminCampaignsPage() {
  const { operator, loading } = useOperator();
  const [tab, setTab] = useState<Tab>('running');
  const [items, setItems] = useState<CampaignDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    setFailed(false);
    listAdminCampaigns(tab === 'all' ? undefined : tab).then(setItems, () => setFailed(true));
  }, [operatorId, tab]);
  useEffect(load, [load]);
  useShownAgain(load);

  const toggle = async (c: CampaignDto) => {
    const next = c.status === 'on' ? 'off' : 'on';
    if (next === 'off') {
      const { confirm } = await Taro.showModal({ title: '停用活动', content: `「${c.name}」停用后，之后支付的订单不再按它得积分，它的首页横幅也会隐藏。`, confirmText: '停用' });
      if (!confirm) return;
    }
    try {
      await setCampaignStatus(c.id, next, c.version);
      void Taro.showToast({ title: next === 'on' ? '已启用' : '已停用', icon: 'none' });
    } finally {
      load();
    }
  };

  if (!operator) return <NotStaff className='admin-campaigns' loading={loading} screen='积分活动' />;

  return (
    <View className='admin-campaigns'>
      <View className='admin-campaigns__tabs'>
        {TABS.map((t) => (
          <View key={t.tab} className={`admin-campaigns__tab admin-campaigns__tab--${t.tab}${tab === t.tab ? ' admin-campaigns__tab--active' : ''}`} onClick={() => setTab(t.tab)}>
            <Text className='admin-campaigns__tab-text'>{t.label}</Text>
          </View>
        ))}
      </View>
      <Text className='admin-campaigns__hint admin-campaigns__banners-link' onClick={() => void Taro.navigateTo({ url: '/admin/banners/index' })}>
        活动日下单的积分按活动计算；多个翻倍活动取最高。首页横幅 ›
      </Text>
      <View className='admin-campaigns__list'>
        {failed ? (
          <EmptyState icon={<Star size={36} color='#ff8a3d' />} title='加载失败' description='请稍后重试' action={<Button className='admin-campaigns__retry' onClick={load}>重新加载</Button>} />
        ) : items === null ? (
          <Text className='admin-campaigns__loading'>加载中…</Text>
        ) : items.length === 0 ? (
          <EmptyState icon={<Star size={36} color='#ff8a3d' />} title={EMPTY_TITLE[tab]}
            description={tab === 'ended' ? undefined : '点下方「新建活动」：会员日积分翻倍、指定商品加赠积分'} />
        ) : (
          items.map((c) => <CampaignRow key={c.id} c={c} onToggle={() => void toggle(c)} />)
        )}
      </View>
      <View className='admin-campaigns__bar'>
        <Button className='admin-campaigns__create' onClick={() => void Taro.navigateTo({ url: '/admin/campaigns/edit' })}>＋ 新建活动</Button>
      </View>
    </View>
  );
}
