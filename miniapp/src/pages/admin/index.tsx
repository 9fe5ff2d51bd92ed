import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { isOperator, type AdminOverviewDto, type Role } from '@jifen/shared';
import { getOverview } from '../../api/admin';
import { EmptyState } from '../../components/EmptyState';
import { Clock, Coupon, Gift, ImageIcon, Notice, Order, Setting, ShieldCheck, Star, Store, User, UserAdd, Wallet } from '../../components/Icon';
import { TabBarSlot } from '../../components/TabBar';
import { useShare } from '../../hooks/useShare';
import { useSession } from '../../store/session';
import './index.scss';

/** Operators' screens in the admin subpackage. */
const TOOLS = [
  { key: 'dashboard', name: '数据看板', hint: '会员 · 积分 · 邀请 · 成交', url: '/admin/dashboard/index', Icon: Star, tint: '#ff5a1f' },
  { key: 'members', name: '会员', hint: '查找会员 · 调整积分', url: '/admin/members/index', Icon: User, tint: '#3d7bf2' },
  { key: 'churn', name: '流失预警', hint: '谁在流失 · 一键挽回', url: '/admin/churn/index', Icon: Clock, tint: '#e0457b' },
  { key: 'segments', name: '分群与标签', hint: 'RFM 分群 · 标签 · 定向发券', url: '/admin/segments/index', Icon: UserAdd, tint: '#7a5af8' },
  { key: 'liability', name: '积分负债', hint: '应付积分 · 月度发放与过期', url: '/admin/reports/liability', Icon: Wallet, tint: '#b86b00' },
  { key: 'review', name: '积分审核', hint: '调整审批 · 异常积分', url: '/admin/review/index', Icon: ShieldCheck, tint: '#34b27b' },
  { key: 'goods', name: '商品管理', hint: '上架 · 库存 · 分类', url: '/admin/goods/index', Icon: Store, tint: '#f29d0c' },
  { key: 'mall', name: '积分商城', hint: '兑换商品 · 兑换码', url: '/admin/mall/index', Icon: Gift, tint: '#e0457b' },
  { key: 'campaigns', name: '积分活动', hint: '翻倍 · 会员日 · 加赠', url: '/admin/campaigns/index', Icon: Star, tint: '#ff8a3d' },
  { key: 'banners', name: '首页横幅', hint: '轮播图与跳转', url: '/admin/banners/index', Icon: ImageIcon, tint: '#12a4b8' },
  { key: 'rules', name: '积分规则', hint: '等级 · 签到 · 邀请 · 有效期', url: '/admin/rules/index', Icon: Setting, tint: '#5c6bc0' },
  { key: 'orders', name: '订单管理', hint: '发货 · 退款', url: '/admin/orders/index', Icon: Order, tint: '#3d7bf2' },
  { key: 'coupons', name: '优惠券', hint: '发放与核销数据', url: '/admin/coupons/index', Icon: Coupon, tint: '#ff5a1f' },
  { key: 'messages', name: '消息通知', hint: '提醒发送情况 · 政策变更通知', url: '/admin/messages/index', Icon: Notice, tint: '#e0457b' },
  { key: 'audit', name: '审计日志', hint: '谁在何时做了什么', url: '/admin/audit/index', Icon: Clock, tint: '#34b27b' },
  { key: 'shop', name: '店铺信息', hint: '运营者 · 联系方式 · 隐私政策', url: '/admin/rules/edit?key=shop', Icon: ShieldCheck, tint: '#5c5f66' },
  { key: 'open-api', name: '开放接口', hint: '门店收银 · 其他渠道', url: '/admin/open-api/index', Icon: Setting, tint: '#12a4b8', ownerOnly: true },
  { key: 'staff', name: '店员与权限', hint: '任命或撤销运营', url: '/admin/staff/index', Icon: UserAdd, tint: '#7a5af8', ownerOnly: true },
];

const ROLE_NAMES: Record<Role, string> = { owner: '店主', operator: '运营', member: '会员' };

/** A headline number; with `url`, tapping it opens the list it counts. */
function Stat({ label, value, hint, tone, url }: { label: string; value: number | string; hint: string; tone: string; url?: string }) {
  return (
    <View className={`admin-stat admin-stat--${tone}`} onClick={url ? () => void Taro.navigateTo({ url }) : undefined}>
      <Text className='admin-stat__label'>{label}</Text>
      <Text className='admin-stat__value'>{value}</Text>
      <Text className='admin-stat__hint'>{hint}</Text>
    </View>
  );
}

export default function AdminPage() {
  useShare();
  const { status, member } = useSession();
  const allowed = member !== null && isOperator(member.role);
  const [overview, setOverview] = useState<AdminOverviewDto | null>(null);

  const load = useCallback(() => {
    if (!allowed) return;
    getOverview().then(setOverview, () => undefined);
  }, [allowed]);

  // First load when an operator's session is known (it may settle after the page shows),
  // then fresh numbers every time the tab is shown again.
  const operatorId = allowed ? member.id : null;
  useEffect(() => {
    if (operatorId !== null) load();
  }, [operatorId, load]);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else load();
  });

  if (!allowed) {
    return (
      <View className='admin'>
        <EmptyState
          icon={<Setting size={36} color='#ff8a3d' />}
          title={status === 'loading' ? '正在确认身份…' : '仅限运营人员访问'}
          description='管理页面只对店主和运营开放。如需开通权限，请联系店主。'
          action={
            <Button className='admin__home' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
              返回首页
            </Button>
          }
        />
        <TabBarSlot tab='admin' />
      </View>
    );
  }

  return (
    <View className='admin'>
      <View className='admin__header'>
        <View>
          <Text className='admin__title'>运营概览</Text>
          <Text className='admin__day'>{overview ? `${overview.day} · 北京时间` : '加载中…'}</Text>
        </View>
        <Text className='admin__role admin-role'>
          当前身份：{ROLE_NAMES[member.role]} · {member.nickname}
        </Text>
      </View>

      <View className='admin__grid'>
        <Stat tone='members' label='会员总数' value={overview?.members.total ?? '—'} hint={overview ? `其中运营 ${overview.members.operators} 人` : ' '} url='/admin/members/index' />
        <Stat tone='today' label='今日新增' value={overview?.members.today ?? '—'} hint='今日注册会员' url='/admin/members/index' />
        <Stat tone='on-sale' label='在售商品' value={overview?.goods.onSale ?? '—'} hint='正在销售的商品' url='/admin/goods/index?filter=on_sale' />
        <Stat tone='sold-out' label='已售罄' value={overview?.goods.soldOut ?? '—'} hint='库存为 0，请及时补货' url='/admin/goods/index?filter=low_stock' />
      </View>

      <View className='admin__tools'>
        <Text className='admin__tools-title'>管理功能</Text>
        <View className='admin__tools-grid'>
          {TOOLS.filter((tool) => !('ownerOnly' in tool) || member.role === 'owner').map((tool) => (
            <View key={tool.key} className={`admin__tool admin-link admin-link--${tool.key}`} onClick={() => void Taro.navigateTo({ url: tool.url })}>
              <View className='admin__tool-icon' style={{ background: `${tool.tint}1a` }}>
                <tool.Icon size={24} color={tool.tint} />
              </View>
              <View className='admin__tool-main'>
                <Text className='admin__tool-name'>{tool.name}</Text>
                <Text className='admin__tool-hint'>{tool.hint}</Text>
              </View>
              <Text className='admin__tool-go'>›</Text>
            </View>
          ))}
        </View>
      </View>

      <TabBarSlot tab='admin' />
    </View>
  );
}
