import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Input, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AdminCategoryDto } from '@jifen/shared';
import { createCategory, listAdminCategories, orderCategories, updateCategory } from '../../api/catalog-admin';
import { assetUrl } from '../../api/assets';
import { BottomSheet } from '../../components/BottomSheet';
import { EmptyState } from '../../components/EmptyState';
import { Setting } from '../../components/Icon';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { useSend } from '../orders/OrderSheet';
import './index.scss';

/** The bundled category icons an operator may pick (uploading one is for later). */
const ICONS = ['fruit', 'snacks', 'home', 'beauty', 'digital'].map((n) => `/assets/categories/${n}.png`);

function NameSheet({ category, onClose, onDone }: { category: AdminCategoryDto | null; onClose: () => void; onDone: () => void }) {
  const [name, setName] = useState(category?.name ?? '');
  const [icon, setIcon] = useState(category?.icon || ICONS[0]);
  const [busy, send] = useSend(onDone);
  const submit = () => {
    if (!name.trim()) return void Taro.showToast({ title: '请填写分类名称', icon: 'none' });
    void send(() => (category ? updateCategory(category.id, { name: name.trim(), icon }) : createCategory({ name: name.trim(), icon })), category ? '已保存' : '已新建');
  };
  return (
    <BottomSheet open title={category ? '编辑分类' : '新建分类'} onClose={onClose} className='admin-sheet category-sheet'
      footer={<Button className='bottom-sheet__confirm category-sheet__confirm' disabled={busy || undefined} onClick={submit}>{busy ? '提交中…' : '保存'}</Button>}>
      <Text className='admin-sheet__label'>名称</Text>
      <Input className='admin-sheet__input category-sheet__name' value={name} placeholder='如：新鲜水果' maxlength={16} onInput={(e) => setName(e.detail.value)} />
      <Text className='admin-sheet__label'>图标</Text>
      <View className='category-sheet__icons'>
        {ICONS.map((src) => (
          <View key={src} className={`category-sheet__icon${icon === src ? ' category-sheet__icon--active' : ''}`} onClick={() => setIcon(src)}>
            <Image className='category-sheet__icon-image' src={assetUrl(src)} mode='aspectFit' />
          </View>
        ))}
      </View>
    </BottomSheet>
  );
}

/** 分类管理: the categories in shoppers' order, moved up and down, renamed, hidden, added. */
export default function AdminCategoriesPage() {
  const { operator, loading } = useOperator();
  const [list, setList] = useState<AdminCategoryDto[] | null>(null);
  const [editing, setEditing] = useState<AdminCategoryDto | 'new' | null>(null);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId !== null) listAdminCategories().then(setList, () => setList([]));
  }, [operatorId]);
  useEffect(load, [load]);

  const move = async (index: number, by: -1 | 1) => {
    if (!list) return;
    const ids = list.map((c) => c.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    try {
      setList(await orderCategories(ids));
    } catch {
      load();
    }
  };
  const hide = async (c: AdminCategoryDto, hidden: boolean) => {
    try {
      await updateCategory(c.id, { hidden });
      void Taro.showToast({ title: hidden ? '已隐藏，顾客看不到该分类及其商品' : '已显示', icon: 'none' });
    } finally {
      load();
    }
  };

  if (!operator) {
    return <NotStaff className='admin-categories' loading={loading} />;
  }

  return (
    <View className='admin-categories'>
      <Text className='admin-categories__hint'>顾客在首页按这个顺序看到分类；隐藏的分类和其中的商品不对顾客展示。</Text>
      {list === null ? (
        <Text className='admin-categories__loading'>加载中…</Text>
      ) : list.length === 0 ? (
        <EmptyState icon={<Setting size={36} color='#ff8a3d' />} title='还没有分类' description='新建分类后就可以添加商品了' />
      ) : (
        <View className='admin-categories__list'>
          {list.map((c, i) => (
            <View key={c.id} className={`admin-categories__item${c.hidden ? ' admin-categories__item--hidden' : ''}`}>
              <Image className='admin-categories__icon' src={assetUrl(c.icon)} mode='aspectFit' />
              <View className='admin-categories__main' onClick={() => setEditing(c)}>
                <Text className='admin-categories__name'>{c.name}</Text>
                <Text className='admin-categories__count'>{c.goodsCount} 件商品{c.hidden ? ' · 已隐藏' : ''}</Text>
              </View>
              <View className='admin-categories__moves'>
                <Text className={`admin-categories__move admin-categories__up${i === 0 ? ' admin-categories__move--off' : ''}`} onClick={() => i > 0 && void move(i, -1)}>↑</Text>
                <Text className={`admin-categories__move admin-categories__down${i === list.length - 1 ? ' admin-categories__move--off' : ''}`} onClick={() => i < list.length - 1 && void move(i, 1)}>↓</Text>
              </View>
              <Switch className='admin-categories__visible' checked={!c.hidden} color='#ff5a1f' onChange={(e) => void hide(c, !e.detail.value)} />
            </View>
          ))}
        </View>
      )}
      <View className='admin-categories__bar'>
        <Button className='admin-categories__create' onClick={() => setEditing('new')}>＋ 新建分类</Button>
      </View>
      {editing && (
        <NameSheet
          category={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            load();
          }}
        />
      )}
    </View>
  );
}
