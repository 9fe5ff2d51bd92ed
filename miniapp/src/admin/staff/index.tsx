import { useCallback, useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role, StaffMemberDto } from '@jifen/shared';
import { listStaff, searchMembers, setRole } from '../../api/staff';
import { Avatar } from '../../components/Avatar';
import { session } from '../../store/session';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import './index.scss';

const ROLE_NAMES: Record<Role, string> = { owner: '店主', operator: '运营', member: '会员' };

/** The roles an owner may give `m`, with what the button says. */
function choices(m: StaffMemberDto): { role: Role; label: string }[] {
  if (m.role === 'member') return [{ role: 'operator', label: '设为运营' }, { role: 'owner', label: '设为店主' }];
  if (m.role === 'operator') return [{ role: 'owner', label: '升为店主' }, { role: 'member', label: '取消运营' }];
  return [{ role: 'operator', label: '改为运营' }];
}

function Person({ m, me, onChange }: { m: StaffMemberDto; me: number; onChange: (role: Role) => void }) {
  return (
    <View className={`staff__person staff__person--${m.role}`}>
      <Avatar url={m.avatarUrl} size={80} />
      <View className='staff__main'>
        <Text className='staff__name'>
          {m.nickname}
          {m.id === me ? '（我）' : ''}
        </Text>
        <Text className='staff__meta'>ID {m.id}{m.phone ? ` · ${m.phone}` : ''}</Text>
      </View>
      <Text className={`staff__role staff__role--${m.role}`}>{ROLE_NAMES[m.role]}</Text>
      <View className='staff__actions'>
        {choices(m).map((c) => (
          <Text key={c.role} className={`staff__action staff__action--${c.role}`} onClick={() => onChange(c.role)}>{c.label}</Text>
        ))}
      </View>
    </View>
  );
}

/** 店员与权限 (owners): who runs the shop, and appointing or removing operators and owners. */
export default function AdminStaffPage() {
  const { operator, loading } = useOperator();
  const [staff, setStaff] = useState<StaffMemberDto[] | null>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<StaffMemberDto[] | null>(null);
  const owner = operator?.role === 'owner';
  const me = operator?.id ?? 0;

  const load = useCallback(() => {
    if (owner) listStaff().then(setStaff, () => setStaff([]));
  }, [owner]);
  useEffect(load, [load]);

  const search = () => {
    if (!q.trim()) return setFound(null);
    searchMembers(q.trim()).then(setFound, () => setFound([]));
  };

  const change = async (m: StaffMemberDto, role: Role) => {
    const self = m.id === me;
    const { confirm } = await Taro.showModal({
      title: `将「${m.nickname}」设为${ROLE_NAMES[role]}`,
      content: role === 'member'
        ? `${self ? '你' : '对方'}将立即失去管理权限。`
        : role === 'owner' ? '店主可以任命和撤销店员，并能管理店铺的一切。' : '运营可以管理商品、订单、优惠券等，但不能任命店员。',
      confirmText: '确定',
    });
    if (!confirm) return;
    try {
      await setRole(m.id, role);
      void Taro.showToast({ title: '已更新', icon: 'success' });
      setFound((list) => list?.map((x) => (x.id === m.id ? { ...x, role } : x)) ?? list);
      load();
      if (self) void session.refresh(); // my own 管理 changes with my role
    } catch {
      // the request layer said why (e.g. the last owner)
    }
  };

  if (!operator || !owner) {
    return <NotStaff className='staff' loading={loading} screen='任命和撤销店员' owners />;
  }

  return (
    <View className='staff'>
      <View className='staff__search-box'>
        <Input className='staff__search' value={q} placeholder='搜索会员：昵称、手机号或 ID' confirmType='search' maxlength={30}
          onInput={(e) => setQ(e.detail.value)} onConfirm={search} />
        <Text className='staff__search-go' onClick={search}>搜索</Text>
      </View>
      {found !== null && (
        <View className='staff__section'>
          <Text className='staff__section-title'>搜索结果</Text>
          {found.length === 0 ? <Text className='staff__none'>没有找到这位会员</Text> : found.map((m) => <Person key={m.id} m={m} me={me} onChange={(r) => void change(m, r)} />)}
        </View>
      )}
      <View className='staff__section'>
        <Text className='staff__section-title'>当前店员</Text>
        {staff === null ? <Text className='staff__none'>加载中…</Text> : staff.map((m) => <Person key={m.id} m={m} me={me} onChange={(r) => void change(m, r)} />)}
      </View>
      <Text className='staff__note'>店主可任命店员；运营可管理商品、订单与优惠券。撤销后对方立即失去权限。店铺至少保留一位店主。</Text>
    </View>
  );
}
