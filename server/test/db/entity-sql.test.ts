import { startTestApp, type TestApp } from '../support/app.js';
import { createMembers } from '../support/members.js';
import { Db } from '../../src/common/db.js';
import { Address } from '../../src/addresses/address.entity.js';
import { Order } from '../../src/orders/order.entities.js';

/**
 * The hot paths read and write entities through Db.findBy/insertEntity/updateBy instead of
 * TypeORM's query builder: what they read must be exactly what TypeORM reads (dates, nulls,
 * transformed booleans), on both databases.
 */
describe('entity rows without the query builder', () => {
  let t: TestApp;
  let db: Db;
  let memberId: number;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(Db);
    [memberId] = await createMembers(t.dataSource, 1, 'rows');
  });
  afterAll(() => t.close());

  const address = (detail: string, isDefault: boolean, deleted = false): Omit<Address, 'id'> => ({
    memberId, name: '张三', phone: '13900000000', province: '上海市', city: '上海市', district: '黄浦区', detail, isDefault, deleted,
    createdAt: new Date('2026-03-01T02:03:04.567Z'), updatedAt: new Date('2026-03-01T02:03:04.567Z'),
  });

  it('reads what TypeORM reads and writes what TypeORM would', async () => {
    const viaTypeorm = await db.unit((m) => m.save(m.create(Address, address('一号', true))));
    const viaRows = await db.unit(() => db.insertEntity(Address, address('二号', false)));
    for (const id of [viaTypeorm.id, viaRows]) {
      const mine = await db.findOneBy(Address, { id });
      const theirs = await db.read((m) => m.findOneBy(Address, { id }));
      expect(mine).toBeInstanceOf(Address);
      expect(mine).toEqual(theirs);
    }
    expect((await db.findOneBy(Address, { id: viaRows }))!.isDefault).toBe(false);
    expect((await db.findOneBy(Address, { id: viaTypeorm.id }))!.createdAt.toISOString()).toBe('2026-03-01T02:03:04.567Z');
  });

  it('keeps nulls, dates and JSON text of an order as TypeORM does', async () => {
    const now = t.clock.now();
    const values: Omit<Order, 'id'> = {
      memberId, status: 'pending', source: 'shop', goodsFen: 12_345, couponId: null, couponName: null, couponFen: 0, points: 0, pointsFen: 0,
      payFen: 12_345, refundedFen: 0, earnPoints: 12, earnTier: 'silver', earnCampaignPct: 200, earnBonus: null, earnState: 'none', address: JSON.stringify({ name: '张三', phone: '1', full: '上海' }),
      remark: '', requestKey: `rows:${now.getTime()}`, payDeadline: new Date(now.getTime() + 900_000), paidAt: null, payChannel: null,
      transactionId: null, shippedAt: null, expressCompany: null, trackingNo: null, autoCompleteAt: null, completedAt: null, closedAt: null,
      closeReason: null, resumeStatus: null, orderNo: `R${now.getTime()}`, createdAt: now, updatedAt: now,
    };
    const id = await db.unit(() => db.insertEntity(Order, values));
    const theirs = await db.read((m) => m.findOneByOrFail(Order, { id }));
    expect(await db.findOneBy(Order, { id })).toEqual(theirs);
    expect(theirs).toEqual({ ...values, id });
  });

  it('matches arrays with IN, null with IS NULL, an empty array with nothing, and updates by condition', async () => {
    const ids = await db.unit(async () => [
      await db.insertEntity(Address, address('三号', false)),
      await db.insertEntity(Address, address('四号', false, true)),
    ]);
    expect((await db.findBy(Address, { id: ids }, 'ORDER BY id DESC')).map((a) => a.detail)).toEqual(['四号', '三号']);
    expect((await db.findBy(Address, { id: ids, deleted: false })).map((a) => a.detail)).toEqual(['三号']);
    expect(await db.findBy(Address, { id: [] })).toEqual([]);
    const orders = await db.findBy(Order, { memberId, couponId: null });
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => o.couponId === null)).toBe(true);

    const changed = await db.unit(() => db.updateBy(Address, { id: ids, deleted: false }, { detail: '三号甲', updatedAt: t.clock.now() }));
    expect(changed).toBe(1);
    expect((await db.read((m) => m.findOneByOrFail(Address, { id: ids[0] }))).detail).toBe('三号甲');
    await expect(db.unit(() => db.updateBy(Address, {}, { detail: 'x' }))).rejects.toThrow('without a condition');
  });
});
