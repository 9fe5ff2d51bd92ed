import { Text, View } from '@tarojs/components';
import type { CheckinDayDto } from '@jifen/shared';
import { ArrowLeft, ArrowRight } from '../../components/Icon';
import { monthCells, monthLabel, WEEKDAYS } from './calendar';

interface Props {
  month: string;
  today: string;
  days: CheckinDayDto[];
  /** Missed days that can still be made up: dotted, and a tap offers 补签. */
  makeupDays: string[];
  canPrev: boolean;
  canNext: boolean;
  loading: boolean;
  onMonth: (step: -1 | 1) => void;
  onMakeup: (day: string) => void;
}

/**
 * A month of check-ins: checked days filled, made-up days outlined with 补, today ringed,
 * missed days that can be made up dotted. Each cell's text is its day number alone.
 */
export function MonthCalendar({ month, today, days, makeupDays, canPrev, canNext, loading, onMonth, onMakeup }: Props) {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const missed = new Set(makeupDays);

  return (
    <View className={`checkin-calendar${loading ? ' checkin-calendar--loading' : ''}`}>
      <View className='checkin-calendar__head'>
        <View className={`checkin-calendar__nav checkin-calendar__prev${canPrev ? '' : ' checkin-calendar__nav--off'}`} onClick={() => canPrev && onMonth(-1)}>
          <ArrowLeft size={14} color={canPrev ? '#5c5f66' : '#d4d5da'} />
        </View>
        <Text className='checkin-calendar__month'>{monthLabel(month)}</Text>
        <View className={`checkin-calendar__nav checkin-calendar__next${canNext ? '' : ' checkin-calendar__nav--off'}`} onClick={() => canNext && onMonth(1)}>
          <ArrowRight size={14} color={canNext ? '#5c5f66' : '#d4d5da'} />
        </View>
        <Text className='checkin-calendar__count'>
          本月已签 <Text className='checkin-calendar__count-num'>{days.length}</Text> 天
        </Text>
      </View>

      <View className='checkin-calendar__weekdays'>
        {WEEKDAYS.map((w) => (
          <Text className='checkin-calendar__weekday' key={w}>
            {w}
          </Text>
        ))}
      </View>

      <View className='checkin-calendar__grid'>
        {monthCells(month).map((day, i) => {
          if (!day) return <View className='checkin-day checkin-day--blank' key={`blank-${i}`} />;
          const checked = byDay.get(day);
          const classes = ['checkin-day'];
          if (checked) classes.push('checkin-day--checked');
          if (checked?.kind === 'makeup') classes.push('checkin-day--makeup');
          if (day === today) classes.push('checkin-day--today');
          if (day > today) classes.push('checkin-day--future');
          const canMakeUp = !checked && missed.has(day);
          if (canMakeUp) classes.push('checkin-day--missed');
          return (
            <View className={classes.join(' ')} key={day} onClick={canMakeUp ? () => onMakeup(day) : undefined}>
              <Text className='checkin-day__num'>{Number(day.slice(8))}</Text>
            </View>
          );
        })}
      </View>

      <View className='checkin-calendar__legend'>
        <View className='checkin-calendar__legend-item'>
          <View className='checkin-calendar__swatch checkin-calendar__swatch--checked' />
          <Text>已签到</Text>
        </View>
        <View className='checkin-calendar__legend-item'>
          <View className='checkin-calendar__swatch checkin-calendar__swatch--makeup' />
          <Text>补签</Text>
        </View>
        <View className='checkin-calendar__legend-item'>
          <View className='checkin-calendar__swatch checkin-calendar__swatch--today' />
          <Text>今天</Text>
        </View>
        <View className='checkin-calendar__legend-item'>
          <View className='checkin-calendar__swatch checkin-calendar__swatch--missed' />
          <Text>可补签</Text>
        </View>
      </View>
    </View>
  );
}
