/** Topics and payloads of the domain events that cross modules (handled after commit). */
export interface EventPayloads {
  /** A member completed sign-up with a verified phone. */
  'member.signed_up': { memberId: number; at: string };
  /** An order was completed (receipt confirmed or auto-completed); emitted by orders. */
  'order.completed': { orderId: number; memberId: number; paidFen: number; at: string };
  /** An invitee's first paid order completed and the inviter was rewarded: the invitee's coupon follows. */
  'invite.rewarded': { inviteId: number; inviterId: number; inviteeId: number; at: string };
  /** An inviter's reward was paid into the ledger: at the invitee's sign-up or first order. */
  'invite.reward_paid': { inviteId: number; inviterId: number; inviteeId: number; points: number; stage: 'signup' | 'order'; at: string };
  /** An operator shipped an order; reported to WeChat (发货信息录入) after commit. */
  'order.shipped': { orderId: number; at: string };
  /** A targeted batch issued coupons to its members with ids in [fromMemberId, toMemberId]: the reminders follow. */
  'coupon.batch_sent': { batchId: number; fromMemberId: number; toMemberId: number; at: string };
  /** An order was refunded in whole or part before or after completion; emitted by orders. */
  'order.refunded': { orderId: number; refundId: number; memberId: number; completed: boolean; refundFen: number; remainingFen: number; at: string };
}

export type Topic = keyof EventPayloads;
