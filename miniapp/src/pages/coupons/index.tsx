import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { CouponDto } from '@jifen/shared';
import { listMyCoupons, type WalletTab } from '../../api/coupons';
import { CouponTicket } from '../../components/CouponTicket';
import { EmptyState } from '../../components/EmptyState';
import { RemindButton } from '../../components/RemindButton';
import { Coupon } from '../../components/Icon';
import { useSession } from '../../store/session';
import { expiryHint, validityRange } from '../../utils/coupons';
import './index.scss';

const TABS: { key: WalletTab; label: string; empty: string }[] = [
  { key: 'available', label: '可使用', empty: '暂无可用优惠券' },
  { key: 'used', label: '已使用', empty: '还没有用过优惠券' },
  { key: 'expired', label: '已过期', empty: '没有过期的优惠券' },
];

const tabOf = (value: string | undefined): WalletTab => TABS.find((t) => t.key === value)?.key ?? 'available';
const toHome = () => void Taro.switchTab({ url: '/pages/index/index' });
const toCenter = () => void Taro.navigateTo({ url: '/pages/coupon-center/index' });

function WalletCoupon({ coupon }: { coupon: CouponDto }) {
  const tone = coupon.state === 'available' ? 'normal' : coupon.state;
  const note = coupon.state === 'locked' ? '待支付订单占用' : coupon.state === 'available' ? expiryHint(coupon.endsAt) : null;
  return (
    <CouponTicket
      className={`wallet-coupon wallet-coupon--${coupon.state}`}
      rule={coupon}
      name={coupon.name}
      scope={coupon.scopeLabel}
      validity={validityRange(coupon.startsAt, coupon.endsAt)}
      note={note}
      tone={tone}
      action={
        coupon.state === 'available' ? (
          <Button className='coupon-ticket__button wallet-coupon__use' onClick={toHome}>
            去使用
          </Button>
        ) : undefined
      }
    />
  );
}

/** 我的优惠券: the member's coupons under 可使用 / 已使用 / 已过期. */
export default function CouponsPage() {
  const router = useRouter();
  const { status, member } = useSession();
  const [tab, setTab] = useState<WalletTab>(tabOf(router.params.tab));
  const [coupons, setCoupons] = useState<CouponDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const requested = useRef(0);
  const memberId = member?.id ?? null;

  const load = useCallback(
    (which: WalletTab) => {
      if (memberId === null) return;
      const ticket = ++requested.current;
      setFailed(false);
      listMyCoupons(which, { silent: true }).then(
        (list) => ticket === requested.current && setCoupons(list),
        () => ticket === requested.current && setFailed(true),
      );
    },
    [memberId],
  );

  useEffect(() => {
    setCoupons(null);
    load(tab);
  }, [tab, load]);

  // Coming back from checkout or 领券中心 changes the wallet: fetch again (not on the first show).
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) load(tab);
    shown.current = true;
  });

  const current = TABS.find((t) => t.key === tab)!;

  return (
    <View className='wallet'>
      <View className='wallet__tabs'>
        {TABS.map((t) => (
          <View key={t.key} className={`wallet__tab wallet-tab wallet-tab--${t.key}${t.key === tab ? ' wallet__tab--active wallet-tab--active' : ''}`} onClick={() => setTab(t.key)}>
            <Text className='wallet__tab-text'>
              {t.label}
              {t.key === 'available' && tab === 'available' && coupons ? `(${coupons.length})` : ''}
            </Text>
          </View>
        ))}
      </View>

      <View className='wallet__center wallet-center-link' onClick={toCenter}>
        <View className='wallet__center-icon'>
          <Coupon size={18} color='#ff5a1f' />
        </View>
        <Text className='wallet__center-text'>领券中心 · 好券天天领</Text>
        <Text className='wallet__center-go'>去领券 ›</Text>
      </View>

      {status === 'signedIn' && tab === 'available' && coupons && coupons.length > 0 && (
        <RemindButton kinds={['coupon_expiring']} label='过期前提醒我' reason='优惠券到期前 3 天提醒你使用' done='已开启优惠券过期提醒' className='wallet-remind' />
      )}

      <View className='wallet__list'>
        {status !== 'signedIn' ? (
          <EmptyState
            icon={<Coupon size={36} color='#ff8a3d' />}
            title={status === 'loading' ? '正在加载…' : '登录后查看优惠券'}
            description='优惠券放在会员卡包里，登录后即可查看和使用'
            action={
              status === 'signedOut' ? (
                <Button className='wallet__action' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
                  去登录
                </Button>
              ) : undefined
            }
          />
        ) : failed ? (
          <EmptyState icon={<Coupon size={36} color='#ff8a3d' />} title='加载失败' description='网络不太稳定，请稍后重试' action={<Button className='wallet__action' onClick={() => load(tab)}>重新加载</Button>} />
        ) : coupons === null ? (
          <Text className='wallet__loading'>加载中…</Text>
        ) : coupons.length === 0 ? (
          <EmptyState
            icon={<Coupon size={36} color='#ff8a3d' />}
            title={current.empty}
            description={tab === 'available' ? '去领券中心看看，领券下单更划算' : undefined}
            action={
              tab === 'available' ? (
                <Button className='wallet__action wallet-empty-center' onClick={toCenter}>
                  去领券中心
                </Button>
              ) : undefined
            }
          />
        ) : (
          coupons.map((coupon) => <WalletCoupon key={coupon.id} coupon={coupon} />)
        )}
      </View>
    </View>
  );
}
