import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { REMINDER_KINDS, REMINDER_LABELS, type PolicyNoticeDto, type ReminderKind, type ReminderStatsDto } from '@jifen/shared';
import { getReminderStats, listPolicyNotices } from '../../api/reminders';
import { EmptyState } from '../../components/EmptyState';
import { Notice } from '../../components/Icon';
import { formatShanghaiTime } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { PolicyForm } from './PolicyForm';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

const RANGES = [
  { days: 1, label: '今天' },
  { days: 7, label: '近 7 天' },
  { days: 30, label: '近 30 天' },
];

type Totals = Omit<ReminderStatsDto['days'][number], 'day' | 'kind'>;

const ERRCODES: Record<string, string> = {
  43101: '用户未订阅',
  47003: '字段不合规',
  40003: 'openid 无效',
  40037: '模板 id 无效',
  41030: '页面路径无效',
};

function totalsByKind(stats: ReminderStatsDto): Map<ReminderKind, Totals> {
  const out = new Map<ReminderKind, Totals>();
  for (const d of stats.days) {
    const t = out.get(d.kind) ?? { notices: 0, queued: 0, sent: 0, skipped: 0, deferred: 0, failed: 0, errors: {} };
    t.notices += d.notices;
    t.queued += d.queued;
    t.sent += d.sent;
    t.skipped += d.skipped;
    t.deferred += d.deferred;
    t.failed += d.failed;
    for (const [code, n] of Object.entries(d.errors)) t.errors[code] = (t.errors[code] ?? 0) + n;
    out.set(d.kind, t);
  }
  return out;
}

function KindRow({ kind, t, templated }: { kind: ReminderKind; t: Totals; templated: boolean }) {
  const errors = Object.entries(t.errors);
  return (
    <View className={`reminder-kind reminder-kind--${kind}`}>
      <View className='reminder-kind__head'>
        <Text className='reminder-kind__name'>{REMINDER_LABELS[kind]}</Text>
        <Text className={`reminder-kind__mode${templated ? '' : ' reminder-kind__mode--centre'}`}>{templated ? '消息中心 + 微信' : '仅消息中心（未配置微信模板）'}</Text>
      </View>
      <View className='reminder-kind__numbers'>
        <View className='reminder-kind__number'>
          <Text className='reminder-kind__value reminder-notices'>{t.notices}</Text>
          <Text className='reminder-kind__label'>站内通知</Text>
        </View>
        <View className='reminder-kind__number'>
          <Text className='reminder-kind__value reminder-sent'>{t.sent}</Text>
          <Text className='reminder-kind__label'>微信已发</Text>
        </View>
        <View className='reminder-kind__number'>
          <Text className='reminder-kind__value'>{t.queued}</Text>
          <Text className='reminder-kind__label'>排队中</Text>
        </View>
        <View className='reminder-kind__number'>
          <Text className='reminder-kind__value'>{t.skipped}</Text>
          <Text className='reminder-kind__label'>未订阅</Text>
        </View>
        <View className='reminder-kind__number'>
          <Text className='reminder-kind__value'>{t.deferred}</Text>
          <Text className='reminder-kind__label'>延至 8 点</Text>
        </View>
        <View className='reminder-kind__number'>
          <Text className={`reminder-kind__value${t.failed > 0 ? ' reminder-kind__value--bad' : ''}`}>{t.failed}</Text>
          <Text className='reminder-kind__label'>失败</Text>
        </View>
      </View>
      {errors.length > 0 && (
        <Text className='reminder-kind__errors'>{errors.map(([code, n]) => `${code} ${ERRCODES[code] ?? ''} ×${n}`).join(' · ')}</Text>
      )}
    </View>
  );
}

/** 管理 → 消息通知: what each reminder did (per kind, over a range), the last failures, and 积分政策变更通知. */
export default function AdminMessagesPage() {
  const { operator, loading } = useOperator();
  const [days, setDays] = useState(7);
  const [stats, setStats] = useState<ReminderStatsDto | null>(null);
  const [notices, setNotices] = useState<PolicyNoticeDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    setFailed(false);
    getReminderStats(days).then(setStats, () => setFailed(true));
    listPolicyNotices().then(setNotices, () => undefined);
  }, [operatorId, days]);
  useEffect(load, [load]);
  useShownAgain(load);

  if (!operator) return <NotStaff className='admin-messages' loading={loading} screen='消息通知' />;

  const byKind = stats ? totalsByKind(stats) : new Map<ReminderKind, Totals>();
  const sum = (field: 'notices' | 'sent' | 'skipped' | 'failed') => [...byKind.values()].reduce((n, t) => n + t[field], 0);
  const icon = <Notice size={36} color='#ff8a3d' />;

  return (
    <View className='admin-messages'>
      <View className='admin-messages__ranges'>
        {RANGES.map((r) => (
          <Text key={r.days} className={`admin-messages__range admin-messages-range${r.days === days ? ' admin-messages__range--on' : ''}`} onClick={() => setDays(r.days)}>
            {r.label}
          </Text>
        ))}
      </View>
      {failed ? (
        <EmptyState icon={icon} title='加载失败' description='请稍后重试' action={<Button className='admin-messages__retry' onClick={load}>重新加载</Button>} />
      ) : stats === null ? (
        <Text className='admin-messages__loading'>加载中…</Text>
      ) : (
        <>
          <View className='admin-messages__summary'>
            <View className='admin-messages__sum'>
              <Text className='admin-messages__sum-value admin-messages-notices'>{sum('notices')}</Text>
              <Text className='admin-messages__sum-label'>站内通知</Text>
            </View>
            <View className='admin-messages__sum'>
              <Text className='admin-messages__sum-value'>{sum('sent')}</Text>
              <Text className='admin-messages__sum-label'>微信已发</Text>
            </View>
            <View className='admin-messages__sum'>
              <Text className='admin-messages__sum-value'>{sum('skipped')}</Text>
              <Text className='admin-messages__sum-label'>未订阅</Text>
            </View>
            <View className='admin-messages__sum'>
              <Text className={`admin-messages__sum-value${sum('failed') > 0 ? ' admin-messages__sum-value--bad' : ''}`}>{sum('failed')}</Text>
              <Text className='admin-messages__sum-label'>失败</Text>
            </View>
          </View>
          <View className='admin-messages__card'>
            <Text className='admin-messages__card-title'>各类提醒</Text>
            {REMINDER_KINDS.map((kind) => (
              <KindRow key={kind} kind={kind} templated={stats.templated.includes(kind)}
                t={byKind.get(kind) ?? { notices: 0, queued: 0, sent: 0, skipped: 0, deferred: 0, failed: 0, errors: {} }} />
            ))}
          </View>
          {stats.lastFailures.length > 0 && (
            <View className='admin-messages__card'>
              <Text className='admin-messages__card-title'>最近失败</Text>
              {stats.lastFailures.map((f) => (
                <View key={f.id} className='reminder-failure'>
                  <Text className='reminder-failure__head'>
                    {REMINDER_LABELS[f.kind]} · 会员 #{f.memberId} · {formatShanghaiTime(f.at)}
                  </Text>
                  <Text className='reminder-failure__msg'>{f.errcode ?? '网络'} {f.errmsg ?? ''}</Text>
                </View>
              ))}
            </View>
          )}
        </>
      )}

      {operator.role === 'owner' ? (
        <PolicyForm onSent={(n) => setNotices((list) => [n, ...(list ?? [])])} />
      ) : (
        <View className='admin-messages__card'>
          <Text className='admin-messages__card-title'>积分政策变更通知</Text>
          <Text className='admin-messages__tip'>通知会发给全部会员，仅店主可以发送。</Text>
        </View>
      )}
      {notices && notices.length > 0 && (
        <View className='admin-messages__card policy-notices'>
          <Text className='admin-messages__card-title'>已发送的通知</Text>
          {notices.map((n) => (
            <View key={n.id} className='policy-notice'>
              <View className='policy-notice__head'>
                <Text className='policy-notice__title'>{n.title}</Text>
                <Text className='policy-notice__reach'>{n.done ? `已送达 ${n.reached} 人` : `发送中 · ${n.reached} 人`}</Text>
              </View>
              <Text className='policy-notice__summary'>{n.summary}</Text>
              <Text className='policy-notice__meta'>{formatShanghaiTime(n.createdAt)}{n.operatorName ? ` · ${n.operatorName}` : ''}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
