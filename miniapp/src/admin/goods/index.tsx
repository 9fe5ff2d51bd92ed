import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatYuan, LOW_STOCK_AT, type AdminGoodsDto, type GoodsFilter } from '@jifen/shared';
import { listAdminGoods, setGoodsStatus } from '../../api/catalog-admin';
import { assetUrl } from '../../api/assets';
import { EmptyState } from '../../components/EmptyState';
import { Order } from '../../components/Icon';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { StockSheet } from './StockSheet';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

const TABS: { filter: GoodsFilter; label: string }[] = [
  { filter: 'all', label: '全部' },
  { filter: 'on_sale', label: '在售' },
  { filter: 'off_sale', label: '已下架' },
  { filter: 'low_stock', label: '库存预警' },
];

function GoodsRow({ g, onStock, onToggle }: { g: AdminGoodsDto; onStock: () => void; onToggle: () => void }) {
  const low = g.skus.some((s) => s.stock <= LOW_STOCK_AT);
  const go = () => void Taro.navigateTo({ url: `/admin/goods/edit?id=${g.id}` });
  return (
    <View className={`admin-goods__item admin-goods__item--${g.status}${g.status === 'off_sale' ? ' admin-goods__item--off' : ''}`}>
      <View className='admin-goods__main' onClick={go}>
        <Image className='admin-goods__image' src={assetUrl(g.image)} mode='aspectFill' />
        <View className='admin-goods__info'>
          <Text className='admin-goods__title'>{g.title}</Text>
          <Text className='admin-goods__meta'>
            {g.categoryName} · {g.skus.length} 个规格 · 已售 {g.sales}
          </Text>
          <View className='admin-goods__figures'>
            <Text className='admin-goods__price'>¥{formatYuan(g.priceFen)}{g.skus.length > 1 ? ' 起' : ''}</Text>
            <Text className={`admin-goods__stock${low ? ' admin-goods__stock--low' : ''}`}>库存 {g.stock}</Text>
          </View>
        </View>
        {g.status === 'off_sale' && <Text className='admin-goods__badge'>已下架</Text>}
      </View>
      <View className='admin-goods__actions'>
        <Text className='admin-goods__action admin-goods__edit' onClick={go}>编辑</Text>
        <Text className='admin-goods__action admin-goods__stock-btn' onClick={onStock}>调整库存</Text>
        <Text className={`admin-goods__action admin-goods__toggle${g.status === 'on_sale' ? '' : ' admin-goods__action--primary'}`} onClick={onToggle}>
          {g.status === 'on_sale' ? '下架' : '上架'}
        </Text>
      </View>
    </View>
  );
}

/** 商品管理: goods by status (库存预警 for the 已售罄 card), search, 上架/下架, 调整库存, 新增商品. */
export default function AdminGoodsPage() {
  const { operator, loading } = useOperator();
  const router = useRouter();
  const [filter, setFilter] = useState<GoodsFilter>((router.params.filter as GoodsFilter) || 'all');
  const [q, setQ] = useState('');
  const [goods, setGoods] = useState<AdminGoodsDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [stockOf, setStockOf] = useState<AdminGoodsDto | null>(null);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    setFailed(false);
    listAdminGoods(filter, q.trim()).then(setGoods, () => setFailed(true));
  }, [operatorId, filter, q]);
  useEffect(load, [operatorId, filter]); // eslint-disable-line react-hooks/exhaustive-deps -- search runs on confirm
  useShownAgain(load);

  const toggle = async (g: AdminGoodsDto) => {
    const next = g.status === 'on_sale' ? 'off_sale' : 'on_sale';
    if (next === 'off_sale') {
      const { confirm } = await Taro.showModal({ title: '下架商品', content: `「${g.title}」下架后顾客将看不到它，也不能下单。`, confirmText: '下架' });
      if (!confirm) return;
    }
    try {
      await setGoodsStatus(g.id, next, g.version);
      void Taro.showToast({ title: next === 'on_sale' ? '已上架' : '已下架', icon: 'none' });
      load();
    } catch {
      load(); // the request layer said why (e.g. changed meanwhile); show what is there now
    }
  };

  if (!operator) {
    return <NotStaff className='admin-goods' loading={loading} screen='商品管理' />;
  }

  return (
    <View className='admin-goods'>
      <View className='admin-goods__top'>
        <Input className='admin-goods__search' value={q} placeholder='搜索商品名称' confirmType='search' maxlength={30}
          onInput={(e) => setQ(e.detail.value)} onConfirm={load} />
        <Text className='admin-goods__categories' onClick={() => void Taro.navigateTo({ url: '/admin/categories/index' })}>分类管理</Text>
      </View>
      <View className='admin-goods__tabs'>
        {TABS.map((t) => (
          <View key={t.filter} className={`admin-goods__tab admin-goods__tab--${t.filter}${filter === t.filter ? ' admin-goods__tab--active' : ''}`} onClick={() => setFilter(t.filter)}>
            <Text className='admin-goods__tab-text'>{t.label}</Text>
          </View>
        ))}
      </View>
      {filter === 'low_stock' && <Text className='admin-goods__hint'>在售商品中，有规格库存不超过 {LOW_STOCK_AT} 件的</Text>}
      <View className='admin-goods__list'>
        {failed ? (
          <EmptyState icon={<Order size={36} color='#ff8a3d' />} title='加载失败' description='请稍后重试' action={<Button className='admin-goods__retry' onClick={load}>重新加载</Button>} />
        ) : goods === null ? (
          <Text className='admin-goods__loading'>加载中…</Text>
        ) : goods.length === 0 ? (
          <EmptyState icon={<Order size={36} color='#ff8a3d' />} title={filter === 'low_stock' ? '库存都很充足' : '还没有商品'} description={filter === 'all' && !q ? '点下方「新增商品」上架第一件商品' : undefined} />
        ) : (
          goods.map((g) => <GoodsRow key={g.id} g={g} onStock={() => setStockOf(g)} onToggle={() => void toggle(g)} />)
        )}
      </View>
      <View className='admin-goods__bar'>
        <Button className='admin-goods__create' onClick={() => void Taro.navigateTo({ url: '/admin/goods/edit' })}>＋ 新增商品</Button>
      </View>
      {stockOf && (
        <StockSheet
          goods={stockOf}
          onClose={() => setStockOf(null)}
          onDone={() => {
            setStockOf(null);
            load();
          }}
        />
      )}
    </View>
  );
}
