import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';

const REASONS = ['到货补货', '盘点修正', '破损报废', '活动预留'];

/** A signed whole number of units ("20" with 增加 or 减少), or null. */
export function parseDelta(text: string, direction: 1 | -1): number | null {
  const m = /^\d{1,7}$/.exec(text.trim());
  if (!m || Number(m[0]) === 0) return null;
  return Number(m[0]) * direction;
}

export interface StockDelta {
  direction: 1 | -1;
  amount: string;
  reason: string;
  set: (patch: Partial<Omit<StockDelta, 'set'>>) => void;
}

export function useStockDelta(reason = REASONS[0]): StockDelta {
  const [state, setState] = useState<Omit<StockDelta, 'set'>>({ direction: 1, amount: '', reason });
  return { ...state, set: (patch) => setState((old) => ({ ...old, ...patch })) };
}

/** The problem with the change, or the change: `current` is the stock it applies to. */
export function checkDelta(d: StockDelta, current: number | undefined): { problem: string } | { delta: number; reason: string } {
  const delta = parseDelta(d.amount, d.direction);
  if (delta === null) return { problem: '请填写调整数量（正整数）' };
  if (!d.reason.trim()) return { problem: '请填写调整原因' };
  if (current !== undefined && current + delta < 0) return { problem: `库存只有 ${current}，最多减少 ${current}` };
  return { delta, reason: d.reason.trim() };
}

interface FieldsOptions {
  /** The sheet's block (`stock-sheet`, `adjust-sheet`): its buttons, inputs and chips are named after it. */
  kind?: string;
  reasons?: readonly string[];
  unit?: string;
  afterLabel?: string;
  reasonLabel?: string;
}

/** 增加 / 减少, the amount, what it comes to, and the reason (chips or typed): stock, or points for 调整积分. */
export function StockDeltaFields({ d, current, kind = 'stock-sheet', reasons = REASONS, unit = '数量', afterLabel = '调整后库存', reasonLabel = '原因' }: { d: StockDelta; current: number | undefined } & FieldsOptions) {
  const delta = parseDelta(d.amount, d.direction);
  return (
    <>
      <Text className='admin-sheet__label'>调整</Text>
      <View className='stock-sheet__row'>
        <View className={`admin-sheet__modes ${kind}__modes`}>
          <Text className={`admin-sheet__mode ${kind}__in${d.direction === 1 ? ' admin-sheet__mode--active' : ''}`} onClick={() => d.set({ direction: 1 })}>增加</Text>
          <Text className={`admin-sheet__mode ${kind}__out${d.direction === -1 ? ' admin-sheet__mode--active' : ''}`} onClick={() => d.set({ direction: -1 })}>减少</Text>
        </View>
        <Input className={`admin-sheet__input stock-sheet__amount ${kind}__amount`} type='number' value={d.amount} placeholder={unit} maxlength={7} onInput={(e) => d.set({ amount: e.detail.value })} />
      </View>
      {current !== undefined && delta !== null && <Text className='stock-sheet__after'>{afterLabel}：{current + delta}</Text>}
      <Text className='admin-sheet__label'>{reasonLabel}</Text>
      <View className='admin-sheet__chips'>
        {reasons.map((r) => (
          <Text key={r} className={`admin-sheet__chip ${kind}__reason${d.reason === r ? ' admin-sheet__chip--active' : ''}`} onClick={() => d.set({ reason: r })}>{r}</Text>
        ))}
      </View>
      <Input className={`admin-sheet__input stock-sheet__reason-input ${kind}__reason-input`} value={d.reason} placeholder='或填写其他原因' maxlength={100} onInput={(e) => d.set({ reason: e.detail.value })} />
    </>
  );
}
