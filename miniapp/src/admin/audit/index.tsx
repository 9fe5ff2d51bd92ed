import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { AUDIT_AREAS, EXPRESS_COMPANIES, shanghaiDay, type AuditQuery } from '@jifen/shared';
import { AUDIT_PAGE_SIZE, listAudit, listAuditOperators, type AuditEntryDto } from '../../api/admin';
import { EmptyState } from '../../components/EmptyState';
import { Clock } from '../../components/Icon';
import { formatShanghaiTime } from '../../utils/format';
import { DayRange } from '../DayRange';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import './index.scss';

type Body = Record<string, unknown>;
const asBody = (detail: unknown): Body => (detail && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Body) : {});

/** Known admin routes: a Chinese name, what the params point at, and a summary of the body. */
const ACTIONS: { pattern: RegExp; label: string; target: string; summary: (b: Body) => string }[] = [
  {
    pattern: /^POST \/api\/admin\/orders\/:id\/ship$/,
    label: '发货',
    target: '订单',
    summary: (b) => {
      const company = EXPRESS_COMPANIES.find((c) => c.code === b.expressCompany)?.name ?? (typeof b.expressCompany === 'string' ? b.expressCompany : '');
      return [company, typeof b.trackingNo === 'string' ? b.trackingNo : ''].filter(Boolean).join(' ');
    },
  },
  {
    pattern: /^POST \/api\/admin\/orders\/:id\/refund$/,
    label: '退款',
    target: '订单',
    summary: (b) => {
      const lines = Array.isArray(b.lines) ? (b.lines as { quantity?: unknown }[]) : null;
      const qty = lines?.reduce((n, l) => n + (typeof l.quantity === 'number' ? l.quantity : 0), 0) ?? 0;
      const scope = lines?.length ? `部分退款 ${qty} 件` : '整单退款';
      return typeof b.reason === 'string' && b.reason ? `${scope} · ${b.reason}` : scope;
    },
  },
  {
    pattern: /^PATCH \/api\/admin\/coupons\/templates\/:id$/,
    label: '优惠券上下架',
    target: '优惠券模板',
    summary: (b) => (b.status === 'on' ? '开始发放' : b.status === 'off' ? '停止发放' : genericSummary(b)),
  },
  {
    pattern: /^POST \/api\/admin\/coupons\/templates$/,
    label: '新建优惠券',
    target: '优惠券模板',
    summary: (b) => (typeof b.name === 'string' ? b.name : genericSummary(b)),
  },
  {
    pattern: /^POST \/api\/admin\/coupons\/templates\/:id\/issue$/,
    label: '定向发券',
    target: '优惠券模板',
    summary: (b) => (Array.isArray(b.memberIds) ? `发给 ${b.memberIds.length} 位会员` : genericSummary(b)),
  },
  { pattern: /^POST \/api\/admin\/orders\/:id\/contact$/, label: '查看收件电话', target: '订单', summary: () => '' },
  { pattern: /^POST \/api\/admin\/catalog\/goods$/, label: '新增商品', target: '商品', summary: (b) => (typeof b.title === 'string' ? b.title : genericSummary(b)) },
  { pattern: /^PUT \/api\/admin\/catalog\/goods\/:id$/, label: '编辑商品', target: '商品', summary: (b) => (typeof b.title === 'string' ? b.title : '') },
  { pattern: /^POST \/api\/admin\/catalog\/goods\/:id\/status$/, label: '上架/下架', target: '商品', summary: (b) => (b.status === 'on_sale' ? '上架' : b.status === 'off_sale' ? '下架' : '') },
  {
    pattern: /^POST \/api\/admin\/catalog\/skus\/:id\/stock$/,
    label: '调整库存',
    target: '规格',
    summary: (b) => (typeof b.delta === 'number' ? `${b.delta > 0 ? '+' : ''}${b.delta}${typeof b.reason === 'string' ? ` · ${b.reason}` : ''}` : genericSummary(b)),
  },
  { pattern: /^POST \/api\/admin\/catalog\/categories$/, label: '新建分类', target: '分类', summary: (b) => (typeof b.name === 'string' ? b.name : '') },
  {
    pattern: /^PATCH \/api\/admin\/catalog\/categories\/:id$/,
    label: '编辑分类',
    target: '分类',
    summary: (b) => (b.hidden === true ? '隐藏' : b.hidden === false ? '显示' : typeof b.name === 'string' ? `改名为 ${b.name}` : ''),
  },
  { pattern: /^PUT \/api\/admin\/catalog\/categories\/order$/, label: '调整分类顺序', target: '分类', summary: () => '' },
  { pattern: /^POST \/api\/admin\/catalog\/images$/, label: '上传商品图片', target: '', summary: () => '' },
  {
    pattern: /^POST \/api\/admin\/staff\/:id\/role$/,
    label: '设置店员权限',
    target: '会员',
    summary: (b) => ({ owner: '设为店主', operator: '设为运营', member: '取消权限' } as Record<string, string>)[String(b.role)] ?? genericSummary(b),
  },
];

/** Any body on one line: `key: value · key: value`. */
function genericSummary(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  const show = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  return Object.entries(detail as Body)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(' · ');
}

function describe(entry: AuditEntryDto) {
  const known = ACTIONS.find((a) => a.pattern.test(entry.action));
  const params = Object.entries(entry.target ?? {});
  // The server names the target (order number, goods title…); the id is the fallback.
  const named = entry.targetLabel ? `${known?.target ? `${known.target} ` : ''}${entry.targetLabel}` : null;
  const target = named ?? (known && entry.target?.id ? `${known.target} #${entry.target.id}` : params.map(([k, v]) => `${k} ${v}`).join(' · '));
  let summary: string;
  try {
    summary = known ? known.summary(asBody(entry.detail)) : genericSummary(entry.detail);
  } catch {
    summary = genericSummary(entry.detail);
  }
  return { label: known?.label ?? entry.action, known: Boolean(known), target, summary };
}

function AuditCard({ entry }: { entry: AuditEntryDto }) {
  const { label, known, target, summary } = describe(entry);
  const ok = entry.status >= 200 && entry.status < 300;
  return (
    <View className={`admin-audit-entry admin-audit-entry--${ok ? 'ok' : 'failed'}`}>
      <View className='admin-audit-entry__head'>
        <Text className={`admin-audit-entry__action${known ? '' : ' admin-audit-entry__action--raw'}`}>{label}</Text>
        <Text className={`admin-audit-entry__outcome admin-audit-outcome admin-audit-outcome--${ok ? 'ok' : 'failed'}`}>
          {ok ? '成功' : `失败 (${entry.status})`}
        </Text>
      </View>
      {target ? <Text className='admin-audit-entry__target'>{target}</Text> : null}
      {summary ? <Text className='admin-audit-entry__summary'>{summary}</Text> : null}
      <View className='admin-audit-entry__foot'>
        <Text className='admin-audit-entry__operator'>操作人 {entry.operatorName ?? `#${entry.operatorId}`}</Text>
        <Text className='admin-audit-entry__time'>{formatShanghaiTime(entry.createdAt)}</Text>
      </View>
    </View>
  );
}

type Phase = 'idle' | 'loading' | 'error';
type Filters = Omit<AuditQuery, 'before' | 'limit'>;

/** Who, which area and which days: each choice reloads the log from its newest entry. */
function AuditFilters({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  const [operators, setOperators] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    listAuditOperators().then(setOperators, () => undefined);
  }, []);
  const chip = (active: boolean, label: string, className: string, pick: () => void) => (
    <Text key={className} className={`admin-sheet__chip admin-audit-filter__chip ${className}${active ? ' admin-sheet__chip--active' : ''}`} onClick={pick}>{label}</Text>
  );
  return (
    <View className='admin-audit-filter'>
      <View className='admin-sheet__chips admin-audit-filter__row admin-audit-filter__row--operator'>
        {chip(!filters.operatorId, '全部人员', 'admin-audit-filter__operator--all', () => onChange({ ...filters, operatorId: undefined }))}
        {operators.map((o) => chip(filters.operatorId === o.id, o.name, `admin-audit-filter__operator--${o.id}`, () => onChange({ ...filters, operatorId: o.id })))}
      </View>
      <View className='admin-sheet__chips admin-audit-filter__row admin-audit-filter__row--area'>
        {chip(!filters.area, '全部类别', 'admin-audit-filter__area--all', () => onChange({ ...filters, area: undefined }))}
        {AUDIT_AREAS.map((a) => chip(filters.area === a.key, a.label, `admin-audit-filter__area--${a.key}`, () => onChange({ ...filters, area: a.key })))}
      </View>
      <DayRange from={filters.from ?? ''} to={filters.to ?? ''} today={shanghaiDay(new Date())} fromText='开始日期' toText='结束日期' clearable
        fromClass='admin-audit-filter__from' toClass='admin-audit-filter__to' clearClass='admin-audit-filter__clear'
        onChange={({ from, to }) => onChange({ ...filters, from: from || undefined, to: to && (!from || to >= from) ? to : undefined })} />
    </View>
  );
}

/** 审计日志 (operators): every changing admin action, newest first, a page at a time at the bottom. */
export default function AdminAuditPage() {
  const { operator, loading } = useOperator();
  const operatorId = operator?.id ?? null;
  const [entries, setEntries] = useState<AuditEntryDto[] | null>(null);
  const [more, setMore] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [filters, setFilters] = useState<Filters>({});
  // Guards against overlapping loads and answers for a list that has since been reloaded.
  const generation = useRef(0);
  const busy = useRef(false);

  const reload = useCallback(() => {
    if (operatorId === null) return;
    const gen = ++generation.current;
    busy.current = true;
    setPhase('loading');
    listAudit(filters).then(
      (page) => {
        if (gen !== generation.current) return;
        busy.current = false;
        setEntries(page);
        setMore(page.length >= AUDIT_PAGE_SIZE);
        setPhase('idle');
      },
      () => {
        if (gen !== generation.current) return;
        busy.current = false;
        setPhase('error');
      },
    );
  }, [operatorId, filters]);
  useEffect(reload, [reload]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) reload();
    shown.current = true;
  });

  const loadMore = useCallback(() => {
    if (busy.current || !more || !entries?.length) return;
    const gen = generation.current;
    busy.current = true;
    setPhase('loading');
    listAudit(filters, entries[entries.length - 1].id).then(
      (page) => {
        if (gen !== generation.current) return;
        busy.current = false;
        setEntries((list) => [...(list ?? []), ...page]);
        setMore(page.length >= AUDIT_PAGE_SIZE);
        setPhase('idle');
      },
      () => {
        if (gen !== generation.current) return;
        busy.current = false;
        setPhase('error');
      },
    );
  }, [more, entries, filters]);
  useReachBottom(loadMore);

  if (!operator) {
    return <NotStaff className='admin-audit' loading={loading} screen='审计日志' />;
  }

  let body;
  if (entries === null) {
    body =
      phase === 'error' ? (
        <EmptyState icon={<Clock size={36} color='#ff8a3d' />} title='加载失败' description='请稍后重试' action={<Button className='admin-audit__retry' onClick={reload}>重新加载</Button>} />
      ) : (
        <Text className='admin-audit__loading'>加载中…</Text>
      );
  } else if (entries.length === 0) {
    const filtered = Boolean(filters.operatorId || filters.area || filters.from || filters.to);
    body = filtered
      ? <EmptyState icon={<Clock size={36} color='#ff8a3d' />} title='没有符合条件的记录' description='换个操作人、类别或日期试试。' />
      : <EmptyState icon={<Clock size={36} color='#ff8a3d' />} title='暂无操作记录' description='发货、退款、优惠券等管理操作会记录在这里。' />;
  } else {
    body = (
      <>
        {entries.map((entry) => (
          <AuditCard key={entry.id} entry={entry} />
        ))}
        <View className='admin-audit__footer'>
          {phase === 'loading' ? (
            <Text className='admin-audit__note'>加载中…</Text>
          ) : phase === 'error' ? (
            <Text className='admin-audit__note admin-audit__note--retry' onClick={loadMore}>
              加载失败，点击重试
            </Text>
          ) : more ? (
            <Text className='admin-audit__note admin-audit__note--retry' onClick={loadMore}>
              上拉加载更多
            </Text>
          ) : (
            <Text className='admin-audit__note'>没有更多了</Text>
          )}
        </View>
      </>
    );
  }

  return (
    <View className='admin-audit'>
      <AuditFilters filters={filters} onChange={setFilters} />
      <View className='admin-audit__list'>{body}</View>
    </View>
  );
}
