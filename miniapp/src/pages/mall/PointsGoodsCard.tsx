import { Button, Image, Text, View } from '@tarojs/components';
import type { GoodsDto } from '@jifen/shared';
import { assetUrl } from '../../api/assets';
import { OriginalPrice } from '../../components/Price';
import { formatPoints } from '../../utils/format';

interface Props {
  goods: GoodsDto & { pointsPrice: number };
  onRedeem: (goods: GoodsDto) => void;
}

/** A points-mall cell: the points price leads, the cash price is only a reference. */
export function PointsGoodsCard({ goods, onRedeem }: Props) {
  const soldOut = goods.stock <= 0;
  return (
    <View className='points-card'>
      <View className='points-card__media'>
        <Image className='points-card__image' src={assetUrl(goods.image)} mode='aspectFill' lazyLoad />
        {soldOut && <View className='points-card__sold-out'>已兑完</View>}
      </View>
      <View className='points-card__body'>
        <Text className='points-card__title'>{goods.title}</Text>
        <View className='points-card__points'>
          <Text className='points-card__points-value'>{formatPoints(goods.pointsPrice)}</Text>
          <Text className='points-card__points-unit'> 积分</Text>
        </View>
        <View className='points-card__footer'>
          <OriginalPrice fen={goods.originalPriceFen ?? goods.priceFen} />
          <Button className={`points-card__redeem${soldOut ? ' points-card__redeem--off' : ''}`} onClick={() => !soldOut && onRedeem(goods)}>
            {soldOut ? '已兑完' : '立即兑换'}
          </Button>
        </View>
      </View>
    </View>
  );
}
