import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Tag } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import { ApiRequestError } from '../../api/request';
import { platform } from '../../platform';
import { session, type SessionState } from '../../store/session';

/**
 * Shown on 我的 when nobody is signed in. In the mini-program sign-in is WeChat's (normally
 * silent at launch; this retries it). In a browser there is no WeChat, so a server without an
 * AppID offers the nickname sign-in, clearly marked as development only.
 */
export function SignInCard({ options, status }: Pick<SessionState, 'options' | 'status'>) {
  const [nickname, setNickname] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (signIn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await signIn();
      void Taro.showToast({ title: '登录成功', icon: 'success' });
    } catch (error) {
      // Server refusals were already shown by the request layer; wx.login failing was not.
      if (!(error instanceof ApiRequestError)) void Taro.showToast({ title: '登录失败，请稍后重试', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const devSignIn = () => {
    const name = nickname.trim();
    if (!name) {
      void Taro.showToast({ title: '请输入昵称', icon: 'none' });
      return;
    }
    void run(() => session.signInForDev(name));
  };

  if (status === 'loading') {
    return (
      <View className='sign-in'>
        <Text className='sign-in__text'>正在登录…</Text>
      </View>
    );
  }

  if (platform.devSignInAvailable(options)) {
    return (
      <View className='sign-in sign-in--dev'>
        <View className='sign-in__head'>
          <Text className='sign-in__title'>开发登录</Text>
          <Tag className='sign-in__env' plain round background='#ff8a3d'>
            开发环境
          </Tag>
        </View>
        <Text className='sign-in__text'>未配置微信 AppID，使用昵称模拟登录</Text>
        <Input
          className='sign-in__input'
          type='text'
          placeholder='输入昵称，如 小明'
          maxlength={32}
          value={nickname}
          onInput={(e) => setNickname(e.detail.value)}
          onConfirm={devSignIn}
        />
        <Button className='sign-in__submit' loading={busy || undefined} disabled={busy || undefined} onClick={devSignIn}>
          开发登录
        </Button>
      </View>
    );
  }

  if (platform.isWeapp) {
    return (
      <View className='sign-in'>
        <Text className='sign-in__title'>登录享会员权益</Text>
        <Text className='sign-in__text'>消费得积分 · 积分兑好礼 · 会员专享价</Text>
        <Button className='sign-in__submit' loading={busy || undefined} disabled={busy || undefined} onClick={() => void run(() => session.signInWithWechat(true))}>
          微信一键登录
        </Button>
      </View>
    );
  }

  return (
    <View className='sign-in'>
      <Text className='sign-in__title'>请在微信中打开</Text>
      <Text className='sign-in__text'>在微信搜索「积分商城」小程序，登录后查看积分与会员权益</Text>
    </View>
  );
}
