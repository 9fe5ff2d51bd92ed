import { Button, Text, View } from '@tarojs/components';
import type { CheckinCalendarDto } from '@jifen/shared';
import { dayLabel } from './calendar';

interface Props {
  today: string;
  days: string[];
  makeup: CheckinCalendarDto['makeup'];
  /** Points a made-up day gives (the day's base points). */
  reward: number;
  /** The day being made up right now, if any. */
  pending: string | null;
  onMakeup: (day: string) => void;
}

/** 补签: the missed days of the window, newest first, each with its button; the monthly allowance above. */
export function MakeupList({ today, days, makeup, reward, pending, onMakeup }: Props) {
  const exhausted = makeup.leftThisMonth <= 0;
  return (
    <View className='checkin-section checkin-makeup'>
      <View className='checkin-section__head'>
        <Text className='checkin-section__title'>补签</Text>
        <Text className='checkin-makeup__quota'>
          本月还可补签 <Text className='checkin-makeup__left'>{makeup.leftThisMonth}</Text> 次 · 每次 {makeup.cost} 积分
        </Text>
      </View>
      {days.length === 0 ? (
        <View className='checkin-makeup__empty'>
          <Text>最近 {makeup.windowDays} 天没有漏签，继续保持！</Text>
        </View>
      ) : (
        days.map((day) => (
          <View className='checkin-makeup__item' key={day}>
            <View className='checkin-makeup__main'>
              <Text className='checkin-makeup__day'>{dayLabel(day, today)}</Text>
              <Text className='checkin-makeup__hint'>
                漏签 · 补签消耗 {makeup.cost} 积分，得 {reward} 积分
              </Text>
            </View>
            <Button
              className='checkin-makeup__button'
              disabled={exhausted || pending !== null || undefined}
              loading={pending === day || undefined}
              onClick={() => onMakeup(day)}
            >
              {exhausted ? '次数已用完' : '补签'}
            </Button>
          </View>
        ))
      )}
    </View>
  );
}
