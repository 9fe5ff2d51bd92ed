import { useState } from 'react';
import { Button, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AdjustmentDto } from '@jifen/shared';
import { adjustPoints } from '../../api/member-admin';
import { ApiRequestError } from '../../api/request';
import { BottomSheet } from '../../components/BottomSheet';
import { parseDelta, StockDeltaFields, useStockDelta } from '../StockDelta';

const REASONS = ['门店活动补发', '客诉补偿', '误发收回', '系统故障补偿'];

/** 调整积分: 增加 or 减少 whole points with a reason; beyond the shop's approval line it goes to an owner. */
export function AdjustSheet({ memberId, available, onClose, onDone }: { memberId: number; available: number; onClose: () => void; onDone: (a: AdjustmentDto) => void }) {
  const d = useStockDelta(REASONS[0]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const delta = parseDelta(d.amount, d.direction);
    if (delta === null) return setProblem('请填写调整积分（正整数）');
    if (!d.reason.trim()) return setProblem('请填写调整原因');
    setBusy(true);
    setProblem(null);
    try {
      const done = await adjustPoints(memberId, { amount: delta, reason: d.reason.trim() });
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
      <StockDeltaFields d={d} current={available} kind='adjust-sheet' reasons={REASONS} unit='积分' afterLabel='调整后可用积分' reasonLabel='原因（会员在积分明细中可见）' />
      <Text className='admin-sheet__hint'>超过积分规则中的审批线时，调整会提交给另一位店主审批，批准后积分才会变动。</Text>
      {problem && <Text className='adjust-sheet__problem'>{problem}</Text>}
    </BottomSheet>
  );
}
