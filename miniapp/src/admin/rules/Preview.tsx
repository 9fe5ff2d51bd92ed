import { Text, View } from '@tarojs/components';
import { formatYuan, type RulePreviewDto } from '@jifen/shared';
import { formatPoints, formatSigned } from '../../utils/format';

/** 1 point is worth 1 fen (100 points = 1 yuan), so a points figure reads as money directly. */
const asYuan = (points: number) => `${points < 0 ? '−' : ''}¥${formatYuan(Math.abs(points))}`;
const change = (delta: number) => (delta > 0 ? `多发 ${formatPoints(delta)} 分，约 ${asYuan(delta)}`
  : delta < 0 ? `少发 ${formatPoints(-delta)} 分，约 ${asYuan(-delta)}` : '发放不变');
const monthDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/**
 * 预览影响: the last 30 days replayed under the draft, source by source beside what was issued,
 * and what the change does to the points the shop owes. `stale` once the draft has changed since.
 */
export function RulePreview({ preview, stale }: { preview: RulePreviewDto; stale: boolean }) {
  const rows = preview.sources.filter((s) => s.events > 0 || s.draft !== s.actual);
  const tone = (n: number) => (n > 0 ? 'up' : n < 0 ? 'down' : 'same');
  return (
    <View className={`rule-preview${stale ? ' rule-preview--stale' : ''}`}>
      <Text className='rule-preview__title'>过去 30 天（{monthDay(preview.from)}–{monthDay(preview.to)}）按新规则回放</Text>
      {stale && <Text className='rule-preview__stale'>草稿已改动，请重新预览</Text>}
      {rows.length === 0 ? (
        <Text className='rule-preview__empty'>过去 30 天没有与这项规则相关的发放</Text>
      ) : (
        <View className='rule-preview__table'>
          <View className='rule-preview__row rule-preview__row--head'>
            <Text className='rule-preview__cell rule-preview__cell--name'>来源</Text>
            <Text className='rule-preview__cell'>实际发放</Text>
            <Text className='rule-preview__cell'>按新规则</Text>
            <Text className='rule-preview__cell'>差额</Text>
          </View>
          {rows.map((s) => (
            <View key={s.source} className={`rule-preview__row rule-preview__row--${s.source}`}>
              <View className='rule-preview__cell rule-preview__cell--name'>
                <Text className='rule-preview__source'>{s.label}</Text>
                <Text className='rule-preview__events'>{formatPoints(s.events)} 笔</Text>
              </View>
              <Text className='rule-preview__cell'>{formatPoints(s.actual)}</Text>
              <Text className='rule-preview__cell'>{formatPoints(s.draft)}</Text>
              <Text className={`rule-preview__cell rule-preview__delta--${tone(s.draft - s.actual)}`}>{formatSigned(s.draft - s.actual)}</Text>
            </View>
          ))}
          <View className='rule-preview__row rule-preview__row--total'>
            <Text className='rule-preview__cell rule-preview__cell--name'>合计</Text>
            <Text className='rule-preview__cell'>{formatPoints(preview.actual)}</Text>
            <Text className='rule-preview__cell'>{formatPoints(preview.draft)}</Text>
            <Text className={`rule-preview__cell rule-preview__delta--${tone(preview.delta)}`}>{formatSigned(preview.delta)}</Text>
          </View>
        </View>
      )}
      <View className='rule-preview__liability'>
        <Text className='rule-preview__liability-line'>按新规则，过去 30 天{change(preview.delta)}（100 积分 = 1 元）</Text>
        <Text className='rule-preview__liability-line rule-preview__liability-line--owed'>
          未兑付积分 {formatPoints(preview.outstanding)} → {formatPoints(preview.outstandingAfter)}（{asYuan(preview.outstanding)} → {asYuan(preview.outstandingAfter)}）
        </Text>
      </View>
      {preview.currentReplay !== null && (
        <Text className='rule-preview__note'>这 30 天内规则调整过或触及上限：按现行规则回放为 {formatPoints(preview.currentReplay)} 分，与实际发放不同</Text>
      )}
      {preview.notes.map((n) => <Text key={n} className='rule-preview__note'>{n}</Text>)}
    </View>
  );
}
