import type { MemberTagDto } from './segments.js';
import type { ExpiringPoints, PointsEntryDto } from './ledger.js';
import type { OrderStatus } from './orders.js';
import type { Role, TierName } from './api.js';

/** 管理 → 会员: one member in a search result (the phone masked). */
export interface AdminMemberRowDto {
  id: number;
  nickname: string;
  avatarUrl: string | null;
  role: Role;
  tier: TierName;
  /** 138****8000, or null without one. */
  phone: string | null;
  available: number;
  pending: number;
  joinedAt: string;
}

/** A member's page in 管理: what an operator needs to answer them at the till or on the phone. */
export interface AdminMemberDto extends AdminMemberRowDto {
  debt: number;
  expiring: ExpiringPoints[];
  /** The newest 20 ledger entries. */
  entries: PointsEntryDto[];
  orders: { id: number; orderNo: string; status: OrderStatus; payFen: number; points: number; createdAt: string }[];
  coupons: { available: number; used: number; expired: number };
  invites: { invited: number; signedUp: number; rewarded: number; points: number };
  checkins: { last30Days: number; lastDay: string | null; streak: number };
  adjustments: AdjustmentDto[];
  /** The RFM group first, then operators' tags. */
  tags: MemberTagDto[];
}

export type AdjustmentStatus = 'applied' | 'pending' | 'approved' | 'rejected';

export const ADJUSTMENT_STATUS_LABELS: Record<AdjustmentStatus, string> = {
  applied: '已调整',
  pending: '待店主审批',
  approved: '已批准',
  rejected: '已驳回',
};

/** 调整积分: signed whole points and why (shown in the member's 积分明细 and the audit log). */
export interface AdjustmentRequest {
  amount: number;
  reason: string;
}

export interface AdjustmentDto {
  id: number;
  memberId: number;
  memberName: string;
  amount: number;
  reason: string;
  status: AdjustmentStatus;
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

export interface AdjustmentDecisionRequest {
  note?: string;
}

export const ADJUSTMENT_REASON_MAX = 100;

export type FlagStatus = 'open' | 'cleared' | 'clawed_back';

export const FLAG_STATUS_LABELS: Record<FlagStatus, string> = { open: '待审核', cleared: '已确认无误', clawed_back: '已追回' };

/** 异常积分: a ledger entry past the anomaly thresholds, for an operator to clear or claw back. */
export interface FlagDto {
  id: number;
  memberId: number;
  memberName: string;
  entryId: number;
  amount: number;
  source: string;
  title: string;
  entryAt: string;
  reason: string;
  status: FlagStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
}
