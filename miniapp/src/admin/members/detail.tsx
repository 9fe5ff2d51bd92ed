import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ADJUSTMENT_STATUS_LABELS, formatYuan, ORDER_STATUS_LABELS, type AdminMemberDto } from '@jifen/shared';
import { getAdminMember, revealPhone } from '../../api/member-admin';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { User } from '../../components/Icon';
import { TierBadge } from '../../components/TierBadge';
import { formatShanghaiTime, formatSigned, shanghaiDate } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { untagMember } from '../../api/marketing';
import { TagPicker } from '../segments/TagPicker';
import { AdjustSheet } from './AdjustSheet';
import './detail.scss';


/** 会员详情 (管理): tier, points, what expires, the ledger, orders, coupons, invites, check-ins; 调整积分. */
export default function AdminMemberPage() {
  const { operator, loading } = useOperator();
  const id = Number(useRouter().params.id);
  const [m, setM] = useState<AdminMemberDto | null>(null);
  const [failed, setFailed] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const [tagging, setTagging] = useState(false);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null || !id) return;
    setFailed(false);
    getAdminMember(id).then(setM, () => setFailed(true));
  }, [operatorId, id]);
  useEffect(load, [load]);

  if (!operator) return <NotStaff className='admin-member-page' loading={loading} screen='会员详情' />;
  if (failed) return <View className='admin-member-page'><EmptyState icon={<User size={36} color='#ff8a3d' />} title='会员不存在或加载失败' /></View>;
  if (!m) return <View className='admin-member-page'><Text className='admin-member-page__loading'>加载中…</Text></View>;

  return (
    <View className='admin-member-page'>
      <View className='admin-member-page__card admin-member-page__head'>
        <Avatar url={m.avatarUrl} size={112} />
        <View className='admin-member-page__who'>
          <View className='admin-member-page__name-row'>
            <Text className='admin-member-page__name'>{m.nickname}</Text>
            <TierBadge tier={m.tier} />
          </View>
          <Text className='admin-member-page__meta'>ID {m.id} · {shanghaiDate(m.joinedAt)} 加入</Text>
          <View className='admin-member-page__phone-row'>
            <Text className='admin-member-page__phone member-phone'>{phone ?? m.phone ?? '未绑定手机'}</Text>
            {m.phone && !phone && (
              <Text className='admin-member-page__reveal member-reveal' onClick={() => void revealPhone(m.id).then((r) => setPhone(r.phone), () => undefined)}>查看完整号码</Text>
            )}
          </View>
          <View className='admin-member-page__tags'>
            {m.tags.map((t) => (
              <Text key={t.id} className={`admin-member-page__tag admin-member-page__tag--${t.kind} member-tag`}
                onClick={() => { if (t.kind === 'manual') void untagMember(t.id, m.id).then(load, () => undefined); }}>
                {t.name}{t.kind === 'manual' ? ' ×' : ''}
              </Text>
            ))}
            <Text className='admin-member-page__tag admin-member-page__tag--add member-tag-add' onClick={() => setTagging(true)}>＋ 标签</Text>
          </View>
        </View>
      </View>

      <View className='admin-member-page__card admin-member-page__points'>
        <View className='admin-member-page__stat'>
          <Text className='admin-member-page__value member-available'>{m.available}</Text>
          <Text className='admin-member-page__label'>可用积分</Text>
        </View>
        <View className='admin-member-page__stat'>
          <Text className='admin-member-page__value'>{m.pending}</Text>
          <Text className='admin-member-page__label'>待入账</Text>
        </View>
        <View className='admin-member-page__stat'>
          <Text className='admin-member-page__value'>{m.expiring.reduce((n, e) => n + e.amount, 0)}</Text>
          <Text className='admin-member-page__label'>30 天内过期</Text>
        </View>
        {m.debt > 0 && (
          <View className='admin-member-page__stat'>
            <Text className='admin-member-page__value admin-member-page__value--bad'>{m.debt}</Text>
            <Text className='admin-member-page__label'>待抵扣</Text>
          </View>
        )}
      </View>
      <View className='admin-member-page__actions'>
        <Button className='admin-member-page__adjust member-adjust' onClick={() => setAdjusting(true)}>调整积分</Button>
      </View>

      <View className='admin-member-page__card'>
        <Text className='admin-member-page__title'>概况</Text>
        <Text className='admin-member-page__line'>签到：近 30 天 {m.checkins.last30Days} 天{m.checkins.streak > 0 ? `，连续 ${m.checkins.streak} 天` : ''}{m.checkins.lastDay ? `，最近 ${m.checkins.lastDay}` : ''}</Text>
        <Text className='admin-member-page__line'>优惠券：可用 {m.coupons.available} 张，已用 {m.coupons.used} 张，过期 {m.coupons.expired} 张</Text>
        <Text className='admin-member-page__line'>邀请：{m.invites.invited} 人，注册 {m.invites.signedUp} 人，已奖励 {m.invites.rewarded} 人（{m.invites.points} 积分）</Text>
      </View>

      {m.adjustments.length > 0 && (
        <View className='admin-member-page__card member-adjustments'>
          <Text className='admin-member-page__title'>积分调整</Text>
          {m.adjustments.map((a) => (
            <View key={a.id} className={`admin-member-page__row adjustment adjustment--${a.status}`}>
              <View className='admin-member-page__row-main'>
                <Text className='admin-member-page__row-title'>{a.reason}</Text>
                <Text className='admin-member-page__row-meta'>{formatShanghaiTime(a.requestedAt)} · {a.requestedBy ?? '—'} · {ADJUSTMENT_STATUS_LABELS[a.status]}</Text>
              </View>
              <Text className={`admin-member-page__amount${a.amount < 0 ? ' admin-member-page__amount--out' : ''}`}>{formatSigned(a.amount)}</Text>
            </View>
          ))}
        </View>
      )}

      <View className='admin-member-page__card member-entries'>
        <Text className='admin-member-page__title'>积分明细（最近 20 条）</Text>
        {m.entries.length === 0 && <Text className='admin-member-page__empty'>还没有积分记录</Text>}
        {m.entries.map((e) => (
          <View key={e.id} className='admin-member-page__row'>
            <View className='admin-member-page__row-main'>
              <Text className='admin-member-page__row-title'>{e.title}{e.reason ? ` · ${e.reason}` : ''}</Text>
              <Text className='admin-member-page__row-meta'>{formatShanghaiTime(e.createdAt)}</Text>
            </View>
            <Text className={`admin-member-page__amount${e.amount < 0 ? ' admin-member-page__amount--out' : ''}`}>
              {e.amount !== 0 ? formatSigned(e.amount) : `${formatSigned(e.pendingAmount)} 待入账`}
            </Text>
          </View>
        ))}
      </View>

      <View className='admin-member-page__card member-orders'>
        <Text className='admin-member-page__title'>订单（最近 10 笔）</Text>
        {m.orders.length === 0 && <Text className='admin-member-page__empty'>还没有订单</Text>}
        {m.orders.map((o) => (
          <View key={o.id} className='admin-member-page__row'>
            <View className='admin-member-page__row-main'>
              <Text className='admin-member-page__row-title'>{o.orderNo}</Text>
              <Text className='admin-member-page__row-meta'>{formatShanghaiTime(o.createdAt)} · {ORDER_STATUS_LABELS[o.status]}{o.points ? ` · 用 ${o.points} 积分` : ''}</Text>
            </View>
            <Text className='admin-member-page__amount'>¥{formatYuan(o.payFen)}</Text>
          </View>
        ))}
      </View>

      {tagging && <TagPicker memberIds={[m.id]} onClose={() => setTagging(false)} onDone={() => { setTagging(false); load(); }} />}
      {adjusting && <AdjustSheet memberId={m.id} available={m.available} onClose={() => setAdjusting(false)} onDone={() => { setAdjusting(false); load(); }} />}
    </View>
  );
}
