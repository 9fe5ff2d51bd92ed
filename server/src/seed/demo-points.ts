import type { INestApplicationContext } from '@nestjs/common';
import { addDays, endOfShanghaiDay, shanghaiDay, startOfShanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { LedgerService } from '../ledger/ledger.service.js';

const HOUR = 3_600_000;

/**
 * A believable points history for a demo shopper, through the real ledger: the new-member
 * gift, check-ins, purchases (pending, then confirmed), points used as cash, a mall
 * redemption, and a lot that expires within the month.
 */
export async function seedDemoPoints(app: INestApplicationContext, memberId: number): Promise<void> {
  const ledger = app.get(LedgerService);
  const today = shanghaiDay(app.get(Clock).now());
  const at = (daysAgo: number, hour: number) => new Date(startOfShanghaiDay(addDays(today, -daysAgo)).getTime() + hour * HOUR);
  const k = (name: string) => `demo:${memberId}:${name}`;
  const order = (id: string) => ({ type: 'order', id });

  await ledger.earn({ memberId, amount: 100, source: 'signup', key: k('signup'), ref: { type: 'gift', id: 'new-member' }, at: at(40, 10) });
  await ledger.earn({ memberId, amount: 1_390, source: 'purchase', key: k('order-1001'), ref: order('1001'), pending: true, at: at(30, 20) });
  await ledger.confirmPending({ key: k('order-1001-done'), holdKey: k('order-1001'), at: at(22, 9) });
  // In time order, as they would have happened: nine days of check-ins with a spend and a
  // redemption in between, then a campaign bonus that expires within the month.
  for (let d = 9; d >= 1; d--) {
    const streak = 10 - d;
    const points = 10 + (streak % 7 === 3 ? 10 : 0) + (streak % 7 === 0 ? 50 : 0);
    await ledger.earn({ memberId, amount: points, source: 'checkin', key: k(`checkin-${d}`), ref: { type: 'checkin', id: addDays(today, -d) }, at: at(d, 8) });
    if (d === 6) await ledger.spend({ memberId, amount: 500, source: 'cash', key: k('order-1002-cash'), ref: order('1002'), at: at(6, 21) });
    if (d === 3) await ledger.spend({ memberId, amount: 990, source: 'mall', key: k('redeem-1'), ref: { type: 'redemption', id: '1' }, at: at(3, 15) });
    if (d === 2) {
      await ledger.earn({ memberId, amount: 800, source: 'campaign', key: k('anniversary'), ref: { type: 'campaign', id: 'anniversary' }, at: at(2, 12),
        expiresAt: endOfShanghaiDay(addDays(today, 12)) });
    }
  }
  await ledger.earn({ memberId, amount: 259, source: 'purchase', key: k('order-1003'), ref: order('1003'), pending: true, at: at(1, 19) });
}
