import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { AdminMallItemDto, MallItemFilter } from '@jifen/shared';
import { changeMallStock, listAdminMallItems, setMallItemStatus } from '../../api/mall-admin';
import { assetUrl } from '../../api/assets';
import { BottomSheet } from '../../components/BottomSheet';
import { EmptyState } from '../../components/EmptyState';
import { Gift } from '../../components/Icon';
import { shanghaiDate } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { useSend } from '../orders/OrderSheet';
import { checkDelta, StockDeltaFields, useStockDelta } from '../StockDelta';
import { useOperator } from '../useOperator';
import { KIND_LABEL, priceText } from './kinds';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

const TABS: { filter: MallItemFilter; label: string }[] = [
  { filter: 'all', label: '全部' },
  { filter: 'on', label: '兑换中' },
  { filter: 'off', label: '已下架' },
  { filter: 'sold_out', label: '已兑完' },
];

function windowText(i: AdminMallItemDto): string | null {
  if (!i.startsAt && !i.endsAt) return null;
  return `${i.startsAt ? shanghaiDate(i.startsAt) : '即日'} 至 ${i.endsAt ? shanghaiDate(i.endsAt) : '长期'}`;
}

function ItemRow({ i, onStock, onToggle }: { i: AdminMallItemDto; onStock: () => void; onToggle: () => void }) {
  const go = () => void Taro.navigateTo({ url: `/admin/mall/edit?id=${i.id}` });
  const window = windowText(i);
  return (
    <View className={`admin-mall__item admin-mall__item--${i.kind}${i.status === 'off' ? ' admin-mall__item--off' : ''}`}>
      <View className='admin-mall__main' onClick={go}>
        <Image className='admin-mall__image' src={assetUrl(i.image)} mode='aspectFill' />
        <View className='admin-mall__info'>
          <Text className='admin-mall__title'>{i.title}</Text>
          <Text className='admin-mall__meta'>
            {KIND_LABEL[i.kind]}{i.goodsTitle ? ` · ${i.goodsTitle}` : ''}{i.couponTemplateName ? ` · ${i.couponTemplateName}` : ''} · 已兑 {i.redeemed}
            {i.perMemberLimit ? ` · 每人限 ${i.perMemberLimit}` : ''}
          </Text>
          {window && <Text className='admin-mall__meta admin-mall__window'>{window}</Text>}
          <View className='admin-mall__figures'>
            <Text className='admin-mall__price'>{priceText(i)}</Text>
            <Text className={`admin-mall__stock${i.stock <= 0 ? ' admin-mall__stock--low' : ''}`}>
              {i.codes ? `兑换码 ${i.codes.unused}/${i.codes.total}` : `库存 ${i.stock}`}
            </Text>
          </View>
        </View>
        {i.status === 'off' ? <Text className='admin-mall__badge'>已下架</Text> : i.stock <= 0 ? <Text className='admin-mall__badge'>已兑完</Text> : null}
      </View>
      <View className='admin-mall__actions'>
        <Text className='admin-mall__action admin-mall__edit' onClick={go}>编辑</Text>
        {i.kind === 'virtual' ? (
          <Text className='admin-mall__action admin-mall__codes' onClick={go}>导入兑换码</Text>
        ) : (
          <Text className='admin-mall__action admin-mall__stock-btn' onClick={onStock}>调整库存</Text>
        )}
        <Text className={`admin-mall__action admin-mall__toggle${i.status === 'on' ? '' : ' admin-mall__action--primary'}`} onClick={onToggle}>
          {i.status === 'on' ? '下架' : '上架'}
        </Text>
      </View>
    </View>
  );
}

function MallStockSheet({ item, onClose, onDone }: { item: AdminMallItemDto; onClose: () => void; onDone: () => void }) {
  const d = useStockDelta();
  const [busy, send] = useSend(onDone);
  const submit = () => {
    const change = checkDelta(d, item.stock);
    if ('problem' in change) return void Taro.showToast({ title: change.problem, icon: 'none' });
    void send(() => changeMallStock(item.id, change), '库存已更新');
  };
  return (
    <BottomSheet open title={`调整库存 · ${item.title}`} onClose={onClose} className='admin-sheet stock-sheet'
      footer={<Button className='bottom-sheet__confirm stock-sheet__confirm' disabled={busy || undefined} onClick={submit}>{busy ? '提交中…' : '确认调整'}</Button>}>
      <Text className='admin-sheet__hint'>当前库存 {item.stock}，已兑 {item.redeemed}</Text>
      <StockDeltaFields d={d} current={item.stock} />
    </BottomSheet>
  );
}

/** 积分商城管理: items by state, 上架/下架, 调整库存, 导入兑换码, 新增兑换商品. */
export default function AdminMallPage() {
  const { operator, loading } = useOperator();
  const router = useRouter();
  const [filter, setFilter] = useState<MallItemFilter>((router.params.filter as MallItemFilter) || 'all');
  const [items, setItems] = useState<AdminMallItemDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [stockOf, setStockOf] = useState<AdminMallItemDto | null>(null);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    setFailed(false);
    listAdminMallItems(filter).then(setItems, () => setFailed(true));
  }, [operatorId, filter]);
  useEffect(load, [load]);
  useShownAgain(load);

  const toggle = async (i: AdminMallItemDto) => {
    const next = i.status === 'on' ? 'off' : 'on';
    if (next === 'off') {
      const { confirm } = await Taro.showModal({ title: '下架兑换商品', content: `「${i.title}」下架后会员将看不到它，也不能兑换。`, confirmText: '下架' });
      if (!confirm) return;
    }
    try {
      await setMallItemStatus(i.id, next, i.version);
      void Taro.showToast({ title: next === 'on' ? '已上架' : '已下架', icon: 'none' });
    } finally {
      load(); // the request layer said why a change failed; show what is there now
    }
  };

  if (!operator) return <NotStaff className='admin-mall' loading={loading} screen='积分商城管理' />;

  return (
    <View className='admin-mall'>
      <View className='admin-mall__tabs'>
        {TABS.map((t) => (
          <View key={t.filter} className={`admin-mall__tab admin-mall__tab--${t.filter}${filter === t.filter ? ' admin-mall__tab--active' : ''}`} onClick={() => setFilter(t.filter)}>
            <Text className='admin-mall__tab-text'>{t.label}</Text>
          </View>
        ))}
      </View>
      <View className='admin-mall__list'>
        {failed ? (
          <EmptyState icon={<Gift size={36} color='#ff8a3d' />} title='加载失败' description='请稍后重试' action={<Button className='admin-mall__retry' onClick={load}>重新加载</Button>} />
        ) : items === null ? (
          <Text className='admin-mall__loading'>加载中…</Text>
        ) : items.length === 0 ? (
          <EmptyState icon={<Gift size={36} color='#ff8a3d' />} title={filter === 'sold_out' ? '没有兑完的商品' : '还没有兑换商品'}
            description={filter === 'all' ? '点下方「新增兑换商品」，让会员用积分换实物、优惠券或卡券' : undefined} />
        ) : (
          items.map((i) => <ItemRow key={i.id} i={i} onStock={() => setStockOf(i)} onToggle={() => void toggle(i)} />)
        )}
      </View>
      <View className='admin-mall__bar'>
        <Button className='admin-mall__create' onClick={() => void Taro.navigateTo({ url: '/admin/mall/edit' })}>＋ 新增兑换商品</Button>
      </View>
      {stockOf && (
        <MallStockSheet item={stockOf} onClose={() => setStockOf(null)} onDone={() => {
          setStockOf(null);
          load();
        }} />
      )}
    </View>
  );
}
