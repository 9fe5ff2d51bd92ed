import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Tag } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import type { AuthOptionsDto, SignupResultDto } from '@jifen/shared';
import { bindDevPhone, bindPhone } from '../../api/members';
import { ApiRequestError } from '../../api/request';
import { Gift, Phone, ShieldCheck, UserAdd } from '../../components/Icon';
import { useShopRules } from '../../hooks/useShopRules';
import { platform } from '../../platform';
import { session } from '../../store/session';
import { openCoupons } from './links';

/** Why a phone is asked for; the gift's points are the server's signup rule (none shown while it loads). */
function reasons(giftPoints: number | null) {
  return [
    { key: 'gift', text: giftPoints ? `新人礼 ${giftPoints} 积分` : '新人礼', Icon: Gift },
    { key: 'invite', text: '邀请好友得奖励', Icon: UserAdd },
    { key: 'orders', text: '订单与积分安全找回', Icon: ShieldCheck },
  ];
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });

/** A refusal from the server, in words for the member. */
function failureText(error: unknown): string {
  if (!(error instanceof ApiRequestError)) return '绑定失败，请稍后再试';
  switch (error.code) {
    case 'WECHAT_CODE_INVALID':
      return '手机号授权已失效，请重新点击授权';
    case 'VALIDATION_FAILED':
      return '请输入正确的 11 位手机号';
    default:
      return error.message; // PHONE_TAKEN: 该手机号已绑定其他账号; network and server trouble
  }
}

/**
 * Completing sign-up on 我的: bind a verified phone for the new-member gift, invite rewards
 * and the store's member card. Offered, never forced: the member taps when they want it.
 * In the mini-program WeChat's getPhoneNumber button gives a code for the server; on H5 a
 * server without an AppID offers a typed-in number instead, marked as development only.
 */
export function PhoneCard({ options }: { options: AuthOptionsDto | null }) {
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const mode = platform.phoneSignUp(options);
  const giftPoints = useShopRules()?.giftPoints ?? null;

  const complete = async (bind: () => Promise<SignupResultDto>) => {
    setBusy(true);
    try {
      const { member, giftPoints, giftCoupons } = await bind();
      session.setMember(member);
      if (giftCoupons.length > 0) {
        // Every gift said in words: the points, and each coupon by name with where to find it.
        const points = giftPoints > 0 ? `新人礼 ${giftPoints} 积分已到账，` : '';
        const { confirm } = await Taro.showModal({
          title: '注册成功',
          content: `${points}${giftCoupons.map((c) => `「${c}」`).join('、')}已放入我的优惠券`,
          confirmText: '去看看',
          confirmColor: '#ff5a1f',
          cancelText: '知道了',
        });
        if (confirm) openCoupons(true);
      } else {
        toast(giftPoints > 0 ? `新人礼 +${giftPoints} 积分已到账` : '手机号已绑定');
      }
    } catch (error) {
      toast(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  // WeChat calls back only after the member's own tap on the button (its rule, not ours).
  const onPhoneNumber = (detail: { code?: string; errMsg?: string }) => {
    const result = platform.phoneCode(detail);
    if ('code' in result) void complete(() => bindPhone(result.code));
    else if ('refused' in result) toast('未授权手机号，随时可以再来领取新人礼');
    else toast('暂时无法获取手机号，请稍后再试');
  };

  const submitDev = () => {
    const value = phone.trim();
    if (!/^1[3-9]\d{9}$/.test(value)) {
      toast('请输入正确的 11 位手机号');
      return;
    }
    void complete(() => bindDevPhone(value));
  };

  return (
    <View className='me-phone-card'>
      <View className='me-phone-card__head'>
        <View className='me-phone-card__icon'>
          <Phone size={22} color='#ff5a1f' />
        </View>
        <View className='me-phone-card__heading'>
          <Text className='me-phone-card__title'>{giftPoints ? `绑定手机号，领取 ${giftPoints} 积分新人礼` : '绑定手机号，领取新人礼'}</Text>
          <Text className='me-phone-card__why'>验证手机号，完成会员注册，以下权益需要它</Text>
        </View>
      </View>
      <View className='me-phone-card__reasons'>
        {reasons(giftPoints).map(({ key, text, Icon }) => (
          <View className='me-phone-card__reason' key={key}>
            <Icon size={14} color='#b86b00' />
            <Text className='me-phone-card__reason-text'>{text}</Text>
          </View>
        ))}
      </View>

      {mode === 'wechat' && (
        <Button
          className='me-phone-submit'
          openType='getPhoneNumber'
          loading={busy || undefined}
          disabled={busy || undefined}
          onGetPhoneNumber={(e) => onPhoneNumber(e.detail)}
        >
          微信手机号快捷绑定
        </Button>
      )}

      {mode === 'dev' && (
        <View className='me-phone-card__dev'>
          <View className='me-phone-card__dev-head'>
            <Tag className='me-phone-card__env' plain round background='#ff8a3d'>
              开发环境
            </Tag>
            <Text className='me-phone-card__dev-label'>填写手机号，代替微信手机号授权</Text>
          </View>
          <View className='me-phone-card__dev-row'>
            <Input
              className='me-phone-input'
              type='number'
              placeholder='请输入 11 位手机号'
              maxlength={11}
              value={phone}
              onInput={(e) => setPhone(e.detail.value)}
              onConfirm={submitDev}
            />
            <Button className='me-phone-submit me-phone-submit--dev' loading={busy || undefined} disabled={busy || undefined} onClick={submitDev}>
              绑定领取
            </Button>
          </View>
        </View>
      )}

      {mode === 'none' && <Text className='me-phone-card__elsewhere'>请在微信中打开「积分商城」小程序绑定手机号</Text>}

      <View className='me-phone-card__privacy'>
        <ShieldCheck size={12} color='#9a9ca3' />
        <Text className='me-phone-card__privacy-text'>仅用于会员服务，页面展示时隐藏中间 4 位</Text>
      </View>
    </View>
  );
}
