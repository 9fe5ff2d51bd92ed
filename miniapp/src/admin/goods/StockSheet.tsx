import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AdminGoodsDto, StockChangeDto } from '@jifen/shared';
import { changeStock, listStockChanges } from '../../api/catalog-admin';
import { BottomSheet } from '../../components/BottomSheet';
import { formatShanghaiTime } from '../../utils/format';
import { useSend } from '../orders/OrderSheet';
import { checkDelta, StockDeltaFields, useStockDelta } from '../StockDelta';

/** 调整库存: one SKU up or down with a reason; the recent changes below, with who made them. */
export function StockSheet({ goods, onClose, onDone }: { goods: AdminGoodsDto; onClose: () => void; onDone: () => void }) {
  const [skuId, setSkuId] = useState(goods.skus[0]?.id ?? 0);
  const d = useStockDelta();
  const [history, setHistory] = useState<StockChangeDto[] | null>(null);
  const [busy, send] = useSend(onDone);
  useEffect(() => {
    listStockChanges(goods.id).then(setHistory, () => setHistory([]));
  }, [goods.id]);
  const sku = goods.skus.find((s) => s.id === skuId);

  const submit = () => {
    const change = checkDelta(d, sku?.stock);
    if ('problem' in change) return void Taro.showToast({ title: change.problem, icon: 'none' });
    void send(() => changeStock(skuId, change), '库存已更新');
  };

  return (
    <BottomSheet
      open
      title={`调整库存 · ${goods.title}`}
      onClose={onClose}
      className='admin-sheet stock-sheet'
      footer={
        <Button className='bottom-sheet__confirm stock-sheet__confirm' disabled={busy || undefined} onClick={submit}>
          {busy ? '提交中…' : '确认调整'}
        </Button>
      }
    >
      <Text className='admin-sheet__label'>规格</Text>
      <View className='admin-sheet__chips'>
        {goods.skus.map((s) => (
          <Text key={s.id} className={`admin-sheet__chip stock-sheet__sku${s.id === skuId ? ' admin-sheet__chip--active' : ''}`} onClick={() => setSkuId(s.id)}>
            {s.name}（{s.stock}）
          </Text>
        ))}
      </View>
      <StockDeltaFields d={d} current={sku?.stock} />
      <Text className='admin-sheet__label'>最近的库存变动</Text>
      {history === null ? (
        <Text className='stock-sheet__empty'>加载中…</Text>
      ) : history.length === 0 ? (
        <Text className='stock-sheet__empty'>还没有变动记录</Text>
      ) : (
        history.slice(0, 10).map((c) => (
          <View key={c.id} className='stock-sheet__change'>
            <View className='stock-sheet__change-main'>
              <Text className='stock-sheet__change-title'>{c.skuName} · {c.reason}</Text>
              <Text className='stock-sheet__change-meta'>{formatShanghaiTime(c.createdAt)} · {c.operatorName ?? '系统'}</Text>
            </View>
            <Text className={`stock-sheet__delta${c.delta > 0 ? ' stock-sheet__delta--in' : ''}`}>{c.delta > 0 ? `+${c.delta}` : c.delta}</Text>
            <Text className='stock-sheet__after-n'>余 {c.stockAfter}</Text>
          </View>
        ))
      )}
    </BottomSheet>
  );
}
