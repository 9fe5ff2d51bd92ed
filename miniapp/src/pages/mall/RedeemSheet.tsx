import { useEffect, useMemo, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { formatYuan, type AddressDto, type MallItemDto, type RedemptionDto } from '@jifen/shared';
import { listAddresses } from '../../api/addresses';
import { assetUrl } from '../../api/assets';
import { redeemMallItem } from '../../api/mall';
import { ApiRequestError } from '../../api/request';
import { BottomSheet } from '../../components/BottomSheet';
import { Checked, Location } from '../../components/Icon';
import { formatPoints } from '../../utils/format';
import { newIdempotencyKey } from '../../utils/idempotency';
import { KIND_LABELS } from './MallItemCard';

interface Props {
  item: MallItemDto;
  available: number;
  onClose: () => void;
  /** The redemption went through (the page refreshes balance and stock). */
  onRedeemed: (redemption: RedemptionDto) => void;
  /** The server refused it (sold out, limit …): the page reloads the items. */
  onRefused: () => void;
}

function refusal(error: unknown, item: MallItemDto): string {
  if (!(error instanceof ApiRequestError)) return '兑换失败，请稍后再试';
  switch (error.code) {
    case 'MALL_SOLD_OUT':
      return '手慢了，已兑完';
    case 'POINTS_INSUFFICIENT':
      return '积分不足，无法兑换';
    case 'MALL_LIMIT_REACHED':
      return item.perMemberLimit !== null ? `每人限兑 ${item.perMemberLimit} 件，已达上限` : '已达兑换上限';
    case 'MALL_NOT_AVAILABLE':
      return '不在兑换时间内';
    case 'ADDRESS_NOT_FOUND':
      return '收货地址不存在，请重新选择';
    default:
      return error.message;
  }
}

const toAddressEdit = () => void Taro.navigateTo({ url: '/pages/address/edit' });
const toRedemptions = () => void Taro.navigateTo({ url: '/pages/redemptions/index' });
const toWallet = () => void Taro.navigateTo({ url: '/pages/coupons/index?tab=available' });

/** The address block of a goods redemption: the chosen one, the others to pick from, or a link to add one. */
function AddressPicker({ addresses, chosen, onChoose }: { addresses: AddressDto[] | null; chosen: number | null; onChoose: (id: number) => void }) {
  const [picking, setPicking] = useState(false);
  if (addresses === null) return <Text className='redeem-sheet__address-loading'>正在读取收货地址…</Text>;
  if (addresses.length === 0) {
    return (
      <View className='redeem-sheet__address redeem-sheet__address--empty redeem-address-add' onClick={toAddressEdit}>
        <Location size={18} color='#ff5a1f' />
        <Text className='redeem-sheet__address-add'>添加收货地址</Text>
        <Text className='redeem-sheet__address-go'>›</Text>
      </View>
    );
  }
  const current = addresses.find((a) => a.id === chosen) ?? addresses[0];
  const shown = picking ? addresses : [current];
  return (
    <View className='redeem-sheet__addresses'>
      {shown.map((a) => (
        <View
          key={a.id}
          className={`redeem-sheet__address redeem-address${a.id === current.id ? ' redeem-sheet__address--chosen' : ''}`}
          onClick={() => {
            if (picking) {
              onChoose(a.id);
              setPicking(false);
            } else if (addresses.length > 1) setPicking(true);
          }}
        >
          <Location size={18} color={a.id === current.id ? '#ff5a1f' : '#9a9ca3'} />
          <View className='redeem-sheet__address-main'>
            <Text className='redeem-sheet__address-name'>
              {a.name} {a.phone}
              {a.isDefault && <Text className='redeem-sheet__address-default'> 默认</Text>}
            </Text>
            <Text className='redeem-sheet__address-full'>
              {a.province}
              {a.city}
              {a.district}
              {a.detail}
            </Text>
          </View>
          {picking ? (
            a.id === current.id && <Checked size={18} color='#ff5a1f' />
          ) : (
            addresses.length > 1 && <Text className='redeem-sheet__address-go'>更换 ›</Text>
          )}
        </View>
      ))}
      {picking && (
        <Text className='redeem-sheet__address-new' onClick={toAddressEdit}>
          + 新增收货地址
        </Text>
      )}
    </View>
  );
}

/** 立即兑换's confirm sheet: what it costs, the balance after, where goods ship; then the result. */
export function RedeemSheet({ item, available, onClose, onRedeemed, onRefused }: Props) {
  // One key per sheet: a double tap or a retry of this confirmation redeems once.
  const key = useMemo(() => newIdempotencyKey('redeem'), [item.id]);
  const [addresses, setAddresses] = useState<AddressDto[] | null>(null);
  const [addressId, setAddressId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RedemptionDto | null>(null);
  const isGoods = item.kind === 'goods';

  const loadAddresses = () => {
    if (!isGoods) return;
    listAddresses().then(
      (list) => {
        setAddresses(list);
        setAddressId((id) => (id !== null && list.some((a) => a.id === id) ? id : list[0]?.id ?? null));
      },
      () => setAddresses([]),
    );
  };
  useEffect(loadAddresses, [item.id]);
  // Back from adding an address: read the list again.
  useDidShow(() => {
    if (isGoods && !done) loadAddresses();
  });

  const after = available - item.memberPoints;
  const short = after < 0;
  const needAddress = isGoods && addressId === null;

  const confirm = async () => {
    if (busy || short || needAddress) return;
    setBusy(true);
    try {
      const redemption = await redeemMallItem(item.id, isGoods ? { addressId: addressId! } : {}, key);
      setDone(redemption);
      onRedeemed(redemption);
    } catch (error) {
      void Taro.showToast({ title: refusal(error, item), icon: 'none', duration: 2500 });
      onRefused();
    } finally {
      setBusy(false);
    }
  };

  if (done?.status === 'to_pay') {
    // Points + cash: the points are taken; the cash is paid on the order (15 minutes).
    return (
      <BottomSheet open title='积分已扣除' onClose={onClose} className='redeem-sheet redeem-sheet--done'>
        <View className='redeem-sheet__result redeem-to-pay'>
          <Text className='redeem-sheet__result-title redeem-to-pay__title'>还需支付 ¥{formatYuan(item.cashFen)}</Text>
          <Text className='redeem-sheet__result-text'>已扣 {formatPoints(done.points)} 积分，请在 15 分钟内付款，超时积分自动退回</Text>
          <View className='redeem-sheet__result-actions'>
            <Button className='redeem-sheet__primary redeem-to-pay__go' onClick={() => void Taro.redirectTo({ url: `/pages/order/index?id=${done.orderId}` }).catch(() => Taro.navigateTo({ url: `/pages/order/index?id=${done.orderId}` }))}>
              去支付
            </Button>
          </View>
        </View>
      </BottomSheet>
    );
  }

  if (done) {
    const isCoupon = done.kind === 'coupon';
    return (
      <BottomSheet open title='兑换成功' onClose={onClose} className='redeem-sheet redeem-sheet--done'>
        <View className='redeem-sheet__result redeem-success'>
          <View className='redeem-sheet__result-icon'>
            <Checked size={40} color='#fff' />
          </View>
          <Text className='redeem-sheet__result-title redeem-success__title'>{isCoupon ? '已放入卡包' : '已兑换，可在 我的兑换 查看'}</Text>
          <Text className='redeem-sheet__result-text'>
            消耗 {formatPoints(done.points)} 积分，剩余 {formatPoints(done.available)} 积分
            {isGoods ? '，我们会尽快为你发货' : ''}
          </Text>
          {done.code && (
            <View className='redeem-sheet__code'>
              <Text className='redeem-sheet__code-label'>你的兑换码</Text>
              <Text className='redeem-sheet__code-text' userSelect>{done.code}</Text>
              <Text className='redeem-sheet__code-hint'>已保存在「我的兑换」，可随时复制</Text>
            </View>
          )}
          <View className='redeem-sheet__result-actions'>
            <Button className='redeem-sheet__ghost' onClick={onClose}>
              继续逛逛
            </Button>
            {isCoupon ? (
              <Button className='redeem-sheet__primary redeem-success__wallet' onClick={toWallet}>
                去卡包查看
              </Button>
            ) : (
              <Button className='redeem-sheet__primary redeem-success__list' onClick={toRedemptions}>
                查看我的兑换
              </Button>
            )}
          </View>
        </View>
      </BottomSheet>
    );
  }

  return (
    <BottomSheet
      open
      title='确认兑换'
      onClose={onClose}
      className='redeem-sheet'
      footer={
        <Button className={`bottom-sheet__confirm redeem-sheet__confirm redeem-confirm${short || needAddress ? ' redeem-sheet__confirm--off' : ''}`} disabled={busy || undefined} onClick={() => void confirm()}>
          {busy ? '兑换中…' : short ? `积分不足，还差 ${formatPoints(-after)}` : needAddress ? '请先添加收货地址' : `确认兑换 · ${formatPoints(item.memberPoints)} 积分${item.cashFen > 0 ? ` + ¥${formatYuan(item.cashFen)}` : ''}`}
        </Button>
      }
    >
      <View className='redeem-sheet__item'>
        {item.image ? <Image className='redeem-sheet__image' src={assetUrl(item.image)} mode='aspectFill' /> : <View className='redeem-sheet__image redeem-sheet__image--blank' />}
        <View className='redeem-sheet__item-main'>
          <Text className='redeem-sheet__title'>{item.title}</Text>
          <Text className='redeem-sheet__kind'>{KIND_LABELS[item.kind]}{isGoods ? ' · 包邮到家' : item.kind === 'coupon' ? ' · 兑换后放入卡包' : ' · 兑换后立即到账'}</Text>
        </View>
      </View>

      <View className='redeem-sheet__rows'>
        <View className='redeem-sheet__row'>
          <Text className='redeem-sheet__row-label'>所需积分</Text>
          <Text className='redeem-sheet__row-value redeem-sheet__row-value--points redeem-points'>{formatPoints(item.memberPoints)}</Text>
        </View>
        {item.cashFen > 0 && (
          <View className='redeem-sheet__row'>
            <Text className='redeem-sheet__row-label'>另需支付</Text>
            <Text className='redeem-sheet__row-value redeem-sheet__row-value--cash redeem-cash'>¥{formatYuan(item.cashFen)}（下单后 15 分钟内支付）</Text>
          </View>
        )}
        <View className='redeem-sheet__row'>
          <Text className='redeem-sheet__row-label'>当前积分</Text>
          <Text className='redeem-sheet__row-value'>{formatPoints(available)}</Text>
        </View>
        <View className='redeem-sheet__row'>
          <Text className='redeem-sheet__row-label'>兑换后剩余</Text>
          <Text className={`redeem-sheet__row-value redeem-balance-after${short ? ' redeem-sheet__row-value--short' : ''}`}>{short ? '积分不足' : formatPoints(after)}</Text>
        </View>
      </View>

      {isGoods && (
        <View className='redeem-sheet__section'>
          <Text className='redeem-sheet__section-title'>收货地址</Text>
          <AddressPicker addresses={addresses} chosen={addressId} onChoose={setAddressId} />
        </View>
      )}
      <Text className='redeem-sheet__hint'>积分兑换成功后不支持退换，请确认后再兑换。</Text>
    </BottomSheet>
  );
}
