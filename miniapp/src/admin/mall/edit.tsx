import { useEffect, useState } from 'react';
import { Button, Image, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  endOfShanghaiDay, MAX_CODES_PER_UPLOAD, REDEMPTION_CODE, shanghaiDay, startOfShanghaiDay, type AdminGoodsDto, type AdminMallItemDto,
  type CouponTemplateStatsDto, type MallItemInput, type MallItemKind, type TierInfoDto, type TierName, type TierPoints,
} from '@jifen/shared';
import { listCouponTemplateStats } from '../../api/admin';
import { listAdminGoods } from '../../api/catalog-admin';
import { createMallItem, getAdminMallItem, loadMallCodes, updateMallItem } from '../../api/mall-admin';
import { assetUrl } from '../../api/assets';
import { getTier } from '../../api/members';
import { discount } from '../../components/TierProgress';
import { parseYuan, yuanInput } from '../../utils/money';
import { DayRange } from '../DayRange';
import { NotStaff } from '../NotStaff';
import { useImageUpload } from '../useImageUpload';
import { GoodsPicker } from '../GoodsPicker';
import { useOperator } from '../useOperator';
import { KIND_LABEL } from './kinds';
import './edit.scss';

interface Form {
  kind: MallItemKind;
  title: string;
  subtitle: string;
  /** An uploaded picture, or '' for the goods' (or the kind's) own. */
  image: string;
  goodsId: number | null;
  couponTemplateId: number | null;
  points: string;
  cash: string;
  tierPoints: Partial<Record<TierName, string>>;
  stock: string;
  limit: string;
  from: string;
  to: string;
  on: boolean;
}

const EMPTY: Form = {
  kind: 'goods', title: '', subtitle: '', image: '', goodsId: null, couponTemplateId: null, points: '', cash: '', tierPoints: {}, stock: '', limit: '',
  from: '', to: '', on: true,
};

const whole = (text: string, max: number): number | null => (/^\d{1,9}$/.test(text.trim()) && Number(text) <= max ? Number(text) : null);

function fromItem(i: AdminMallItemDto): Form {
  return {
    kind: i.kind, title: i.title, subtitle: i.subtitle, image: i.image, goodsId: i.goodsId, couponTemplateId: i.couponTemplateId,
    points: String(i.points), cash: i.cashFen ? yuanInput(i.cashFen) : '', stock: String(i.stock), limit: i.perMemberLimit ? String(i.perMemberLimit) : '',
    tierPoints: Object.fromEntries(Object.entries(i.tierPoints).map(([t, p]) => [t, String(p)])),
    from: i.startsAt ? shanghaiDay(new Date(i.startsAt)) : '', to: i.endsAt ? shanghaiDay(new Date(i.endsAt)) : '', on: i.status === 'on',
  };
}

/** The body for the server, or the first thing wrong with the form (the server checks again). */
export function mallItemInput(f: Form, creating: boolean): { input: MallItemInput } | { problem: string } {
  if (!f.title.trim()) return { problem: '请填写名称' };
  if (f.kind === 'goods' && f.goodsId === null) return { problem: '请选择兑换后发出的商品' };
  if (f.kind === 'coupon' && f.couponTemplateId === null) return { problem: '请选择兑换发放的优惠券' };
  const points = whole(f.points, 10_000_000);
  if (!points) return { problem: '兑换积分请填写正整数' };
  let cashFen = 0;
  if (f.kind === 'goods' && f.cash.trim()) {
    const fen = parseYuan(f.cash);
    if (fen === null) return { problem: '加价金额请填写金额，最多两位小数' };
    cashFen = fen;
  }
  const tierPoints: TierPoints = {};
  for (const [tier, text] of Object.entries(f.tierPoints) as [TierName, string][]) {
    if (!text.trim()) continue;
    const p = whole(text, points);
    if (!p) return { problem: `会员价请填写不超过 ${points} 的正整数` };
    tierPoints[tier] = p;
  }
  let stock: number | undefined;
  if (creating && f.kind !== 'virtual') {
    const n = whole(f.stock, 1_000_000);
    if (n === null) return { problem: '库存请填写 0 或正整数' };
    stock = n;
  }
  let perMemberLimit: number | null = null;
  if (f.limit.trim()) {
    perMemberLimit = whole(f.limit, 999);
    if (!perMemberLimit) return { problem: '每人限兑请填写 1–999，不限则留空' };
  }
  if (f.from && f.to && f.to < f.from) return { problem: '结束日期须不早于开始日期' };
  return {
    input: {
      kind: f.kind, title: f.title.trim(), subtitle: f.subtitle.trim(), ...(f.image.startsWith('/media/') || f.image.startsWith('/assets/') ? { image: f.image } : {}),
      goodsId: f.kind === 'goods' ? f.goodsId : null, couponTemplateId: f.kind === 'coupon' ? f.couponTemplateId : null, points, cashFen, tierPoints,
      ...(stock !== undefined ? { stock } : {}), perMemberLimit,
      startsAt: f.from ? startOfShanghaiDay(f.from).toISOString() : null, endsAt: f.to ? endOfShanghaiDay(f.to).toISOString() : null, status: f.on ? 'on' : 'off',
    },
  };
}

/** Codes pasted one per line (or separated by commas/spaces): the list, or the first bad one. */
export function parseCodes(text: string): { codes: string[] } | { problem: string } {
  const codes = text.split(/[\s,，]+/).filter(Boolean);
  if (codes.length === 0) return { problem: '请粘贴兑换码，每行一个' };
  if (codes.length > MAX_CODES_PER_UPLOAD) return { problem: `一次最多导入 ${MAX_CODES_PER_UPLOAD} 个` };
  const bad = codes.find((c) => !REDEMPTION_CODE.test(c));
  if (bad) return { problem: `兑换码「${bad.slice(0, 20)}」格式不对：4–64 位字母、数字或符号` };
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) return { problem: `兑换码 ${c} 重复出现` };
    seen.add(c);
  }
  return { codes };
}

function CodesCard({ item, onLoaded }: { item: AdminMallItemDto; onLoaded: (i: AdminMallItemDto) => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const parsed = text.trim() ? parseCodes(text) : null;
  const submit = async () => {
    const result = parseCodes(text);
    if ('problem' in result) return void Taro.showToast({ title: result.problem, icon: 'none' });
    setBusy(true);
    try {
      const updated = await loadMallCodes(item.id, result.codes);
      setText('');
      onLoaded(updated);
      void Taro.showToast({ title: `已导入 ${result.codes.length} 个`, icon: 'success' });
    } catch {
      // the request layer showed which code was refused; nothing was added
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='mall-edit__card mall-edit__codes'>
      <Text className='mall-edit__label'>兑换码</Text>
      <Text className='mall-edit__pool'>共 {item.codes?.total ?? 0} 个 · 未发出 {item.codes?.unused ?? 0} 个（即库存）</Text>
      <Text className='mall-edit__tip'>会员兑换时自动发放一个未用过的码，在「我的兑换」查看；码发完即显示已兑完。</Text>
      <Textarea className='mall-edit__codes-input' value={text} placeholder='粘贴兑换码，每行一个' maxlength={-1} onInput={(e) => setText(e.detail.value)} />
      {parsed && <Text className='mall-edit__tip'>{'problem' in parsed ? parsed.problem : `识别到 ${parsed.codes.length} 个兑换码`}</Text>}
      <Button className='mall-edit__load' disabled={busy || undefined} onClick={() => void submit()}>{busy ? '导入中…' : '导入兑换码'}</Button>
    </View>
  );
}

/** 新增 / 编辑兑换商品: kind, what it gives (goods, coupon template or codes), price in points (+ cash), tier prices, stock, limit, dates. */
export default function AdminMallEditPage() {
  const { operator, loading } = useOperator();
  const id = Number(useRouter().params.id) || null;
  const [item, setItem] = useState<AdminMallItemDto | null>(null);
  const [f, setF] = useState<Form>(EMPTY);
  const [goods, setGoods] = useState<AdminGoodsDto[] | null>(null);
  const [templates, setTemplates] = useState<CouponTemplateStatsDto[] | null>(null);
  const [tiers, setTiers] = useState<TierInfoDto['tiers']>([]);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setF((old) => ({ ...old, ...patch }));
  const operatorId = operator?.id ?? null;
  const today = shanghaiDay(new Date());

  useEffect(() => {
    if (operatorId === null) return;
    void Taro.setNavigationBarTitle({ title: id ? '编辑兑换商品' : '新增兑换商品' });
    listAdminGoods('all').then(setGoods, () => setGoods([]));
    listCouponTemplateStats().then(setTemplates, () => setTemplates([]));
    getTier().then((t) => setTiers(t.tiers), () => undefined);
    if (id) getAdminMallItem(id).then((i) => {
      setItem(i);
      setF(fromItem(i));
    }, () => undefined);
  }, [operatorId, id]);

  const enabled = (templates ?? []).filter((t) => t.status === 'on' || t.id === f.couponTemplateId);
  const points = whole(f.points, 10_000_000);
  const picked = f.image || (f.kind === 'goods' ? goods?.find((g) => g.id === f.goodsId)?.image ?? '' : f.kind === 'coupon' ? '/assets/mall/coupon.png' : '/assets/mall/vip.png');

  const [uploading, pickImage] = useImageUpload((path) => set({ image: path }));
  const chooseImage = () => pickImage(1);

  const submit = async () => {
    const result = mallItemInput(f, !item);
    if ('problem' in result) return void Taro.showToast({ title: result.problem, icon: 'none' });
    setBusy(true);
    try {
      if (item) {
        const { kind: _kind, stock: _stock, ...fields } = result.input;
        await updateMallItem(item.id, { ...fields, version: item.version });
        void Taro.showToast({ title: '已保存', icon: 'success' });
        setTimeout(() => void Taro.navigateBack(), 600);
      } else {
        const created = await createMallItem(result.input);
        if (created.kind === 'virtual') {
          void Taro.showToast({ title: '已创建，请导入兑换码', icon: 'none' });
          void Taro.redirectTo({ url: `/admin/mall/edit?id=${created.id}` });
        } else {
          void Taro.showToast({ title: '已发布', icon: 'success' });
          setTimeout(() => void Taro.navigateBack(), 600);
        }
      }
    } catch {
      // the request layer showed the server's message (e.g. changed by someone else: reload)
      if (item) getAdminMallItem(item.id).then(setItem, () => undefined);
    } finally {
      setBusy(false);
    }
  };

  if (!operator) return <NotStaff className='mall-edit' loading={loading} />;

  return (
    <View className='mall-edit'>
      <View className='mall-edit__card'>
        <Text className='mall-edit__label'>类型</Text>
        {item ? (
          <Text className='mall-edit__tip mall-edit__kind-fixed'>{KIND_LABEL[item.kind]}（创建后不能更改）</Text>
        ) : (
          <View className='admin-sheet__modes mall-edit__kinds'>
            {(Object.keys(KIND_LABEL) as MallItemKind[]).map((k) => (
              <Text key={k} className={`admin-sheet__mode mall-edit__kind mall-edit__kind--${k}${f.kind === k ? ' admin-sheet__mode--active' : ''}`} onClick={() => set({ kind: k })}>
                {KIND_LABEL[k]}
              </Text>
            ))}
          </View>
        )}
        {f.kind === 'goods' && (
          <>
            <Text className='mall-edit__label'>兑换后发出的商品</Text>
            <GoodsPicker goods={goods} selected={f.goodsId === null ? [] : [f.goodsId]} onPick={(goodsId) => set({ goodsId })} block='mall-edit' />
          </>
        )}
        {f.kind === 'coupon' && (
          <>
            <Text className='mall-edit__label'>兑换发放的优惠券</Text>
            <View className='admin-sheet__chips'>
              {templates === null ? <Text className='mall-edit__tip'>加载中…</Text> : enabled.length === 0 ? (
                <Text className='mall-edit__tip'>没有启用中的优惠券，请先在「优惠券」新建</Text>
              ) : enabled.map((t) => (
                <Text key={t.id} className={`admin-sheet__chip mall-edit__template${f.couponTemplateId === t.id ? ' admin-sheet__chip--active' : ''}`} onClick={() => set({ couponTemplateId: t.id })}>
                  {t.name}{t.status === 'off' ? '（已停用）' : ''}
                </Text>
              ))}
            </View>
          </>
        )}
        {f.kind === 'virtual' && !item && <Text className='mall-edit__tip'>视频会员、充值卡等：创建后导入兑换码，会员兑换时自动发放。</Text>}
      </View>

      <View className='mall-edit__card'>
        <Text className='mall-edit__label'>图片（不传则用{f.kind === 'goods' ? '商品主图' : '默认图'}）</Text>
        <View className='mall-edit__images'>
          {picked && (
            <View className='mall-edit__thumb'>
              <Image className='mall-edit__thumb-image' src={assetUrl(picked)} mode='aspectFill' />
              {f.image && <Text className='mall-edit__remove' onClick={() => set({ image: '' })}>✕</Text>}
            </View>
          )}
          <View className='mall-edit__add-image' onClick={() => void chooseImage()}>
            <Text className='mall-edit__add-plus'>{uploading > 0 ? '…' : '＋'}</Text>
            <Text className='mall-edit__add-text'>{uploading > 0 ? '上传中' : '上传图片'}</Text>
          </View>
        </View>
        <Text className='mall-edit__label'>名称</Text>
        <Input className='admin-sheet__input mall-edit__title' value={f.title} placeholder='如：视频会员月卡' maxlength={64} onInput={(e) => set({ title: e.detail.value })} />
        <Text className='mall-edit__label'>说明（选填）</Text>
        <Input className='admin-sheet__input mall-edit__subtitle' value={f.subtitle} placeholder='如：兑换码在「我的兑换」查看' maxlength={128} onInput={(e) => set({ subtitle: e.detail.value })} />
      </View>

      <View className='mall-edit__card'>
        <Text className='mall-edit__label'>兑换价</Text>
        <View className='mall-edit__line'>
          <Input className='admin-sheet__input mall-edit__points' type='number' value={f.points} placeholder='积分' maxlength={8} onInput={(e) => set({ points: e.detail.value })} />
          <Text className='mall-edit__unit'>积分</Text>
          {f.kind === 'goods' && (
            <>
              <Text className='mall-edit__unit'>+ ¥</Text>
              <Input className='admin-sheet__input mall-edit__cash' type='digit' value={f.cash} placeholder='0（选填）' maxlength={10} onInput={(e) => set({ cash: e.detail.value })} />
            </>
          )}
        </View>
        {tiers.filter((t) => t.minGrowth > 0).length > 0 && (
          <>
            <Text className='mall-edit__label'>会员价（选填，不填按等级折扣）</Text>
            {tiers.filter((t) => t.minGrowth > 0).map((t) => (
              <View key={t.tier} className='mall-edit__line mall-edit__tier'>
                <Text className='mall-edit__tier-name'>{t.label}</Text>
                <Input className={`admin-sheet__input mall-edit__tier-points mall-edit__tier-points--${t.tier}`} type='number' value={f.tierPoints[t.tier] ?? ''} maxlength={8}
                  placeholder={points ? `${points - Math.floor((points * t.mallDiscountPct) / 100)}${t.mallDiscountPct ? `（${discount(t.mallDiscountPct)} 折）` : ''}` : '积分'}
                  onInput={(e) => set({ tierPoints: { ...f.tierPoints, [t.tier]: e.detail.value } })} />
              </View>
            ))}
          </>
        )}
        {f.kind !== 'virtual' && (
          item ? (
            <Text className='mall-edit__tip mall-edit__stock-now'>库存 {item.stock}（在列表「调整库存」）</Text>
          ) : (
            <>
              <Text className='mall-edit__label'>库存</Text>
              <Input className='admin-sheet__input mall-edit__stock' type='number' value={f.stock} placeholder='可兑换数量' maxlength={7} onInput={(e) => set({ stock: e.detail.value })} />
            </>
          )
        )}
        <Text className='mall-edit__label'>每人限兑（选填）</Text>
        <Input className='admin-sheet__input mall-edit__limit' type='number' value={f.limit} placeholder='不限' maxlength={3} onInput={(e) => set({ limit: e.detail.value })} />
        <Text className='mall-edit__label'>兑换时间（不选则长期）</Text>
        <DayRange from={f.from} to={f.to} onChange={(range) => set(range)} today={today} clearable fromText='即日' toText='长期'
          fromClass='mall-edit__from' toClass='mall-edit__to' clearClass='mall-edit__window-clear' />
        <View className='mall-edit__switch-row'>
          <Text className='mall-edit__switch-label'>{f.on ? '保存后会员即可兑换' : '保存为下架（会员看不到）'}</Text>
          <Switch className='mall-edit__on' checked={f.on} color='#ff5a1f' onChange={(e) => set({ on: e.detail.value })} />
        </View>
      </View>

      {item?.kind === 'virtual' && <CodesCard item={item} onLoaded={setItem} />}

      <View className='mall-edit__bar'>
        <Button className='mall-edit__submit' disabled={busy || uploading > 0 || undefined} onClick={() => void submit()}>
          {busy ? '保存中…' : item ? '保存修改' : f.kind === 'virtual' ? '创建并导入兑换码' : '保存并发布'}
        </Button>
      </View>
    </View>
  );
}
