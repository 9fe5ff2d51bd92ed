import { useEffect, useRef, useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  cashFenForPoints,
  formatYuan,
  POINTS_PER_YUAN_CASH,
  type AddressDto,
  type CheckoutCouponDto,
  type CheckoutLineInput,
  type QuoteDto,
  multiplierText,
} from '@jifen/shared';
import { listAddresses } from '../../api/addresses';
import { assetUrl } from '../../api/assets';
import { createOrder, quote as requestQuote } from '../../api/orders';
import { ApiRequestError } from '../../api/request';
import { AddressLines } from '../../components/AddressLines';
import { EmptyState } from '../../components/EmptyState';
import { ArrowRight, Cart, Location } from '../../components/Icon';
import { usePayFlow } from '../../components/PaySheet';
import { Price } from '../../components/Price';
import { Sheet } from '../../components/Sheet';
import { Stepper } from '../../components/Stepper';
import { cartCount } from '../../store/cart';
import { session, useSession } from '../../store/session';
import { newRequestKey } from '../../utils/keys';
import { ADDRESS_PICKED } from '../../utils/routes';
import './index.scss';

/** `skuId:qty,skuId:qty` → lines; anything malformed is dropped. */
function parseLines(param: string | undefined): CheckoutLineInput[] {
  return decodeURIComponent(param ?? '')
    .split(',')
    .map((pair) => pair.split(':').map(Number))
    .filter(([skuId, quantity]) => Number.isInteger(skuId) && skuId > 0 && Number.isInteger(quantity) && quantity > 0)
    .map(([skuId, quantity]) => ({ skuId, quantity }));
}

/** undefined = the best coupon (the server picks), null = none, a number = that coupon. */
type CouponChoice = number | null | undefined;
type QuoteState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; quote: QuoteDto };

function CouponOption({ coupon, active, onPick }: { coupon: CheckoutCouponDto; active: boolean; onPick: () => void }) {
  return (
    <View
      className={`coupon-option${coupon.usable ? ' coupon-option--usable' : ' coupon-option--disabled'}${active ? ' coupon-option--active' : ''}`}
      onClick={() => coupon.usable && onPick()}
    >
      <View className='coupon-option__value'>
        {coupon.usable ? (
          <Text className='coupon-option__off'>
            <Text className='coupon-option__yen'>¥</Text>
            {formatYuan(coupon.discountFen).replace(/\.00$/, '')}
          </Text>
        ) : (
          <Text className='coupon-option__off coupon-option__off--label'>{coupon.label}</Text>
        )}
      </View>
      <View className='coupon-option__main'>
        <Text className='coupon-option__name'>{coupon.name}</Text>
        {coupon.label !== coupon.name && <Text className='coupon-option__label'>{coupon.label}</Text>}
        <Text className='coupon-option__reason'>{coupon.usable ? `至 ${coupon.endsAt.slice(0, 10)} 有效` : coupon.reason ?? '本单不可用'}</Text>
      </View>
      {coupon.usable && <View className={`coupon-option__radio${active ? ' coupon-option__radio--on' : ''}`} />}
    </View>
  );
}

/** 「含活动积分×3、加赠 50，」: what running campaigns add to the points, so the shopper sees why. */
function campaignNote(q: QuoteDto): string {
  const parts = [q.campaignPct > 100 ? `积分${multiplierText(q.campaignPct)}` : '', q.campaignBonus > 0 ? `加赠 ${q.campaignBonus}` : ''].filter(Boolean);
  return parts.length ? `含活动${parts.join('、')}，` : '';
}

export default function CheckoutPage() {
  const { params } = useRouter();
  const lines = useRef(parseLines(params.lines)).current;
  const fromCart = params.fromCart === '1';
  const { status, member } = useSession();
  // One key per visit: a double tap on 提交订单 (or a retried request) makes one order.
  const orderKey = useRef(newRequestKey());
  const { pay, sheet: paySheet } = usePayFlow({ redirect: true });

  const [addresses, setAddresses] = useState<AddressDto[] | null>(null);
  const [addressId, setAddressId] = useState<number | null>(null);
  const [coupon, setCoupon] = useState<CouponChoice>(undefined);
  const [points, setPoints] = useState(0);
  const [remark, setRemark] = useState('');
  const [state, setState] = useState<QuoteState>({ status: 'loading' });
  const [couponsOpen, setCouponsOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const seq = useRef(0);

  // Addresses: again each time the page shows (back from adding one); the chosen one stays chosen.
  const loadAddresses = () => {
    if (session.get().status !== 'signedIn') return;
    listAddresses().then(
      (list) => {
        setAddresses(list);
        setAddressId((current) => (current !== null && list.some((a) => a.id === current) ? current : list[0]?.id ?? null));
      },
      () => setAddresses((a) => a ?? []),
    );
  };
  useEffect(loadAddresses, [status]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) loadAddresses();
    shown.current = true;
  });

  useEffect(() => {
    const onPicked = (address: AddressDto) => {
      setAddresses((list) => (list && !list.some((a) => a.id === address.id) ? [address, ...list] : list));
      setAddressId(address.id);
    };
    Taro.eventCenter.on(ADDRESS_PICKED, onPicked);
    return () => {
      Taro.eventCenter.off(ADDRESS_PICKED, onPicked);
    };
  }, []);

  // Every choice asks the server again: it prices everything.
  useEffect(() => {
    if (status !== 'signedIn') return;
    if (lines.length === 0) {
      setState({ status: 'error', message: '没有要结算的商品' });
      return;
    }
    const mine = ++seq.current;
    const ask = (usePoints: number) => requestQuote({ lines, couponId: coupon, points: usePoints });
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    ask(points)
      .catch(async (error) => {
        // The cap shrank (another coupon): fall back to the most now allowed.
        if (error instanceof ApiRequestError && (error.code === 'POINTS_OVER_CAP' || error.code === 'POINTS_INSUFFICIENT') && points > 0) {
          const plain = await ask(0);
          if (mine === seq.current) setPoints(Math.min(points, plain.maxPoints));
          return plain;
        }
        throw error;
      })
      .then(
        (quote) => {
          if (mine === seq.current) setState({ status: 'ready', quote });
        },
        (error) => {
          if (mine !== seq.current) return;
          setState({ status: 'error', message: error instanceof ApiRequestError ? error.message : '价格计算失败，请稍后重试' });
        },
      );
  }, [status, coupon, points]);

  const address = addresses?.find((a) => a.id === addressId) ?? null;
  const quote = state.status === 'ready' ? state.quote : null;

  const submit = async () => {
    if (!quote || submitting) return;
    if (!address) {
      void Taro.showToast({ title: '请先添加收货地址', icon: 'none' });
      return;
    }
    setSubmitting(true);
    try {
      const order = await createOrder(
        { lines, couponId: quote.couponId, points: quote.points, addressId: address.id, remark: remark.trim() || undefined, fromCart },
        orderKey.current,
      );
      if (fromCart) void cartCount.refresh();
      const result = await pay(order.id, order.payFen);
      if (result.status !== 'paid') void Taro.redirectTo({ url: `/pages/order/index?id=${order.id}` });
    } catch {
      // the request layer showed the reason (stock, coupon, points); the page stays as it was
      setSubmitting(false);
    }
  };

  if (status === 'signedOut') {
    return (
      <View className='checkout'>
        <EmptyState icon={<Cart size={36} color='#ff8a3d' />} title='登录后即可下单' action={<Text className='checkout__retry' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>去登录</Text>} />
      </View>
    );
  }

  const chosen = quote?.coupons.find((c) => c.id === quote.couponId) ?? null;
  const usableCount = quote?.coupons.filter((c) => c.usable).length ?? 0;
  const available = quote?.available ?? member?.points.available ?? 0;

  return (
    <View className='checkout'>
      {/* Address */}
      {address ? (
        <View className='checkout__card checkout__address' onClick={() => void Taro.navigateTo({ url: `/pages/address/index?pick=1&selected=${address.id}` })}>
          <Location size={20} color='#ff5a1f' className='checkout__address-icon' />
          <View className='checkout__address-main'>
            <AddressLines address={address} prefix='checkout__address-' />
          </View>
          <ArrowRight size={14} color='#9a9ca3' />
        </View>
      ) : (
        <View
          className='checkout__card checkout__address checkout__address--empty'
          onClick={() => void Taro.navigateTo({ url: addresses && addresses.length > 0 ? '/pages/address/index?pick=1' : '/pages/address/edit?pick=1' })}
        >
          <Location size={20} color='#ff5a1f' className='checkout__address-icon' />
          <Text className='checkout__address-add'>{addresses === null ? '正在读取收货地址…' : '添加收货地址'}</Text>
          <ArrowRight size={14} color='#9a9ca3' />
        </View>
      )}
      <View className='checkout__stripe' />

      {state.status === 'error' && (
        <EmptyState
          icon={<Cart size={36} color='#ff8a3d' />}
          title={state.message}
          description='请返回调整商品后再结算'
          action={
            <Text className='checkout__retry' onClick={() => void Taro.navigateBack()}>
              返回
            </Text>
          }
        />
      )}

      {quote && (
        <>
          <View className='checkout__card checkout__lines'>
            {quote.lines.map((line) => (
              <View className='checkout-line' key={line.skuId}>
                <Image className='checkout-line__image' src={assetUrl(line.image)} mode='aspectFill' />
                <View className='checkout-line__main'>
                  <Text className='checkout-line__title'>{line.title}</Text>
                  <Text className='checkout-line__sku'>{line.skuName}</Text>
                  <View className='checkout-line__bottom'>
                    <Price fen={line.priceFen} size='sm' />
                    <Text className='checkout-line__qty'>×{line.quantity}</Text>
                  </View>
                </View>
              </View>
            ))}
          </View>

          <View className='checkout__card checkout__choices'>
            <View className='checkout__row checkout__coupon' onClick={() => setCouponsOpen(true)}>
              <Text className='checkout__row-label'>优惠券</Text>
              {chosen ? (
                <Text className='checkout__coupon-value'>
                  <Text className='checkout__coupon-name'>{chosen.label}</Text>
                  <Text className='checkout__coupon-off'>-¥{formatYuan(quote.couponFen)}</Text>
                </Text>
              ) : (
                <Text className='checkout__row-muted checkout__coupon-value'>{usableCount > 0 ? `${usableCount} 张可用` : '暂无可用'}</Text>
              )}
              <ArrowRight size={12} color='#9a9ca3' className='checkout__row-arrow' />
            </View>

            <View className='checkout__row checkout__points'>
              <View className='checkout__points-main'>
                <Text className='checkout__row-label'>积分抵现</Text>
                <Text className='checkout__points-hint'>
                  {quote.maxPoints > 0
                    ? `可用 ${available} 积分，最多抵 ¥${formatYuan(cashFenForPoints(quote.maxPoints))}`
                    : `可用 ${available} 积分，${available < POINTS_PER_YUAN_CASH ? '满 100 积分可抵 ¥1' : '本单不可抵扣'}`}
                </Text>
              </View>
              <View
                className={`checkout__points-switch${quote.points > 0 ? ' checkout__points-switch--on' : ''}${quote.maxPoints === 0 ? ' checkout__points-switch--off' : ''}`}
                onClick={() => quote.maxPoints > 0 && setPoints(quote.points > 0 ? 0 : quote.maxPoints)}
              >
                <View className='checkout__points-knob' />
              </View>
            </View>
            {quote.points > 0 && (
              <View className='checkout__row checkout__points-use'>
                <Text className='checkout__points-use-text'>
                  使用 <Text className='checkout__points-used'>{quote.points}</Text> 积分，抵 ¥{formatYuan(quote.pointsFen)}
                </Text>
                <Stepper
                  value={quote.points}
                  min={POINTS_PER_YUAN_CASH}
                  max={quote.maxPoints}
                  step={POINTS_PER_YUAN_CASH}
                  onChange={setPoints}
                  className='checkout__points-stepper'
                />
              </View>
            )}

            <View className='checkout__row checkout__remark'>
              <Text className='checkout__row-label'>订单备注</Text>
              <Input
                className='checkout__remark-input'
                value={remark}
                maxlength={100}
                placeholder='选填，给商家留言'
                onInput={(e) => setRemark(e.detail.value)}
              />
            </View>
          </View>

          <View className='checkout__card checkout__summary'>
            <View className='checkout__sum-row'>
              <Text>商品金额</Text>
              <Text className='checkout__sum-goods'>¥{formatYuan(quote.goodsFen)}</Text>
            </View>
            <View className='checkout__sum-row'>
              <Text>优惠券</Text>
              <Text className='checkout__sum-minus checkout__sum-coupon'>-¥{formatYuan(quote.couponFen)}</Text>
            </View>
            <View className='checkout__sum-row'>
              <Text>积分抵扣</Text>
              <Text className='checkout__sum-minus checkout__sum-points'>-¥{formatYuan(quote.pointsFen)}</Text>
            </View>
            <View className='checkout__sum-row checkout__sum-row--total'>
              <Text>实付</Text>
              <Price fen={quote.payFen} className='checkout__sum-pay' />
            </View>
            {quote.earnPoints > 0 && (
              <Text className='checkout__earn'>支付后预计获得 {quote.earnPoints} 积分（{campaignNote(quote)}确认收货后到账）</Text>
            )}
          </View>
        </>
      )}

      {state.status !== 'error' && (
        <View className='checkout__bar'>
          <View className='checkout__bar-total'>
            <Text className='checkout__bar-label'>实付</Text>
            {quote ? <Price fen={quote.payFen} size='lg' className='checkout__pay-total' /> : <Text className='checkout__bar-label'>计算中…</Text>}
          </View>
          <Button className='checkout__submit' disabled={!quote || submitting || undefined} onClick={() => void submit()}>
            {submitting ? '提交中…' : '提交订单'}
          </Button>
        </View>
      )}

      {quote && (
        <Sheet open={couponsOpen} title='选择优惠券' onClose={() => setCouponsOpen(false)} className='coupon-sheet'>
          {quote.coupons.length === 0 && <Text className='coupon-sheet__empty'>暂无优惠券，去领券中心看看吧</Text>}
          {quote.coupons.map((c) => (
            <CouponOption
              key={c.id}
              coupon={c}
              active={c.id === quote.couponId}
              onPick={() => {
                setCoupon(c.id);
                setCouponsOpen(false);
              }}
            />
          ))}
          <View
            className={`coupon-option coupon-option__none${quote.couponId === null ? ' coupon-option--active' : ''}`}
            onClick={() => {
              setCoupon(null);
              setCouponsOpen(false);
            }}
          >
            <Text className='coupon-option__none-text'>不使用优惠券</Text>
            <View className={`coupon-option__radio${quote.couponId === null ? ' coupon-option__radio--on' : ''}`} />
          </View>
        </Sheet>
      )}
      {paySheet}
    </View>
  );
}
