import { Button, Image, Text, View } from '@tarojs/components';
import { formatYuan, type MallItemDto } from '@jifen/shared';
import { assetUrl } from '../../api/assets';
import { Coupon, Gift } from '../../components/Icon';
import { formatPoints } from '../../utils/format';
import { formatCountdown, windowOf } from './window';

export const KIND_LABELS: Record<MallItemDto['kind'], string> = { goods: '实物', coupon: '优惠券', virtual: '虚拟' };

interface Props {
  item: MallItemDto;
  now: number;
  /** "金卡价" when the member's tier has a mall price, else null. */
  tierPriceLabel: string | null;
  /** How many of this item the member has redeemed (null when unknown / signed out). */
  redeemed: number | null;
  onRedeem: (item: MallItemDto) => void;
  /** A tap anywhere but the button: the item's page. */
  onOpen: (item: MallItemDto) => void;
}

/** Why the button is off, or null when the item can be redeemed now. */
export function blockedReason(item: MallItemDto, now: number, redeemed: number | null): string | null {
  const window = windowOf(item, now);
  if (window.phase === 'upcoming') return '即将开始';
  if (window.phase === 'ended') return '已结束';
  if (item.stock <= 0) return '已兑完';
  if (item.perMemberLimit !== null && redeemed !== null && redeemed >= item.perMemberLimit) return '已达上限';
  return null;
}

/** A points-mall cell: the points price leads, tier price, stock, limit and window under it. */
export function MallItemCard({ item, now, tierPriceLabel, redeemed, onRedeem, onOpen }: Props) {
  const window = windowOf(item, now);
  const blocked = blockedReason(item, now, redeemed);
  const tierPrice = item.memberPoints !== item.points;
  return (
    <View className={`points-card mall-item mall-item--${item.kind}${blocked ? ' mall-item--blocked' : ''}`} onClick={() => onOpen(item)}>
      <View className='points-card__media'>
        {item.image ? (
          <Image className='points-card__image' src={assetUrl(item.image)} mode='aspectFill' lazyLoad />
        ) : (
          <View className={`points-card__placeholder points-card__placeholder--${item.kind}`}>
            {item.kind === 'coupon' ? <Coupon size={48} color='#ff5a1f' /> : <Gift size={48} color='#b86b00' />}
          </View>
        )}
        <Text className={`points-card__kind points-card__kind--${item.kind}`}>{KIND_LABELS[item.kind]}</Text>
        {window.phase === 'upcoming' && <View className='points-card__window mall-item__countdown'>{formatCountdown(window.startsIn)} 后开抢</View>}
        {window.phase === 'open' && window.endsIn !== null && (
          <View className='points-card__window points-card__window--ending mall-item__countdown'>限时 {formatCountdown(window.endsIn)}</View>
        )}
        {item.stock <= 0 && window.phase === 'open' && <View className='points-card__sold-out'>已兑完</View>}
      </View>
      <View className='points-card__body'>
        <Text className='points-card__title mall-item__title'>{item.title}</Text>
        {item.subtitle && <Text className='points-card__subtitle'>{item.subtitle}</Text>}
        <View className='points-card__points'>
          <Text className='points-card__points-value mall-item__points'>{formatPoints(item.memberPoints)}</Text>
          <Text className='points-card__points-unit'> 积分</Text>
          {item.cashFen > 0 && <Text className='points-card__points-cash mall-item__cash'> + ¥{formatYuan(item.cashFen)}</Text>}
          {tierPrice && <Text className='points-card__points-base'>{formatPoints(item.points)}</Text>}
        </View>
        {tierPrice && tierPriceLabel && (
          <Text className='points-card__tier mall-item__tier'>
            {tierPriceLabel} {formatPoints(item.memberPoints)}
          </Text>
        )}
        <View className='points-card__facts'>
          <Text className='points-card__fact mall-item__stock'>{item.stock > 0 ? `剩 ${item.stock} 件` : '库存 0'}</Text>
          {item.perMemberLimit !== null && (
            <Text className='points-card__fact mall-item__limit'>
              每人限兑 {item.perMemberLimit}
              {redeemed ? ` · 已兑 ${redeemed}` : ''}
            </Text>
          )}
        </View>
        <Button className={`points-card__redeem mall-item__redeem${blocked ? ' points-card__redeem--off' : ''}`} onClick={(e) => {
          e.stopPropagation();
          if (!blocked) onRedeem(item);
        }}>
          {blocked ?? '立即兑换'}
        </Button>
      </View>
    </View>
  );
}
