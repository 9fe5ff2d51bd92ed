import { Input, Picker, Text, View } from '@tarojs/components';
import { regionPlatform } from '../../platform/region';

export interface Region {
  province: string;
  city: string;
  district: string;
}

/** 所在地区: WeChat's region picker, or three inputs on H5 (see platform/region.ts). */
export function RegionField({ value, onChange }: { value: Region; onChange: (value: Region) => void }) {
  if (regionPlatform.picker) {
    const filled = value.province !== '';
    return (
      <Picker
        mode='region'
        value={[value.province, value.city, value.district]}
        onChange={(e) => {
          const [province = '', city = '', district = ''] = e.detail.value as string[];
          onChange({ province, city, district });
        }}
      >
        <View className='address-form__region-picker'>
          <Text className={filled ? 'address-form__region-text' : 'address-form__placeholder'}>
            {filled ? `${value.province} ${value.city} ${value.district}` : '选择省 / 市 / 区'}
          </Text>
          <Text className='address-form__arrow'>›</Text>
        </View>
      </Picker>
    );
  }
  return (
    <View className='address-form__region-inputs'>
      <Input
        className='address-form__input address-form__region address-form__province'
        value={value.province}
        maxlength={20}
        placeholder='省'
        onInput={(e) => onChange({ ...value, province: e.detail.value })}
      />
      <Input
        className='address-form__input address-form__region address-form__city'
        value={value.city}
        maxlength={20}
        placeholder='市'
        onInput={(e) => onChange({ ...value, city: e.detail.value })}
      />
      <Input
        className='address-form__input address-form__region address-form__district'
        value={value.district}
        maxlength={20}
        placeholder='区 / 县'
        onInput={(e) => onChange({ ...value, district: e.detail.value })}
      />
    </View>
  );
}
