import type { INestApplicationContext } from '@nestjs/common';
import { addDays, type CouponChannel, endOfShanghaiDay, shanghaiDay, startOfShanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { Category } from '../catalog/category.entity.js';
import { MallAdminService } from '../mall/mall-admin.service.js';
import { Coupon } from '../coupons/coupon.entities.js';
import { CouponsService, type CouponTemplateInput } from '../coupons/coupons.service.js';
import { Member } from '../members/member.entity.js';
import { RulesAdminService } from '../rules/rules-admin.service.js';

const DAY = 86_400_000;

/**
 * The demo shop's coupons and points-mall items, made as an operator makes them in 管理: four
 * in the claim centre, the new-member and invite gifts, coupons and a code card for points.
 * `today` is the real day the demo is seeded on (the clock stands at the shop's opening).
 */
export async function seedDemoCoupons(app: INestApplicationContext, today: string): Promise<void> {
  const coupons = app.get(CouponsService);
  const tx = app.get(Db);
  const now = app.get(Clock).now();
  const snacks = await tx.read((m) => m.findOneByOrFail(Category, { name: '休闲零食' }));
  const relative = (days: number) => ({ type: 'relative' as const, days });
  const make = (input: CouponTemplateInput) => coupons.createTemplate(input);

  const over100 = await make({ name: '满100减20', kind: 'threshold', thresholdFen: 10_000, amountFen: 2_000, scope: 'all', channel: 'center', validity: relative(7), perMember: 1 });
  await make({
    name: '满199减40', kind: 'threshold', thresholdFen: 19_900, amountFen: 4_000, scope: 'all', channel: 'center', total: 200, perMember: 1,
    validity: { type: 'fixed', startsAt: startOfShanghaiDay(`${today.slice(0, 7)}-01`).toISOString(), endsAt: endOfShanghaiDay(addDays(today, 30)).toISOString() },
  });
  const snackDeal = await make({
    name: '零食9折券', kind: 'discount', discountPct: 90, maxOffFen: 3_000, scope: 'categories', scopeIds: [snacks.id], channel: 'center', validity: relative(14), perMember: 1,
  });
  await make({ name: '无门槛减5', kind: 'no_threshold', amountFen: 500, scope: 'all', channel: 'center', validity: relative(7), total: 100, perMember: 1 });
  const welcome = await make({ name: '新人无门槛减10', kind: 'no_threshold', amountFen: 1_000, scope: 'all', channel: 'new_member', validity: relative(15), perMember: 1 });
  // For 管理 → 分群与标签's 定向发券: not in the claim centre, only sent to a segment or tag.
  await make({ name: '老客回馈 无门槛减8', kind: 'no_threshold', amountFen: 800, scope: 'all', channel: 'targeted', validity: relative(14), perMember: 1 });
  const inviteGift = await make({ name: '邀请好礼 满50减10', kind: 'threshold', thresholdFen: 5_000, amountFen: 1_000, scope: 'all', channel: 'invite', validity: relative(30), perMember: 1 });
  // Chosen as an owner chooses it in 管理 → 规则 → 邀请有礼, so the invite page names this coupon.
  const owner = await tx.read((m) => m.findOneByOrFail(Member, { role: 'owner' }));
  const invites = await app.get(RulesAdminService).one('invites');
  await app.get(RulesAdminService).update('invites', {
    value: { ...invites.value, inviteeTemplateId: inviteGift.id }, note: '好友首单得满50减10', baseVersion: invites.head,
  }, owner.id);
  // 店铺信息, as the owner fills it: the privacy page names who runs the shop.
  await app.get(RulesAdminService).update('shop', {
    value: { name: '积分商城演示店（非真实商户）', contact: 'demo@example.com', privacyEffectiveOn: shanghaiDay(now) }, note: '填写店铺信息', baseVersion: null,
  }, owner.id);

  // The points mall sells coupons too: 积分换券.
  const mallCoupon = await make({ name: '积分兑 满59减10', kind: 'threshold', thresholdFen: 5_900, amountFen: 1_000, scope: 'all', channel: 'mall', validity: relative(30), perMember: 3 });
  const mallCash = await make({ name: '积分兑 无门槛减3', kind: 'no_threshold', amountFen: 300, scope: 'all', channel: 'mall', validity: relative(30), perMember: 5 });
  // Made as an operator makes them in 管理 → 积分商城; the virtual item delivers from its codes.
  const mall = app.get(MallAdminService);
  await mall.create({ kind: 'coupon', title: '满59减10 优惠券', subtitle: '全场通用 · 30 天有效', points: 500, stock: 500, perMemberLimit: 3, couponTemplateId: mallCoupon.id });
  await mall.create({ kind: 'coupon', title: '无门槛减3元券', subtitle: '下单直接抵扣', points: 300, stock: 1_000, perMemberLimit: 5, couponTemplateId: mallCash.id });
  const vip = await mall.create({ kind: 'virtual', title: '视频会员月卡', subtitle: '兑换码在「我的兑换」查看', points: 1_500, perMemberLimit: 1 });
  await mall.loadCodes(vip.id, Array.from({ length: 30 }, (_, i) => `VIP-${today.replaceAll('-', '')}-${String(i + 1).padStart(3, '0')}`), null);
}
