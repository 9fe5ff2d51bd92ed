import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type AdminCategoryDto, type ShopRules, type TagDto, type TagRule, TIER_ORDER, type TierName } from '@jifen/shared';
import { listAdminCategories } from '../../api/catalog-admin';
import { createTag } from '../../api/marketing';
import { ApiRequestError } from '../../api/request';
import { listAdminRules } from '../../api/rules';
import { BottomSheet } from '../../components/BottomSheet';
import { parseWhole } from '../../utils/format';
import './SendSheet.scss';

type Kind = 'manual' | TagRule['kind'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'manual', label: '手动打标' },
  { kind: 'bought_category', label: '买过某分类' },
  { kind: 'tier_at_least', label: '等级不低于' },
  { kind: 'balance_at_least', label: '积分不少于' },
];


/** 新建标签: a name, and either by hand (put on from a member's page or a list) or by a rule refilled nightly. */
export function TagSheet({ onClose, onCreated }: { onClose: () => void; onCreated: (t: TagDto) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('manual');
  const [categories, setCategories] = useState<AdminCategoryDto[]>([]);
  const [tiers, setTiers] = useState<{ name: TierName; label: string }[]>(TIER_ORDER.map((t) => ({ name: t, label: t })));
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [days, setDays] = useState('90');
  const [tier, setTier] = useState<TierName>('gold');
  const [points, setPoints] = useState('1000');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    listAdminCategories().then(setCategories, () => undefined);
    listAdminRules().then((rules) => {
      const v = rules.find((r) => r.key === 'tiers')?.value as ShopRules['tiers'] | undefined;
      if (v) setTiers(v.tiers.map((t) => ({ name: t.name, label: t.label })));
    }, () => undefined);
  }, []);

  const rule = (): TagRule | null | string => {
    switch (kind) {
      case 'manual':
        return null;
      case 'bought_category':
        if (categoryId === null) return '请选择分类';
        if (!(parseWhole(days) >= 1 && parseWhole(days) <= 730)) return '天数须为 1–730';
        return { kind, categoryId, days: parseWhole(days) };
      case 'tier_at_least':
        return { kind, tier };
      case 'balance_at_least':
        if (!(parseWhole(points) >= 1)) return '积分须为正整数';
        return { kind, points: parseWhole(points) };
    }
  };

  const submit = async () => {
    if (!name.trim()) return setProblem('请填写标签名');
    const r = rule();
    if (typeof r === 'string') return setProblem(r);
    setBusy(true);
    setProblem(null);
    try {
      const tag = await createTag({ name: name.trim(), rule: r });
      void Taro.showToast({ title: r ? `已圈出 ${tag.members} 人` : '标签已创建', icon: 'none' });
      onCreated(tag);
    } catch (e) {
      setProblem(e instanceof ApiRequestError ? e.message.replace(/^[\w.]+:\s*/, '') : '创建失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <BottomSheet open title='新建标签' onClose={onClose} className='admin-sheet tag-sheet'
      footer={<Button className='bottom-sheet__confirm tag-sheet__confirm' disabled={busy || undefined} onClick={() => void submit()}>{busy ? '创建中…' : '创建'}</Button>}>
      <Text className='admin-sheet__label'>标签名</Text>
      <Input className='admin-sheet__input tag-sheet__name' value={name} placeholder='如：爱买水果' maxlength={16} onInput={(e) => setName(e.detail.value)} />
      <Text className='admin-sheet__label'>怎么圈人</Text>
      <View className='admin-sheet__chips'>
        {KINDS.map((k) => (
          <Text key={k.kind} className={`admin-sheet__chip tag-sheet__kind tag-sheet__kind--${k.kind}${kind === k.kind ? ' admin-sheet__chip--active' : ''}`} onClick={() => setKind(k.kind)}>{k.label}</Text>
        ))}
      </View>
      {kind === 'manual' && <Text className='admin-sheet__hint'>在会员详情页或会员列表中给会员打上此标签。</Text>}
      {kind === 'bought_category' && (
        <View>
          <View className='admin-sheet__chips'>
            {categories.map((c) => (
              <Text key={c.id} className={`admin-sheet__chip tag-sheet__category${categoryId === c.id ? ' admin-sheet__chip--active' : ''}`} onClick={() => setCategoryId(c.id)}>{c.name}</Text>
            ))}
          </View>
          <View className='send-sheet__row'>
            <Text className='send-sheet__row-label'>最近</Text>
            <Input className='admin-sheet__input send-sheet__days tag-sheet__days' type='number' value={days} maxlength={3} onInput={(e) => setDays(e.detail.value)} />
            <Text className='send-sheet__row-unit'>天内买过</Text>
          </View>
        </View>
      )}
      {kind === 'tier_at_least' && (
        <View className='admin-sheet__chips'>
          {tiers.map((t) => (
            <Text key={t.name} className={`admin-sheet__chip tag-sheet__tier${tier === t.name ? ' admin-sheet__chip--active' : ''}`} onClick={() => setTier(t.name)}>{t.label}</Text>
          ))}
        </View>
      )}
      {kind === 'balance_at_least' && (
        <View className='send-sheet__row'>
          <Text className='send-sheet__row-label'>可用积分 ≥</Text>
          <Input className='admin-sheet__input send-sheet__days tag-sheet__points' type='number' value={points} maxlength={9} onInput={(e) => setPoints(e.detail.value)} />
        </View>
      )}
      {kind !== 'manual' && <Text className='admin-sheet__hint'>按规则的标签创建时立即圈人，之后每晚按最新数据更新。</Text>}
      {problem && <Text className='send-sheet__problem'>{problem}</Text>}
    </BottomSheet>
  );
}
