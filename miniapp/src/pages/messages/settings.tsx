import { useEffect, useState } from 'react';
import { Switch, Text, View } from '@tarojs/components';
import type { ReminderKind, ReminderSettingsDto } from '@jifen/shared';
import { getReminderSettings, putReminderSettings } from '../../api/reminders';
import { EmptyState } from '../../components/EmptyState';
import { Setting } from '../../components/Icon';
import { useSession } from '../../store/session';
import './settings.scss';

/** What each kind tells the member, under its name. */
const HINTS: Record<ReminderKind, string> = {
  points_expiring: '积分到期前 30 天和 7 天提醒',
  points_arrived: '订单确认收货后，购物积分到账时通知',
  checkin: '点「明天提醒我签到」后，次日 09:00 提醒',
  coupon_expiring: '优惠券到期前 3 天提醒',
  coupon_arrived: '商家赠送的优惠券到账',
  invite_reward: '好友注册或完成首单、奖励到账时通知',
  order_shipped: '订单发货时通知快递公司和单号',
  mall_code: '兑换虚拟商品后发放兑换码',
  policy: '积分规则调整时通知',
};

/**
 * 消息设置: each reminder on or off. Off means neither a WeChat message nor a notice, except
 * order, code and policy notices, which always reach 消息中心 (off stops only their WeChat message).
 */
export default function MessageSettingsPage() {
  const { status } = useSession();
  const [settings, setSettings] = useState<ReminderSettingsDto | null>(null);

  useEffect(() => {
    if (status === 'signedIn') getReminderSettings().then(setSettings, () => undefined);
  }, [status]);

  const toggle = (kind: ReminderKind, enabled: boolean) => {
    setSettings((s) => s && { kinds: s.kinds.map((k) => (k.kind === kind ? { ...k, enabled } : k)) });
    putReminderSettings({ enabled: { [kind]: enabled } }).then(setSettings, () => getReminderSettings().then(setSettings, () => undefined));
  };

  if (status !== 'signedIn') {
    return (
      <View className='message-settings'>
        <EmptyState icon={<Setting size={36} color='#ff8a3d' />} title={status === 'loading' ? '正在加载…' : '登录后设置提醒'} />
      </View>
    );
  }

  return (
    <View className='message-settings'>
      <Text className='message-settings__intro'>开启的提醒会出现在消息中心；在微信里订阅过的，还会收到微信服务通知。</Text>
      <View className='message-settings__list'>
        {settings?.kinds.map((k) => (
          <View key={k.kind} className={`message-setting message-setting--${k.kind}`}>
            <View className='message-setting__main'>
              <Text className='message-setting__label'>{k.label}</Text>
              <Text className='message-setting__hint'>{HINTS[k.kind]}</Text>
              {k.alwaysInCentre && <Text className='message-setting__always'>关闭后仍会在消息中心通知，只是不再发微信消息</Text>}
            </View>
            <Switch className='message-setting__switch' checked={k.enabled} color='#ff5a1f' onChange={(e) => toggle(k.kind, e.detail.value)} />
          </View>
        )) ?? <Text className='message-settings__loading'>加载中…</Text>}
      </View>
    </View>
  );
}
