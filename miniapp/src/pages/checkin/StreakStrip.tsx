import { Text, View } from '@tarojs/components';
import type { CheckinRule } from '@jifen/shared';
import { Gift } from '../../components/Icon';
import { cycleProgress, cycleRewards } from './calendar';

/**
 * The 7-day streak cycle: each day's reward (bonus days carry a gift), the days already
 * checked filled, and today's slot ringed. A bar under it shows the progress.
 */
export function StreakStrip({ streak, checkedToday, rule }: { streak: number; checkedToday: boolean; rule: CheckinRule }) {
  const REWARDS = cycleRewards(rule);
  const BASE = Math.min(...REWARDS);
  const { slot, done } = cycleProgress(streak, checkedToday, rule);
  const nextBonus = REWARDS.findIndex((points, i) => i + 1 > done && points > BASE);
  const daysToBonus = nextBonus + 1 - done;

  return (
    <View className='checkin-strip'>
      <View className='checkin-strip__head'>
        <Text className='checkin-strip__title'>连签奖励</Text>
        <Text className='checkin-strip__hint'>
          {nextBonus >= 0
            ? daysToBonus === 1 && !checkedToday
              ? `今天签到即得 ${REWARDS[nextBonus]} 积分`
              : `再签 ${daysToBonus} 天可得 ${REWARDS[nextBonus]} 积分`
            : '本轮连签奖励已领完，明天开始新一轮'}
        </Text>
      </View>
      <View className='checkin-strip__days'>
        <View className='checkin-strip__track'>
          <View className='checkin-strip__fill' style={{ width: `${(Math.max(done - 1, 0) / (REWARDS.length - 1)) * 100}%` }} />
        </View>
        {REWARDS.map((points, i) => {
          const day = i + 1;
          const state = day <= done ? 'done' : day === slot ? 'today' : 'later';
          const bonus = points > BASE;
          return (
            <View key={day} className={`checkin-strip__day checkin-strip__day--${state}${bonus ? ' checkin-strip__day--bonus' : ''}`}>
              <View className='checkin-strip__coin'>
                {bonus && state !== 'done' ? <Gift size={16} color={state === 'today' ? '#ff5a1f' : '#e0892b'} /> : <Text className='checkin-strip__points'>{points}</Text>}
              </View>
              <Text className='checkin-strip__label'>{bonus && state !== 'done' ? `+${points}` : `第${day}天`}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
