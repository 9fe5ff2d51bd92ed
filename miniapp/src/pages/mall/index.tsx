import { useCallback, useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { POINTS_PER_YUAN_CASH, type CampaignDto, type MallItemDto, type MallItemKind, type RedemptionDto } from '@jifen/shared';
import { listCampaigns } from '../../api/campaigns';
import { listMallItems, listRedemptions } from '../../api/mall';
import { EmptyState } from '../../components/EmptyState';
import { Gift } from '../../components/Icon';
import { TabBarSlot } from '../../components/TabBar';
import { useShare } from '../../hooks/useShare';
import { session, useSession } from '../../store/session';
import { tierLabel } from '../../utils/format';
import { openCampaign, requireSignIn } from '../../utils/routes';
import { KIND_LABELS, MallItemCard } from './MallItemCard';
import { RedeemSheet } from './RedeemSheet';
import { useNow } from './window';
import './index.scss';

const PERKS = ['积分当钱花', '好物随心兑'];
const KINDS: MallItemKind[] = ['goods', 'coupon', 'virtual'];
type KindTab = 'all' | MallItemKind;

const toRedemptions = () => void Taro.navigateTo({ url: '/pages/redemptions/index' });

export default function MallPage() {
  useShare();
  const { status, member } = useSession();
  const [items, setItems] = useState<MallItemDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [kind, setKind] = useState<KindTab>('all');
  const [redeemed, setRedeemed] = useState<Map<number, number> | null>(null);
  const [redeeming, setRedeeming] = useState<MallItemDto | null>(null);
  // The campaigns running now: the only 「积分×2」 the page may promise.
  const [campaigns, setCampaigns] = useState<CampaignDto[]>([]);
  const memberId = member?.id ?? null;

  const loadItems = useCallback(() => {
    setFailed(false);
    listMallItems().then(setItems, () => setFailed(true));
  }, []);

  // What the member already redeemed, for "已兑 1" against the per-member limit.
  const loadRedeemed = useCallback(() => {
    if (memberId === null) {
      setRedeemed(null);
      return;
    }
    listRedemptions().then(
      (list) => setRedeemed(list.reduce((m, r) => m.set(r.itemId, (m.get(r.itemId) ?? 0) + 1), new Map<number, number>())),
      () => setRedeemed(null),
    );
  }, [memberId]);

  // Items again once the session settles: a member's list carries their tier price.
  useEffect(() => {
    if (status !== 'loading') loadItems();
  }, [status, memberId, loadItems]);
  useEffect(loadRedeemed, [loadRedeemed]);
  useEffect(() => {
    listCampaigns().then(setCampaigns, () => setCampaigns([]));
  }, []);

  // Points change elsewhere (orders, check-in): show the current balance each time.
  useDidShow(() => {
    void session.refresh();
    if (items && !redeeming) loadItems();
  });

  const kinds = useMemo(() => KINDS.filter((k) => items?.some((i) => i.kind === k)), [items]);
  const shown = useMemo(() => (items ?? []).filter((i) => kind === 'all' || i.kind === kind), [items, kind]);
  const now = useNow(shown.some((i) => i.startsAt !== null || i.endsAt !== null));
  const tier = member ? tierLabel(member.tier).replace(/会员$/, '') : null;

  const startRedeem = (item: MallItemDto) => {
    if (!requireSignIn(member !== null, '登录后即可兑换', '/pages/mall/index')) return;
    setRedeeming(item);
  };

  const redeemedOne = (redemption: RedemptionDto) => {
    session.setAvailable(redemption.available);
    setRedeemed((m) => new Map(m ?? []).set(redemption.itemId, (m?.get(redemption.itemId) ?? 0) + 1));
    loadItems();
  };

  return (
    <View className='mall'>
      <View className='mall__hero'>
        <View className='mall__wallet'>
          <View className='mall__wallet-main'>
            <Text className='mall__wallet-label'>我的积分 · {POINTS_PER_YUAN_CASH} 积分可抵 1 元</Text>
            {member ? (
              <View className='mall__wallet-points'>
                <Text className='mall__wallet-value mall-points-available'>{member.points.available}</Text>
                {member.points.pending > 0 && <Text className='mall__wallet-pending'>待入账 {member.points.pending}</Text>}
              </View>
            ) : (
              <Text className='mall__wallet-login' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
                {status === 'loading' ? '正在加载…' : '登录查看积分 ›'}
              </Text>
            )}
          </View>
          <View className='mall__wallet-badge'>
            <Gift size={28} color='#ffd88a' />
          </View>
        </View>
        <View className='mall__perks'>
          {PERKS.map((perk) => (
            <Text className='mall__perk' key={perk}>
              {perk}
            </Text>
          ))}
          {campaigns.slice(0, 2).map((c) => (
            <Text className='mall__perk mall__perk--campaign' key={c.id} onClick={() => openCampaign(c.id)}>
              {c.name} ›
            </Text>
          ))}
        </View>
      </View>

      <View className='mall__section'>
        <Text className='mall__section-title'>积分好物</Text>
        <Text className='mall__section-hint'>用积分兑换心仪好物</Text>
        {member && (
          <Text className='mall__section-link mall-redemptions-link' onClick={toRedemptions}>
            我的兑换 ›
          </Text>
        )}
      </View>

      {kinds.length > 1 && (
        <View className='mall__kinds'>
          {(['all', ...kinds] as KindTab[]).map((k) => (
            <Text key={k} className={`mall__kind mall-kind mall-kind--${k}${k === kind ? ' mall__kind--active' : ''}`} onClick={() => setKind(k)}>
              {k === 'all' ? '全部' : KIND_LABELS[k]}
            </Text>
          ))}
        </View>
      )}

      {shown.length > 0 && (
        <View className='mall__grid'>
          {shown.map((item) => (
            <MallItemCard key={item.id} item={item} now={now} tierPriceLabel={tier ? `${tier}价` : null} redeemed={redeemed?.get(item.id) ?? (member ? 0 : null)} onRedeem={startRedeem} onOpen={(i) => void Taro.navigateTo({ url: `/pages/mall-item/index?id=${i.id}` })} />
          ))}
        </View>
      )}
      {items && shown.length === 0 && <EmptyState icon={<Gift size={36} color='#ff8a3d' />} title='积分好物正在上架' description='敬请期待' />}
      {failed && <EmptyState icon={<Gift size={36} color='#ff8a3d' />} title='加载失败' description='网络不太稳定，请稍后重试' />}

      {redeeming && member && (
        <RedeemSheet item={redeeming} available={member.points.available} onClose={() => setRedeeming(null)} onRedeemed={redeemedOne} onRefused={loadItems} />
      )}

      <TabBarSlot tab='mall' />
    </View>
  );
}
