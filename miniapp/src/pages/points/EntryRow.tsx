import { Text, View } from '@tarojs/components';
import type { PointsEntryDto } from '@jifen/shared';
import { formatShanghaiTime, formatSigned, shanghaiDate } from '../../utils/format';

type Tone = 'gain' | 'pending' | 'spend' | 'void';

/** What the row's number says: the change to available points, or to pending ones for holds. */
function amountOf(entry: PointsEntryDto): { text: string; tone: Tone } {
  if (entry.kind === 'pending' || entry.kind === 'cancel') {
    const text = `${formatSigned(entry.pendingAmount)} 待入账`;
    return { text, tone: entry.pendingAmount > 0 ? 'pending' : 'void' };
  }
  return { text: formatSigned(entry.amount), tone: entry.amount > 0 ? 'gain' : 'spend' };
}

/**
 * 「2027-11-24 到期」 under an earning. Neutral on purpose: the points may long be spent, so the
 * balance card (which knows what is left) is the place that warns about expiry.
 */
function Expiry({ expiresAt, now }: { expiresAt: string; now: number }) {
  const day = shanghaiDate(expiresAt);
  return <Text className='points-entry__expiry'>{Date.parse(expiresAt) <= now ? `${day} 已到期` : `${day} 到期`}</Text>;
}

/** One line of 积分明细. */
export function EntryRow({ entry, now }: { entry: PointsEntryDto; now: number }) {
  const { text, tone } = amountOf(entry);
  return (
    <View className={`points-entry points-entry--${entry.kind}`}>
      <View className='points-entry__main'>
        <Text className='points-entry__title'>{entry.title}</Text>
        {entry.reason && <Text className='points-entry__reason'>{entry.reason}</Text>}
        <Text className='points-entry__time'>{formatShanghaiTime(entry.createdAt)}</Text>
      </View>
      <View className='points-entry__side'>
        <Text className={`points-entry__amount points-entry__amount--${tone}`}>{text}</Text>
        {entry.expiresAt && entry.amount > 0 && <Expiry expiresAt={entry.expiresAt} now={now} />}
      </View>
    </View>
  );
}
