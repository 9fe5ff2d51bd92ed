/** Invite (邀请有礼) API shapes. Rewards are fixed and disclosed: never for the act of sharing. */

export type InviteStatus = 'opened' | 'signed_up' | 'ordered' | 'rewarded' | 'expired';

export const INVITE_STATUS_LABELS: Record<InviteStatus, string> = {
  opened: '已打开',
  signed_up: '已注册',
  ordered: '已下单',
  rewarded: '已奖励',
  expired: '已过期',
};

export interface InviteRulesDto {
  /** Inviter's points when the invitee completes sign-up with a verified phone. */
  signupPoints: number;
  /** Inviter's points when the invitee's first paid order completes. */
  orderPoints: number;
  /** The coupon the invitee gets with that first order (「满100减20券」), or null when none is set. */
  inviteeReward: string | null;
  /** Rewarded invitees per inviter per month. */
  monthlyCap: number;
  /** Days a link counts before the friend signs up. */
  attributionDays: number;
}

export interface InviteItemDto {
  /** Masked, e.g. 小*. */
  nickname: string;
  status: InviteStatus;
  points: number;
  openedAt: string;
}

export interface MyInvitesDto {
  code: string;
  /** Page path with the code, for onShareAppMessage and the H5 link. */
  sharePath: string;
  rules: InviteRulesDto;
  totals: { invited: number; signedUp: number; ordered: number; points: number };
  items: InviteItemDto[];
}

export interface InviteVisitRequest {
  code: string;
}

export interface InviteVisitDto {
  /** Whether this visit can attribute the member's sign-up to the inviter. */
  counted: boolean;
}

/** 小明 → 小*, 张三丰 → 张*丰: invitees' names are masked for the inviter. */
export function maskNickname(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(3, chars.length - 2))}${chars[chars.length - 1]}`;
}
