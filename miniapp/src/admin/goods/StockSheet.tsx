import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AdminGoodsDto, StockChangeDto } from '@jifen/shared';
import { changeStock, listStockChanges } from '../../api/catalog-admin';
import { BottomSheet } from '../../components/BottomSheet';
import { formatShanghaiTime } from '../../utils/format';
import { useSend } from '../orders/OrderSheet';

const REASONS = ['到货补货', '盘点修正', '破损报废', '活动预留'];

/** A signed whole number of units ("+20", "-3", "15"), or null. */
export function parseDelta(text: string, direction: 1 | -1): number | null {
  const m = /^\d{1,7}$/.exec(text.trim());
  if (!m || Number(m[0]) === 0) return null;
  return Number(m[0]) * direction;
}

/** 调整库存: one SKU up or down with a reason; the recent changes below, with who made them. */
export function StockSheet({ goods, onClose, onDone }: { goods: AdminGoodsDto; onClose: () => void; onDone: () => void }) {
  const [skuId, setSkuId] = useState(goods.skus[0]?.id ?? 0);
  const [direction, setDirection] = useState<1 | -1>(1);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState(REASONS[0]);
  const [history, setHistory] = useState<StockChangeDto[] | null>(null);
  const [busy, send] = useSend(onDone);
  useEffect(() => {
    listStockChanges(goods.id).then(setHistory, () => setHistory([]));
  }, [goods.id]);
  const sku = goods.skus.find((s) => s.id === skuId);

  const submit = () => {
    const delta = parseDelta(amount, direction);
    if (delta === null) return void Taro.showToast({ title: '请填写调整数量（正整数）', icon: 'none' });
    if (!reason.trim()) return void Taro.showToast({ title: '请填写调整原因', icon: 'none' });
    if (sku && sku.stock + delta < 0) return void Taro.showToast({ title: `库存只有 ${sku.stock}，最多减少 ${sku.stock}`, icon: 'none' });
    void send(() => changeStock(skuId, { delta, reason: reason.trim() }), '库存已更新');
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
      <Text className='admin-sheet__label'>调整</Text>
      <View className='stock-sheet__row'>
        <View className='admin-sheet__modes stock-sheet__modes'>
          <Text className={`admin-sheet__mode stock-sheet__in${direction === 1 ? ' admin-sheet__mode--active' : ''}`} onClick={() => setDirection(1)}>增加</Text>
          <Text className={`admin-sheet__mode stock-sheet__out${direction === -1 ? ' admin-sheet__mode--active' : ''}`} onClick={() => setDirection(-1)}>减少</Text>
        </View>
        <Input className='admin-sheet__input stock-sheet__amount' type='number' value={amount} placeholder='数量' maxlength={7} onInput={(e) => setAmount(e.detail.value)} />
      </View>
      {sku && parseDelta(amount, direction) !== null && (
        <Text className='stock-sheet__after'>调整后库存：{sku.stock + (parseDelta(amount, direction) ?? 0)}</Text>
      )}
      <Text className='admin-sheet__label'>原因</Text>
      <View className='admin-sheet__chips'>
        {REASONS.map((r) => (
          <Text key={r} className={`admin-sheet__chip stock-sheet__reason${reason === r ? ' admin-sheet__chip--active' : ''}`} onClick={() => setReason(r)}>{r}</Text>
        ))}
      </View>
      <Input className='admin-sheet__input stock-sheet__reason-input' value={reason} placeholder='或填写其他原因' maxlength={100} onInput={(e) => setReason(e.detail.value)} />
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
