/** Points ledger vocabulary shared by the server and the mini-program. */

/** What an entry did to the account. */
export const ENTRY_KINDS = ['earn', 'pending', 'confirm', 'cancel', 'spend', 'expire', 'reverse', 'adjust'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** What the points were for. */
export const ENTRY_SOURCES = [
  'purchase', 'checkin', 'makeup', 'invite', 'signup', 'review', 'campaign', 'pos',
  'cash', 'mall', 'lottery', 'adjust', 'expiry', 'refund',
] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

/** Sources that count towards the daily cap on non-purchase earnings. */
export const CAPPED_SOURCES: readonly EntrySource[] = ['checkin', 'makeup', 'invite', 'signup', 'review', 'campaign'];

export const KIND_LABELS: Record<EntryKind, string> = {
  earn: '获得',
  pending: '待到账',
  confirm: '已到账',
  cancel: '已取消',
  spend: '使用',
  expire: '过期',
  reverse: '退回',
  adjust: '调整',
};

export const SOURCE_LABELS: Record<EntrySource, string> = {
  purchase: '购物奖励',
  checkin: '每日签到',
  makeup: '补签',
  invite: '邀请有礼',
  signup: '新人礼',
  review: '评价奖励',
  campaign: '活动奖励',
  pos: '门店消费',
  cash: '积分抵现',
  mall: '积分兑换',
  lottery: '积分抽奖',
  adjust: '客服调整',
  expiry: '积分过期',
  refund: '退款',
};

/** The line a member reads in 积分明细, e.g. "购物奖励 · 已到账" or "积分兑换". */
export function entryTitle(kind: EntryKind, source: EntrySource): string {
  switch (kind) {
    case 'expire':
      return '积分过期';
    case 'pending':
      return `${SOURCE_LABELS[source]}（待到账）`;
    case 'confirm':
      return `${SOURCE_LABELS[source]}（已到账）`;
    case 'cancel':
      return `${SOURCE_LABELS[source]}（已取消）`;
    case 'reverse':
      return `${SOURCE_LABELS[source]}（退回）`;
    default:
      return SOURCE_LABELS[source];
  }
}

export interface ExpiringPoints {
  /** Shanghai day, YYYY-MM-DD: the points expire at the end of it. */
  date: string;
  amount: number;
}

export interface PointsBalanceDto {
  available: number;
  pending: number;
  /** Points owed after a clawback of points already spent; later earnings pay it first. */
  debt: number;
  /** Soonest first, within the next 30 days. */
  expiring: ExpiringPoints[];
}

export interface PointsEntryDto {
  id: number;
  kind: EntryKind;
  source: EntrySource;
  title: string;
  /** Change to available points (negative for spend, expire, clawback). */
  amount: number;
  /** Change to pending points. */
  pendingAmount: number;
  /** Available points after this entry. */
  availableAfter: number;
  refType: string;
  refId: string;
  reason: string | null;
  /** When the points of this entry expire (earnings only). */
  expiresAt: string | null;
  createdAt: string;
}

/** One line of a monthly statement: what, where and when, and the balance after. */
export interface StatementEntryDto {
  at: string;
  title: string;
  /** Where it happened, in words: 线上订单 J2026…, 门店 nanjing-rd 收银单 POS-1, 每日签到 2026-12-01… */
  where: string;
  amount: number;
  pendingAmount: number;
  balanceAfter: number;
}

/** 积分对账单 of a Shanghai month: opening, every entry, closing, and what expires the month after. */
export interface StatementDto {
  memberId: number;
  month: string;
  opening: number;
  closing: number;
  entries: StatementEntryDto[];
  expiringNextMonth: number;
}

/** Where an entry came from, in words, from its reference (a statement's 来源). */
export function statementWhere(refType: string, refId: string): string {
  switch (refType) {
    case 'order':
      return `线上订单 ${refId}`;
    case 'pos_order': {
      const [store, order] = refId.split(':');
      return `门店 ${store} 收银单 ${order ?? ''}`.trim();
    }
    case 'pos_refund': {
      const [store, refund] = refId.split(':');
      return `门店 ${store} 退款 ${refund ?? ''}`.trim();
    }
    case 'checkin':
      return `每日签到 ${refId}`;
    case 'redemption':
      return '积分商城兑换';
    case 'invite':
      return '邀请好友';
    case 'gift':
      return '新人礼';
    case 'campaign':
      return '积分活动';
    case 'adjustment':
      return '店铺调整';
    case 'expiry':
      return '到期清零';
    case 'flag':
      return '异常积分追回';
    default:
      return refType;
  }
}
