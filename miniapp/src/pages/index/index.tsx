import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { type BannerDto, type CategoryDto, type GoodsDto, POINTS_PER_YUAN_CASH, type PublicRulesDto } from '@jifen/shared';
import { assetUrl } from '../../api/assets';
import { listBanners } from '../../api/campaigns';
import { listCategories, listGoods } from '../../api/catalog';
import { Banners } from '../../components/Banners';
import { EmptyState } from '../../components/EmptyState';
import { GoodsCard, GoodsCardSkeleton } from '../../components/GoodsCard';
import { Cart, Search } from '../../components/Icon';
import { SearchField } from '../../components/SearchField';
import { TabBarSlot } from '../../components/TabBar';
import { useShare } from '../../hooks/useShare';
import { useShopRules } from '../../hooks/useShopRules';
import { cartCount, useCartCount } from '../../store/cart';
import { useSession } from '../../store/session';
import { openBannerLink, openCart, openGoods } from '../../utils/routes';
import { CheckinCard } from './CheckinCard';
import './index.scss';

/**
 * What the shop really does, worded from its rules: points pay part of an order (always), and
 * purchases and check-ins earn points only while the rules give any. No promise of service the
 * shop has not configured (正品保障, 极速发货 …).
 */
function promises(rules: PublicRulesDto | null): string[] {
  const out = [`${POINTS_PER_YUAN_CASH} 积分抵 1 元`];
  if (rules && rules.pointsPerYuan > 0) out.push(`每消费 1 元得 ${rules.pointsPerYuan} 积分`);
  if (rules && rules.checkin.basePoints > 0) out.push('每日签到领积分');
  return out;
}

type Feed = { status: 'loading' } | { status: 'error' } | { status: 'ready'; goods: GoodsDto[] };

export default function HomePage() {
  useShare();
  const rules = useShopRules();
  // null while loading: the row keeps its place with grey stand-ins.
  const [categories, setCategories] = useState<CategoryDto[] | null>(null);
  // What operators put on the carousel (null while loading: its place is kept).
  const [banners, setBanners] = useState<BannerDto[] | null>(null);
  const [categoryId, setCategoryId] = useState<number | undefined>();
  const [feed, setFeed] = useState<Feed>({ status: 'loading' });
  const [keyword, setKeyword] = useState('');
  const [attempt, setAttempt] = useState(0);
  const { status } = useSession();
  const count = useCartCount();
  // The search word the server is asked about, settled 300 ms after the last keystroke.
  const [query, setQuery] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setQuery(keyword.trim()), 300);
    return () => clearTimeout(timer);
  }, [keyword]);

  useDidShow(() => {
    void cartCount.refresh();
  });
  useEffect(() => {
    if (status === 'signedIn') void cartCount.refresh();
  }, [status]);

  useEffect(() => {
    listCategories().then(setCategories, () => setCategories([]));
    listBanners().then(setBanners, () => setBanners([]));
  }, []);

  useEffect(() => {
    let current = true;
    setFeed({ status: 'loading' });
    listGoods(categoryId, query).then(
      (goods) => current && setFeed({ status: 'ready', goods }),
      () => current && setFeed({ status: 'error' }),
    );
    return () => {
      current = false;
    };
  }, [categoryId, query, attempt]);

  // The server searches titles and subtitles (within the chosen category).
  const visible = feed.status === 'ready' ? feed.goods : [];

  const category = categories?.find((c) => c.id === categoryId);

  return (
    <View className='home'>
      <View className='home__hero'>
        <View className='home__greeting'>
          <Text className='home__brand'>积分商城</Text>
          <Text className='home__slogan'>好物精选 · 消费得积分 · 积分当钱花</Text>
          <View className='home__cart' onClick={() => openCart(status === 'signedIn')}>
            <Cart size={22} color='#ffffff' />
            {count > 0 && <Text className='home__cart-badge'>{count > 99 ? '99+' : count}</Text>}
          </View>
        </View>
        <SearchField className='home__search' placeholder='搜索商品' value={keyword} onChange={setKeyword} />
        {banners === null ? (
          <View className='home__banners home__banners--loading' />
        ) : banners.length > 0 && (
          <Banners className='home__banners' items={banners.map((b) => ({ key: String(b.id), image: assetUrl(b.image), title: b.title }))}
            onTap={(tapped) => {
              const b = banners.find((x) => String(x.id) === tapped.key);
              if (b) openBannerLink(b.link, status === 'signedIn');
            }} />
        )}
      </View>

      <View className='home__promises'>
        {promises(rules).map((text) => (
          <View className='home__promise' key={text}>
            <Text className='home__promise-dot'>✓</Text>
            <Text>{text}</Text>
          </View>
        ))}
      </View>

      {categories === null && (
        <View className='home__categories'>
          {[0, 1, 2, 3, 4].map((i) => (
            <View key={i} className='home__category home__category--skeleton'>
              <View className='home__category-icon' />
              <View className='home__category-bar' />
            </View>
          ))}
        </View>
      )}
      {categories !== null && categories.length > 0 && (
        <View className='home__categories'>
          {categories.map((c) => (
            <View
              key={c.id}
              className={`home__category${c.id === categoryId ? ' home__category--active' : ''}`}
              onClick={() => setCategoryId(c.id === categoryId ? undefined : c.id)}
            >
              <Image className='home__category-icon' src={assetUrl(c.icon)} mode='aspectFill' />
              <Text className='home__category-name'>{c.name}</Text>
            </View>
          ))}
        </View>
      )}

      <CheckinCard />

      <View className='home__feed-header'>
        <Text className='home__feed-title'>{category ? category.name : '为你推荐'}</Text>
        {category ? (
          <Text className='home__feed-clear' onClick={() => setCategoryId(undefined)}>
            查看全部 ›
          </Text>
        ) : (
          <Text className='home__feed-hint'>每日上新 · 会员专享价</Text>
        )}
      </View>

      <View className='home__feed'>
        {feed.status === 'loading' && [0, 1, 2, 3].map((i) => <GoodsCardSkeleton key={i} />)}
        {feed.status === 'ready' &&
          visible.map((goods) => (
            <GoodsCard key={goods.id} goods={goods} onClick={() => openGoods(goods.id)} />
          ))}
      </View>

      {feed.status === 'ready' && visible.length === 0 && (
        <EmptyState
          icon={<Search size={36} color='#ff8a3d' />}
          title={query ? `没有找到“${query}”` : '这里还没有商品'}
          description={query ? '换个关键词试试' : categories && categories.length > 1 ? '看看其他分类吧' : '店铺正在上新，稍后再来看看'}
        />
      )}
      {feed.status === 'error' && (
        <EmptyState
          icon={<Search size={36} color='#ff8a3d' />}
          title='商品加载失败'
          description='网络不太稳定，请稍后重试'
          action={
            <Text className='home__retry' onClick={() => setAttempt((n) => n + 1)}>
              重新加载
            </Text>
          }
        />
      )}

      <TabBarSlot tab='home' />
    </View>
  );
}
