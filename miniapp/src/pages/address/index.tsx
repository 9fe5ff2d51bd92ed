import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { AddressDto } from '@jifen/shared';
import { deleteAddress, listAddresses, setDefaultAddress } from '../../api/addresses';
import { AddressLines } from '../../components/AddressLines';
import { EmptyState } from '../../components/EmptyState';
import { Del, Edit, Location } from '../../components/Icon';
import { useSession } from '../../store/session';
import { ADDRESS_PICKED } from '../../utils/routes';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

/** 收货地址 list; `?pick=1` (from 确认订单) picks one and goes back, `&selected=<id>` marks the current one. */
export default function AddressListPage() {
  const { params } = useRouter();
  const pick = params.pick === '1';
  const selected = Number(params.selected) || null;
  const { status } = useSession();
  const [list, setList] = useState<AddressDto[] | null>(null);

  const load = () => {
    if (status !== 'signedIn') return;
    listAddresses().then(setList, () => setList((l) => l ?? []));
  };
  useEffect(load, [status]);
  useShownAgain(load);

  const choose = (address: AddressDto) => {
    if (!pick) return;
    Taro.eventCenter.trigger(ADDRESS_PICKED, address);
    void Taro.navigateBack();
  };

  const makeDefault = async (address: AddressDto) => {
    if (address.isDefault) return;
    try {
      await setDefaultAddress(address.id);
      void Taro.showToast({ title: '已设为默认地址', icon: 'none' });
    } finally {
      load();
    }
  };

  const remove = async (address: AddressDto) => {
    const { confirm } = await Taro.showModal({ title: '删除地址', content: `确定删除 ${address.name} 的收货地址吗？`, confirmColor: '#ff5a1f' });
    if (!confirm) return;
    try {
      await deleteAddress(address.id);
    } finally {
      load();
    }
  };

  const edit = (id?: number) =>
    void Taro.navigateTo({ url: `/pages/address/edit${id ? `?id=${id}` : ''}${pick && !id ? '?pick=1' : ''}` });

  return (
    <View className='address'>
      {list !== null && list.length === 0 && (
        <EmptyState icon={<Location size={36} color='#ff8a3d' />} title='还没有收货地址' description='添加一个地址，下单时就不用再填啦' />
      )}
      {status === 'signedOut' && <EmptyState icon={<Location size={36} color='#ff8a3d' />} title='登录后管理收货地址' />}

      <View className='address__list'>
        {(list ?? []).map((a) => (
          <View key={a.id} className={`address-card${pick && a.id === selected ? ' address-card--selected' : ''}`}>
            <View className='address-card__main' onClick={() => (pick ? choose(a) : edit(a.id))}>
              <AddressLines address={a} prefix='address-card__' />
            </View>
            <View className='address-card__actions'>
              <View className='address-card__set-default' onClick={() => void makeDefault(a)}>
                <View className={`address-card__radio${a.isDefault ? ' address-card__radio--on' : ''}`} />
                <Text className={a.isDefault ? 'address-card__default-text--on' : ''}>{a.isDefault ? '默认地址' : '设为默认'}</Text>
              </View>
              <View className='address-card__op address-card__edit' onClick={() => edit(a.id)}>
                <Edit size={14} color='#5c5f66' />
                <Text className='address-card__op-text'>编辑</Text>
              </View>
              <View className='address-card__op address-card__delete' onClick={() => void remove(a)}>
                <Del size={14} color='#5c5f66' />
                <Text className='address-card__op-text'>删除</Text>
              </View>
            </View>
          </View>
        ))}
      </View>

      {status === 'signedIn' && (
        <View className='address__bar'>
          <Button className='address__add' onClick={() => edit()}>
            + 新增收货地址
          </Button>
        </View>
      )}
    </View>
  );
}
