import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { TagDto } from '@jifen/shared';
import { listTags, tagMembers } from '../../api/marketing';
import { BottomSheet } from '../../components/BottomSheet';
import './SendSheet.scss';

/** 打标签: the shop's manual tags; a tap puts the chosen one on the members (from a member's page or a selection in the list). */
export function TagPicker({ memberIds, onClose, onDone }: { memberIds: number[]; onClose: () => void; onDone: () => void }) {
  const [tags, setTags] = useState<TagDto[] | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    listTags().then((all) => setTags(all.filter((t) => t.kind === 'manual')), () => setTags([]));
  }, []);

  const pick = async (tag: TagDto) => {
    if (busy) return;
    setBusy(true);
    try {
      const { added } = await tagMembers(tag.id, memberIds);
      void Taro.showToast({ title: added ? `已给 ${added} 人打上「${tag.name}」` : '都已有此标签', icon: 'none' });
      onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <BottomSheet open title={memberIds.length > 1 ? `给 ${memberIds.length} 位会员打标签` : '打标签'} onClose={onClose} className='admin-sheet tag-picker'>
      {tags === null ? <Text className='admin-sheet__hint'>加载中…</Text> : tags.length === 0 ? (
        <Text className='admin-sheet__hint'>还没有手动标签，请先在「分群与标签」中新建。</Text>
      ) : (
        <View className='admin-sheet__chips'>
          {tags.map((t) => <Text key={t.id} className='admin-sheet__chip tag-picker__tag' onClick={() => void pick(t)}>{t.name}（{t.members}）</Text>)}
        </View>
      )}
    </BottomSheet>
  );
}
