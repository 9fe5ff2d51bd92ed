import { useEffect, useRef, useState } from 'react';
import { Button, Canvas, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { INVITE_STATUS_LABELS, type InviteItemDto, type MyInvitesDto } from '@jifen/shared';
import { getMyInvites, POSTER_CODE_PATH } from '../../api/invites';
import { tokenStore } from '../../api/tokens';
import { EmptyState } from '../../components/EmptyState';
import { Gift, UserAdd } from '../../components/Icon';
import { RemindButton } from '../../components/RemindButton';
import { useShare } from '../../hooks/useShare';
import { platform } from '../../platform';
import { invites } from '../../store/invite';
import { useSession } from '../../store/session';
import { shanghaiDate } from '../../utils/format';
import { requireSignIn } from '../../utils/routes';
import { POSTER_CANVAS_ID, POSTER_HEIGHT, POSTER_WIDTH, renderPoster, savePoster } from './poster';
import './index.scss';

/** The share card's title: the coupon the invite rule gives the friend, or no promise at all. */
function shareTitle(mine: MyInvitesDto | null): string {
  const gift = mine?.rules.inviteeReward;
  return gift ? `送你一张${gift}，一起来积分商城逛逛` : '一起来积分商城逛逛，新人有好礼';
}

/** The link a friend opens in a browser (H5): the home page with the code in the hash route's query. */
function h5Link(mine: MyInvitesDto): string {
  const origin = typeof location === 'undefined' ? '' : location.origin;
  return `${origin}/#${mine.sharePath}`;
}

/** The mini-program code for the poster, as an image the page can show; null where there is none (H5, no AppID). */
async function loadPosterCode(): Promise<string | null> {
  if (!platform.isWeapp) return null;
  const tokens = tokenStore.get();
  if (!tokens) return null;
  try {
    const res = await Taro.downloadFile({ url: `${API_BASE}${POSTER_CODE_PATH}`, header: { Authorization: `Bearer ${tokens.accessToken}` } });
    return res.statusCode === 200 ? res.tempFilePath : null;
  } catch {
    return null;
  }
}

function InviteRow({ item }: { item: InviteItemDto }) {
  return (
    <View className='invite-item'>
      <View className='invite-item__avatar'>
        <Text className='invite-item__initial'>{[...item.nickname][0] ?? '友'}</Text>
      </View>
      <View className='invite-item__main'>
        <Text className='invite-item__name'>{item.nickname}</Text>
        <Text className='invite-item__date'>{shanghaiDate(item.openedAt)} 打开邀请</Text>
      </View>
      <View className='invite-item__side'>
        <Text className={`invite-item__status invite-item__status--${item.status}`}>{INVITE_STATUS_LABELS[item.status]}</Text>
        <Text className={`invite-item__points${item.points > 0 ? '' : ' invite-item__points--none'}`}>
          {item.points > 0 ? `+${item.points}` : '—'}
        </Text>
      </View>
    </View>
  );
}

type PosterState = { image: string | null; failed: boolean };

/** The poster as one image (drawn on a canvas) to long-press or save to the album; on H5 the link too. */
function Poster({ poster, link, onSave, onRetry, onClose }: { poster: PosterState; link: string; onSave: () => void; onRetry: () => void; onClose: () => void }) {
  return (
    <View className='invite-poster' onClick={onClose}>
      <View className='invite-poster__card' onClick={(e) => e.stopPropagation()}>
        {poster.image ? (
          <Image className='invite-poster__image' src={poster.image} mode='aspectFit' showMenuByLongpress />
        ) : poster.failed ? (
          <View className='invite-poster__pending'>
            <Text className='invite-poster__pending-text'>海报生成失败</Text>
            <Button className='invite-poster__retry' onClick={onRetry}>重试</Button>
          </View>
        ) : (
          <View className='invite-poster__pending'>
            <Text className='invite-poster__pending-text'>海报生成中…</Text>
          </View>
        )}
        {poster.image && (
          <Button className='invite-poster__save' onClick={onSave}>{platform.isWeapp ? '保存到相册' : '保存图片'}</Button>
        )}
        {!platform.isWeapp && (
          <View className='invite-poster__link'>
            <Text className='invite-poster__link-text'>{link}</Text>
            <Button className='invite-poster__copy' onClick={() => void Taro.setClipboardData({ data: link })}>复制链接</Button>
          </View>
        )}
      </View>
      <Text className='invite-poster__close'>{platform.isWeapp ? '长按图片或保存到相册 · 点击空白处关闭' : '点击空白处关闭'}</Text>
    </View>
  );
}

/**
 * 邀请有礼 (route `pages/invite/index`, navigateTo from 我的; signed-in only): the two fixed,
 * disclosed rewards, ways to share (WeChat share, poster, H5 link), the totals and the invitees.
 * Rewards need the friend's own sign-up / first order: sharing or opening earns nothing.
 */
export default function InvitePage() {
  const { status, member } = useSession();
  const [mine, setMine] = useState<MyInvitesDto | null>(null);
  const loaded = useRef<MyInvitesDto | null>(null);
  loaded.current = mine;
  useShare(() => shareTitle(loaded.current));
  const [failed, setFailed] = useState(false);
  const [poster, setPoster] = useState<PosterState | null>(null);

  const load = () => {
    setFailed(false);
    getMyInvites({ silent: true }).then(
      (result) => {
        setMine(result);
        invites.setMyCode(result.code);
      },
      () => setFailed(true),
    );
  };

  useEffect(() => {
    if (status === 'signedOut') {
      requireSignIn(false, '登录后即可邀请好友', '/pages/invite/index');
      return;
    }
    if (status === 'signedIn' && member) load();
  }, [status, member?.id]);

  const link = mine ? h5Link(mine) : '';
  const copy = () => void Taro.setClipboardData({ data: link });
  const openPoster = async () => {
    if (!mine || !member) return;
    setPoster({ image: null, failed: false });
    try {
      const codePath = await loadPosterCode();
      const gift = mine.rules.inviteeReward ? `首单完成得 ${mine.rules.inviteeReward}` : null;
      const image = await renderPoster({ nickname: member.nickname, gift, codePath, link });
      setPoster((current) => (current ? { image, failed: false } : current));
    } catch {
      setPoster((current) => (current ? { image: null, failed: true } : current));
    }
  };

  // Worded only from the server's rules: until they arrive the numbers read —, never a guess.
  const rules = mine?.rules;
  const n = (v: number | undefined) => (v === undefined ? '—' : String(v));
  const friendGets = rules?.inviteeReward ? `，好友得 ${rules.inviteeReward}` : '';
  const totals = mine?.totals;

  return (
    <View className='invite'>
      <View className='invite__hero'>
        <Text className='invite__eyebrow'>邀请好友 · 一起得好礼</Text>
        <Text className='invite__headline'>每邀 1 位好友最高得 {rules ? rules.signupPoints + rules.orderPoints : '—'} 积分</Text>
        <View className='invite-rewards'>
          <View className='invite-reward'>
            <Text className='invite-reward__step'>第一步</Text>
            <View className='invite-reward__amount'>
              <Text className='invite-reward__value'>+{n(rules?.signupPoints)}</Text>
              <Text className='invite-reward__unit'>积分</Text>
            </View>
            <Text className='invite-reward__text'>好友注册 +{n(rules?.signupPoints)} 积分</Text>
          </View>
          <View className='invite-reward invite-reward--order'>
            <Text className='invite-reward__step'>第二步</Text>
            <View className='invite-reward__amount'>
              <Text className='invite-reward__value'>+{n(rules?.orderPoints)}</Text>
              <Text className='invite-reward__unit'>积分</Text>
            </View>
            <Text className='invite-reward__text'>好友首单 +{n(rules?.orderPoints)} 积分{friendGets}</Text>
          </View>
        </View>
        <View className='invite-terms'>
          <Text className='invite-terms__item'>每月最多奖励 {n(rules?.monthlyCap)} 位好友</Text>
          <Text className='invite-terms__dot'>·</Text>
          <Text className='invite-terms__item'>好友打开链接后 {n(rules?.attributionDays)} 天内注册有效</Text>
        </View>
        <Text className='invite-terms__note'>仅在好友本人完成注册/下单后发放，分享或打开链接本身不奖励</Text>
        <View className='invite-actions'>
          {platform.isWeapp && (
            <Button className='invite-share' openType='share'>
              分享给好友
            </Button>
          )}
          <Button className={`invite-poster-button${platform.isWeapp ? '' : ' invite-poster-button--wide'}`} onClick={() => void openPoster()}>
            生成海报
          </Button>
        </View>
        {!platform.isWeapp && mine && (
          <View className='invite-link-box'>
            <Text className='invite-link-box__label'>我的邀请链接</Text>
            <View className='invite-link-box__row'>
              <Text className='invite-link'>{link}</Text>
              <Button className='invite-copy' onClick={copy}>
                复制链接
              </Button>
            </View>
          </View>
        )}
      </View>

      <View className='invite__card invite-totals'>
        <View className='invite-total invite-total--invited'>
          <Text className='invite-total__value'>{totals?.invited ?? '—'}</Text>
          <Text className='invite-total__label'>已邀请</Text>
        </View>
        <View className='invite-total invite-total--signed-up'>
          <Text className='invite-total__value'>{totals?.signedUp ?? '—'}</Text>
          <Text className='invite-total__label'>已注册</Text>
        </View>
        <View className='invite-total invite-total--ordered'>
          <Text className='invite-total__value'>{totals?.ordered ?? '—'}</Text>
          <Text className='invite-total__label'>已下单</Text>
        </View>
        <View className='invite-total invite-total--points'>
          <Text className='invite-total__value invite-total__value--points'>{totals?.points ?? '—'}</Text>
          <Text className='invite-total__label'>获得积分</Text>
        </View>
      </View>

      {status === 'signedIn' && <RemindButton kinds={['invite_reward']} label='奖励到账时提醒我' reason='好友注册、完成首单，奖励积分到账时通知你' done='已开启邀请奖励提醒' className='invite-remind' />}

      <View className='invite__card invite-list'>
        <Text className='invite__section-title'>我的邀请</Text>
        {failed ? (
          <EmptyState
            icon={<UserAdd size={36} color='#ff8a3d' />}
            title='加载失败'
            description='网络不太稳定，请稍后重试'
            action={
              <Button className='invite__retry' onClick={load}>
                重新加载
              </Button>
            }
          />
        ) : mine && mine.items.length === 0 ? (
          <EmptyState icon={<UserAdd size={36} color='#ff8a3d' />} title='还没有邀请记录' description='分享给好友，好友注册后这里会显示进度' />
        ) : (
          mine?.items.map((item, i) => <InviteRow key={`${item.openedAt}-${i}`} item={item} />)
        )}
      </View>

      <View className='invite__card invite-rules'>
        <View className='invite__section-head'>
          <Gift size={18} color='#ff5a1f' />
          <Text className='invite__section-title'>活动规则</Text>
        </View>
        <Text className='invite-rules__item'>1. 好友通过你的链接或小程序码打开，{n(rules?.attributionDays)} 天内完成注册（绑定手机号），你得 {n(rules?.signupPoints)} 积分。</Text>
        <Text className='invite-rules__item'>2. 好友首笔订单完成（已付款且未退款），你得 {n(rules?.orderPoints)} 积分{friendGets}。</Text>
        <Text className='invite-rules__item'>3. 每月最多奖励 {n(rules?.monthlyCap)} 位好友；已是会员的好友、自己邀请自己不计入。</Text>
        <Text className='invite-rules__item'>4. 朋友圈分享不参与邀请奖励；奖励金额固定，无抽奖。</Text>
      </View>

      {/* The weapp draws the poster on a Canvas 2D node of the page, kept off screen. */}
      {platform.isWeapp && (
        <Canvas type='2d' id={POSTER_CANVAS_ID} className='invite-poster__canvas' style={{ width: `${POSTER_WIDTH}px`, height: `${POSTER_HEIGHT}px` }} />
      )}
      {poster && mine && (
        <Poster poster={poster} link={link} onSave={() => poster.image && void savePoster(poster.image)} onRetry={() => void openPoster()} onClose={() => setPoster(null)} />
      )}
    </View>
  );
}
