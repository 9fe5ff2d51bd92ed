import type { INestApplicationContext } from '@nestjs/common';
import { addDays, endOfShanghaiDay, startOfShanghaiDay } from '@jifen/shared';
import { AddressesService } from '../addresses/addresses.service.js';
import { Goods } from '../catalog/goods.entity.js';
import { Sku } from '../catalog/sku.entity.js';
import { CheckinService } from '../checkin/checkin.service.js';
import type { ManualClock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { CouponTemplate } from '../coupons/coupon.entities.js';
import { CouponsService } from '../coupons/coupons.service.js';
import { Events } from '../events/events.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { MallItem } from '../mall/mall.entities.js';
import { MallService } from '../mall/mall.service.js';
import { SignupService } from '../members/signup.service.js';
import { OrdersService } from '../orders/orders.service.js';
import { PaymentsService } from '../orders/payments.service.js';
import { DEMO_ADDRESS, DEMO_GOODS, DEMO_VETERAN } from './demo-data.js';

const HOUR = 3_600_000;

/**
 * 小明's 40 days as a member, lived through the same services a shopper's taps reach, with the
 * clock moved to each moment: sign-up (新人礼 and the new-member coupon), a first order that
 * uses that coupon and completes a week later (purchase points, 成长值, 银卡), nine days of
 * 签到, an order paid partly with points, coupons claimed (one left to expire), a coupon bought
 * in the points mall (in 我的兑换, then used), a campaign bonus that expires this month, and yesterday's
 * order still on its way (its points 待入账). Every page then tells the same story as the ledger.
 */
export async function seedDemoHistory(app: INestApplicationContext, clock: ManualClock, memberId: number, today: string): Promise<void> {
  const db = app.get(Db);
  const events = app.get(Events);
  const orders = app.get(OrdersService);
  const payments = app.get(PaymentsService);
  const coupons = app.get(CouponsService);
  const at = async (daysAgo: number, hour: number, minute = 0) => {
    clock.set(new Date(startOfShanghaiDay(addDays(today, -daysAgo)).getTime() + hour * HOUR + minute * 60_000));
    await events.drain(); // what the moment's events (sign-up, completion) set off, at that moment
  };
  const sku = async (slug: string, index = 0) => {
    const title = DEMO_GOODS.find((g) => g.slug === slug)!.title;
    const goods = await db.read((m) => m.findOneByOrFail(Goods, { title }));
    return (await db.read((m) => m.find(Sku, { where: { goodsId: goods.id }, order: { sort: 'ASC' } })))[index].id;
  };
  const template = (name: string) => db.read((m) => m.findOneByOrFail(CouponTemplate, { name }));
  const buy = async (lines: { skuId: number; quantity: number }[], points = 0) => {
    const order = await orders.create(memberId, { lines, addressId, points }, `demo-${clock.now().getTime()}`);
    await payments.sandboxPay(memberId, order.id);
    return order.id;
  };

  await at(DEMO_VETERAN.daysAgo, 10);
  await app.get(SignupService).complete(memberId, DEMO_VETERAN.phone);
  const addressId = (await app.get(AddressesService).create(memberId, { ...DEMO_ADDRESS, isDefault: true })).id;

  await at(30, 20);
  // The first order takes the best coupon held, the new-member one.
  const first = await buy([{ skuId: await sku('earphones'), quantity: 1 }, { skuId: await sku('cherry', 1), quantity: 2 }, { skuId: await sku('rice', 1), quantity: 1 }]);
  await at(29, 11);
  await orders.ship(first, { expressCompany: '顺丰速运', trackingNo: 'SF1402938475610' });
  await at(22, 9);
  await orders.confirm(memberId, first);
  await at(20, 9);
  await coupons.claim(memberId, (await template('无门槛减5')).id, 'demo-claim-5'); // claimed, never used: it expires

  let second = 0;
  for (let d = 9; d >= 1; d--) {
    await at(d, 8, 12);
    await app.get(CheckinService).checkIn(memberId);
    if (d === 6) {
      await at(6, 21);
      second = await buy([{ skuId: await sku('coffee'), quantity: 1 }, { skuId: await sku('nuts'), quantity: 1 }], 500);
    }
    if (d === 5) {
      await at(5, 14);
      await orders.ship(second, { expressCompany: '中通快递', trackingNo: 'ZT7730016452881' });
      await coupons.claim(memberId, (await template('满100减20')).id, 'demo-claim-100');
    }
    if (d === 3) {
      await at(3, 15);
      const item = await db.read((m) => m.findOneByOrFail(MallItem, { title: '满59减10 优惠券' }));
      await app.get(MallService).redeem(memberId, item.id, 'demo-redeem-coupon');
    }
    if (d === 2) {
      await at(2, 10);
      await orders.confirm(memberId, second);
      await at(2, 12);
      // The shop's anniversary gift, 800 points that lapse in 12 days.
      await app.get(LedgerService).earn({
        memberId, amount: 800, source: 'campaign', key: `demo:${memberId}:anniversary`, ref: { type: 'campaign', id: 'anniversary' },
        expiresAt: endOfShanghaiDay(addDays(today, 12)),
      });
    }
    if (d === 1) await coupons.claim(memberId, (await template('零食9折券')).id, 'demo-claim-snacks');
  }
  await at(1, 19);
  // Paid yesterday with the coupon bought for points, not yet shipped: its points are 待入账.
  await buy([{ skuId: await sku('mango'), quantity: 2 }]);
}
