import { Text, View } from '@tarojs/components';
import type { AddressDto } from '@jifen/shared';

interface Props {
  address: AddressDto;
  /** The page's class prefix: `address-card__` gives `address-card__who`, `address-card__name`, … */
  prefix: string;
}

/** A saved address as 收货地址 and 确认订单 show it: name, phone and 默认 on one line, the full address under it. Styles stay with the page. */
export function AddressLines({ address, prefix }: Props) {
  return (
    <>
      <View className={`${prefix}who`}>
        <Text className={`${prefix}name`}>{address.name}</Text>
        <Text className={`${prefix}phone`}>{address.phone}</Text>
        {address.isDefault && <Text className={`${prefix}default`}>默认</Text>}
      </View>
      <Text className={`${prefix}full`}>
        {address.province}
        {address.city}
        {address.district} {address.detail}
      </Text>
    </>
  );
}
