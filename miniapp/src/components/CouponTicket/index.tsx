import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { CouponRule } from '@jifen/shared';
import { couponFace } from '../../utils/coupons';
import './index.scss';

export type TicketTone = 'normal' | 'locked' | 'used' | 'expired';

interface Props {
  rule: CouponRule;
  name: string;
  /** Where it can be used (全场通用, 限休闲零食可用): the face already says what it takes off. */
  scope: string;
  /** "2026.12.01–2026.12.08" or "领取后 7 天内有效". */
  validity: string;
  /** A short red note beside the validity ("3 天后过期") or under it ("待支付订单占用"). */
  note?: string | null;
  tone?: TicketTone;
  /** The button on the right (去使用, 立即领取 …). */
  action?: ReactNode;
  /** A line under the ticket body (remaining count, progress). */
  extra?: ReactNode;
  className?: string;
}

const STAMPS: Partial<Record<TicketTone, string>> = { used: '已使用', expired: '已过期' };

/** A coupon drawn as a ticket: the amount on the left, what it is and until when on the right. */
export function CouponTicket({ rule, name, scope, validity, note, tone = 'normal', action, extra, className = '' }: Props) {
  const face = couponFace(rule);
  const stamp = STAMPS[tone];
  return (
    <View className={`coupon-ticket coupon-ticket--${tone} ${className}`}>
      <View className='coupon-ticket__face'>
        <View className='coupon-ticket__amount'>
          {face.prefix && <Text className='coupon-ticket__prefix'>{face.prefix}</Text>}
          <Text className='coupon-ticket__value'>{face.value}</Text>
          {face.suffix && <Text className='coupon-ticket__suffix'>{face.suffix}</Text>}
        </View>
        <Text className='coupon-ticket__condition'>{face.condition}</Text>
      </View>
      <View className='coupon-ticket__body'>
        <View className='coupon-ticket__main'>
          <Text className='coupon-ticket__name'>{name}</Text>
          <Text className='coupon-ticket__scope'>{scope}</Text>
          <Text className='coupon-ticket__validity'>{validity}</Text>
          {note && <Text className='coupon-ticket__note'>{note}</Text>}
          {extra}
        </View>
        {action && <View className='coupon-ticket__action'>{action}</View>}
        {stamp && <View className='coupon-ticket__stamp'>{stamp}</View>}
      </View>
    </View>
  );
}
