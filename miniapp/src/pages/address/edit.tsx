import { useEffect, useState } from 'react';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { AddressDto, AddressInput } from '@jifen/shared';
import { createAddress, deleteAddress, listAddresses, updateAddress } from '../../api/addresses';
import { ApiRequestError } from '../../api/request';
import { ADDRESS_PICKED } from '../../utils/routes';
import { RegionField, type Region } from './RegionField';
import './index.scss';

type Field = 'name' | 'phone' | 'region' | 'detail';

/** What to say under a field the server refused (its own messages are for developers). */
const HINTS: Record<Field, string> = {
  name: '请填写收货人姓名（1–20 字）',
  phone: '请填写正确的 11 位手机号',
  region: '请填写完整的省、市、区',
  detail: '请填写详细地址（2–120 字），如街道、门牌号',
};

function fieldOf(name: string): Field | null {
  if (name === 'province' || name === 'city' || name === 'district') return 'region';
  return name === 'name' || name === 'phone' || name === 'detail' ? name : null;
}

/** The fields VALIDATION_FAILED names, `[{field, problems}]`. */
function fieldErrors(error: unknown): Partial<Record<Field, string>> {
  if (!(error instanceof ApiRequestError) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return {};
  const out: Partial<Record<Field, string>> = {};
  for (const item of error.details as { field?: unknown }[]) {
    const field = typeof item?.field === 'string' ? fieldOf(item.field) : null;
    if (field) out[field] = HINTS[field];
  }
  return out;
}

/** 新增 / 编辑收货地址: `?id=` edits, `?pick=1` (from 确认订单) hands the new address back. */
export default function AddressEditPage() {
  const { params } = useRouter();
  const id = Number(params.id) || null;
  const pick = params.pick === '1';
  const [form, setForm] = useState<AddressInput>({ name: '', phone: '', province: '', city: '', district: '', detail: '', isDefault: false });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑收货地址' : '新增收货地址' });
    if (!id) return;
    listAddresses().then((list) => {
      const found = list.find((a) => a.id === id);
      if (found) {
        const { id: _id, ...input } = found;
        setForm(input);
      }
    }, () => undefined);
  }, [id]);

  const set = (patch: Partial<AddressInput>, field: Field) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const save = async () => {
    if (saving) return;
    setSaving(true);
    const input: AddressInput = {
      ...form,
      name: form.name.trim(),
      phone: form.phone.trim(),
      province: form.province.trim(),
      city: form.city.trim(),
      district: form.district.trim(),
      detail: form.detail.trim(),
    };
    try {
      const saved: AddressDto = id ? await updateAddress(id, input) : await createAddress(input);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      if (pick) Taro.eventCenter.trigger(ADDRESS_PICKED, saved);
      // Picked from the list in pick mode: go back past the list to 确认订单.
      const pages = Taro.getCurrentPages();
      const previous = pages[pages.length - 2]?.route ?? '';
      const delta = pick && previous.includes('pages/address/index') ? 2 : 1;
      setTimeout(() => void Taro.navigateBack({ delta }), 400);
    } catch (error) {
      const found = fieldErrors(error);
      setErrors(found);
      if (Object.keys(found).length === 0) {
        void Taro.showToast({ title: error instanceof ApiRequestError ? error.message : '保存失败，请稍后重试', icon: 'none' });
      }
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!id) return;
    const { confirm } = await Taro.showModal({ title: '删除地址', content: '确定删除这个收货地址吗？', confirmColor: '#ff5a1f' });
    if (!confirm) return;
    await deleteAddress(id);
    void Taro.navigateBack();
  };

  const region: Region = { province: form.province, city: form.city, district: form.district };

  return (
    <View className='address-edit'>
      <View className='address-form'>
        <View className={`address-form__item${errors.name ? ' address-form__item--error' : ''}`}>
          <Text className='address-form__label'>收货人</Text>
          <View className='address-form__field'>
            <Input className='address-form__input address-form__name' value={form.name} maxlength={20} placeholder='名字' onInput={(e) => set({ name: e.detail.value }, 'name')} />
            {errors.name && <Text className='address-form__error'>{errors.name}</Text>}
          </View>
        </View>
        <View className={`address-form__item${errors.phone ? ' address-form__item--error' : ''}`}>
          <Text className='address-form__label'>手机号</Text>
          <View className='address-form__field'>
            <Input className='address-form__input address-form__phone' type='number' value={form.phone} maxlength={11} placeholder='11 位手机号' onInput={(e) => set({ phone: e.detail.value }, 'phone')} />
            {errors.phone && <Text className='address-form__error'>{errors.phone}</Text>}
          </View>
        </View>
        <View className={`address-form__item${errors.region ? ' address-form__item--error' : ''}`}>
          <Text className='address-form__label'>所在地区</Text>
          <View className='address-form__field'>
            <RegionField value={region} onChange={(r) => set(r, 'region')} />
            {errors.region && <Text className='address-form__error'>{errors.region}</Text>}
          </View>
        </View>
        <View className={`address-form__item${errors.detail ? ' address-form__item--error' : ''}`}>
          <Text className='address-form__label'>详细地址</Text>
          <View className='address-form__field'>
            <Input className='address-form__input address-form__detail' value={form.detail} maxlength={120} placeholder='街道、楼牌号等' onInput={(e) => set({ detail: e.detail.value }, 'detail')} />
            {errors.detail && <Text className='address-form__error'>{errors.detail}</Text>}
          </View>
        </View>
      </View>

      <View className='address-form address-form--switch'>
        <View className='address-form__item'>
          <View className='address-form__switch-text'>
            <Text className='address-form__label address-form__label--wide'>设为默认地址</Text>
            <Text className='address-form__tip'>下单时优先使用该地址</Text>
          </View>
          <Switch className='address-form__default' checked={form.isDefault} color='#ff5a1f' onChange={(e) => setForm((f) => ({ ...f, isDefault: e.detail.value }))} />
        </View>
      </View>

      <Button className='address-edit__save' disabled={saving || undefined} onClick={() => void save()}>
        {saving ? '保存中…' : '保存'}
      </Button>
      {id && (
        <Text className='address-edit__delete' onClick={() => void remove()}>
          删除收货地址
        </Text>
      )}
    </View>
  );
}
