import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { privacy, PRIVACY_AGREE_BUTTON_ID } from '../../platform/profile';
import './index.scss';

/**
 * The consent popup WeChat requires before privacy-touching components (chooseAvatar, the
 * nickname keyboard, getPhoneNumber): shown while wx.onNeedPrivacyAuthorization is waiting.
 * Agreeing goes through WeChat's own agreePrivacyAuthorization button. Renders nothing on H5.
 */
export function PrivacyConsent() {
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    privacy.start();
    return privacy.subscribe(setAsking);
  }, []);

  useEffect(() => {
    if (asking) privacy.shown();
  }, [asking]);

  if (!asking) return null;
  return (
    <View className='privacy-consent' catchMove>
      <View className='privacy-consent__mask' />
      <View className='privacy-consent__sheet'>
        <Text className='privacy-consent__title'>用户隐私保护提示</Text>
        <View className='privacy-consent__body'>
          <Text>为设置头像与昵称、绑定手机号，我们需要使用你选择的头像、昵称和手机号。使用前请阅读并同意</Text>
          <Text className='privacy-consent__link' onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
            《积分商城隐私政策》
          </Text>
          <Text>。不同意将无法使用这些功能，浏览与兑换不受影响。</Text>
        </View>
        <View className='privacy-consent__actions'>
          <Button className='privacy-consent__button privacy-consent__button--ghost' onClick={() => privacy.answer(false)}>
            不同意
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className='privacy-consent__button privacy-consent__button--agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => privacy.answer(true)}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
