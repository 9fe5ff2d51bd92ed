import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { TagDto } from '@jifen/shared';
import { deleteTag, listTags } from '../../api/marketing';
import { formatShanghaiTime } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { SendSheet } from './SendSheet';
import { TagSheet } from './TagSheet';
import './index.scss';

const SEGMENT_HINTS: Record<string, string> = {
  high_value: '近期常买、花得多',
  potential: '近期买过，还能更多',
  new: '刚注册的新会员',
  at_risk: '下单间隔变长、活跃下降',
  sleeping: '很久没有下单',
};

/**
 * 分群与标签 (管理): the RFM groups the nightly job fills and the shop's own tags, each with how
 * many members it holds; a tap sends a coupon to them (定向发券); 发券记录 shows what each send brought.
 */
export default function SegmentsPage() {
  const { operator, loading } = useOperator();
  const [tags, setTags] = useState<TagDto[] | null>(null);
  const [sendTo, setSendTo] = useState<TagDto | null>(null);
  const [creating, setCreating] = useState(false);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    listTags().then(setTags, () => setTags([]));
  }, [operatorId]);
  useEffect(load, [load]);

  if (!operator) return <NotStaff className='segments' loading={loading} screen='分群与标签' />;
  if (tags === null) return <View className='segments'><Text className='segments__loading'>加载中…</Text></View>;

  const segments = tags.filter((t) => t.kind === 'segment');
  const own = tags.filter((t) => t.kind !== 'segment');
  const counted = segments.find((s) => s.countedAt)?.countedAt ?? null;
  const remove = async (tag: TagDto) => {
    const { confirm } = await Taro.showModal({ title: `删除标签「${tag.name}」？`, content: `${tag.members} 位会员将不再带有此标签，已发的券不受影响。` });
    if (!confirm) return;
    await deleteTag(tag.id);
    load();
  };

  return (
    <View className='segments'>
      <View className='segments__head'>
        <Text className='segments__title'>会员分群（RFM）</Text>
        <Text className='segments__hint'>{counted ? `每晚 3:30 按最近下单、频次、金额重新分群 · 上次 ${formatShanghaiTime(counted)}` : '每晚 3:30 按最近下单、频次、金额分群'}</Text>
      </View>
      <View className='segments__grid'>
        {segments.map((s) => (
          <View key={s.id} className={`segment-card segment-card--${s.segmentKey}`} onClick={() => setSendTo(s)}>
            <Text className='segment-card__name'>{s.name}</Text>
            <Text className='segment-card__count'>{s.members}</Text>
            <Text className='segment-card__hint'>{SEGMENT_HINTS[s.segmentKey ?? ''] ?? ''}</Text>
          </View>
        ))}
      </View>

      <View className='segments__head segments__head--tags'>
        <Text className='segments__title'>标签</Text>
        <Text className='segments__new' onClick={() => setCreating(true)}>＋ 新建标签</Text>
      </View>
      {own.length === 0 ? (
        <Text className='segments__empty'>还没有标签：可按规则圈人（买过某分类、等级、积分），或手动给会员打标。</Text>
      ) : (
        <View className='segments__list'>
          {own.map((t) => (
            <View key={t.id} className='tag-row'>
              <View className='tag-row__main' onClick={() => setSendTo(t)}>
                <Text className='tag-row__name'>{t.name}</Text>
                <Text className='tag-row__rule'>{t.ruleLabel ?? '手动打标'}</Text>
              </View>
              <Text className='tag-row__count'>{t.members} 人</Text>
              <Text className='tag-row__delete' onClick={() => void remove(t)}>删除</Text>
            </View>
          ))}
        </View>
      )}
      <Text className='segments__tip'>点分群或标签即可定向发券</Text>
      <Button className='segments__batches' onClick={() => void Taro.navigateTo({ url: '/admin/batches/index' })}>发券记录与效果 ›</Button>

      {sendTo && (
        <SendSheet target={{ kind: 'targeted', tag: sendTo }} onClose={() => setSendTo(null)}
          onSent={() => { setSendTo(null); void Taro.navigateTo({ url: '/admin/batches/index' }); }} />
      )}
      {creating && <TagSheet onClose={() => setCreating(false)} onCreated={() => { setCreating(false); load(); }} />}
    </View>
  );
}
