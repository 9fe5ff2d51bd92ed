import { useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { AdminGoodsDto } from '@jifen/shared';

interface Props {
  /** The catalog (null while loading). */
  goods: AdminGoodsDto[] | null;
  selected: readonly number[];
  onPick: (id: number) => void;
  /** The screen's block name: the parts are `${block}__goods-search`, `__goods-list`, `__goods`. */
  block: string;
}

/** Goods chosen from the catalog as chips, with a search by title (the chosen ones always shown). */
export function GoodsPicker({ goods, selected, onPick, block }: Props) {
  const [q, setQ] = useState('');
  const shown = useMemo(() => {
    const word = q.trim();
    return (goods ?? []).filter((g) => selected.includes(g.id) || !word || g.title.includes(word)).slice(0, 30);
  }, [goods, q, selected]);
  return (
    <>
      <Input className={`admin-sheet__input ${block}__goods-search`} value={q} placeholder='搜索商品名称' maxlength={30} onInput={(e) => setQ(e.detail.value)} />
      <View className={`admin-sheet__chips admin-sheet__picker ${block}__goods-list`}>
        {goods === null ? <Text className={`${block}__tip`}>加载中…</Text> : shown.length === 0 ? (
          <Text className={`${block}__tip`}>{goods.length === 0 ? '还没有商品，请先在「商品管理」新增' : '没有找到'}</Text>
        ) : shown.map((g) => (
          <Text key={g.id} className={`admin-sheet__chip ${block}__goods${selected.includes(g.id) ? ' admin-sheet__chip--active' : ''}`} onClick={() => onPick(g.id)}>
            {g.title}{g.status === 'off_sale' ? '（已下架）' : ''}
          </Text>
        ))}
      </View>
    </>
  );
}
