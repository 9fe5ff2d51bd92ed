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
