import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { CouponTemplateDto } from '@jifen/shared';
import { claimCoupon, listCouponCenter } from '../../api/coupons';
import { ApiRequestError } from '../../api/request';
import { CouponTicket } from '../../components/CouponTicket';
import { EmptyState } from '../../components/EmptyState';
import { Coupon } from '../../components/Icon';
import { useSession } from '../../store/session';
import { newIdempotencyKey } from '../../utils/idempotency';
import { templateValidity } from '../../utils/coupons';
import './index.scss';

const toWallet = () => void Taro.navigateTo({ url: '/pages/coupons/index?tab=available' });

const CLAIM_ERRORS: Record<string, string> = {
  COUPON_SOLD_OUT: '手慢了，券已抢光',
  COUPON_LIMIT_REACHED: '已达领取上限',
  COUPON_NOT_CLAIMABLE: '该券暂不可领取',
  COUPON_NOT_FOUND: '该券已下架',
};

const soldOut = (t: CouponTemplateDto) => t.total !== null && t.issued >= t.total;

/** The ticket's button and the line under it for one template. */
function CenterTicket({ template, signedIn, claiming, onClaim }: { template: CouponTemplateDto; signedIn: boolean; claiming: boolean; onClaim: () => void }) {
  const gone = soldOut(template);
  const canClaim = !gone && (!signedIn || template.claimable);
  let action;
  if (canClaim) {
    action = (
      <Button className='coupon-ticket__button coupon-center__claim' disabled={claiming || undefined} onClick={onClaim}>
        {claiming ? '领取中' : '立即领取'}
      </Button>
    );
  } else if (signedIn && template.mine > 0) {
    action = (
      <Button className='coupon-ticket__button coupon-ticket__button--ghost coupon-center__claimed' onClick={toWallet}>
        已领取
      </Button>
    );
  } else {
    action = <Button className='coupon-ticket__button coupon-ticket__button--off coupon-center__sold-out'>{gone ? '已抢光' : '不可领取'}</Button>;
  }
  const left = template.total === null ? null : Math.max(template.total - template.issued, 0);
  const takenPct = template.total ? Math.min(100, Math.floor((template.issued * 100) / template.total)) : 0;
  const extra = (
    <View className='coupon-center__meta'>
      {left !== null && (
        <View className='coupon-center__stock'>
          <View className='coupon-center__bar'>
            <View className='coupon-center__bar-fill' style={{ width: `${takenPct}%` }} />
          </View>
          <Text className='coupon-center__left coupon-center-left'>{left > 0 ? `仅剩 ${left} 张` : '已抢光'}</Text>
        </View>
      )}
      {template.perMember > 1 && <Text className='coupon-center__limit'>每人限领 {template.perMember} 张</Text>}
    </View>
  );
  return (
    <CouponTicket
      className={`coupon-center__ticket coupon-center-ticket coupon-center-ticket--${template.id}`}
      rule={template}
      name={template.name}
      scope={template.scopeLabel}
      validity={templateValidity(template.validity)}
      tone={gone && !(signedIn && template.mine > 0) ? 'expired' : 'normal'}
      action={action}
      extra={extra}
    />
  );
}

/** 领券中心: coupons members can claim, one tap each. */
export default function CouponCenterPage() {
  const { status, member } = useSession();
  const [templates, setTemplates] = useState<CouponTemplateDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [claiming, setClaiming] = useState<number | null>(null);
  const signedIn = status === 'signedIn' && member !== null;
  const memberId = member?.id ?? null;

  const load = useCallback(() => {
    setFailed(false);
    listCouponCenter().then(setTemplates, () => setFailed(true));
  }, []);

  // Again when the member changes: signed in, the list says what is mine and claimable.
  useEffect(() => {
    if (status !== 'loading') load();
  }, [status, memberId, load]);
  useDidShow(() => {
    if (templates) load();
  });

  const claim = async (template: CouponTemplateDto) => {
    if (!signedIn) {
      void Taro.showToast({ title: '登录后即可领券', icon: 'none' });
      void Taro.switchTab({ url: '/pages/me/index' });
      return;
    }
    if (claiming !== null) return;
    setClaiming(template.id);
    try {
      await claimCoupon(template.id, newIdempotencyKey('claim'));
      // Show the claim at once, then let the server say whether another one may be claimed.
      setTemplates((list) =>
        list?.map((t) => (t.id === template.id ? { ...t, issued: t.issued + 1, mine: t.mine + 1, claimable: t.mine + 1 < t.perMember && !(t.total !== null && t.issued + 1 >= t.total) } : t)) ?? list,
      );
      void Taro.showToast({ title: '领取成功，已放入卡包', icon: 'success' });
      load();
    } catch (error) {
      const message = error instanceof ApiRequestError ? CLAIM_ERRORS[error.code] ?? error.message : '领取失败，请稍后再试';
      void Taro.showToast({ title: message, icon: 'none' });
      load();
    } finally {
      setClaiming(null);
    }
  };

  return (
    <View className='coupon-center'>
      <View className='coupon-center__hero'>
        <Text className='coupon-center__title'>领券中心</Text>
        <Text className='coupon-center__subtitle'>先领券 再下单 · 每天都有好券</Text>
        {signedIn && (
          <Text className='coupon-center__wallet coupon-center-wallet' onClick={toWallet}>
            我的优惠券 ›
          </Text>
        )}
      </View>

      <View className='coupon-center__list'>
        {failed ? (
          <EmptyState icon={<Coupon size={36} color='#ff8a3d' />} title='加载失败' description='网络不太稳定，请稍后重试' action={<Button className='coupon-center__retry' onClick={load}>重新加载</Button>} />
        ) : templates === null ? (
          <Text className='coupon-center__loading'>加载中…</Text>
        ) : templates.length === 0 ? (
          <EmptyState icon={<Coupon size={36} color='#ff8a3d' />} title='好券正在路上' description='暂时没有可领取的优惠券，过几天再来看看' />
        ) : (
          templates.map((t) => <CenterTicket key={t.id} template={t} signedIn={signedIn} claiming={claiming === t.id} onClaim={() => void claim(t)} />)
        )}
      </View>
    </View>
  );
}
