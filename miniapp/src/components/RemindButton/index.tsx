import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ReminderKind } from '@jifen/shared';
import { Notice } from '../Icon';
import { platform } from '../../platform';
import { askReminders, type AskAnswer, preloadReminderTemplates } from '../../store/reminders';
import './index.scss';

export interface RemindButtonProps {
  kinds: readonly ReminderKind[];
  /** What the tap asks for (「过期前提醒我」). */
  label: string;
  /** Why, in a line under it (「积分过期前 30 天和 7 天提醒你」); optional. */
  reason?: string;
  /** Said once it is on (「已开启过期提醒」). */
  done: string;
  /** `light` sits on the orange hero (签到), `bar` on a white page. */
  tone?: 'light' | 'bar';
  className?: string;
  onAnswer?: (answer: AskAnswer) => void;
}

/**
 * A reminder's consent at the tap that wants it: WeChat's subscription prompt for the kinds'
 * templates in the mini-program, and in H5 (or without templates) the kinds turned on for
 * 消息中心. The templates are loaded when it mounts so the tap itself awaits nothing first.
 */
export function RemindButton({ kinds, label, reason, done, tone = 'bar', className = '', onAnswer }: RemindButtonProps) {
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(preloadReminderTemplates, []);

  const tap = () => {
    if (busy) return;
    setBusy(true);
    // Called straight from the tap: askReminders calls wx.requestSubscribeMessage before any await.
    void askReminders(kinds, done).then((answer) => {
      setBusy(false);
      if (!answer) return;
      setOn(true);
      onAnswer?.(answer);
    });
  };

  return (
    <View className={`remind remind--${tone}${on ? ' remind--on' : ''} ${className}`} onClick={tap}>
      <Notice size={14} color={tone === 'light' ? '#fff' : '#ff5a1f'} className='remind__icon' />
      <View className='remind__texts'>
        <Text className='remind__label'>{on ? done : label}</Text>
        {reason && tone === 'bar' && <Text className='remind__reason'>{reason}</Text>}
      </View>
      {/* In WeChat each consent allows one message, so asking again adds another; H5 has nothing more to ask. */}
      {tone === 'bar' && !(on && !platform.isWeapp) && <Text className='remind__go'>{on ? '再次订阅' : '开启'}</Text>}
    </View>
  );
}
