import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EXPRESS_COMPANIES, formatYuan, type OrderLineDto, type OrderStatus, type RefundStatus } from '@jifen/shared';
import { listAdminOrders, orderContact, refundOrder, shipOrder, type AdminOrderDto } from '../../api/admin';
import { assetUrl } from '../../api/assets';
import { EmptyState } from '../../components/EmptyState';
import { Order } from '../../components/Icon';
import { formatShanghaiTime } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { ChipPicker, OrderSheet, useSend } from './OrderSheet';
import { useShownAgain } from '../../hooks/useShownAgain';
import './index.scss';

/**
 * The status tabs. 退款 asks for every order and keeps those with a refund: a partly refunded
 * order stays paid / shipped / completed, and operators still want to find it there.
 */
const TABS: { key: string; label: string; statuses: OrderStatus[]; keep?: (o: AdminOrderDto) => boolean }[] = [
  { key: 'pending', label: '待付款', statuses: ['pending'] },
  { key: 'paid', label: '待发货', statuses: ['paid'] },
  { key: 'shipped', label: '待收货', statuses: ['shipped'] },
  { key: 'completed', label: '已完成', statuses: ['completed'] },
  { key: 'refund', label: '退款', statuses: [], keep: (o) => o.refunds.length > 0 || o.status === 'refunding' || o.status === 'refunded' },
];

/** The companies WeChat has ids for, so the shipment can be reported to it (发货信息录入). */
const EXPRESS: string[] = EXPRESS_COMPANIES.map((c) => c.name);
const REASONS = ['买家申请退款', '商品缺货', '商品质量问题', '协商一致退款'];

const REFUND_STATES: Record<RefundStatus, string> = { processing: '退款中', success: '已退款', failed: '退款失败' };
const yuan = (fen: number) => `¥${formatYuan(fen)}`;
const refundable = (line: OrderLineDto) => line.quantity - line.refundedQuantity;
const canShip = (o: AdminOrderDto) => o.status === 'paid';
const canRefund = (o: AdminOrderDto) => ['paid', 'shipped', 'completed'].includes(o.status) && o.lines.some((l) => refundable(l) > 0);

function OrderCard({ order, onShip, onRefund }: { order: AdminOrderDto; onShip: () => void; onRefund: () => void }) {
  return (
    <View className={`admin-order admin-order--${order.status}`}>
      <View className='admin-order__head'>
        <Text className='admin-order__no'>订单号 {order.orderNo}</Text>
        <Text className={`admin-order__status admin-order__status--${order.status}`}>{order.statusLabel}</Text>
      </View>
      <View className='admin-order__member-row'>
        <Text className='admin-order__member admin-order-member'>{order.memberNickname}</Text>
        {order.source === 'mall' && <Text className='admin-order__tag'>积分兑换</Text>}
        <Text className='admin-order__time'>{formatShanghaiTime(order.createdAt)}</Text>
      </View>
      {order.lines.map((line) => (
        <View key={line.id} className='admin-order__line'>
          <Image className='admin-order__image' src={assetUrl(line.image)} mode='aspectFill' />
          <View className='admin-order__line-main'>
            <Text className='admin-order__title'>{line.title}</Text>
            <Text className='admin-order__sku'>{line.skuName}</Text>
            {line.refundedQuantity > 0 && <Text className='admin-order__refunded'>已退 {line.refundedQuantity} 件</Text>}
          </View>
          <View className='admin-order__line-side'>
            <Text className='admin-order__price'>{yuan(line.priceFen)}</Text>
            <Text className='admin-order__qty'>×{line.quantity}</Text>
          </View>
        </View>
      ))}
      <View className='admin-order__amounts'>
        <Text className='admin-order__amount'>商品 {yuan(order.goodsFen)}</Text>
        {order.couponFen > 0 && <Text className='admin-order__amount'>优惠券 −{yuan(order.couponFen)}</Text>}
        {order.points > 0 && <Text className='admin-order__amount'>积分 {order.points} 抵 −{yuan(order.pointsFen)}</Text>}
        <Text className='admin-order__amount admin-order__amount--pay'>
          实付 <Text className='admin-order__pay'>{yuan(order.payFen)}</Text>
        </Text>
      </View>
      {order.refunds.map((r) => (
        <Text key={r.id} className={`admin-order__refund-total admin-order-refund admin-order-refund--${r.status}`}>
          {REFUND_STATES[r.status]} {yuan(r.amountFen)}
          {r.points > 0 ? ` + ${r.points} 积分` : ''} · {r.reason}
        </Text>
      ))}
      <View className='admin-order__address'>
        <Text className='admin-order__address-name'>
          {order.address.name} {order.address.phone}
        </Text>
        <Text className='admin-order__address-full'>{order.address.full}</Text>
      </View>
      {order.trackingNo && (
        <Text className='admin-order__express'>
          {order.expressCompany} {order.trackingNo}
        </Text>
      )}
      {order.remark && <Text className='admin-order__remark'>买家备注：{order.remark}</Text>}
      {(canShip(order) || canRefund(order)) && (
        <View className='admin-order__actions'>
          {canRefund(order) && (
            <Button className='admin-order__button admin-order__refund' onClick={onRefund}>
              退款
            </Button>
          )}
          {canShip(order) && (
            <Button className='admin-order__button admin-order__button--primary admin-order__ship' onClick={onShip}>
              发货
            </Button>
          )}
        </View>
      )}
    </View>
  );
}

function ShipSheet({ order, onClose, onDone }: { order: AdminOrderDto; onClose: () => void; onDone: () => void }) {
  const [company, setCompany] = useState(EXPRESS[0]);
  const [trackingNo, setTrackingNo] = useState('');
  const [busy, send] = useSend(onDone);
  const [phone, setPhone] = useState<string | null>(null);
  // The whole number for the courier, asked for on purpose (the server records who looked).
  const reveal = async () => {
    try {
      setPhone((await orderContact(order.id)).phone);
    } catch {
      // the request layer said why
    }
  };
  const submit = async () => {
    const no = trackingNo.trim();
    if (!company.trim() || !no) {
      void Taro.showToast({ title: '请填写快递公司和运单号', icon: 'none' });
      return;
    }
    await send(() => shipOrder(order.id, { expressCompany: company.trim(), trackingNo: no }), '已发货');
  };
  return (
    <OrderSheet kind='ship' title='发货' confirmLabel='确认发货' busy={busy} onConfirm={() => void submit()} onClose={onClose}>
      <Text className='admin-sheet__hint'>
        {order.address.name} {phone ?? order.address.phone} · {order.address.full}
      </Text>
      <View className='ship-sheet__contact'>
        {phone === null ? (
          <Text className='ship-sheet__reveal' onClick={() => void reveal()}>查看完整号码</Text>
        ) : (
          <Text className='ship-sheet__copy' onClick={() => void Taro.setClipboardData({ data: `${order.address.name} ${phone} ${order.address.full}` })}>复制收件信息</Text>
        )}
      </View>
      <ChipPicker
        label='快递公司'
        options={EXPRESS}
        value={company}
        onChange={setCompany}
        chipClass='ship-sheet__company'
        inputClass='ship-sheet__company-input'
        placeholder='其他快递公司'
        maxlength={32}
      />
      <Text className='admin-sheet__label'>运单号</Text>
      <Input className='admin-sheet__input ship-sheet__tracking' value={trackingNo} placeholder='请输入运单号' maxlength={40} onInput={(e) => setTrackingNo(e.detail.value)} />
    </OrderSheet>
  );
}

function RefundSheet({ order, onClose, onDone }: { order: AdminOrderDto; onClose: () => void; onDone: () => void }) {
  const [whole, setWhole] = useState(true);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [reason, setReason] = useState(REASONS[0]);
  const [busy, send] = useSend(onDone);
  const lines = order.lines.filter((l) => refundable(l) > 0);
  const picked = lines.filter((l) => (quantities[l.id] ?? 0) > 0);
  const step = (line: OrderLineDto, by: number) =>
    setQuantities((q) => ({ ...q, [line.id]: Math.min(refundable(line), Math.max(0, (q[line.id] ?? 0) + by)) }));

  const submit = async () => {
    if (!reason.trim()) {
      void Taro.showToast({ title: '请填写退款原因', icon: 'none' });
      return;
    }
    if (!whole && picked.length === 0) {
      void Taro.showToast({ title: '请选择要退的商品数量', icon: 'none' });
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '确认退款',
      content: whole ? '将整单退款，退回剩余实付金额，确定吗？' : `退 ${picked.reduce((n, l) => n + quantities[l.id], 0)} 件商品，金额按实付比例计算，确定吗？`,
      confirmColor: '#ff5a1f',
    });
    if (!confirm) return;
    await send(
      () => refundOrder(order.id, whole ? { reason: reason.trim() } : { reason: reason.trim(), lines: picked.map((l) => ({ lineId: l.id, quantity: quantities[l.id] })) }),
      '退款已提交',
    );
  };

  return (
    <OrderSheet kind='refund' title='退款' confirmLabel='确认退款' busy={busy} onConfirm={() => void submit()} onClose={onClose}>
      <View className='admin-sheet__modes'>
        <Text className={`admin-sheet__mode refund-sheet__whole${whole ? ' admin-sheet__mode--active' : ''}`} onClick={() => setWhole(true)}>
          整单退款
        </Text>
        <Text className={`admin-sheet__mode refund-sheet__by-line${!whole ? ' admin-sheet__mode--active' : ''}`} onClick={() => setWhole(false)}>
          按商品退款
        </Text>
      </View>
      {whole ? (
        <Text className='admin-sheet__hint'>
          实付 {yuan(order.payFen)}
          {order.refundedFen > 0 ? `，已退 ${yuan(order.refundedFen)}` : ''}，将退回剩余金额{order.points > 0 ? '与抵扣积分' : ''}。
        </Text>
      ) : (
        <View className='refund-sheet__lines'>
          {lines.map((line) => (
            <View key={line.id} className='refund-sheet__line'>
              <View className='refund-sheet__line-main'>
                <Text className='refund-sheet__line-title'>{line.title}</Text>
                <Text className='refund-sheet__line-sku'>
                  {line.skuName} · {yuan(line.priceFen)} · 可退 {refundable(line)} 件
                </Text>
              </View>
              <View className='refund-sheet__stepper'>
                <Text className='refund-sheet__step refund-sheet__minus' onClick={() => step(line, -1)}>
                  −
                </Text>
                <Text className='refund-sheet__qty'>{quantities[line.id] ?? 0}</Text>
                <Text className='refund-sheet__step refund-sheet__plus' onClick={() => step(line, 1)}>
                  +
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
      <ChipPicker
        label='退款原因'
        options={REASONS}
        value={reason}
        onChange={setReason}
        chipClass='refund-sheet__reason'
        inputClass='refund-sheet__reason-input'
        placeholder='退款原因（会展示给买家）'
        maxlength={80}
      />
    </OrderSheet>
  );
}

/** 订单管理: orders by status, 发货 and 退款 from a sheet. */
export default function AdminOrdersPage() {
  const { operator, loading } = useOperator();
  // 待发货 first: it is the operator's work.
  const [tab, setTab] = useState(() => TABS.find((t) => t.key === 'paid')!);
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const [orders, setOrders] = useState<AdminOrderDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [sheet, setSheet] = useState<{ kind: 'ship' | 'refund'; order: AdminOrderDto } | null>(null);
  const requested = useRef(0);
  const operatorId = operator?.id ?? null;

  const load = useCallback(() => {
    if (operatorId === null) return;
    const ticket = ++requested.current;
    setFailed(false);
    listAdminOrders(tab.statuses, searched).then(
      (list) => ticket === requested.current && setOrders(tab.keep ? list.filter(tab.keep) : list),
      () => ticket === requested.current && setFailed(true),
    );
  }, [operatorId, tab, searched]);

  useEffect(() => {
    setOrders(null);
    load();
  }, [load]);
  useShownAgain(load);

  if (!operator) {
    return <NotStaff className='admin-orders' loading={loading} screen='订单管理' />;
  }

  const done = () => {
    setSheet(null);
    load();
  };

  return (
    <View className='admin-orders'>
      <View className='admin-orders__top'>
        <Input className='admin-orders__search' value={q} placeholder='订单号、买家昵称或收件人电话' confirmType='search' maxlength={30}
          onInput={(e) => setQ(e.detail.value)} onConfirm={() => setSearched(q.trim())} />
        <Text className='admin-orders__search-go' onClick={() => setSearched(q.trim())}>搜索</Text>
      </View>
      <View className='admin-orders__tabs'>
        {TABS.map((t) => (
          <View key={t.key} className={`admin-orders__tab admin-orders-tab--${t.key}${t.key === tab.key ? ' admin-orders__tab--active' : ''}`} onClick={() => setTab(t)}>
            <Text className='admin-orders__tab-text'>{t.label}</Text>
          </View>
        ))}
      </View>
      <View className='admin-orders__list'>
        {failed ? (
          <EmptyState icon={<Order size={36} color='#ff8a3d' />} title='加载失败' description='请稍后重试' action={<Button className='admin-orders__retry' onClick={load}>重新加载</Button>} />
        ) : orders === null ? (
          <Text className='admin-orders__loading'>加载中…</Text>
        ) : orders.length === 0 ? (
          <EmptyState icon={<Order size={36} color='#ff8a3d' />} title={searched ? `没有找到「${searched}」的${tab.label}订单` : `暂无${tab.label}订单`} description={tab.key === 'paid' ? '新的已支付订单会出现在这里，及时发货哦' : undefined} />
        ) : (
          orders.map((order) => (
            <OrderCard key={order.id} order={order} onShip={() => setSheet({ kind: 'ship', order })} onRefund={() => setSheet({ kind: 'refund', order })} />
          ))
        )}
      </View>
      {sheet?.kind === 'ship' && <ShipSheet order={sheet.order} onClose={() => setSheet(null)} onDone={done} />}
      {sheet?.kind === 'refund' && <RefundSheet order={sheet.order} onClose={() => setSheet(null)} onDone={done} />}
    </View>
  );
}
