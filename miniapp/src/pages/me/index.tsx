import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { earnRateLabel, isOperator, shanghaiDay, tierRule, type ExpiringPoints, type TierName } from '@jifen/shared';
import { listMyCoupons } from '../../api/coupons';
import { getPointsBalance } from '../../api/points';
import { Avatar } from '../../components/Avatar';
import { Checked, Clock, Coupon, Gift, Location, Notice, Order, Store, UserAdd, Wallet } from '../../components/Icon';
import { TabBarSlot } from '../../components/TabBar';
import { TierBadge } from '../../components/TierBadge';
import { TierProgress, useTierInfo } from '../../components/TierProgress';
import { openProfile, ProfileEditHint } from '../../components/ProfileLink';
import { PrivacyConsent } from '../../components/PrivacyConsent';
import { useShare } from '../../hooks/useShare';
import { useShopRules } from '../../hooks/useShopRules';
import { session, useSession } from '../../store/session';
import { type PendingReturn, pendingReturn, returnAfterSignIn } from '../../store/return-to';
import { useUnread } from '../../store/unread';
import { openAddresses, openCheckin, openInvite, openOrders } from '../../utils/routes';
import { OrdersCard } from './OrdersCard';
import { openCoupons, openMemberCode, openRedemptions } from './links';
import { PhoneCard } from './PhoneCard';
import { SignInCard } from './SignInCard';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

const ENTRIES = [
  { key: 'member-code', text: '会员码', Icon: Store, tint: '#ff5a1f' },
  { key: 'points', text: '积分明细', Icon: Wallet, tint: '#ff8a3d' },
  { key: 'coupons', text: '我的优惠券', Icon: Coupon, tint: '#ff5a5f' },
  { key: 'redemptions', text: '我的兑换', Icon: Gift, tint: '#b86b00' },
  { key: 'center', text: '领券中心', Icon: Store, tint: '#ff5a1f' },
  { key: 'invite', text: '邀请有礼', Icon: UserAdd, tint: '#f29d0c' },
  { key: 'checkin', text: '每日签到', Icon: Checked, tint: '#34b27b' },
  { key: 'orders', text: '我的订单', Icon: Order, tint: '#3d7bf2' },
  { key: 'address', text: '收货地址', Icon: Location, tint: '#8a63e8' },
];

const soon = () => void Taro.showToast({ title: '即将开放', icon: 'none' });
const toPoints = (filter?: string) => void Taro.navigateTo({ url: `/pages/points/index${filter ? `?filter=${filter}` : ''}` });
const toMall = () => void Taro.switchTab({ url: '/pages/mall/index' });
const toMessages = () => void Taro.navigateTo({ url: '/pages/messages/index' });

const ENTRY_ACTIONS: Partial<Record<(typeof ENTRIES)[number]['key'], (signedIn: boolean) => void>> = {
  points: () => toPoints(),
  checkin: openCheckin,
  invite: openInvite,
  orders: (signedIn) => openOrders(signedIn),
  address: openAddresses,
  coupons: openCoupons,
  redemptions: openRedemptions,
  center: () => void Taro.navigateTo({ url: '/pages/coupon-center/index' }),
  'member-code': openMemberCode,
};

/** Points expiring within 30 days (soonest first) for the signed-in member, fetched each time 我的 shows. */
function useExpiring(memberId: number | null): ExpiringPoints[] {
  const [expiring, setExpiring] = useState<ExpiringPoints[]>([]);
  const load = () => {
    if (memberId === null) return;
    getPointsBalance({ silent: true }).then((balance) => setExpiring(balance.expiring), () => undefined);
  };
  useEffect(() => {
    setExpiring([]);
    load();
  }, [memberId]);
  // Again each time 我的 is shown after the first (spending or a day passing changes it).
  useShownAgain(load);
  return memberId === null ? [] : expiring;
}

/** How many coupons the member can use now, for the badge on 我的优惠券; again each time 我的 shows. */
function useCouponCount(memberId: number | null): number {
  const [count, setCount] = useState(0);
  const load = () => {
    if (memberId === null) return;
    listMyCoupons('available', { silent: true }).then((list) => setCount(list.filter((c) => c.state === 'available').length), () => undefined);
  };
  useEffect(() => {
    setCount(0);
    load();
  }, [memberId]);
  useShownAgain(load);
  return memberId === null ? 0 : count;
}

/** The member's earning rate and the next tier's, from the shop's rules (shown until the tier details arrive). */
function TierBenefit({ tier }: { tier: TierName }) {
  const rules = useShopRules();
  if (!rules) return null;
  const rule = tierRule(tier, rules.tiers);
  const next = rules.tiers.filter((t) => t.minGrowth > rule.minGrowth).sort((a, b) => a.minGrowth - b.minGrowth)[0];
  return (
    <View className='me__benefit' onClick={soon}>
      <View className='me__benefit-main'>
        <Text className='me__benefit-title'>{rule.label}权益</Text>
        <Text className='me__benefit-text'>
          每消费 1 元得 {earnRateLabel(rules.pointsPerYuan, rule.multiplierPct)} 积分
          {next ? ` · 升级${next.label}享 ${earnRateLabel(1, next.multiplierPct)} 倍积分` : ' · 已是最高等级'}
        </Text>
      </View>
      <Text className='me__benefit-link'>查看权益 ›</Text>
    </View>
  );
}

export default function MePage() {
  useShare();
  const { status, member, options } = useSession();
  const expiring = useExpiring(status === 'signedIn' && member ? member.id : null);
  const tierInfo = useTierInfo(status === 'signedIn' && member ? member.id : null);
  const couponCount = useCouponCount(status === 'signedIn' && member ? member.id : null);
  const unread = useUnread();

  const [returning, setReturning] = useState<PendingReturn | null>(pendingReturn());
  useDidShow(() => {
    void session.refresh();
    setReturning(pendingReturn());
  });
  // Signed in after an action sent them here: back to where they were going.
  useEffect(() => {
    if (status !== 'signedIn' || !returning) return;
    setReturning(null);
    returnAfterSignIn();
  }, [status, returning]);

  const signOut = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '退出后将无法查看积分与订单，确定退出吗？', confirmColor: '#ff5a1f' });
    if (confirm) session.signOut();
  };

  return (
    <View className='me'>
      <View className='me__hero'>
        {member && (
          <View className='me__bell me-messages' onClick={toMessages}>
            <Notice size={22} color='#fff' />
            {unread > 0 && <Text className='me__bell-badge me-unread'>{unread > 99 ? '99+' : unread}</Text>}
          </View>
        )}
        <View className='me__profile me-profile' onClick={member ? openProfile : undefined}>
          <Avatar url={member?.avatarUrl} size={128} />
          {member ? (
            <View className='me__identity'>
              <View className='me__name-row'>
                <Text className='me__nickname me-nickname'>{member.nickname}</Text>
                {isOperator(member.role) && <Text className='me__role me-role'>{member.role === 'owner' ? '店主' : '运营'}</Text>}
              </View>
              <View className='me__meta'>
                <TierBadge tier={member.tier} />
                <Text className='me__since'>{shanghaiDay(new Date(member.joinedAt))} 加入</Text>
                {member.phone && <Text className='me__phone me-phone'>{member.phone}</Text>}
              </View>
            </View>
          ) : (
            <View className='me__identity'>
              <Text className='me__nickname'>欢迎来到积分商城</Text>
              <Text className='me__guest-hint'>登录后享会员价、积分与好礼</Text>
            </View>
          )}
          {member && <ProfileEditHint />}
        </View>

        {member && (
          <View className='me__points'>
            <View className='me__points-item' onClick={() => toPoints()}>
              <Text className='me__points-value me-points-available'>{member.points.available}</Text>
              <Text className='me__points-label'>可用积分 ›</Text>
            </View>
            <View className='me__points-divider' />
            <View className='me__points-item' onClick={() => toPoints('pending')}>
              <Text className='me__points-value me__points-value--muted me-points-pending'>{member.points.pending}</Text>
              <Text className='me__points-label'>待入账 ›</Text>
            </View>
            <View className='me__points-divider' />
            <View className='me__points-item' onClick={toMall}>
              <Text className='me__points-value me__points-value--link'>去兑换</Text>
              <Text className='me__points-label'>积分商城 ›</Text>
            </View>
          </View>
        )}

        {member && expiring.length > 0 && (
          <View className='me__expiring me-expiring' onClick={toMall}>
            <Clock size={14} color='#b86b00' className='me__expiring-icon' />
            <Text className='me__expiring-text'>
              {expiring[0].amount} 积分将于 {expiring[0].date} 过期，去积分商城使用 ›
            </Text>
          </View>
        )}
      </View>

      {!member && returning && (
        <View className='me__return-hint'>
          <Text className='me__return-hint-text'>{returning.hint}，完成后回到刚才的页面</Text>
        </View>
      )}

      {member && !member.signedUp && <PhoneCard options={options} />}

      {member ? tierInfo ? <TierProgress info={tierInfo} /> : <TierBenefit tier={member.tier} /> : <SignInCard options={options} status={status} />}

      <OrdersCard memberId={status === 'signedIn' && member ? member.id : null} />

      <View className='me__section'>
        <Text className='me__section-title'>我的服务</Text>
        <View className='me__entries'>
          {ENTRIES.map(({ key, text, Icon, tint }) => (
            <View className={`me__entry me__entry--${key}`} key={key} onClick={() => (ENTRY_ACTIONS[key] ?? soon)(member !== null)}>
              <View className='me__entry-icon' style={{ background: `${tint}1a` }}>
                <Icon size={24} color={tint} />
                {key === 'coupons' && couponCount > 0 && <Text className='me__entry-badge me-coupons-count'>{couponCount > 99 ? '99+' : couponCount}</Text>}
              </View>
              <Text className='me__entry-text'>{text}</Text>
            </View>
          ))}
        </View>
      </View>

      {member && (
        <Button className='me__logout' onClick={() => void signOut()}>
          退出登录
        </Button>
      )}

      {/* WeChat asks for consent before getPhoneNumber as before chooseAvatar. */}
      <PrivacyConsent />
      <TabBarSlot tab='me' />
    </View>
  );
}
