import { useCallback, useEffect, useState } from 'react';
import { Button, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatYuan, type CouponChannel, type CouponTemplateStatsDto } from '@jifen/shared';
import { listCouponTemplateStats, setCouponTemplateStatus } from '../../api/admin';
import { EmptyState } from '../../components/EmptyState';
import { Coupon } from '../../components/Icon';
import { couponFace, templateValidity } from '../../utils/coupons';
import { formatPermille } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { CouponForm } from './CouponForm';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

const CHANNELS: Record<CouponChannel, string> = {
  center: '领券中心',
  new_member: '新人礼',
  invite: '邀请奖励',
  mall: '积分兑换',
  targeted: '定向发放',
  winback: '召回',
};


function TemplateCard({ t, busy, onToggle }: { t: CouponTemplateStatsDto; busy: boolean; onToggle: (on: boolean) => void }) {
  const face = couponFace(t);
  const on = t.status === 'on';
  return (
    <View className={`admin-coupon admin-coupon--${t.status}`}>
      <View className='admin-coupon__head'>
        <View className='admin-coupon__face'>
          <Text className='admin-coupon__face-value'>
            {face.prefix}
            {face.value}
            {face.suffix}
          </Text>
        </View>
        <View className='admin-coupon__main'>
          <Text className='admin-coupon__name'>{t.name}</Text>
          <Text className='admin-coupon__label'>
            {t.label} · {CHANNELS[t.channel]}
          </Text>
          <Text className='admin-coupon__validity'>{templateValidity(t.validity)}</Text>
        </View>
        <View className='admin-coupon__switch-box'>
          <Switch className='admin-coupon__switch' checked={on} disabled={busy || undefined} color='#ff5a1f' onChange={(e) => onToggle(e.detail.value)} />
          <Text className='admin-coupon__state'>{on ? '发放中' : '已停发'}</Text>
        </View>
      </View>
      <View className='admin-coupon__stats'>
        <View className='admin-coupon__stat'>
          <Text className='admin-coupon__stat-value admin-coupon-issued'>{t.issued}</Text>
          <Text className='admin-coupon__stat-label'>已发放{t.total !== null ? `/${t.total}` : ''}</Text>
        </View>
        <View className='admin-coupon__stat'>
          <Text className='admin-coupon__stat-value admin-coupon-used'>{t.used}</Text>
          <Text className='admin-coupon__stat-label'>已使用</Text>
        </View>
        <View className='admin-coupon__stat'>
          <Text className='admin-coupon__stat-value admin-coupon-rate'>{formatPermille(t.useRatePermille)}</Text>
          <Text className='admin-coupon__stat-label'>使用率</Text>
        </View>
        <View className='admin-coupon__stat'>
          <Text className='admin-coupon__stat-value admin-coupon-gmv'>¥{formatYuan(t.gmvFen)}</Text>
          <Text className='admin-coupon__stat-label'>带动成交</Text>
        </View>
      </View>
    </View>
  );
}

/** 优惠券 (operators): each template's funnel, an on/off switch, and 新建优惠券. */
export default function AdminCouponsPage() {
  const { operator, loading } = useOperator();
  const [templates, setTemplates] = useState<CouponTemplateStatsDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    setFailed(false);
    listCouponTemplateStats().then(setTemplates, () => setFailed(true));
  }, [operatorId]);
  useEffect(load, [load]);
  useShownAgain(load);

  const toggle = async (t: CouponTemplateStatsDto, on: boolean) => {
    const status = on ? 'on' : 'off';
    setBusy(t.id);
    setTemplates((list) => list?.map((x) => (x.id === t.id ? { ...x, status } : x)) ?? list);
    try {
      await setCouponTemplateStatus(t.id, status);
      void Taro.showToast({ title: on ? '已开始发放' : '已停止发放', icon: 'none' });
    } catch {
      setTemplates((list) => list?.map((x) => (x.id === t.id ? { ...x, status: t.status } : x)) ?? list);
    } finally {
      setBusy(null);
    }
  };

  if (!operator) {
    return <NotStaff className='admin-coupons' loading={loading} screen='优惠券管理' />;
  }

  const issued = templates?.reduce((n, t) => n + t.issued, 0) ?? 0;
  const used = templates?.reduce((n, t) => n + t.used, 0) ?? 0;
  const gmv = templates?.reduce((n, t) => n + t.gmvFen, 0) ?? 0;

  return (
    <View className='admin-coupons'>
      <View className='admin-coupons__summary'>
        <View className='admin-coupons__sum'>
          <Text className='admin-coupons__sum-value'>{issued}</Text>
          <Text className='admin-coupons__sum-label'>累计发放</Text>
        </View>
        <View className='admin-coupons__sum'>
          <Text className='admin-coupons__sum-value'>{used}</Text>
          <Text className='admin-coupons__sum-label'>累计使用</Text>
        </View>
        <View className='admin-coupons__sum'>
          <Text className='admin-coupons__sum-value'>¥{formatYuan(gmv)}</Text>
          <Text className='admin-coupons__sum-label'>带动成交</Text>
        </View>
      </View>
      <View className='admin-coupons__list'>
        <Button className='admin-coupons__create' onClick={() => setCreating(true)}>
          ＋ 新建优惠券
        </Button>
        {failed ? (
          <EmptyState icon={<Coupon size={36} color='#ff8a3d' />} title='加载失败' description='请稍后重试' action={<Button className='admin-coupons__retry' onClick={load}>重新加载</Button>} />
        ) : templates === null ? (
          <Text className='admin-coupons__loading'>加载中…</Text>
        ) : templates.length === 0 ? (
          <EmptyState icon={<Coupon size={36} color='#ff8a3d' />} title='还没有优惠券模板' />
        ) : (
          templates.map((t) => <TemplateCard key={t.id} t={t} busy={busy === t.id} onToggle={(on) => void toggle(t, on)} />)
        )}
      </View>
      {creating && (
        <CouponForm
          channels={CHANNELS}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            load();
          }}
        />
      )}
    </View>
  );
}
