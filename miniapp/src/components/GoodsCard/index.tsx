import { Image, Text, View } from '@tarojs/components';
import { formatYuan, type GoodsDto } from '@jifen/shared';
import { assetUrl } from '../../api/assets';
import { formatCount, formatPoints } from '../../utils/format';
import { OriginalPrice, Price } from '../Price';
import './index.scss';

interface Props {
  goods: GoodsDto;
  onClick?: (goods: GoodsDto) => void;
}

/** One cell of the two-column goods feed on 首页. */
export function GoodsCard({ goods, onClick }: Props) {
  const soldOut = goods.stock <= 0;
  // Only a real discount is shown as one.
  const original = goods.originalPriceFen !== null && goods.originalPriceFen > goods.priceFen ? goods.originalPriceFen : null;
  return (
    <View className={`goods-card${soldOut ? ' goods-card--sold-out' : ''}`} onClick={() => onClick?.(goods)}>
      <View className='goods-card__media'>
        <Image className='goods-card__image' src={assetUrl(goods.image)} mode='aspectFill' lazyLoad />
        {soldOut && <View className='goods-card__sold-out'>已售罄</View>}
      </View>
      <View className='goods-card__body'>
        <Text className='goods-card__title'>{goods.title}</Text>
        <Text className='goods-card__subtitle'>{goods.subtitle}</Text>
        <View className='goods-card__tags'>
          {goods.pointsPrice !== null && <Text className='goods-card__tag'>{formatPoints(goods.pointsPrice)} 积分可兑</Text>}
          {original !== null && (
            <Text className='goods-card__tag goods-card__tag--discount'>直降{formatYuan(original - goods.priceFen).replace(/\.00$/, '')}元</Text>
          )}
        </View>
        <View className='goods-card__bottom'>
          <View className='goods-card__price-row'>
            <Price fen={goods.priceFen} />
            {original !== null && <OriginalPrice fen={original} className='goods-card__original' />}
          </View>
          <Text className='goods-card__sales'>已售 {formatCount(goods.sales)}</Text>
        </View>
      </View>
    </View>
  );
}

/** Grey stand-in while the feed loads, same footprint as a card. */
export function GoodsCardSkeleton() {
  return (
    <View className='goods-card goods-card--skeleton'>
      <View className='goods-card__media' />
      <View className='goods-card__body'>
        <View className='goods-card__bar' />
        <View className='goods-card__bar goods-card__bar--short' />
        <View className='goods-card__bar goods-card__bar--price' />
      </View>
    </View>
  );
}
