import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { CartItemDto } from '@jifen/shared';
import { assetUrl } from '../../api/assets';
import { listCart, removeCartItem, updateCartItem } from '../../api/cart';
import { EmptyState } from '../../components/EmptyState';
import { Cart, CheckChecked, CheckDisabled, CheckNormal } from '../../components/Icon';
import { Price } from '../../components/Price';
import { Stepper } from '../../components/Stepper';
import { cartCount } from '../../store/cart';
import { useSession } from '../../store/session';
import { openCheckout, openGoods } from '../../utils/routes';
import './index.scss';

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; items: CartItemDto[] };

function CheckBox({ on, disabled, onClick, className = '' }: { on: boolean; disabled?: boolean; onClick: () => void; className?: string }) {
  return (
    <View
      className={`cart-check${on ? ' cart-check--on' : ''}${disabled ? ' cart-check--disabled' : ''} ${className}`}
      onClick={(e) => {
        e.stopPropagation();
        if (!disabled) onClick();
      }}
    >
      {disabled ? <CheckDisabled size={20} color='#d0d1d6' /> : on ? <CheckChecked size={20} color='#ff5a1f' /> : <CheckNormal size={20} color='#c4c5ca' />}
    </View>
  );
}

export default function CartPage() {
  const { status } = useSession();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [editing, setEditing] = useState(false);
  // In edit mode lines are marked for deletion locally (unavailable ones too).
  const [marked, setMarked] = useState<Set<number>>(new Set());

  const reload = () => {
    listCart().then(
      (items) => {
        setLoad({ status: 'ready', items });
        cartCount.set(items.reduce((s, i) => s + i.quantity, 0));
      },
      () => setLoad((l) => (l.status === 'ready' ? l : { status: 'error' })),
    );
  };

  useDidShow(reload);

  const items = load.status === 'ready' ? load.items : [];
  const replace = (next: CartItemDto) => setLoad({ status: 'ready', items: items.map((i) => (i.id === next.id ? next : i)) });
  const buyable = items.filter((i) => i.available);
  const checked = buyable.filter((i) => i.checked);
  const allChecked = editing ? items.length > 0 && marked.size === items.length : buyable.length > 0 && checked.length === buyable.length;
  // Display only: checkout asks the server for the real amounts.
  const totalFen = checked.reduce((s, i) => s + i.priceFen * i.quantity, 0);
  const pieces = checked.reduce((s, i) => s + i.quantity, 0);

  const patch = async (item: CartItemDto, body: { quantity?: number; checked?: boolean }) => {
    replace({ ...item, ...body });
    try {
      replace(await updateCartItem(item.id, body));
      if (body.quantity !== undefined) void cartCount.refresh();
    } catch {
      reload();
    }
  };

  const toggleAll = () => {
    if (editing) {
      setMarked(allChecked ? new Set() : new Set(items.map((i) => i.id)));
      return;
    }
    const next = !allChecked;
    buyable.filter((i) => i.checked !== next).forEach((i) => void patch(i, { checked: next }));
  };

  const removeMarked = async () => {
    if (marked.size === 0) return;
    const { confirm } = await Taro.showModal({ title: '删除商品', content: `确定从购物车删除这 ${marked.size} 种商品吗？`, confirmColor: '#ff5a1f' });
    if (!confirm) return;
    try {
      await Promise.all([...marked].map((id) => removeCartItem(id)));
    } finally {
      setMarked(new Set());
      setEditing(false);
      reload();
      void cartCount.refresh();
    }
  };

  const checkout = () => {
    if (checked.length === 0) {
      void Taro.showToast({ title: '请选择要结算的商品', icon: 'none' });
      return;
    }
    openCheckout(
      checked.map((i) => ({ skuId: i.skuId, quantity: i.quantity })),
      true,
    );
  };

  if (status === 'signedOut') {
    return (
      <View className='cart'>
        <EmptyState icon={<Cart size={36} color='#ff8a3d' />} title='登录后查看购物车' action={<Text className='cart__go' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>去登录</Text>} />
      </View>
    );
  }

  return (
    <View className='cart'>
      {items.length > 0 && (
        <View className='cart__head'>
          <Text className='cart__count'>共 {items.length} 种商品</Text>
          <Text
            className='cart__edit'
            onClick={() => {
              setEditing(!editing);
              setMarked(new Set());
            }}
          >
            {editing ? '完成' : '管理'}
          </Text>
        </View>
      )}

      {load.status === 'ready' && items.length === 0 && (
        <EmptyState
          icon={<Cart size={36} color='#ff8a3d' />}
          title='购物车还是空的'
          description='挑几件喜欢的好物吧，消费还能得积分'
          action={
            <Text className='cart__go' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
              去逛逛
            </Text>
          }
        />
      )}
      {load.status === 'error' && (
        <EmptyState
          icon={<Cart size={36} color='#ff8a3d' />}
          title='购物车加载失败'
          description='网络不太稳定，请稍后重试'
          action={
            <Text className='cart__go' onClick={reload}>
              重新加载
            </Text>
          }
        />
      )}

      <View className='cart__list'>
        {items.map((item) => {
          const on = editing ? marked.has(item.id) : item.checked && item.available;
          return (
            <View key={item.id} className={`cart-item${item.available ? '' : ' cart-item--unavailable'}`}>
              <CheckBox
                on={on}
                disabled={!editing && !item.available}
                className='cart-item__check'
                onClick={() => {
                  if (editing) {
                    const next = new Set(marked);
                    if (next.has(item.id)) next.delete(item.id);
                    else next.add(item.id);
                    setMarked(next);
                  } else void patch(item, { checked: !item.checked });
                }}
              />
              <View className='cart-item__media' onClick={() => openGoods(item.goodsId)}>
                <Image className='cart-item__image' src={assetUrl(item.image)} mode='aspectFill' />
                {!item.available && <Text className='cart-item__flag'>{item.stock > 0 ? '库存不足' : '已失效'}</Text>}
              </View>
              <View className='cart-item__main'>
                <Text className='cart-item__title' onClick={() => openGoods(item.goodsId)}>
                  {item.title}
                </Text>
                <Text className='cart-item__sku'>{item.skuName}</Text>
                {!item.available && (
                  <Text className='cart-item__reason'>{item.stock > 0 ? `仅剩 ${item.stock} 件，请减少数量` : '商品已下架或售罄'}</Text>
                )}
                <View className='cart-item__bottom'>
                  <Price fen={item.priceFen} size='sm' className='cart-item__price' />
                  <Stepper
                    value={item.quantity}
                    max={Math.max(item.quantity, item.stock, 1)}
                    onChange={(quantity) => void patch(item, { quantity })}
                    className='cart-item__stepper'
                  />
                </View>
              </View>
            </View>
          );
        })}
      </View>

      {items.length > 0 && (
        <View className='cart__bar'>
          <View className='cart__all' onClick={toggleAll}>
            <CheckBox on={allChecked} onClick={toggleAll} />
            <Text className='cart__all-text'>全选</Text>
          </View>
          {editing ? (
            <Button className={`cart__delete${marked.size ? '' : ' cart__delete--off'}`} onClick={() => void removeMarked()}>
              删除{marked.size ? `(${marked.size})` : ''}
            </Button>
          ) : (
            <>
              <View className='cart__total'>
                <Text className='cart__total-label'>合计：</Text>
                <Price fen={totalFen} className='cart__total-price' />
              </View>
              <Button className={`cart__checkout${checked.length ? '' : ' cart__checkout--off'}`} onClick={checkout}>
                去结算{pieces ? `(${pieces})` : ''}
              </Button>
            </>
          )}
        </View>
      )}
    </View>
  );
}
