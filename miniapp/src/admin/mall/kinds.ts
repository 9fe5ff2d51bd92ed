import { formatYuan, type AdminMallItemDto, type MallItemKind } from '@jifen/shared';
import { formatPoints } from '../../utils/format';

export const KIND_LABEL: Record<MallItemKind, string> = { goods: '实物', coupon: '优惠券', virtual: '虚拟卡券' };

/** "2,000 积分 + ¥19.90" / "500 积分". */
export function priceText(i: Pick<AdminMallItemDto, 'points' | 'cashFen'>): string {
  return `${formatPoints(i.points)} 积分${i.cashFen > 0 ? ` + ¥${formatYuan(i.cashFen)}` : ''}`;
}
