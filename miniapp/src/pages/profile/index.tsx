import { useEffect, useRef, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { PhotographF } from '@nutui/icons-react-taro';
import { shanghaiDay } from '@jifen/shared';
import { updateMe, uploadAvatar } from '../../api/members';
import { ApiRequestError } from '../../api/request';
import { Avatar } from '../../components/Avatar';
import { ArrowRight, Phone } from '../../components/Icon';
import { PrivacyConsent } from '../../components/PrivacyConsent';
import { profilePlatform } from '../../platform/profile';
import { session, useSession } from '../../store/session';
import { useShopRules } from '../../hooks/useShopRules';
import './index.scss';

const toast = (title: string, icon: 'none' | 'success' = 'none') => void Taro.showToast({ title, icon, duration: 2000 });

/** A refusal from the server in words for the member. */
function failureText(error: unknown, fallback: string): string {
  if (!(error instanceof ApiRequestError)) return fallback;
  switch (error.code) {
    case 'BIRTHDAY_LOCKED':
      return '生日已设置，不可修改';
    case 'VALIDATION_FAILED':
      return error.message || fallback;
    default:
      return error.message || fallback;
  }
}

const NICKNAME_MAX = 20;

/**
 * 个人资料: avatar (WeChat's chooseAvatar / an H5 file), nickname (WeChat's nickname keyboard
 * / a text field), a birthday set once, and the masked phone. Every change is saved at once and
 * the session's member replaced, so 我的 shows it when the member goes back.
 */
export default function ProfilePage() {
  const { status, member } = useSession();
  const giftPoints = useShopRules()?.giftPoints ?? null;
  const [nickname, setNickname] = useState(member?.nickname ?? '');
  const [uploading, setUploading] = useState(false);
  const [saving, setSaving] = useState(false);

  // The member arrives after launch-time sign-in; keep what is being typed once it has.
  useEffect(() => {
    if (member) setNickname((typed) => typed || member.nickname);
  }, [member?.id]);

  // What the server has now (a birthday set elsewhere, a phone just bound on 我的).
  useDidShow(() => {
    void session.refresh();
  });

  useEffect(() => {
    if (status === 'signedOut') {
      toast('请先登录');
      void Taro.switchTab({ url: '/pages/me/index' });
    }
  }, [status]);

  const upload = async (filePath: string | null | undefined) => {
    if (!filePath || uploading) return;
    setUploading(true);
    Taro.showLoading({ title: '上传中…', mask: true });
    try {
      session.setMember(await uploadAvatar(filePath));
      Taro.hideLoading();
      toast('头像已更新', 'success');
    } catch (error) {
      Taro.hideLoading();
      toast(failureText(error, '头像上传失败，请稍后再试'));
    } finally {
      setUploading(false);
    }
  };

  const onChooseAvatar = (e: { detail: { avatarUrl?: string; errMsg?: string } }) => {
    if (profilePlatform.isPrivacyRefusal(e.detail?.errMsg)) toast('需同意隐私保护指引后才能设置头像');
    void upload(e.detail?.avatarUrl);
  };

  // The last save: the nickname before it, and whether it has answered. WeChat's review of a
  // nickname-keyboard entry comes after the blur, before or after our save answers: kept in
  // refs, not in render state, so a review arriving at any moment sees the save as it is.
  const lastSave = useRef<{ previous: string; done: boolean } | null>(null);
  const rejectedInFlight = useRef(false);

  const restoreNickname = (previous: string) => {
    setNickname(previous);
    updateMe({ nickname: previous }).then(session.setMember, () => undefined);
  };

  /** weapp: WeChat's content review of the nickname field (after blur); a rejected name is put back. */
  const onNicknameReview = (e: { detail: { pass?: boolean; timeout?: boolean } }) => {
    if (e.detail?.pass !== false || !member) return;
    toast('昵称未通过微信安全审核，请换一个');
    const save = lastSave.current;
    if (!save) return setNickname(member.nickname); // nothing saved: just show the current one
    if (!save.done) {
      rejectedInFlight.current = true; // the save puts it back when it answers
      return;
    }
    lastSave.current = null;
    restoreNickname(save.previous);
  };

  const saveNickname = async (value: string = nickname) => {
    if (!member) return;
    const trimmed = value.trim();
    if (!trimmed) {
      toast('昵称不能为空');
      setNickname(member.nickname);
      return;
    }
    if (trimmed === member.nickname || saving) return;
    setSaving(true);
    const save = { previous: member.nickname, done: false };
    lastSave.current = save;
    rejectedInFlight.current = false;
    try {
      const updated = await updateMe({ nickname: trimmed });
      save.done = true;
      session.setMember(updated);
      if (rejectedInFlight.current) {
        rejectedInFlight.current = false;
        lastSave.current = null;
        restoreNickname(save.previous);
        return;
      }
      setNickname(updated.nickname);
      toast('昵称已保存', 'success');
    } catch (error) {
      lastSave.current = null; // nothing was saved: a review has nothing to undo
      toast(failureText(error, '保存失败，请稍后再试'));
    } finally {
      setSaving(false);
    }
  };

  const saveBirthday = async (birthday: string) => {
    if (!member || member.birthday) return;
    const { confirm } = await Taro.showModal({
      title: '确认生日',
      content: `生日设置为 ${birthday}，设置后不可修改。`,
      confirmColor: '#ff5a1f',
    });
    if (!confirm) return;
    try {
      session.setMember(await updateMe({ birthday }));
      toast('生日已设置', 'success');
    } catch (error) {
      toast(failureText(error, '保存失败，请稍后再试'));
    }
  };

  if (!member) {
    return (
      <View className='profile'>
        <View className='profile__loading'>加载中…</View>
      </View>
    );
  }

  const avatar = (
    <View className='profile__avatar-wrap'>
      <Avatar url={member.avatarUrl} size={176} />
      <View className='profile__avatar-badge'>
        <PhotographF size={12} color='#fff' />
      </View>
    </View>
  );
  const today = shanghaiDay(new Date());
  const dirty = nickname.trim() !== member.nickname;

  return (
    <View className='profile'>
      <View className='profile__head'>
        {profilePlatform.avatarByButton ? (
          <Button className='profile-avatar profile__avatar' openType='chooseAvatar' onChooseAvatar={onChooseAvatar} disabled={uploading}>
            {avatar}
          </Button>
        ) : (
          <View className='profile-avatar profile__avatar' onClick={() => void profilePlatform.pickImage().then(upload)}>
            {avatar}
          </View>
        )}
        <Text className='profile__avatar-hint'>{uploading ? '上传中…' : '点击更换头像'}</Text>
      </View>

      <View className='profile__card'>
        <View className='profile__row profile-nickname'>
          <Text className='profile__label'>昵称</Text>
          <Input
            className='profile__input'
            type={profilePlatform.nicknameInputType as 'text'}
            value={nickname}
            maxlength={NICKNAME_MAX}
            placeholder='请输入昵称'
            placeholderClass='profile__placeholder'
            confirmType='done'
            onInput={(e) => setNickname(e.detail.value)}
            onBlur={(e) => void saveNickname(e.detail.value)}
            onConfirm={(e) => void saveNickname(e.detail.value)}
            onNickNameReview={onNicknameReview}
          />
        </View>

        <Picker className='profile__picker' mode='date' value={member.birthday ?? '2000-01-01'} start='1920-01-01' end={today} disabled={Boolean(member.birthday)} onChange={(e) => void saveBirthday(String(e.detail.value))}>
          <View className={`profile__row profile-birthday${member.birthday ? ' profile-birthday--locked' : ''}`}>
            <Text className='profile__label'>生日</Text>
            <Text className={`profile__value${member.birthday ? '' : ' profile__value--empty'}`}>{member.birthday ?? '选择生日'}</Text>
            {!member.birthday && <ArrowRight size={12} color='#c4c6cc' />}
          </View>
        </Picker>
        <Text className='profile__note profile-birthday__note'>生日设置后不可修改，生日当月签到积分翻倍</Text>

        <View className='profile__row profile-phone'>
          <Text className='profile__label'>手机号</Text>
          {member.phone ? (
            <Text className='profile__value'>{member.phone}</Text>
          ) : (
            <View className='profile__bind' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
              <Phone size={12} color='#ff5a1f' />
              <Text className='profile__bind-text'>{giftPoints ? `未绑定，去「我的」绑定领 ${giftPoints} 积分` : '未绑定，去「我的」绑定'}</Text>
            </View>
          )}
        </View>
      </View>

      <View className='profile__actions'>
        <Button className='profile-save profile__save' disabled={!dirty || saving} loading={saving} onClick={() => void saveNickname()}>
          {dirty ? '保存昵称' : '已保存'}
        </Button>
      </View>

      <View className='profile__privacy' onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
        <Text>《隐私政策》</Text>
      </View>

      <PrivacyConsent />
    </View>
  );
}
