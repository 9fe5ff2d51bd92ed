import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { POLICY_LIMITS, type PolicyNoticeDto } from '@jifen/shared';
import { ApiRequestError } from '../../api/request';
import { sendPolicyNotice } from '../../api/reminders';

const length = (s: string) => [...s].length;

/** 积分政策变更通知 as an owner writes it; the server sends it to every member. */
export function PolicyForm({ onSent }: { onSent: (notice: PolicyNoticeDto) => void }) {
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<{ field: 'title' | 'summary' | null; message: string } | null>(null);
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (sending) return;
    const { confirm } = await Taro.showModal({ title: '发送给全部会员', content: '每位会员都会在消息中心收到这条通知，订阅过的还会收到微信消息。发送后不能撤回。', confirmText: '发送', confirmColor: '#ff5a1f' });
    if (!confirm) return;
    setSending(true);
    setError(null);
    try {
      const notice = await sendPolicyNotice({ title: title.trim(), summary: summary.trim() });
      setTitle('');
      setSummary('');
      onSent(notice);
      void Taro.showToast({ title: '已开始发送', icon: 'success' });
    } catch (e) {
      const message = e instanceof ApiRequestError ? e.message : '发送失败，请重试';
      const field = /^title:/.test(message) ? 'title' : /^summary:/.test(message) ? 'summary' : null;
      setError({ field, message: message.replace(/^\w+:\s*/, '') });
    } finally {
      setSending(false);
    }
  };

  const tooLong = length(title) > POLICY_LIMITS.title || length(summary) > POLICY_LIMITS.summary;
  return (
    <View className='admin-messages__card policy-form'>
      <Text className='admin-messages__card-title'>积分政策变更通知</Text>
      <Text className='admin-messages__tip'>调整积分规则（如有效期）时告知全部会员。</Text>
      <View className='policy-form__label-row'>
        <Text className='policy-form__label'>标题</Text>
        <Text className={`policy-form__count${length(title) > POLICY_LIMITS.title ? ' policy-form__count--over' : ''}`}>{length(title)}/{POLICY_LIMITS.title}</Text>
      </View>
      <Input className='policy-form__input policy-title' value={title} placeholder='如：积分有效期调整' onInput={(e) => setTitle(e.detail.value)} />
      {error?.field === 'title' && <Text className='policy-form__error'>{error.message}</Text>}
      <View className='policy-form__label-row'>
        <Text className='policy-form__label'>内容</Text>
        <Text className={`policy-form__count${length(summary) > POLICY_LIMITS.summary ? ' policy-form__count--over' : ''}`}>{length(summary)}/{POLICY_LIMITS.summary}</Text>
      </View>
      <Textarea className='policy-form__textarea policy-summary' value={summary} maxlength={-1} placeholder='写清楚变化和生效日期，如：自 4 月 1 日起，积分有效期由 12 个月调整为 24 个月。'
        onInput={(e) => setSummary(e.detail.value)} />
      {error?.field === 'summary' && <Text className='policy-form__error'>{error.message}</Text>}
      {error?.field === null && <Text className='policy-form__error'>{error.message}</Text>}
      <Button className='policy-form__send policy-send' disabled={sending || !title.trim() || !summary.trim() || tooLong || undefined} onClick={() => void send()}>
        {sending ? '发送中…' : '发送给全部会员'}
      </Button>
    </View>
  );
}
