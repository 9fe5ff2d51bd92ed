import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AdminMemberRowDto } from '@jifen/shared';
import { searchAdminMembers } from '../../api/member-admin';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { User } from '../../components/Icon';
import { TierBadge } from '../../components/TierBadge';
import { shanghaiDate } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { TagPicker } from '../segments/TagPicker';
import { useOperator } from '../useOperator';
import './index.scss';

/**
 * 会员 (管理): find a member by id, phone (whole or 138****8000) or nickname; the newest first
 * without a query. 批量打标签 selects rows and puts a manual tag on all of them.
 */
export default function AdminMembersPage() {
  const { operator, loading } = useOperator();
  const [q, setQ] = useState('');
  const [list, setList] = useState<AdminMemberRowDto[] | null>(null);
  const [selected, setSelected] = useState<Set<number> | null>(null);
  const [picking, setPicking] = useState(false);
  const operatorId = operator?.id ?? null;
  const toggle = (id: number) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  const search = useCallback((text: string) => {
    if (operatorId === null) return;
    setList(null);
    searchAdminMembers(text.trim()).then(setList, () => setList([]));
  }, [operatorId]);
  useEffect(() => search(''), [search]);

  if (!operator) return <NotStaff className='admin-members' loading={loading} screen='会员管理' />;

  return (
    <View className='admin-members'>
      <View className='admin-members__search'>
        <Input className='admin-members__input admin-members-q' value={q} placeholder='手机号 / 昵称 / 会员 ID' confirmType='search'
          onInput={(e) => setQ(e.detail.value)} onConfirm={() => search(q)} />
        <Text className='admin-members__go admin-members-search' onClick={() => search(q)}>搜索</Text>
      </View>
      <View className='admin-members__caption-row'>
        <Text className='admin-members__caption'>{q.trim() ? '搜索结果' : '最新加入的会员'}</Text>
        <Text className='admin-members__select' onClick={() => setSelected(selected ? null : new Set())}>{selected ? '取消' : '批量打标签'}</Text>
      </View>
      {list === null ? (
        <Text className='admin-members__loading'>加载中…</Text>
      ) : list.length === 0 ? (
        <EmptyState icon={<User size={36} color='#ff8a3d' />} title='没有找到会员' description='试试完整手机号、138****8000 这样的号码或昵称' />
      ) : (
        <View className='admin-members__list'>
          {list.map((m) => (
            <View key={m.id} className='admin-member admin-member-row'
              onClick={() => (selected ? toggle(m.id) : void Taro.navigateTo({ url: `/admin/members/detail?id=${m.id}` }))}>
              {selected && <Text className={`admin-member__check${selected.has(m.id) ? ' admin-member__check--on' : ''}`}>{selected.has(m.id) ? '✓' : ''}</Text>}
              <Avatar url={m.avatarUrl} size={80} />
              <View className='admin-member__main'>
                <View className='admin-member__name-row'>
                  <Text className='admin-member__name'>{m.nickname}</Text>
                  <TierBadge tier={m.tier} />
                </View>
                <Text className='admin-member__meta'>ID {m.id}{m.phone ? ` · ${m.phone}` : ' · 未绑定手机'} · {shanghaiDate(m.joinedAt)} 加入</Text>
              </View>
              <View className='admin-member__points'>
                <Text className='admin-member__available'>{m.available}</Text>
                <Text className='admin-member__label'>可用积分</Text>
              </View>
            </View>
          ))}
        </View>
      )}
      {selected && (
        <View className='admin-members__bar'>
          <Text className='admin-members__bar-count'>已选 {selected.size} 人</Text>
          <Button className='admin-members__bar-go' disabled={selected.size === 0 || undefined} onClick={() => setPicking(true)}>打标签</Button>
        </View>
      )}
      {picking && selected && (
        <TagPicker memberIds={[...selected]} onClose={() => setPicking(false)} onDone={() => { setPicking(false); setSelected(null); }} />
      )}
    </View>
  );
}
