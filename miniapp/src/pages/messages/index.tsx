import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { REMINDER_LABELS, type MessageDto } from '@jifen/shared';
import { getMessages, markAllMessagesRead, markMessageRead } from '../../api/reminders';
import { EmptyState } from '../../components/EmptyState';
import { Message } from '../../components/Icon';
import { useSession } from '../../store/session';
import { setUnread, useUnread } from '../../store/unread';
import { formatShanghaiTime } from '../../utils/format';
import { openNoticePage } from './open-page';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

const toSettings = () => void Taro.navigateTo({ url: '/pages/messages/settings' });

/** 消息中心: every reminder and notice, newest first, unread marked; a tap reads it and opens its page. */
export default function MessagesPage() {
  const { status, member } = useSession();
  const unread = useUnread();
  const [items, setItems] = useState<MessageDto[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const loadingMore = useRef(false);
  const memberId = member?.id ?? null;

  const load = useCallback(() => {
    if (memberId === null) return;
    setFailed(false);
    getMessages().then((page) => {
      setItems(page.items);
      setNext(page.next);
      setUnread(page.unread);
    }, () => setFailed(true));
  }, [memberId]);
  useEffect(load, [load]);
  useShownAgain(load);

  useReachBottom(() => {
    if (next === null || loadingMore.current) return;
    loadingMore.current = true;
    getMessages(next).then((page) => {
      setItems((list) => [...(list ?? []), ...page.items]);
      setNext(page.next);
    }, () => undefined).finally(() => {
      loadingMore.current = false;
    });
  });

  const open = (m: MessageDto) => {
    if (!m.read) {
      setItems((list) => list?.map((x) => (x.id === m.id ? { ...x, read: true } : x)) ?? null);
      setUnread(Math.max(0, unread - 1));
      markMessageRead(m.id).then((r) => setUnread(r.unread), () => undefined);
    }
    openNoticePage(m.page);
  };

  const readAll = () => {
    markAllMessagesRead().then(() => {
      setItems((list) => list?.map((x) => ({ ...x, read: true })) ?? null);
      setUnread(0);
    }, () => undefined);
  };

  const icon = <Message size={36} color='#ff8a3d' />;
  if (status !== 'signedIn') {
    return (
      <View className='messages'>
        <EmptyState icon={icon} title={status === 'loading' ? '正在加载…' : '登录后查看消息'} />
      </View>
    );
  }

  return (
    <View className='messages'>
      <View className='messages__bar'>
        <Text className='messages__count'>{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
        <View className='messages__actions'>
          {unread > 0 && <Text className='messages__read-all messages-read-all' onClick={readAll}>全部已读</Text>}
          <Text className='messages__settings messages-settings-link' onClick={toSettings}>消息设置 ›</Text>
        </View>
      </View>
      {failed ? (
        <EmptyState icon={icon} title='加载失败' description='网络不太稳定，请稍后重试' action={<Button className='messages__action' onClick={load}>重新加载</Button>} />
      ) : items === null ? (
        <Text className='messages__loading'>加载中…</Text>
      ) : items.length === 0 ? (
        <EmptyState icon={icon} title='暂无消息' description='积分到账、积分即将过期、优惠券到期、订单发货等通知会出现在这里' />
      ) : (
        <View className='messages__list'>
          {items.map((m) => (
            <View key={m.id} className={`message message--${m.kind}${m.read ? '' : ' message--unread'}`} onClick={() => open(m)}>
              <View className='message__head'>
                <Text className='message__kind'>{REMINDER_LABELS[m.kind]}</Text>
                <Text className='message__time'>{formatShanghaiTime(m.createdAt)}</Text>
              </View>
              <View className='message__title-row'>
                {!m.read && <View className='message__dot' />}
                <Text className='message__title'>{m.title}</Text>
              </View>
              <Text className='message__body' userSelect>{m.body}</Text>
              {m.page && <Text className='message__go'>查看详情 ›</Text>}
            </View>
          ))}
          <Text className='messages__end'>{next === null ? '没有更多了' : '上拉加载更多'}</Text>
        </View>
      )}
    </View>
  );
}
