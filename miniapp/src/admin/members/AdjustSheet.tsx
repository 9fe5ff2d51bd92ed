import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AdjustmentDto } from '@jifen/shared';
import { adjustPoints } from '../../api/member-admin';
import { ApiRequestError } from '../../api/request';
import { BottomSheet } from '../../components/BottomSheet';
import { parseDelta } from '../StockDelta';

const REASONS = ['门店活动补发', '客诉补偿', '误发收回', '系统故障补偿'];

/** 调整积分: 增加 or 减少 whole points with a reason; beyond the shop's approval line it goes to an owner. */
export function AdjustSheet({ memberId, available, onClose, onDone }: { memberId: number; available: number; onClose: () => void; onDone: (a: AdjustmentDto) => void }) {
  const [direction, setDirection] = useState<1 | -1>(1);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState(REASONS[0]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const delta = parseDelta(amount, direction);

  const submit = async () => {
    if (delta === null) return setProblem('请填写调整积分（正整数）');
    if (!reason.trim()) return setProblem('请填写调整原因');
    setBusy(true);
    setProblem(null);
    try {
      const done = await adjustPoints(memberId, { amount: delta, reason: reason.trim() });
      void Taro.showToast({ title: done.status === 'pending' ? '已提交店主审批' : '积分已调整', icon: done.status === 'pending' ? 'none' : 'success' });
      onDone(done);
    } catch (e) {
      setProblem(e instanceof ApiRequestError ? e.message.replace(/^\w+:\s*/, '') : '提交失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <BottomSheet open title='调整积分' onClose={onClose} className='admin-sheet adjust-sheet'
      footer={<Button className='bottom-sheet__confirm adjust-sheet__confirm' disabled={busy || undefined} onClick={() => void submit()}>{busy ? '提交中…' : '确认调整'}</Button>}>
      <Text className='admin-sheet__label'>调整</Text>
      <View className='stock-sheet__row'>
        <View className='admin-sheet__modes'>
          <Text className={`admin-sheet__mode adjust-sheet__in${direction === 1 ? ' admin-sheet__mode--active' : ''}`} onClick={() => setDirection(1)}>增加</Text>
          <Text className={`admin-sheet__mode adjust-sheet__out${direction === -1 ? ' admin-sheet__mode--active' : ''}`} onClick={() => setDirection(-1)}>减少</Text>
        </View>
        <Input className='admin-sheet__input stock-sheet__amount adjust-sheet__amount' type='number' value={amount} placeholder='积分' maxlength={7} onInput={(e) => setAmount(e.detail.value)} />
      </View>
      {delta !== null && <Text className='stock-sheet__after'>调整后可用积分：{available + delta}</Text>}
      <Text className='admin-sheet__label'>原因（会员在积分明细中可见）</Text>
      <View className='admin-sheet__chips'>
        {REASONS.map((r) => (
          <Text key={r} className={`admin-sheet__chip adjust-sheet__reason${reason === r ? ' admin-sheet__chip--active' : ''}`} onClick={() => setReason(r)}>{r}</Text>
        ))}
      </View>
      <Input className='admin-sheet__input stock-sheet__reason-input adjust-sheet__reason-input' value={reason} placeholder='或填写其他原因' maxlength={100} onInput={(e) => setReason(e.detail.value)} />
      <Text className='admin-sheet__hint'>超过积分规则中的审批线时，调整会提交给另一位店主审批，批准后积分才会变动。</Text>
      {problem && <Text className='adjust-sheet__problem'>{problem}</Text>}
    </BottomSheet>
  );
}
