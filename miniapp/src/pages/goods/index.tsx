import { useEffect, useState } from 'react';
import { Button, Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { type GoodsDetailDto, type SkuDto } from '@jifen/shared';
import { assetUrl } from '../../api/assets';
import { getGoods } from '../../api/catalog';
import { addToCart } from '../../api/cart';
import { ApiRequestError } from '../../api/request';
import { EmptyState } from '../../components/EmptyState';
import { Cart, Search } from '../../components/Icon';
import { OriginalPrice, Price } from '../../components/Price';
import { Sheet } from '../../components/Sheet';
import { Stepper } from '../../components/Stepper';
import { useShare } from '../../hooks/useShare';
import { useShopRules } from '../../hooks/useShopRules';
import { cartCount, useCartCount } from '../../store/cart';
import { useSession } from '../../store/session';
import { formatCount, formatPoints } from '../../utils/format';
import { openCart, openCheckout, requireSignIn } from '../../utils/routes';
import './index.scss';

type Load = { status: 'loading' } | { status: 'missing'; message: string } | { status: 'ready'; goods: GoodsDetailDto };
type Intent = 'cart' | 'buy' | 'pick';

/** The first SKU that can be bought, else the first. */
function initialSku(goods: GoodsDetailDto): SkuDto | null {
  return goods.skus.find((s) => s.stock > 0) ?? goods.skus[0] ?? null;
}

/** SKU picker: spec chips (sold-out ones disabled), the chosen SKU's price and stock, quantity capped by stock. */
function SkuSheet(props: {
  goods: GoodsDetailDto;
  intent: Intent | null;
  sku: SkuDto | null;
  quantity: number;
  onSku: (sku: SkuDto) => void;
  onQuantity: (n: number) => void;
  onClose: () => void;
  onConfirm: (intent: 'cart' | 'buy') => void;
}) {
  const { goods, intent, sku, quantity } = props;
  const soldOut = !sku || sku.stock <= 0;
  return (
    <Sheet open={intent !== null} onClose={props.onClose} className='sku-sheet'>
      <View className='sku-sheet__head'>
        <Image className='sku-sheet__image' src={assetUrl(goods.image)} mode='aspectFill' />
        <View className='sku-sheet__summary'>
          <Price fen={sku?.priceFen ?? goods.priceFen} size='lg' className='sku-sheet__price' />
          <Text className='sku-sheet__stock'>{sku ? (sku.stock > 0 ? `库存 ${sku.stock} 件` : '已售罄') : '请选择规格'}</Text>
          <Text className='sku-sheet__chosen'>{sku ? `已选：${sku.name}` : '请选择规格'}</Text>
        </View>
        <Text className='sku-sheet__close' onClick={props.onClose}>
          ×
        </Text>
      </View>
      <Text className='sku-sheet__label'>规格</Text>
      <View className='sku-sheet__chips'>
        {goods.skus.map((s) => (
          <Text
            key={s.id}
            className={`sku-sheet__chip${s.id === sku?.id ? ' sku-sheet__chip--active' : ''}${s.stock <= 0 ? ' sku-sheet__chip--disabled' : ''}`}
            onClick={() => s.stock > 0 && props.onSku(s)}
          >
            {s.name}
            {s.stock <= 0 ? '（已售罄）' : ''}
          </Text>
        ))}
      </View>
      <View className='sku-sheet__quantity'>
        <Text className='sku-sheet__label sku-sheet__label--inline'>购买数量</Text>
        <Stepper value={quantity} max={Math.max(1, sku?.stock ?? 1)} disabled={soldOut} onChange={props.onQuantity} className='sku-sheet__stepper' />
      </View>
      <View className='sku-sheet__actions'>
        {soldOut ? (
          <Button className='sku-sheet__confirm sku-sheet__confirm--off' disabled>
            已售罄
          </Button>
        ) : intent === 'pick' ? (
          <View className='sku-sheet__pair'>
            <Button className='sku-sheet__confirm sku-sheet__confirm--cart' onClick={() => props.onConfirm('cart')}>
              加入购物车
            </Button>
            <Button className='sku-sheet__confirm sku-sheet__confirm--buy' onClick={() => props.onConfirm('buy')}>
              立即购买
            </Button>
          </View>
        ) : (
          <Button className={`sku-sheet__confirm sku-sheet__confirm--${intent}`} onClick={() => props.onConfirm(intent === 'buy' ? 'buy' : 'cart')}>
            {intent === 'buy' ? '立即购买' : '加入购物车'}
          </Button>
        )}
      </View>
    </Sheet>
  );
}

export default function GoodsPage() {
  useShare();
  const rules = useShopRules();
  const { params } = useRouter();
  const id = Number(params.id);
  const { status } = useSession();
  const signedIn = status === 'signedIn';
  const count = useCartCount();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [sku, setSku] = useState<SkuDto | null>(null);
  const [quantity, setQuantity] = useState(1);
  const [intent, setIntent] = useState<Intent | null>(null);
  const [adding, setAdding] = useState(false);
  const [slide, setSlide] = useState(0);

  useEffect(() => {
    if (!Number.isInteger(id) || id <= 0) {
      setLoad({ status: 'missing', message: '商品不存在' });
      return;
    }
    getGoods(id).then(
      (goods) => {
        setLoad({ status: 'ready', goods });
        setSku(initialSku(goods));
        void Taro.setNavigationBarTitle({ title: goods.title });
      },
      (error) =>
        setLoad({
          status: 'missing',
          message: error instanceof ApiRequestError && error.status < 500 && error.status !== 0 ? '商品不存在或已下架' : '商品加载失败，请稍后重试',
        }),
    );
  }, [id]);

  useDidShow(() => {
    void cartCount.refresh();
  });

  if (load.status !== 'ready') {
    return (
      <View className='goods-detail goods-detail--empty'>
        {load.status === 'loading' ? (
          <View className='goods-detail__skeleton' />
        ) : (
          <EmptyState
            icon={<Search size={36} color='#ff8a3d' />}
            title={load.message}
            description='去首页看看其他好物吧'
            action={
              <Text className='goods-detail__home' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
                返回首页
              </Text>
            }
          />
        )}
      </View>
    );
  }

  const { goods } = load;
  const images = goods.images.length > 0 ? goods.images : [goods.image];
  const original = goods.originalPriceFen !== null && goods.originalPriceFen > goods.priceFen ? goods.originalPriceFen : null;
  const soldOut = goods.skus.every((s) => s.stock <= 0);
  const multi = goods.skus.length > 1;
  const priceFen = sku && !multi ? sku.priceFen : goods.priceFen;

  const open = (next: Intent) => {
    if (next !== 'pick' && !requireSignIn(signedIn)) return;
    if (quantity > (sku?.stock ?? 0)) setQuantity(1);
    setIntent(next);
  };

  const confirm = async (what: 'cart' | 'buy') => {
    if (!requireSignIn(signedIn) || !sku) return;
    if (what === 'buy') {
      setIntent(null);
      openCheckout([{ skuId: sku.id, quantity }], false);
      return;
    }
    if (adding) return;
    setAdding(true);
    try {
      await addToCart({ skuId: sku.id, quantity });
      setIntent(null);
      void Taro.showToast({ title: '已加入购物车', icon: 'success' });
      void cartCount.refresh();
    } catch {
      // the request layer showed the server's reason (sold out, limit)
    } finally {
      setAdding(false);
    }
  };

  return (
    <View className='goods-detail'>
      <View className='goods-detail__gallery'>
        <Swiper className='goods-detail__swiper' circular={images.length > 1} onChange={(e) => setSlide(e.detail.current)}>
          {images.map((src, i) => (
            <SwiperItem key={`${src}-${i}`}>
              <Image className='goods-detail__image' src={assetUrl(src)} mode='aspectFill' />
            </SwiperItem>
          ))}
        </Swiper>
        {images.length > 1 && (
          <Text className='goods-detail__counter'>
            {slide + 1}/{images.length}
          </Text>
        )}
        {soldOut && <View className='goods-detail__sold-out'>已售罄</View>}
      </View>

      <View className='goods-detail__card goods-detail__main'>
        <View className='goods-detail__price-row'>
          <Text className='goods-detail__price-wrap'>
            <Price fen={priceFen} size='lg' className='goods-detail__price' />
            {multi && <Text className='goods-detail__from'>起</Text>}
          </Text>
          {original !== null && <OriginalPrice fen={original} className='goods-detail__original' />}
          <Text className='goods-detail__sales'>已售 {formatCount(goods.sales)}</Text>
        </View>
        <Text className='goods-detail__title'>{goods.title}</Text>
        {goods.subtitle && <Text className='goods-detail__subtitle'>{goods.subtitle}</Text>}
        {goods.pointsPrice !== null && (
          <View className='goods-detail__points' onClick={() => void Taro.switchTab({ url: '/pages/mall/index' })}>
            <Text className='goods-detail__points-tag'>积分兑</Text>
            <Text className='goods-detail__points-text'>积分商城 {formatPoints(goods.pointsPrice)} 积分可兑换</Text>
            <Text className='goods-detail__points-go'>去兑换 ›</Text>
          </View>
        )}
      </View>

      <View className='goods-detail__card goods-detail__rows'>
        <View className='goods-detail__row goods-detail__spec' onClick={() => open('pick')}>
          <Text className='goods-detail__row-label'>已选</Text>
          <Text className='goods-detail__row-value'>{sku ? `${sku.name}，${quantity} 件` : '请选择规格'}</Text>
          <Text className='goods-detail__row-arrow'>›</Text>
        </View>
        <View className='goods-detail__row'>
          <Text className='goods-detail__row-label'>服务</Text>
          <Text className='goods-detail__row-value goods-detail__row-value--muted goods-detail__service'>
            {rules && rules.pointsPerYuan > 0 ? `每消费 1 元得 ${rules.pointsPerYuan} 积分 · ` : ''}积分可抵现</Text>
        </View>
      </View>

      <View className='goods-detail__card goods-detail__desc'>
        <Text className='goods-detail__desc-title'>商品详情</Text>
        {(goods.description || '暂无详细介绍').split('\n').filter((p) => p.trim()).map((p, i) => (
          <Text className='goods-detail__desc-text' key={i}>
            {p}
          </Text>
        ))}
        {goods.images.map((src, i) => (
          <Image key={`d-${i}`} className='goods-detail__desc-image' src={assetUrl(src)} mode='widthFix' lazyLoad />
        ))}
      </View>

      <View className='goods-detail__bar'>
        <View className='goods-detail__cart' onClick={() => openCart(signedIn)}>
          <Cart size={22} color='#5c5f66' />
          <Text className='goods-detail__cart-text'>购物车</Text>
          {count > 0 && <Text className='goods-detail__cart-badge'>{count > 99 ? '99+' : count}</Text>}
        </View>
        {soldOut ? (
          <Button className='goods-detail__sold-out-btn' disabled>
            已售罄
          </Button>
        ) : (
          <View className='goods-detail__buttons'>
            <Button className='goods-detail__add-cart' onClick={() => open('cart')}>
              加入购物车
            </Button>
            <Button className='goods-detail__buy-now' onClick={() => open('buy')}>
              立即购买
            </Button>
          </View>
        )}
      </View>

      <SkuSheet
        goods={goods}
        intent={intent}
        sku={sku}
        quantity={quantity}
        onSku={(s) => {
          setSku(s);
          setQuantity((q) => Math.min(q, Math.max(1, s.stock)));
        }}
        onQuantity={setQuantity}
        onClose={() => setIntent(null)}
        onConfirm={(what) => void confirm(what)}
      />
    </View>
  );
}
