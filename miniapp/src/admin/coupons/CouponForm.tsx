import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  couponLabel, endOfShanghaiDay, shanghaiDay, startOfShanghaiDay, type CouponChannel, type CouponKind, type CouponScope, type CouponTemplateInput,
} from '@jifen/shared';
import { createCouponTemplate } from '../../api/admin';
import { listAdminCategories, listAdminGoods } from '../../api/catalog-admin';
import { BottomSheet } from '../../components/BottomSheet';
import { parseYuan } from '../../utils/money';
import { DayRange } from '../DayRange';
import { useSend } from '../orders/OrderSheet';

/** "8.5" → 85 (percent paid); one decimal at most, 0.1–9.9 折. */
export function parseZhe(text: string): number | null {
  const m = /^(\d)(?:\.(\d?))?$/.exec(text.trim());
  if (!m) return null;
  const pct = Number(m[1]) * 10 + Number(m[2] || '0');
  return pct >= 1 && pct <= 99 ? pct : null;
}

/** A positive whole number, or null. */
const parseCount = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) && Number(text) > 0 ? Number(text) : null);

const KINDS: { kind: CouponKind; label: string }[] = [
  { kind: 'threshold', label: '满减' },
  { kind: 'discount', label: '折扣' },
  { kind: 'no_threshold', label: '无门槛' },
];

const SCOPES: { scope: CouponScope; label: string }[] = [
  { scope: 'all', label: '全场通用' },
  { scope: 'categories', label: '指定分类' },
  { scope: 'goods', label: '指定商品' },
];

interface Fields {
  name: string;
  kind: CouponKind;
  threshold: string;
  amount: string;
  zhe: string;
  maxOff: string;
  channel: CouponChannel;
  scope: CouponScope;
  /** Categories or goods (by scope) the coupon applies to. */
  scopeIds: number[];
  /** 领取后 N 天 (relative) or a fixed window of Shanghai days. */
  validity: 'relative' | 'fixed';
  days: string;
  from: string;
  to: string;
  /** When it may be claimed: Shanghai days, empty for no limit. */
  claimFrom: string;
  claimTo: string;
  total: string;
  perMember: string;
}

/** The body for the server, or the first thing wrong with the form. */
export function formInput(f: Fields): { input: CouponTemplateInput } | { problem: string } {
  if (!f.name.trim()) return { problem: '请填写名称' };
  const money = (text: string, what: string, optional = false): number | null | string => {
    if (optional && !text.trim()) return null;
    const fen = parseYuan(text);
    if (fen === null) return `${what}请填写金额，最多两位小数`;
    return fen;
  };
  let rule: Pick<CouponTemplateInput, 'thresholdFen' | 'amountFen' | 'discountPct' | 'maxOffFen'>;
  if (f.kind === 'threshold') {
    const threshold = money(f.threshold, '满');
    if (typeof threshold === 'string') return { problem: threshold };
    const amount = money(f.amount, '减');
    if (typeof amount === 'string') return { problem: amount };
    if (!threshold || !amount) return { problem: '金额须大于 0' };
    if (amount >= threshold) return { problem: '减免金额须小于门槛' };
    rule = { thresholdFen: threshold, amountFen: amount };
  } else if (f.kind === 'discount') {
    const pct = parseZhe(f.zhe);
    if (pct === null) return { problem: '折扣请填写 0.1–9.9' };
    const maxOff = money(f.maxOff, '最高减', true);
    if (typeof maxOff === 'string') return { problem: maxOff };
    if (maxOff === 0) return { problem: '最高减须大于 0' };
    const threshold = money(f.threshold, '满', true);
    if (typeof threshold === 'string') return { problem: threshold };
    rule = { thresholdFen: threshold ?? 0, discountPct: pct, maxOffFen: maxOff };
  } else {
    const amount = money(f.amount, '减');
    if (typeof amount === 'string') return { problem: amount };
    if (!amount) return { problem: '金额须大于 0' };
    rule = { amountFen: amount };
  }
  if (f.scope !== 'all' && f.scopeIds.length === 0) return { problem: f.scope === 'categories' ? '请选择适用的分类' : '请选择适用的商品' };
  let validity: CouponTemplateInput['validity'];
  if (f.validity === 'relative') {
    const days = parseCount(f.days);
    if (days === null || days > 365) return { problem: '有效天数请填写 1–365' };
    validity = { type: 'relative', days };
  } else {
    if (!f.from || !f.to) return { problem: '请选择有效期的开始和结束日期' };
    if (f.to < f.from) return { problem: '有效期的结束日期不能早于开始日期' };
    validity = { type: 'fixed', startsAt: startOfShanghaiDay(f.from).toISOString(), endsAt: endOfShanghaiDay(f.to).toISOString() };
  }
  if (f.claimFrom && f.claimTo && f.claimTo < f.claimFrom) return { problem: '领取时间的结束日期不能早于开始日期' };
  const claim = {
    claimStartsAt: f.claimFrom ? startOfShanghaiDay(f.claimFrom).toISOString() : null,
    claimEndsAt: f.claimTo ? endOfShanghaiDay(f.claimTo).toISOString() : null,
  };
  const total = f.total.trim() ? parseCount(f.total) : null;
  if (f.total.trim() && total === null) return { problem: '发放总量请填写正整数或留空' };
  const perMember = parseCount(f.perMember);
  if (perMember === null || perMember > 100) return { problem: '每人限领请填写 1–100' };
  return {
    input: {
      name: f.name.trim(), kind: f.kind, ...rule, scope: f.scope, scopeIds: f.scope === 'all' ? [] : f.scopeIds, channel: f.channel, validity, ...claim, total, perMember,
    },
  };
}

function MoneyInput({ value, onChange, className, placeholder = '0.00' }: { value: string; onChange: (v: string) => void; className: string; placeholder?: string }) {
  return <Input className={`admin-sheet__input coupon-form__money ${className}`} type='digit' value={value} placeholder={placeholder} maxlength={10} onInput={(e) => onChange(e.detail.value)} />;
}

interface Props {
  channels: Record<CouponChannel, string>;
  onClose: () => void;
  onDone: () => void;
}

/** 新建优惠券: kind, amounts in yuan, channel, validity and limits, with the label as it will read. */
export function CouponForm({ channels, onClose, onDone }: Props) {
  const [f, setF] = useState<Fields>({
    name: '', kind: 'threshold', threshold: '', amount: '', zhe: '', maxOff: '', channel: 'center', scope: 'all', scopeIds: [],
    validity: 'relative', days: '7', from: '', to: '', claimFrom: '', claimTo: '', total: '', perMember: '1',
  });
  // What a scoped coupon can apply to, from the catalog (loaded when a scope asks for it).
  const [targets, setTargets] = useState<Record<'categories' | 'goods', { id: number; name: string }[] | null>>({ categories: null, goods: null });
  useEffect(() => {
    if (f.scope === 'categories' && targets.categories === null) {
      listAdminCategories().then((list) => setTargets((t) => ({ ...t, categories: list.map((c) => ({ id: c.id, name: c.name })) })), () => undefined);
    }
    if (f.scope === 'goods' && targets.goods === null) {
      listAdminGoods('on_sale').then((list) => setTargets((t) => ({ ...t, goods: list.map((g) => ({ id: g.id, name: g.title })) })), () => undefined);
    }
  }, [f.scope, targets]);
  const today = shanghaiDay(new Date());
  const toggleTarget = (id: number) => set({ scopeIds: f.scopeIds.includes(id) ? f.scopeIds.filter((x) => x !== id) : [...f.scopeIds, id] });
  const set = (patch: Partial<Fields>) => setF((old) => ({ ...old, ...patch }));
  const [busy, send] = useSend(onDone);
  const result = formInput(f);
  const preview =
    'input' in result
      ? couponLabel({
          kind: result.input.kind,
          thresholdFen: result.input.thresholdFen ?? 0,
          amountFen: result.input.amountFen ?? 0,
          discountPct: result.input.discountPct ?? 100,
          maxOffFen: result.input.maxOffFen ?? null,
          scope: result.input.scope,
          scopeIds: result.input.scopeIds ?? [],
        })
      : null;
  const validityHint = f.validity === 'relative' ? `领取后 ${f.days} 天内有效` : f.from && f.to ? `${f.from} 至 ${f.to} 有效` : '固定日期有效';

  const submit = () => {
    if ('problem' in result) {
      void Taro.showToast({ title: result.problem, icon: 'none' });
      return;
    }
    void send(() => createCouponTemplate(result.input), '已创建');
  };

  return (
    <BottomSheet
      open
      title='新建优惠券'
      onClose={onClose}
      className='admin-sheet coupon-form'
      footer={
        <Button className='bottom-sheet__confirm coupon-form__submit' disabled={busy || undefined} onClick={submit}>
          {busy ? '提交中…' : '创建'}
        </Button>
      }
    >
      <View className='coupon-form__preview'>
        <Text className='coupon-form__preview-label'>{preview ?? '—'}</Text>
        <Text className='coupon-form__preview-hint'>{'problem' in result ? result.problem : `${channels[f.channel]} · ${validityHint}`}</Text>
      </View>

      <Text className='admin-sheet__label'>名称</Text>
      <Input className='admin-sheet__input coupon-form__name' value={f.name} placeholder='如：新品满减券' maxlength={64} onInput={(e) => set({ name: e.detail.value })} />

      <Text className='admin-sheet__label'>类型</Text>
      <View className='admin-sheet__chips'>
        {KINDS.map((k) => (
          <Text key={k.kind} className={`admin-sheet__chip coupon-form__kind coupon-form__kind--${k.kind}${f.kind === k.kind ? ' admin-sheet__chip--active' : ''}`} onClick={() => set({ kind: k.kind })}>
            {k.label}
          </Text>
        ))}
      </View>

      <View className='coupon-form__rule'>
        {f.kind === 'threshold' && (
          <>
            <Text className='coupon-form__word'>满</Text>
            <MoneyInput className='coupon-form__threshold' value={f.threshold} onChange={(threshold) => set({ threshold })} />
            <Text className='coupon-form__word'>元 减</Text>
            <MoneyInput className='coupon-form__amount' value={f.amount} onChange={(amount) => set({ amount })} />
            <Text className='coupon-form__word'>元</Text>
          </>
        )}
        {f.kind === 'discount' && (
          <>
            <Input className='admin-sheet__input coupon-form__money coupon-form__zhe' type='digit' value={f.zhe} placeholder='8.5' maxlength={3} onInput={(e) => set({ zhe: e.detail.value })} />
            <Text className='coupon-form__word'>折 最高减</Text>
            <MoneyInput className='coupon-form__max-off' value={f.maxOff} placeholder='不限' onChange={(maxOff) => set({ maxOff })} />
            <Text className='coupon-form__word'>元</Text>
          </>
        )}
        {f.kind === 'no_threshold' && (
          <>
            <Text className='coupon-form__word'>减</Text>
            <MoneyInput className='coupon-form__amount' value={f.amount} onChange={(amount) => set({ amount })} />
            <Text className='coupon-form__word'>元</Text>
          </>
        )}
      </View>
      {f.kind === 'discount' && (
        <View className='coupon-form__rule'>
          <Text className='coupon-form__word'>满</Text>
          <MoneyInput className='coupon-form__threshold' value={f.threshold} placeholder='选填' onChange={(threshold) => set({ threshold })} />
          <Text className='coupon-form__word'>元可用（不填则无门槛）</Text>
        </View>
      )}

      <Text className='admin-sheet__label'>发放渠道</Text>
      <View className='admin-sheet__chips'>
        {(Object.keys(channels) as CouponChannel[]).map((c) => (
          <Text key={c} className={`admin-sheet__chip coupon-form__channel coupon-form__channel--${c}${f.channel === c ? ' admin-sheet__chip--active' : ''}`} onClick={() => set({ channel: c })}>
            {channels[c]}
          </Text>
        ))}
      </View>

      <Text className='admin-sheet__label'>适用范围</Text>
      <View className='admin-sheet__chips'>
        {SCOPES.map((o) => (
          <Text key={o.scope} className={`admin-sheet__chip coupon-form__scope coupon-form__scope--${o.scope}${f.scope === o.scope ? ' admin-sheet__chip--active' : ''}`} onClick={() => set({ scope: o.scope, scopeIds: [] })}>
            {o.label}
          </Text>
        ))}
      </View>
      {f.scope !== 'all' && (
        <View className='admin-sheet__chips coupon-form__targets'>
          {targets[f.scope] === null ? (
            <Text className='coupon-form__word'>加载中…</Text>
          ) : (
            targets[f.scope]!.map((x) => (
              <Text key={x.id} className={`admin-sheet__chip coupon-form__target${f.scopeIds.includes(x.id) ? ' admin-sheet__chip--active' : ''}`} onClick={() => toggleTarget(x.id)}>
                {x.name}
              </Text>
            ))
          )}
        </View>
      )}

      <Text className='admin-sheet__label'>有效期</Text>
      <View className='admin-sheet__chips'>
        <Text className={`admin-sheet__chip coupon-form__validity--relative${f.validity === 'relative' ? ' admin-sheet__chip--active' : ''}`} onClick={() => set({ validity: 'relative' })}>领取后 N 天</Text>
        <Text className={`admin-sheet__chip coupon-form__validity--fixed${f.validity === 'fixed' ? ' admin-sheet__chip--active' : ''}`} onClick={() => set({ validity: 'fixed' })}>固定日期</Text>
      </View>
      {f.validity === 'fixed' && (
        <DayRange from={f.from} to={f.to} onChange={({ from, to }) => set({ from, to })} today={today} future
          fromText='开始日期' toText='结束日期' fromClass='coupon-form__from' toClass='coupon-form__to' />
      )}

      <Text className='admin-sheet__label'>领取时间（不选则不限）</Text>
      <DayRange from={f.claimFrom} to={f.claimTo} onChange={({ from, to }) => set({ claimFrom: from, claimTo: to })} today={today} clearable
        fromText='立即' toText='不限' fromClass='coupon-form__claim-from' toClass='coupon-form__claim-to' clearClass='coupon-form__claim-clear' />

      <View className='coupon-form__grid'>
        {f.validity === 'relative' && (
          <View className='coupon-form__cell'>
            <Text className='admin-sheet__label'>领取后有效（天）</Text>
            <Input className='admin-sheet__input coupon-form__days' type='number' value={f.days} maxlength={3} onInput={(e) => set({ days: e.detail.value })} />
          </View>
        )}
        <View className='coupon-form__cell'>
          <Text className='admin-sheet__label'>发放总量</Text>
          <Input className='admin-sheet__input coupon-form__total' type='number' value={f.total} placeholder='不限' maxlength={9} onInput={(e) => set({ total: e.detail.value })} />
        </View>
        <View className='coupon-form__cell'>
          <Text className='admin-sheet__label'>每人限领</Text>
          <Input className='admin-sheet__input coupon-form__per-member' type='number' value={f.perMember} maxlength={3} onInput={(e) => set({ perMember: e.detail.value })} />
        </View>
      </View>
    </BottomSheet>
  );
}
