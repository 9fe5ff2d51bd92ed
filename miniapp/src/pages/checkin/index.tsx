import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { shanghaiDay, type CheckinCalendarDto, type CheckinResultDto } from '@jifen/shared';
import { checkIn, getCheckinCalendar, makeUpCheckin } from '../../api/checkin';
import { ApiRequestError } from '../../api/request';
import { EmptyState } from '../../components/EmptyState';
import { RemindButton } from '../../components/RemindButton';
import { Checked } from '../../components/Icon';
import { useCountUp } from '../../hooks/useCountUp';
import { useShare } from '../../hooks/useShare';
import { session, useSession } from '../../store/session';
import { formatPoints } from '../../utils/format';
import { dayLabel, ruleLines, shiftMonth } from './calendar';
import { MakeupList } from './MakeupList';
import { MonthCalendar } from './MonthCalendar';
import { StreakStrip } from './StreakStrip';
import './index.scss';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2000 });

/** Today's check-in folded into the calendar we hold, so the page answers at once. */
function withCheckin(calendar: CheckinCalendarDto, result: CheckinResultDto): CheckinCalendarDto {
  const inMonth = result.day.startsWith(calendar.month) && !calendar.days.some((d) => d.day === result.day);
  return {
    ...calendar,
    checkedToday: true,
    streak: result.streak,
    todayPoints: result.points,
    tomorrowPoints: result.tomorrowPoints,
    days: inMonth ? [...calendar.days, { day: result.day, kind: 'normal', points: result.points }] : calendar.days,
  };
}

/** The server's refusal of a 补签, in words for the member. */
function makeupFailure(error: unknown, cost: number): string {
  if (!(error instanceof ApiRequestError)) return '补签失败，请稍后再试';
  if (error.code === 'POINTS_INSUFFICIENT') return `积分不足，补签需消耗 ${cost} 积分`;
  return error.message;
}

/**
 * 签到 (route `pages/checkin/index`, no parameters; navigateTo from 首页 and 我的): today's
 * check-in with the streak, the 7-day reward cycle, the month calendar, 补签 and the rules.
 * Only for signed-in members: anyone else is sent to 我的 to sign in.
 */
export default function CheckinPage() {
  useShare();
  const { status, member } = useSession();
  const [calendar, setCalendar] = useState<CheckinCalendarDto | null>(null);
  const [loadingMonth, setLoadingMonth] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [checking, setChecking] = useState(false);
  const [makingUp, setMakingUp] = useState<string | null>(null);
  /** The points that just arrived, floating up from the button; the key restarts the animation. */
  const [burst, setBurst] = useState<{ points: number; key: number } | null>(null);
  const latest = useRef(0);
  const memberId = status === 'signedIn' && member ? member.id : null;
  const points = useCountUp(member?.points.available ?? 0);

  useEffect(() => {
    if (status !== 'signedOut') return;
    toast('请先登录');
    void Taro.switchTab({ url: '/pages/me/index' });
  }, [status]);

  /** The calendar of `month` (default the current one); an answer overtaken by a later request is dropped. */
  const load = async (month?: string) => {
    const ticket = ++latest.current;
    setLoadingMonth(month ?? '');
    try {
      const next = await getCheckinCalendar(month, { silent: true });
      if (ticket !== latest.current) return;
      setCalendar(next);
      setFailed(false);
    } catch {
      if (ticket !== latest.current) return;
      setFailed(true);
    } finally {
      if (ticket === latest.current) setLoadingMonth(null);
    }
  };

  useEffect(() => {
    setCalendar(null);
    if (memberId !== null) void load();
  }, [memberId]);
  // Back on the page (maybe the next day): today's state again, on the month being shown.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && memberId !== null) void load(calendar?.month);
    shown.current = true;
  });

  const checkInNow = async () => {
    if (!calendar || calendar.checkedToday || checking) return;
    setChecking(true);
    try {
      const result = await checkIn();
      session.setAvailable(result.available);
      setCalendar((current) => (current ? withCheckin(current, result) : current));
      if (result.alreadyDone) {
        toast('今天已经签到过了');
      } else {
        // The points float up from the button and count up in the header: no toast on top of that.
        setBurst({ points: result.points, key: Date.now() });
      }
    } catch {
      // The request layer has shown the server's message.
    } finally {
      setChecking(false);
    }
  };

  const makeUp = async (day: string) => {
    if (!calendar || makingUp) return;
    const { cost, leftThisMonth } = calendar.makeup;
    if (leftThisMonth <= 0) {
      toast(`本月补签次数已用完，每月最多 ${calendar.rule.makeupPerMonth} 次`);
      return;
    }
    const { confirm } = await Taro.showModal({
      title: `补签 ${dayLabel(day, calendar.today)}`,
      content: `补签将消耗 ${cost} 积分，可得 ${calendar.rule.basePoints} 积分。本月还可补签 ${leftThisMonth} 次。`,
      confirmText: '确认补签',
      confirmColor: '#ff5a1f',
    });
    if (!confirm) return;
    setMakingUp(day);
    try {
      const result = await makeUpCheckin(day);
      session.setAvailable(result.available);
      // The streak through today follows from the reloaded calendar below, not from this day's own.
      toast(`补签成功 +${result.points} 积分`);
    } catch (error) {
      toast(makeupFailure(error, cost));
    } finally {
      setMakingUp(null);
      // Either way the server knows best now: the streak, the allowance and the days left.
      void load(calendar.month);
    }
  };

  if (memberId === null || (!calendar && !failed)) {
    return (
      <View className='checkin'>
        <View className='checkin__hero checkin__hero--skeleton'>
          <View className='checkin-button checkin-button--placeholder' />
        </View>
      </View>
    );
  }

  if (!calendar) {
    return (
      <View className='checkin'>
        <EmptyState
          icon={<Checked size={36} color='#ff8a3d' />}
          title='签到信息加载失败'
          description='网络不太稳定，请稍后重试'
          action={
            <Button className='checkin__retry' onClick={() => void load()}>
              重新加载
            </Button>
          }
        />
      </View>
    );
  }

  const { today, checkedToday, streak } = calendar;
  const currentMonth = today.slice(0, 7);
  const joinedMonth = member ? shanghaiDay(new Date(member.joinedAt)).slice(0, 7) : currentMonth;
  const joinedDay = member ? shanghaiDay(new Date(member.joinedAt)) : today;
  // Days before the member joined were never theirs to miss.
  const makeupDays = calendar.makeupDays.filter((day) => day >= joinedDay);

  return (
    <View className='checkin'>
      <View className='checkin__hero'>
        <View className='checkin__top'>
          <View className='checkin__wallet'>
            <Text className='checkin__wallet-label'>我的积分</Text>
            <Text className='checkin__wallet-value checkin-points'>{formatPoints(points)}</Text>
          </View>
          <Text className='checkin__detail' onClick={() => void Taro.navigateTo({ url: '/pages/points/index?filter=earned' })}>
            积分明细 ›
          </Text>
        </View>

        <View className='checkin__stage'>
          <View className={`checkin__halo${checkedToday ? ' checkin__halo--still' : ''}`} />
          <Button
            className={`checkin-button${checkedToday ? ' checkin-button--done' : ''}`}
            disabled={checkedToday || checking || undefined}
            onClick={() => void checkInNow()}
          >
            {checkedToday ? (
              <View className='checkin-button__inner'>
                <Checked size={30} color='#ff7a2e' />
                <Text className='checkin-button__done-text'>今日已签到</Text>
                <Text className='checkin-button__earned'>已得 {calendar.todayPoints} 积分</Text>
              </View>
            ) : (
              <View className='checkin-button__inner'>
                <Text className='checkin-button__text'>签到</Text>
                <Text className='checkin-button__points'>+{calendar.todayPoints}</Text>
              </View>
            )}
          </Button>
          {burst && <View className='checkin-ring' key={`ring-${burst.key}`} />}
          {burst && (
            <Text className='checkin-burst' key={burst.key}>
              +{burst.points} 积分
            </Text>
          )}
        </View>

        <Text className='checkin-streak'>
          已连续签到 <Text className='checkin-streak__num'>{streak}</Text> 天
        </Text>
        <Text className='checkin-tomorrow'>
          明日签到可得 <Text className='checkin-tomorrow__num'>{calendar.tomorrowPoints}</Text> 积分
        </Text>
        {checkedToday && <RemindButton tone='light' kinds={['checkin']} label='明天提醒我签到' done='明天 09:00 提醒你签到' className='checkin-remind' />}
      </View>

      <View className='checkin__body'>
        <StreakStrip streak={streak} checkedToday={checkedToday} rule={calendar.rule} />

        <MonthCalendar
          month={calendar.month}
          today={today}
          days={calendar.days}
          makeupDays={calendar.makeup.leftThisMonth > 0 ? makeupDays : []}
          canPrev={calendar.month > joinedMonth}
          canNext={calendar.month < currentMonth}
          loading={loadingMonth !== null && loadingMonth !== ''}
          onMonth={(step) => void load(shiftMonth(calendar.month, step))}
          onMakeup={(day) => void makeUp(day)}
        />

        <MakeupList
          today={today}
          days={makeupDays}
          makeup={calendar.makeup}
          reward={calendar.rule.basePoints}
          pending={makingUp}
          onMakeup={(day) => void makeUp(day)}
        />

        <View className='checkin-section checkin-rules'>
          <View className='checkin-section__head'>
            <Text className='checkin-section__title'>签到规则</Text>
          </View>
          {ruleLines(calendar.rule, calendar.expiryMonths).map((line, i) => (
            <View className='checkin-rules__line' key={line}>
              <Text className='checkin-rules__index'>{i + 1}</Text>
              <Text className='checkin-rules__text'>{line}</Text>
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}
