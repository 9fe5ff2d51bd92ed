/**
 * 审计日志's areas: which admin routes each covers, by path prefix. An operator filters the log
 * by one; the server turns it into a match on the recorded action (`METHOD /api/admin/…`).
 */
export const AUDIT_AREAS = [
  { key: 'orders', label: '订单', prefixes: ['/api/admin/orders'] },
  { key: 'catalog', label: '商品', prefixes: ['/api/admin/catalog'] },
  { key: 'mall', label: '积分商城', prefixes: ['/api/admin/mall'] },
  { key: 'coupons', label: '优惠券', prefixes: ['/api/admin/coupons'] },
  { key: 'campaigns', label: '活动与轮播', prefixes: ['/api/admin/campaigns', '/api/admin/banners'] },
  { key: 'rules', label: '积分规则', prefixes: ['/api/admin/rules'] },
  { key: 'staff', label: '店员权限', prefixes: ['/api/admin/staff'] },
  { key: 'reminders', label: '消息通知', prefixes: ['/api/admin/reminders'] },
  { key: 'members', label: '会员与积分', prefixes: ['/api/admin/members', '/api/admin/adjustments', '/api/admin/flags'] },
  { key: 'marketing', label: '分群与发券', prefixes: ['/api/admin/tags', '/api/admin/coupon-batches'] },
  { key: 'open_api', label: '开放接口', prefixes: ['/api/admin/open-api'] },
] as const;

export type AuditArea = (typeof AUDIT_AREAS)[number]['key'];

export const AUDIT_AREA_KEYS: readonly AuditArea[] = AUDIT_AREAS.map((a) => a.key);

/** The area of a recorded action (`POST /api/admin/orders/:id/ship` → orders), or null. */
export function auditAreaOf(action: string): AuditArea | null {
  const path = action.slice(action.indexOf(' ') + 1);
  return AUDIT_AREAS.find((a) => a.prefixes.some((p) => path === p || path.startsWith(`${p}/`)))?.key ?? null;
}

/** 审计日志's filters: any of them, all optional; days are Shanghai days, inclusive. */
export interface AuditQuery {
  operatorId?: number;
  area?: AuditArea;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}
