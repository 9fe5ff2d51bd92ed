import { useEffect, useState } from 'react';
import { Button, Image, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { MAX_GOODS_IMAGES, MAX_SKUS, type AdminCategoryDto, type AdminGoodsDto, type GoodsInput } from '@jifen/shared';
import { createGoods, getAdminGoods, listAdminCategories, updateGoods } from '../../api/catalog-admin';
import { assetUrl } from '../../api/assets';
import { EmptyState } from '../../components/EmptyState';
import { Setting } from '../../components/Icon';
import { parseYuan, yuanInput } from '../../utils/money';
import { NotStaff } from '../NotStaff';
import { useImageUpload } from '../useImageUpload';
import { useOperator } from '../useOperator';
import './edit.scss';

interface SkuRow {
  id?: number;
  name: string;
  price: string;
  /** Opening stock of a new SKU; an existing one shows its stock and changes it through 调整库存. */
  stock: string;
  current?: number;
}

interface Form {
  categoryId: number | null;
  title: string;
  subtitle: string;
  images: string[];
  description: string;
  original: string;
  onSale: boolean;
  skus: SkuRow[];
}

const EMPTY: Form = { categoryId: null, title: '', subtitle: '', images: [], description: '', original: '', onSale: true, skus: [{ name: '默认', price: '', stock: '' }] };

function fromGoods(g: AdminGoodsDto): Form {
  return {
    categoryId: g.categoryId, title: g.title, subtitle: g.subtitle, images: g.images, description: g.description,
    original: g.originalPriceFen === null ? '' : yuanInput(g.originalPriceFen), onSale: g.status === 'on_sale',
    skus: g.skus.map((s) => ({ id: s.id, name: s.name, price: yuanInput(s.priceFen), stock: String(s.stock), current: s.stock })),
  };
}

/** The body for the server, or the first thing wrong with the form (the server checks again). */
export function goodsInput(f: Form): { input: GoodsInput } | { problem: string } {
  if (f.categoryId === null) return { problem: '请选择分类' };
  if (!f.title.trim()) return { problem: '请填写商品名称' };
  if (f.images.length === 0) return { problem: '请至少上传一张商品图片' };
  const skus: GoodsInput['skus'] = [];
  for (const [i, s] of f.skus.entries()) {
    const label = f.skus.length > 1 ? `第 ${i + 1} 个规格` : '规格';
    if (!s.name.trim()) return { problem: `${label}：请填写名称` };
    const priceFen = parseYuan(s.price);
    if (priceFen === null || priceFen === 0) return { problem: `${label}：售价请填写大于 0 的金额，最多两位小数` };
    if (s.id === undefined) {
      if (!/^\d{1,7}$/.test(s.stock.trim())) return { problem: `${label}：库存请填写 0 或正整数` };
      skus.push({ name: s.name.trim(), priceFen, stock: Number(s.stock.trim()) });
    } else {
      skus.push({ id: s.id, name: s.name.trim(), priceFen });
    }
  }
  if (new Set(skus.map((s) => s.name)).size !== skus.length) return { problem: '规格名称不能重复' };
  let originalPriceFen: number | null = null;
  if (f.original.trim()) {
    originalPriceFen = parseYuan(f.original);
    if (originalPriceFen === null) return { problem: '划线价请填写金额，最多两位小数' };
    if (originalPriceFen <= Math.min(...skus.map((s) => s.priceFen))) return { problem: '划线价须高于售价' };
  }
  return {
    input: {
      categoryId: f.categoryId, title: f.title.trim(), subtitle: f.subtitle.trim(), images: f.images, description: f.description.trim(),
      originalPriceFen, status: f.onSale ? 'on_sale' : 'off_sale', skus,
    },
  };
}

/** 新增 / 编辑商品: category, gallery (uploaded), title, description, SKUs with price and stock, 上架. */
export default function AdminGoodsEditPage() {
  const { operator, loading } = useOperator();
  const id = Number(useRouter().params.id) || null;
  const [categories, setCategories] = useState<AdminCategoryDto[] | null>(null);
  const [goods, setGoods] = useState<AdminGoodsDto | null>(null);
  const [f, setF] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setF((old) => ({ ...old, ...patch }));
  const setSku = (i: number, patch: Partial<SkuRow>) => setF((old) => ({ ...old, skus: old.skus.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const operatorId = operator?.id ?? null;

  useEffect(() => {
    if (operatorId === null) return;
    void Taro.setNavigationBarTitle({ title: id ? '编辑商品' : '新增商品' });
    listAdminCategories().then((list) => {
      setCategories(list);
      if (!id && list.length) setF((old) => ({ ...old, categoryId: old.categoryId ?? list[0].id }));
    }, () => setCategories([]));
    if (id) getAdminGoods(id).then((g) => {
      setGoods(g);
      setF(fromGoods(g));
    }, () => undefined);
  }, [operatorId, id]);

  const [uploading, pickImages] = useImageUpload((url) => setF((old) => ({ ...old, images: [...old.images, url].slice(0, MAX_GOODS_IMAGES) })));
  const addImages = () => pickImages(MAX_GOODS_IMAGES - f.images.length);

  const submit = async () => {
    const result = goodsInput(f);
    if ('problem' in result) return void Taro.showToast({ title: result.problem, icon: 'none' });
    setBusy(true);
    try {
      if (goods) await updateGoods(goods.id, { ...result.input, version: goods.version });
      else await createGoods(result.input);
      void Taro.showToast({ title: goods ? '已保存' : '已上架', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch {
      // the request layer showed the server's message (e.g. changed by someone else: reload)
      if (goods) getAdminGoods(goods.id).then((g) => setGoods(g), () => undefined);
    } finally {
      setBusy(false);
    }
  };

  if (!operator) {
    return <NotStaff className='goods-edit' loading={loading} />;
  }
  if (categories !== null && categories.length === 0) {
    return (
      <View className='goods-edit'>
        <EmptyState icon={<Setting size={36} color='#ff8a3d' />} title='请先新建一个分类' description='商品需要放在分类下，顾客在首页按分类浏览。'
          action={<Button className='goods-edit__to-categories' onClick={() => void Taro.redirectTo({ url: '/admin/categories/index' })}>去分类管理</Button>} />
      </View>
    );
  }

  return (
    <View className='goods-edit'>
      <View className='goods-edit__card'>
        <Text className='goods-edit__label'>商品图片（第一张为封面，最多 {MAX_GOODS_IMAGES} 张）</Text>
        <View className='goods-edit__images'>
          {f.images.map((src, i) => (
            <View key={src} className='goods-edit__thumb'>
              <Image className='goods-edit__thumb-image' src={assetUrl(src)} mode='aspectFill' onClick={() => set({ images: [src, ...f.images.filter((x) => x !== src)] })} />
              {i === 0 && <Text className='goods-edit__cover'>封面</Text>}
              <Text className='goods-edit__remove' onClick={() => set({ images: f.images.filter((x) => x !== src) })}>✕</Text>
            </View>
          ))}
          {f.images.length < MAX_GOODS_IMAGES && (
            <View className='goods-edit__add-image' onClick={() => void addImages()}>
              <Text className='goods-edit__add-plus'>{uploading > 0 ? '…' : '＋'}</Text>
              <Text className='goods-edit__add-text'>{uploading > 0 ? '上传中' : '添加图片'}</Text>
            </View>
          )}
        </View>
        {f.images.length > 1 && <Text className='goods-edit__tip'>点图片设为封面</Text>}
      </View>

      <View className='goods-edit__card'>
        <Text className='goods-edit__label'>分类</Text>
        <View className='admin-sheet__chips'>
          {(categories ?? []).map((c) => (
            <Text key={c.id} className={`admin-sheet__chip goods-edit__category${f.categoryId === c.id ? ' admin-sheet__chip--active' : ''}`} onClick={() => set({ categoryId: c.id })}>
              {c.name}{c.hidden ? '（已隐藏）' : ''}
            </Text>
          ))}
        </View>
        <Text className='goods-edit__label'>商品名称</Text>
        <Input className='admin-sheet__input goods-edit__title' value={f.title} placeholder='如：智利车厘子 2斤装' maxlength={64} onInput={(e) => set({ title: e.detail.value })} />
        <Text className='goods-edit__label'>卖点（选填）</Text>
        <Input className='admin-sheet__input goods-edit__subtitle' value={f.subtitle} placeholder='一句话写出亮点' maxlength={128} onInput={(e) => set({ subtitle: e.detail.value })} />
        <Text className='goods-edit__label'>商品详情（选填）</Text>
        <Textarea className='goods-edit__description' value={f.description} placeholder='产地、规格、保存方式…' maxlength={1000} onInput={(e) => set({ description: e.detail.value })} />
      </View>

      <View className='goods-edit__card'>
        <Text className='goods-edit__label'>规格与价格</Text>
        {f.skus.map((s, i) => (
          <View key={s.id ?? `new-${i}`} className='goods-edit__sku'>
            <Input className='admin-sheet__input goods-edit__sku-name' value={s.name} placeholder='规格名称' maxlength={32} onInput={(e) => setSku(i, { name: e.detail.value })} />
            <View className='goods-edit__sku-line'>
              <Text className='goods-edit__sku-unit'>售价 ¥</Text>
              <Input className='admin-sheet__input goods-edit__sku-price' type='digit' value={s.price} placeholder='0.00' maxlength={10} onInput={(e) => setSku(i, { price: e.detail.value })} />
              {s.id === undefined ? (
                <>
                  <Text className='goods-edit__sku-unit'>库存</Text>
                  <Input className='admin-sheet__input goods-edit__sku-stock' type='number' value={s.stock} placeholder='0' maxlength={7} onInput={(e) => setSku(i, { stock: e.detail.value })} />
                </>
              ) : (
                <Text className='goods-edit__sku-current'>库存 {s.current}（在列表「调整库存」）</Text>
              )}
            </View>
            {f.skus.length > 1 && (
              <Text className='goods-edit__sku-remove' onClick={() => set({ skus: f.skus.filter((_, j) => j !== i) })}>删除规格</Text>
            )}
          </View>
        ))}
        {f.skus.length < MAX_SKUS && (
          <Text className='goods-edit__add-sku' onClick={() => set({ skus: [...f.skus, { name: '', price: '', stock: '' }] })}>＋ 添加规格</Text>
        )}
        <Text className='goods-edit__label'>划线价（选填）</Text>
        <Input className='admin-sheet__input goods-edit__original' type='digit' value={f.original} placeholder='原价，须高于售价' maxlength={10} onInput={(e) => set({ original: e.detail.value })} />
        <View className='goods-edit__switch-row'>
          <Text className='goods-edit__switch-label'>{f.onSale ? '保存后立即上架' : '保存为下架（顾客看不到）'}</Text>
          <Switch className='goods-edit__on-sale' checked={f.onSale} color='#ff5a1f' onChange={(e) => set({ onSale: e.detail.value })} />
        </View>
      </View>

      <View className='goods-edit__bar'>
        <Button className='goods-edit__submit' disabled={busy || uploading > 0 || undefined} onClick={() => void submit()}>
          {busy ? '保存中…' : goods ? '保存修改' : '保存并发布'}
        </Button>
      </View>
    </View>
  );
}
