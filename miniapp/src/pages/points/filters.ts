import type { EntryKind } from '@jifen/shared';

export type FilterKey = 'all' | 'earned' | 'spent' | 'pending' | 'expired';

export interface FilterDef {
  key: FilterKey;
  text: string;
  /** What `GET /api/points/entries?kind=` gets; empty is every kind. */
  kinds: readonly EntryKind[];
  /** Said when the filter has no entries. */
  empty: { title: string; description: string };
}

/**
 * The tabs of 积分明细. Each is a kind list the server filters on. `reverse` and `adjust` can
 * go either way (a refund gives points back, a clawback takes them), so they appear under 全部
 * only rather than under a tab that would sometimes be wrong.
 */
export const FILTERS: readonly FilterDef[] = [
  { key: 'all', text: '全部', kinds: [], empty: { title: '还没有积分记录', description: '购物、签到、邀请好友都能赚积分' } },
  { key: 'earned', text: '获得', kinds: ['earn', 'confirm'], empty: { title: '暂无获得记录', description: '购物、签到、邀请好友都能赚积分' } },
  { key: 'spent', text: '使用', kinds: ['spend'], empty: { title: '暂无使用记录', description: '积分可在积分商城兑换好物，或下单时抵现' } },
  { key: 'pending', text: '待入账', kinds: ['pending', 'cancel'], empty: { title: '暂无待入账积分', description: '订单完成后，购物奖励积分将自动到账' } },
  { key: 'expired', text: '过期', kinds: ['expire'], empty: { title: '暂无过期积分', description: '积分到期前，我的页面会提前提醒你' } },
];

export function filterOf(key: string | undefined): FilterDef {
  return FILTERS.find((f) => f.key === key) ?? FILTERS[0];
}
