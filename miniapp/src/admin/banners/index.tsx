import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Input, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BANNER_PAGES, type AdminBannerDto, type AdminGoodsDto, type BannerInput, type BannerLink, type BannerPage, type CampaignDto } from '@jifen/shared';
import { assetUrl } from '../../api/assets';
import { createBanner, listAdminBanners, listAdminCampaigns, orderBanners, removeBanner, updateBanner } from '../../api/campaigns';
import { listAdminGoods } from '../../api/catalog-admin';
import { BottomSheet } from '../../components/BottomSheet';
import { EmptyState } from '../../components/EmptyState';
import { ImageIcon } from '../../components/Icon';
import { GoodsPicker } from '../GoodsPicker';
import { NotStaff } from '../NotStaff';
import { useImageUpload } from '../useImageUpload';
import { useOperator } from '../useOperator';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

const LINK_KINDS: { kind: BannerLink['kind']; label: string }[] = [
  { kind: 'page', label: '页面' },
  { kind: 'goods', label: '商品' },
  { kind: 'campaign', label: '活动' },
  { kind: 'none', label: '不跳转' },
];

function stateText(b: AdminBannerDto): string {
  if (b.status === 'off') return '已隐藏';
  return b.live ? '展示中' : '活动未进行，暂不展示';
}

/** The banner's fields as edited; a link's target is kept per kind so switching kinds loses nothing. */
interface Draft {
  title: string;
  image: string;
  kind: BannerLink['kind'];
  page: BannerPage | null;
  goodsId: number | null;
  campaignId: number | null;
  on: boolean;
}

function draftOf(b: AdminBannerDto | null): Draft {
  const l = b?.link;
  return {
    title: b?.title ?? '', image: b?.image ?? '', kind: l?.kind ?? 'page', page: l?.kind === 'page' ? l.page : null,
    goodsId: l?.kind === 'goods' ? l.goodsId : null, campaignId: l?.kind === 'campaign' ? l.campaignId : null, on: b ? b.status === 'on' : true,
  };
}

/** The body for the server, or the first thing wrong with the draft. */
export function bannerInput(d: Draft): { input: BannerInput } | { problem: string } {
  if (!d.image) return { problem: '请上传横幅图片（建议 750×300）' };
  if (!d.title.trim()) return { problem: '请填写标题（读屏与无图时显示）' };
  let link: BannerLink;
  if (d.kind === 'page') {
    if (!d.page) return { problem: '请选择跳转的页面' };
    link = { kind: 'page', page: d.page };
  } else if (d.kind === 'goods') {
    if (d.goodsId === null) return { problem: '请选择跳转的商品' };
    link = { kind: 'goods', goodsId: d.goodsId };
  } else if (d.kind === 'campaign') {
    if (d.campaignId === null) return { problem: '请选择活动' };
    link = { kind: 'campaign', campaignId: d.campaignId };
  } else link = { kind: 'none' };
  return { input: { title: d.title.trim(), image: d.image, link, status: d.on ? 'on' : 'off' } };
}

function BannerSheet({ banner, onClose, onDone }: { banner: AdminBannerDto | null; onClose: () => void; onDone: () => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(banner));
  const [goods, setGoods] = useState<AdminGoodsDto[] | null>(null);
  const [campaigns, setCampaigns] = useState<CampaignDto[] | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setD((old) => ({ ...old, ...patch }));
  const [uploading, pick] = useImageUpload((image) => set({ image }));

  useEffect(() => {
    if (d.kind === 'goods' && goods === null) listAdminGoods('on_sale').then(setGoods, () => setGoods([]));
    if (d.kind === 'campaign' && campaigns === null) listAdminCampaigns().then((list) => setCampaigns(list.filter((c) => c.state !== 'ended')), () => setCampaigns([]));
  }, [d.kind, goods, campaigns]);

  const submit = async () => {
    const result = bannerInput(d);
    if ('problem' in result) return void Taro.showToast({ title: result.problem, icon: 'none' });
    setBusy(true);
    try {
      if (banner) await updateBanner(banner.id, result.input);
      else await createBanner(result.input);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onDone();
    } catch {
      // the request layer showed the server's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <BottomSheet open title={banner ? '编辑横幅' : '新增横幅'} onClose={onClose} className='admin-sheet banner-sheet'
      footer={<Button className='bottom-sheet__confirm banner-sheet__confirm' disabled={busy || uploading > 0 || undefined} onClick={() => void submit()}>{busy ? '保存中…' : '保存'}</Button>}>
      <View className='banner-sheet__image-box' onClick={() => void pick(1)}>
        {d.image ? <Image className='banner-sheet__image' src={assetUrl(d.image)} mode='aspectFill' /> : null}
        <Text className={`banner-sheet__upload${d.image ? ' banner-sheet__upload--over' : ''}`}>{uploading > 0 ? '上传中…' : d.image ? '更换图片' : '＋ 上传图片（750×300，2MB 以内）'}</Text>
      </View>
      <Text className='admin-sheet__hint'>图片上的文字请与活动一致；整张图可点，跳转到下方所选。</Text>
      <Input className='admin-sheet__input banner-sheet__title' value={d.title} placeholder='标题，如：周五会员日 积分翻倍' maxlength={32} onInput={(e) => set({ title: e.detail.value })} />
      <View className='admin-sheet__modes banner-sheet__kinds'>
        {LINK_KINDS.map((k) => (
          <Text key={k.kind} className={`admin-sheet__mode banner-sheet__kind banner-sheet__kind--${k.kind}${d.kind === k.kind ? ' admin-sheet__mode--active' : ''}`} onClick={() => set({ kind: k.kind })}>
            {k.label}
          </Text>
        ))}
      </View>
      {d.kind === 'page' && (
        <View className='admin-sheet__chips'>
          {(Object.keys(BANNER_PAGES) as BannerPage[]).map((p) => (
            <Text key={p} className={`admin-sheet__chip banner-sheet__page banner-sheet__page--${p}${d.page === p ? ' admin-sheet__chip--active' : ''}`} onClick={() => set({ page: p })}>
              {BANNER_PAGES[p].label}
            </Text>
          ))}
        </View>
      )}
      {d.kind === 'goods' && <GoodsPicker goods={goods} selected={d.goodsId === null ? [] : [d.goodsId]} onPick={(goodsId) => set({ goodsId })} block='banner-sheet' />}
      {d.kind === 'campaign' && (
        <View className='admin-sheet__chips'>
          {campaigns === null ? <Text className='admin-sheet__hint'>加载中…</Text> : campaigns.length === 0 ? (
            <Text className='admin-sheet__hint'>没有进行中或未开始的活动，请先在「积分活动」新建</Text>
          ) : campaigns.map((c) => (
            <Text key={c.id} className={`admin-sheet__chip banner-sheet__campaign${d.campaignId === c.id ? ' admin-sheet__chip--active' : ''}`} onClick={() => set({ campaignId: c.id })}>
              {c.name}{c.state === 'upcoming' ? '（未开始）' : ''}
            </Text>
          ))}
        </View>
      )}
      {d.kind === 'campaign' && <Text className='admin-sheet__hint'>只在活动进行期间展示，活动停用或结束后自动隐藏。</Text>}
      <View className='banner-sheet__switch-row'>
        <Text className='banner-sheet__switch-label'>{d.on ? '在首页展示' : '隐藏（保留设置）'}</Text>
        <Switch className='banner-sheet__on' checked={d.on} color='#ff5a1f' onChange={(e) => set({ on: e.detail.value })} />
      </View>
    </BottomSheet>
  );
}

/** 首页横幅: the carousel's banners in order, each with where it leads; add, edit, hide, move, delete. */
export default function AdminBannersPage() {
  const { operator, loading } = useOperator();
  const [items, setItems] = useState<AdminBannerDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  // undefined: no sheet; null: a new banner.
  const [editing, setEditing] = useState<AdminBannerDto | null | undefined>(undefined);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    setFailed(false);
    listAdminBanners().then(setItems, () => setFailed(true));
  }, [operatorId]);
  useEffect(load, [load]);
  useShownAgain(load);

  const move = async (index: number, by: number) => {
    if (!items) return;
    const ids = items.map((b) => b.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    try {
      setItems(await orderBanners(ids));
    } catch {
      load();
    }
  };

  const remove = async (b: AdminBannerDto) => {
    const { confirm } = await Taro.showModal({ title: '删除横幅', content: `删除「${b.title}」？不想展示也可以先隐藏。`, confirmText: '删除' });
    if (!confirm) return;
    try {
      await removeBanner(b.id);
      void Taro.showToast({ title: '已删除', icon: 'none' });
    } finally {
      load();
    }
  };

  if (!operator) return <NotStaff className='admin-banners' loading={loading} screen='首页横幅' />;

  return (
    <View className='admin-banners'>
      <Text className='admin-banners__hint'>按顺序在首页轮播；关联活动的横幅只在活动进行时展示。</Text>
      <View className='admin-banners__list'>
        {failed ? (
          <EmptyState icon={<ImageIcon size={36} color='#ff8a3d' />} title='加载失败' description='请稍后重试' action={<Button className='admin-banners__retry' onClick={load}>重新加载</Button>} />
        ) : items === null ? (
          <Text className='admin-banners__loading'>加载中…</Text>
        ) : items.length === 0 ? (
          <EmptyState icon={<ImageIcon size={36} color='#ff8a3d' />} title='还没有横幅' description='首页不显示轮播；点下方「新增横幅」' />
        ) : (
          items.map((b, i) => (
            <View key={b.id} className={`admin-banners__item${b.live ? '' : ' admin-banners__item--off'}`}>
              <Image className='admin-banners__picture' src={assetUrl(b.image)} mode='aspectFill' onClick={() => setEditing(b)} />
              <View className='admin-banners__head'>
                <Text className='admin-banners__title'>{b.title}</Text>
                <Text className='admin-banners__state'>{stateText(b)}</Text>
              </View>
              <Text className='admin-banners__meta'>跳转：{b.linkLabel}</Text>
              <View className='admin-banners__actions'>
                {i > 0 && <Text className='admin-banners__action admin-banners__up' onClick={() => void move(i, -1)}>上移</Text>}
                {i < items.length - 1 && <Text className='admin-banners__action admin-banners__down' onClick={() => void move(i, 1)}>下移</Text>}
                <Text className='admin-banners__action admin-banners__delete' onClick={() => void remove(b)}>删除</Text>
                <Text className='admin-banners__action admin-banners__edit admin-banners__action--primary' onClick={() => setEditing(b)}>编辑</Text>
              </View>
            </View>
          ))
        )}
      </View>
      <View className='admin-banners__bar'>
        <Button className='admin-banners__create' onClick={() => setEditing(null)}>＋ 新增横幅</Button>
      </View>
      {editing !== undefined && (
        <BannerSheet banner={editing} onClose={() => setEditing(undefined)} onDone={() => {
          setEditing(undefined);
          load();
        }} />
      )}
    </View>
  );
}
