import { useEffect, useState } from 'react';
import { Button, Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatYuan, type MallItemDetailDto, type RedemptionDto } from '@jifen/shared';
import { assetUrl } from '../../api/assets';
import { getMallItem, listRedemptions } from '../../api/mall';
import { EmptyState } from '../../components/EmptyState';
import { Gift } from '../../components/Icon';
import { useShare } from '../../hooks/useShare';
import { session, useSession } from '../../store/session';
import { templateValidity } from '../../utils/coupons';
import { formatPoints, formatShanghaiTime, tierLabel } from '../../utils/format';
import { requireSignIn } from '../../utils/routes';
import { blockedReason, KIND_LABELS } from '../mall/MallItemCard';
import { RedeemSheet } from '../mall/RedeemSheet';
import { useNow } from '../mall/window';
import './index.scss';

/** What a redemption of this kind gives, in words. */
function delivery(item: MallItemDetailDto): string {
  if (item.kind === 'goods') return item.cashFen > 0 ? '兑换时另付现金，付款后发货，运单号在「我的兑换」查看' : '兑换后发货到你的收货地址，运单号在「我的兑换」查看';
  if (item.kind === 'coupon') return '兑换后立即放入「我的优惠券」';
  return '兑换后兑换码显示在「我的兑换」';
}

/**
 * 兑换详情 (route `pages/mall-item/index?id=<itemId>`, from 积分商城's cards): the pictures, the
 * member's price, stock, limit and window, what it is (the goods' description, the coupon's rule
 * and validity) and how it is delivered; 立即兑换 opens the same confirm sheet as the card.
 */
export default function MallItemPage() {
  useShare();
  const id = Number(useRouter().params.id);
  const { member } = useSession();
  const [item, setItem] = useState<MallItemDetailDto | null>(null);
  const [failed, setFailed] = useState(false);
  const [redeemed, setRedeemed] = useState<number | null>(null);
  const [redeeming, setRedeeming] = useState(false);
  const memberId = member?.id ?? null;
  const now = useNow(Boolean(item && (item.startsAt || item.endsAt)));

  const load = () => {
    setFailed(false);
    getMallItem(id).then(setItem, () => setFailed(true));
  };
  useEffect(load, [id, memberId]);
  useEffect(() => {
    if (memberId === null) return setRedeemed(null);
    listRedemptions().then((list) => setRedeemed(list.filter((r) => r.itemId === id).length), () => setRedeemed(null));
  }, [id, memberId]);

  if (failed) {
    return (
      <View className='mall-item-page'>
        <EmptyState icon={<Gift size={36} color='#ff8a3d' />} title='没有找到这件兑换商品' description='它可能已下架' action={<Button className='mall-item-page__back' onClick={() => void Taro.switchTab({ url: '/pages/mall/index' })}>去积分商城</Button>} />
      </View>
    );
  }
  if (!item) return <View className='mall-item-page'><Text className='mall-item-page__loading'>加载中…</Text></View>;

  const blocked = blockedReason(item, now, redeemed);
  const tierPrice = item.memberPoints !== item.points;
  const redeem = () => {
    if (!requireSignIn(memberId !== null, '登录后即可兑换')) return;
    if (!blocked) setRedeeming(true);
  };
  const done = (r: RedemptionDto) => {
    session.setAvailable(r.available);
    setRedeemed((n) => (n ?? 0) + 1);
    load();
  };

  return (
    <View className='mall-item-page'>
      {item.images.length > 1 ? (
        <Swiper className='mall-item-page__gallery' circular indicatorDots>
          {item.images.map((src, i) => (
            <SwiperItem key={`${src}-${i}`}>
              <Image className='mall-item-page__image' src={assetUrl(src)} mode='aspectFill' />
            </SwiperItem>
          ))}
        </Swiper>
      ) : item.images.length === 1 ? (
        <Image className='mall-item-page__image' src={assetUrl(item.images[0])} mode='aspectFill' />
      ) : (
        <View className={`mall-item-page__placeholder mall-item-page__placeholder--${item.kind}`}><Gift size={64} color='#b86b00' /></View>
      )}

      <View className='mall-item-page__card'>
        <View className='mall-item-page__price'>
          <Text className='mall-item-page__points'>{formatPoints(item.memberPoints)}</Text>
          <Text className='mall-item-page__unit'> 积分</Text>
          {item.cashFen > 0 && <Text className='mall-item-page__cash'> + ¥{formatYuan(item.cashFen)}</Text>}
          {tierPrice && <Text className='mall-item-page__base'>{formatPoints(item.points)}</Text>}
          {tierPrice && member && <Text className='mall-item-page__tier'>{tierLabel(member.tier)}价</Text>}
        </View>
        <View className='mall-item-page__title-row'>
          <Text className={`mall-item-page__kind mall-item-page__kind--${item.kind}`}>{KIND_LABELS[item.kind]}</Text>
          <Text className='mall-item-page__title'>{item.title}</Text>
        </View>
        {item.subtitle && <Text className='mall-item-page__subtitle'>{item.subtitle}</Text>}
        <View className='mall-item-page__facts'>
          <Text className='mall-item-page__fact mall-item-page__stock'>{item.stock > 0 ? `剩 ${item.stock} 件` : '已兑完'}</Text>
          {item.perMemberLimit !== null && <Text className='mall-item-page__fact'>每人限兑 {item.perMemberLimit}{redeemed ? ` · 已兑 ${redeemed}` : ''}</Text>}
          {item.startsAt && <Text className='mall-item-page__fact'>{formatShanghaiTime(item.startsAt)} 开始</Text>}
          {item.endsAt && <Text className='mall-item-page__fact'>{formatShanghaiTime(item.endsAt)} 结束</Text>}
        </View>
      </View>

      {item.coupon && (
        <View className='mall-item-page__card mall-item-page__coupon'>
          <Text className='mall-item-page__heading'>优惠券</Text>
          <Text className='mall-item-page__line mall-item-page__coupon-rule'>{item.coupon.label} · {item.coupon.scopeLabel}</Text>
          <Text className='mall-item-page__line'>{templateValidity(item.coupon.validity).replace('领取后', '兑换后')}</Text>
        </View>
      )}

      <View className='mall-item-page__card'>
        <Text className='mall-item-page__heading'>兑换说明</Text>
        <Text className='mall-item-page__line mall-item-page__delivery'>{delivery(item)}</Text>
        {item.description && <Text className='mall-item-page__line mall-item-page__description'>{item.description}</Text>}
      </View>

      <View className='mall-item-page__bar'>
        <Button className={`mall-item-page__redeem${blocked ? ' mall-item-page__redeem--off' : ''}`} onClick={redeem}>{blocked ?? '立即兑换'}</Button>
      </View>

      {redeeming && member && (
        <RedeemSheet item={item} available={member.points.available} onClose={() => setRedeeming(false)} onRedeemed={done} onRefused={load} />
      )}
    </View>
  );
}
