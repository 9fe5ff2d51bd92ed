import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CheckinCalendarDto } from '@jifen/shared';
import { getCheckinCalendar } from '../../api/checkin';
import { useSession } from '../../store/session';
import { openCheckin } from '../../utils/routes';
import { useShownAgain } from '../../hooks/useShownAgain';

type Today = Pick<CheckinCalendarDto, 'checkedToday' | 'streak' | 'todayPoints' | 'tomorrowPoints'>;

/**
 * The entry to 签到 under the categories: today's reward for a member (from the calendar,
 * fetched again each time 首页 shows), just the invitation for a visitor.
 */
export function CheckinCard() {
  const { status, member } = useSession();
  const memberId = status === 'signedIn' && member ? member.id : null;
  const [today, setToday] = useState<Today | null>(null);

  const load = () => {
    if (memberId === null) return;
    getCheckinCalendar(undefined, { silent: true }).then(setToday, () => undefined);
  };
  useEffect(() => {
    setToday(null);
    load();
  }, [memberId]);
  useShownAgain(load);

  const known = memberId !== null ? today : null;
  let hint = '每天签到领积分，第 7 天最高 +60';
  if (known?.checkedToday) hint = `已连续签到 ${known.streak} 天 · 明日可得 ${known.tomorrowPoints} 积分`;
  else if (known) hint = known.streak > 0 ? `已连续签到 ${known.streak} 天 · 今日签到可得 ${known.todayPoints} 积分` : `今日签到可得 ${known.todayPoints} 积分`;

  return (
    <View className={`home-checkin${known?.checkedToday ? ' home-checkin--done' : ''}`} onClick={() => openCheckin(memberId !== null)}>
      <View className='home-checkin__badge'>
        <Text className='home-checkin__badge-text'>签</Text>
      </View>
      <View className='home-checkin__main'>
        <Text className='home-checkin__title'>
          每日签到<Text className='home-checkin__slogan'> · 连续签到领更多积分</Text>
        </Text>
        <Text className='home-checkin__hint'>{hint}</Text>
      </View>
      <Text className='home-checkin__action'>{known?.checkedToday ? '已签到' : known ? `+${known.todayPoints}` : '去签到'}</Text>
    </View>
  );
}
