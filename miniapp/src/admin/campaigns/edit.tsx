import { useEffect, useState } from 'react';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  addDays, campaignSummary, MAX_BONUS_POINTS, MAX_MULTIPLIER_PCT, shanghaiDay, type AdminGoodsDto, type CampaignDto, type CampaignInput, type CampaignKind,
} from '@jifen/shared';
import { createCampaign, getAdminCampaign, updateCampaign } from '../../api/campaigns';
import { listAdminGoods } from '../../api/catalog-admin';
import { DayRange } from '../DayRange';
import { GoodsPicker } from '../GoodsPicker';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import './edit.scss';

type Repeat = 'daily' | 'weekly' | 'monthly';

interface Form {
  name: string;
  kind: CampaignKind;
  /** "2", "1.5": the multiplier as typed. */
  multiplier: string;
  bonus: string;
  goodsIds: number[];
  from: string;
  to: string;
  repeat: Repeat;
  weekdays: number[];
  daysOfMonth: number[];
  on: boolean;
}

const KINDS: { kind: CampaignKind; label: string }[] = [
  { kind: 'multiplier', label: '积分翻倍' },
  { kind: 'bonus', label: '指定商品加赠' },
];
const REPEATS: { repeat: Repeat; label: string }[] = [
  { repeat: 'daily', label: '活动期间每天' },
  { repeat: 'weekly', label: '每周几' },
  { repeat: 'monthly', label: '每月几号' },
];
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const PRESETS = ['1.5', '2', '3'];

function fromCampaign(c: CampaignDto): Form {
  return {
    name: c.name, kind: c.kind, multiplier: String(c.multiplierPct / 100), bonus: c.bonusPoints ? String(c.bonusPoints) : '', goodsIds: c.goodsIds,
    from: c.startsOn, to: c.endsOn, repeat: c.weekdays.length ? 'weekly' : c.daysOfMonth.length ? 'monthly' : 'daily',
    weekdays: c.weekdays, daysOfMonth: c.daysOfMonth, on: c.status === 'on',
  };
}

/** "1.5" → 150: whole percents, so no float reaches the points. */
function parseMultiplier(text: string): number | null {
  const m = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

const toggled = (list: number[], n: number) => (list.includes(n) ? list.filter((x) => x !== n) : [...list, n].sort((a, b) => a - b));

/** The body for the server, or the first thing wrong with the form (the server checks again). */
export function campaignInput(f: Form): { input: CampaignInput } | { problem: string } {
  if (!f.name.trim()) return { problem: '请填写活动名称' };
  let multiplierPct = 100;
  let bonusPoints = 0;
  if (f.kind === 'multiplier') {
    const pct = parseMultiplier(f.multiplier);
    if (pct === null || pct <= 100 || pct > MAX_MULTIPLIER_PCT) return { problem: `倍数请填写 1–${MAX_MULTIPLIER_PCT / 100} 之间（不含 1）的数，最多两位小数` };
    multiplierPct = pct;
  } else {
    bonusPoints = /^\d{1,6}$/.test(f.bonus.trim()) ? Number(f.bonus) : 0;
    if (bonusPoints < 1 || bonusPoints > MAX_BONUS_POINTS) return { problem: `加赠积分请填写 1–${MAX_BONUS_POINTS} 的整数` };
    if (f.goodsIds.length === 0) return { problem: '请选择参加活动的商品' };
  }
  if (!f.from || !f.to) return { problem: '请选择活动日期' };
  if (f.to < f.from) return { problem: '结束日期须不早于开始日期' };
  if (f.repeat === 'weekly' && f.weekdays.length === 0) return { problem: '请选择每周哪几天' };
  if (f.repeat === 'monthly' && f.daysOfMonth.length === 0) return { problem: '请选择每月哪几号' };
  return {
    input: {
      name: f.name.trim(), kind: f.kind, multiplierPct, bonusPoints, goodsIds: f.kind === 'bonus' ? f.goodsIds : [], startsOn: f.from, endsOn: f.to,
      weekdays: f.repeat === 'weekly' ? f.weekdays : [], daysOfMonth: f.repeat === 'monthly' ? f.daysOfMonth : [], status: f.on ? 'on' : 'off',
    },
  };
}

/** 新建 / 编辑活动: ×N points or bonus points on chosen goods, for dates, weekdays or days of the month. */
export default function AdminCampaignEditPage() {
  const { operator, loading } = useOperator();
  const id = Number(useRouter().params.id) || null;
  const today = shanghaiDay(new Date());
  const [campaign, setCampaign] = useState<CampaignDto | null>(null);
  const [f, setF] = useState<Form>(() => ({
    name: '', kind: 'multiplier', multiplier: '2', bonus: '', goodsIds: [], from: today, to: addDays(today, 30), repeat: 'daily', weekdays: [], daysOfMonth: [], on: true,
  }));
  const [goods, setGoods] = useState<AdminGoodsDto[] | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setF((old) => ({ ...old, ...patch }));
  const operatorId = operator?.id ?? null;

  useEffect(() => {
    if (operatorId === null) return;
    void Taro.setNavigationBarTitle({ title: id ? '编辑活动' : '新建活动' });
    listAdminGoods('all').then(setGoods, () => setGoods([]));
    if (id) getAdminCampaign(id).then((c) => {
      setCampaign(c);
      setF(fromCampaign(c));
    }, () => undefined);
  }, [operatorId, id]);

  const checked = campaignInput(f);
  // What shoppers will read, shown as soon as the rule itself is complete (the name is not in it).
  const preview = campaignInput({ ...f, name: f.name.trim() || '活动' });

  const submit = async () => {
    if ('problem' in checked) return void Taro.showToast({ title: checked.problem, icon: 'none' });
    setBusy(true);
    try {
      if (campaign) await updateCampaign(campaign.id, { ...checked.input, version: campaign.version });
      else await createCampaign(checked.input);
      void Taro.showToast({ title: campaign ? '已保存' : '已创建', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch {
      // the request layer showed the server's message (e.g. changed by someone else: reload)
      if (campaign) getAdminCampaign(campaign.id).then(setCampaign, () => undefined);
    } finally {
      setBusy(false);
    }
  };

  if (!operator) return <NotStaff className='campaign-edit' loading={loading} />;

  return (
    <View className='campaign-edit'>
      <View className='campaign-edit__card'>
        <Text className='campaign-edit__label'>活动名称</Text>
        <Input className='admin-sheet__input campaign-edit__name' value={f.name} placeholder='如：周五会员日' maxlength={32} onInput={(e) => set({ name: e.detail.value })} />
        <Text className='campaign-edit__label'>活动类型</Text>
        <View className='admin-sheet__modes'>
          {KINDS.map((k) => (
            <Text key={k.kind} className={`admin-sheet__mode campaign-edit__kind campaign-edit__kind--${k.kind}${f.kind === k.kind ? ' admin-sheet__mode--active' : ''}`} onClick={() => set({ kind: k.kind })}>
              {k.label}
            </Text>
          ))}
        </View>
        {f.kind === 'multiplier' ? (
          <>
            <Text className='campaign-edit__label'>下单积分倍数</Text>
            <View className='campaign-edit__line'>
              {PRESETS.map((p) => (
                <Text key={p} className={`admin-sheet__chip campaign-edit__preset${f.multiplier === p ? ' admin-sheet__chip--active' : ''}`} onClick={() => set({ multiplier: p })}>×{p}</Text>
              ))}
              <Text className='campaign-edit__unit'>×</Text>
              <Input className='admin-sheet__input campaign-edit__multiplier' type='digit' value={f.multiplier} maxlength={5} onInput={(e) => set({ multiplier: e.detail.value })} />
            </View>
            <Text className='campaign-edit__tip'>与会员等级倍数相乘；同一天有多个翻倍活动时取最高的一个。</Text>
          </>
        ) : (
          <>
            <Text className='campaign-edit__label'>每件加赠积分</Text>
            <Input className='admin-sheet__input campaign-edit__bonus' type='number' value={f.bonus} placeholder='如：50' maxlength={6} onInput={(e) => set({ bonus: e.detail.value })} />
            <Text className='campaign-edit__label'>参加活动的商品（已选 {f.goodsIds.length}）</Text>
            <GoodsPicker goods={goods} selected={f.goodsIds} onPick={(g) => set({ goodsIds: toggled(f.goodsIds, g) })} block='campaign-edit' />
          </>
        )}
      </View>

      <View className='campaign-edit__card'>
        <Text className='campaign-edit__label'>活动日期</Text>
        <DayRange from={f.from} to={f.to} onChange={(range) => set(range)} today={today} fromText='开始日期' toText='结束日期'
          fromClass='campaign-edit__from' toClass='campaign-edit__to' />
        <Text className='campaign-edit__label'>生效日</Text>
        <View className='admin-sheet__modes'>
          {REPEATS.map((r) => (
            <Text key={r.repeat} className={`admin-sheet__mode campaign-edit__repeat campaign-edit__repeat--${r.repeat}${f.repeat === r.repeat ? ' admin-sheet__mode--active' : ''}`} onClick={() => set({ repeat: r.repeat })}>
              {r.label}
            </Text>
          ))}
        </View>
        {f.repeat === 'weekly' && (
          <View className='admin-sheet__chips campaign-edit__days'>
            {WEEKDAYS.map((name, i) => (
              <Text key={name} className={`admin-sheet__chip campaign-edit__weekday campaign-edit__weekday--${i + 1}${f.weekdays.includes(i + 1) ? ' admin-sheet__chip--active' : ''}`}
                onClick={() => set({ weekdays: toggled(f.weekdays, i + 1) })}>周{name}</Text>
            ))}
          </View>
        )}
        {f.repeat === 'monthly' && (
          <View className='admin-sheet__chips campaign-edit__days'>
            {Array.from({ length: 31 }, (_, i) => i + 1).map((d) => (
              <Text key={d} className={`admin-sheet__chip campaign-edit__dom campaign-edit__dom--${d}${f.daysOfMonth.includes(d) ? ' admin-sheet__chip--active' : ''}`}
                onClick={() => set({ daysOfMonth: toggled(f.daysOfMonth, d) })}>{d}</Text>
            ))}
          </View>
        )}
        <View className='campaign-edit__switch-row'>
          <Text className='campaign-edit__switch-label'>{f.on ? '保存后按日期生效' : '保存为停用（不生效）'}</Text>
          <Switch className='campaign-edit__on' checked={f.on} color='#ff5a1f' onChange={(e) => set({ on: e.detail.value })} />
        </View>
      </View>

      <View className='campaign-edit__card campaign-edit__preview'>
        <Text className='campaign-edit__label'>会员看到</Text>
        <Text className='campaign-edit__summary'>{'input' in preview ? campaignSummary(preview.input) : preview.problem}</Text>
      </View>

      <View className='campaign-edit__bar'>
        <Button className='campaign-edit__submit' disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '保存中…' : campaign ? '保存修改' : '创建活动'}
        </Button>
      </View>
    </View>
  );
}
