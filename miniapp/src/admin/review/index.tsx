import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AdjustmentDto, FlagDto } from '@jifen/shared';
import { clawBackFlag, clearFlag, decideAdjustment, listAdjustments, listFlags } from '../../api/member-admin';
import { BottomSheet } from '../../components/BottomSheet';
import { EmptyState } from '../../components/EmptyState';
import { ShieldCheck } from '../../components/Icon';
import { formatShanghaiTime, formatSigned } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

type Tab = 'adjustments' | 'flags';
const openMember = (id: number) => void Taro.navigateTo({ url: `/admin/members/detail?id=${id}` });

/**
 * 积分审核 (管理): adjustments above the approval line waiting for an owner (批准 / 驳回; never
 * one's own), and the ledger's flagged entries (确认无误, or 追回 through the ledger).
 */
export default function AdminReviewPage() {
  const { operator, loading } = useOperator();
  const [tab, setTab] = useState<Tab>('adjustments');
  const [adjustments, setAdjustments] = useState<AdjustmentDto[] | null>(null);
  const [flags, setFlags] = useState<FlagDto[] | null>(null);
  const [clawing, setClawing] = useState<FlagDto | null>(null);
  const operatorId = operator?.id ?? null;
  const owner = operator?.role === 'owner';

  const load = useCallback(() => {
    if (operatorId === null) return;
    listAdjustments('pending').then(setAdjustments, () => setAdjustments([]));
    listFlags('open').then(setFlags, () => setFlags([]));
  }, [operatorId]);
  useEffect(load, [load]);
  useShownAgain(load);

  const decide = async (a: AdjustmentDto, decision: 'approve' | 'reject') => {
    const { confirm } = await Taro.showModal({
      title: decision === 'approve' ? '批准调整' : '驳回调整',
      content: `${a.memberName} ${formatSigned(a.amount)} 积分：${a.reason}`,
      confirmText: decision === 'approve' ? '批准' : '驳回', confirmColor: '#ff5a1f',
    });
    if (!confirm) return;
    decideAdjustment(a.id, decision).then(() => {
      void Taro.showToast({ title: decision === 'approve' ? '已批准，积分已变动' : '已驳回', icon: 'none' });
      load();
    }, () => undefined);
  };

  const clawBack = (f: FlagDto, reason: string) => {
    clawBackFlag(f.id, reason).then(() => {
      setClawing(null);
      void Taro.showToast({ title: `已追回 ${f.amount} 积分`, icon: 'none' });
      load();
    }, () => undefined);
  };

  if (!operator) return <NotStaff className='admin-review' loading={loading} screen='积分审核' />;

  const icon = <ShieldCheck size={36} color='#34b27b' />;
  return (
    <View className='admin-review'>
      <View className='admin-review__tabs'>
        <Text className={`admin-review__tab review-tab--adjustments${tab === 'adjustments' ? ' admin-review__tab--on' : ''}`} onClick={() => setTab('adjustments')}>
          调整申请{adjustments?.length ? `（${adjustments.length}）` : ''}
        </Text>
        <Text className={`admin-review__tab review-tab--flags${tab === 'flags' ? ' admin-review__tab--on' : ''}`} onClick={() => setTab('flags')}>
          异常积分{flags?.length ? `（${flags.length}）` : ''}
        </Text>
      </View>
      {tab === 'adjustments' ? (
        adjustments === null ? <Text className='admin-review__loading'>加载中…</Text>
          : adjustments.length === 0 ? <EmptyState icon={icon} title='没有待审批的调整' description='超过审批线的积分调整会在这里等店主批准' />
            : (
              <View className='admin-review__list'>
                {adjustments.map((a) => (
                  <View key={a.id} className='review-item review-adjustment'>
                    <View className='review-item__head' onClick={() => openMember(a.memberId)}>
                      <Text className='review-item__who'>{a.memberName} ›</Text>
                      <Text className={`review-item__amount${a.amount < 0 ? ' review-item__amount--out' : ''}`}>{formatSigned(a.amount)}</Text>
                    </View>
                    <Text className='review-item__reason'>{a.reason}</Text>
                    <Text className='review-item__meta'>{a.requestedBy ?? '—'} 提交于 {formatShanghaiTime(a.requestedAt)}</Text>
                    {owner ? (
                      a.requestedBy === operator.nickname ? <Text className='review-item__note'>自己提交的调整需另一位店主审批</Text> : (
                        <View className='review-item__actions'>
                          <Text className='review-item__action review-reject' onClick={() => void decide(a, 'reject')}>驳回</Text>
                          <Text className='review-item__action review-item__action--primary review-approve' onClick={() => void decide(a, 'approve')}>批准</Text>
                        </View>
                      )
                    ) : <Text className='review-item__note'>等待店主审批</Text>}
                  </View>
                ))}
              </View>
            )
      ) : flags === null ? <Text className='admin-review__loading'>加载中…</Text>
        : flags.length === 0 ? <EmptyState icon={icon} title='没有待审核的异常积分' description='单笔积分过大或远超会员平常时会记在这里' />
          : (
            <View className='admin-review__list'>
              {flags.map((f) => (
                <View key={f.id} className='review-item review-flag'>
                  <View className='review-item__head' onClick={() => openMember(f.memberId)}>
                    <Text className='review-item__who'>{f.memberName} ›</Text>
                    <Text className='review-item__amount'>{formatSigned(f.amount)}</Text>
                  </View>
                  <Text className='review-item__reason'>{f.title} · {f.reason}</Text>
                  <Text className='review-item__meta'>{formatShanghaiTime(f.entryAt)}</Text>
                  <View className='review-item__actions'>
                    <Text className='review-item__action review-claw-back' onClick={() => setClawing(f)}>追回</Text>
                    <Text className='review-item__action review-item__action--primary review-clear' onClick={() => void clearFlag(f.id).then(load, () => undefined)}>确认无误</Text>
                  </View>
                </View>
              ))}
            </View>
          )}
      {clawing && <ClawBackSheet flag={clawing} onClose={() => setClawing(null)} onConfirm={(reason) => clawBack(clawing, reason)} />}
    </View>
  );
}

const CLAW_BACK_REASONS = ['活动配置错误', '重复发放', '异常刷分'];

/** 追回: why, in words the member will read in 积分明细; the ledger reverses the entry (a debt if they spent it). */
function ClawBackSheet({ flag, onClose, onConfirm }: { flag: FlagDto; onClose: () => void; onConfirm: (reason: string) => void }) {
  const [reason, setReason] = useState(CLAW_BACK_REASONS[0]);
  return (
    <BottomSheet open title={`追回 ${flag.amount} 积分 · ${flag.memberName}`} onClose={onClose} className='admin-sheet claw-back-sheet'
      footer={<Button className='bottom-sheet__confirm claw-back-sheet__confirm' disabled={!reason.trim() || undefined} onClick={() => onConfirm(reason.trim())}>确认追回</Button>}>
      <Text className='admin-sheet__label'>原因（会员在积分明细中可见）</Text>
      <View className='admin-sheet__chips'>
        {CLAW_BACK_REASONS.map((r) => (
          <Text key={r} className={`admin-sheet__chip${reason === r ? ' admin-sheet__chip--active' : ''}`} onClick={() => setReason(r)}>{r}</Text>
        ))}
      </View>
      <Input className='admin-sheet__input claw-back-sheet__reason' value={reason} placeholder='或填写其他原因' maxlength={100} onInput={(e) => setReason(e.detail.value)} />
      <Text className='admin-sheet__hint'>已被使用的部分记为待抵扣，从会员之后获得的积分中扣回。</Text>
    </BottomSheet>
  );
}
