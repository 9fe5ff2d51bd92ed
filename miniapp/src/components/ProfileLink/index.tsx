import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './index.scss';

/** 个人资料 (avatar, nickname, birthday), opened by a tap on the member's avatar and name on 我的. */
export function openProfile(): void {
  void Taro.navigateTo({ url: '/pages/profile/index' });
}

/** The small 「编辑资料 ›」 at the end of 我的's member row. */
export function ProfileEditHint() {
  return <Text className='me-profile-edit'>编辑资料 ›</Text>;
}
