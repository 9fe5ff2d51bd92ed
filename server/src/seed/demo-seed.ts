import { Logger } from '@nestjs/common';
import { addDays, shanghaiDay, startOfShanghaiDay } from '@jifen/shared';
import type { INestApplicationContext } from '@nestjs/common';
import { Clock, ManualClock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { Category } from '../catalog/category.entity.js';
import { Goods } from '../catalog/goods.entity.js';
import { Sku } from '../catalog/sku.entity.js';
import { MallItem } from '../mall/mall.entities.js';
import { BannersService } from '../campaigns/banners.service.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { Member } from '../members/member.entity.js';
import { DEMO_CATEGORIES, DEMO_DETAILS, DEMO_GOODS, DEMO_OPERATOR, DEMO_OWNER, DEMO_SHOPPERS, DEMO_VETERAN } from './demo-data.js';
import { DEV_OPENID_PREFIX } from '../auth/auth.service.js';
import { seedDemoHistory } from './demo-history.js';
import { seedDemoCoupons } from './demo-coupons.js';

const DAY = 86_400_000;

/**
 * Loads the demo shop into an empty database (no members and no goods); does nothing
 * otherwise, so it is safe on every start. Returns whether it seeded. The shop opens the day
 * before 小明 joins and everything after is done through the services at its moment, so the
 * app's clock must be one the seed can move (see seed-app.ts); it is put back at the end.
 */
export async function seedDemo(app: INestApplicationContext): Promise<boolean> {
  const clock = app.get(Clock);
  if (!(clock instanceof ManualClock)) throw new Error('the demo shop is built on a clock it can move: seed it with seedDemoApart');
  const real = clock.now();
  clock.set(new Date(real.getTime() - (DEMO_VETERAN.daysAgo + 1) * DAY));
  try {
    return await build(app, clock, real);
  } finally {
    clock.set(real);
  }
}

async function build(app: INestApplicationContext, clock: ManualClock, real: Date): Promise<boolean> {
  const tx = app.get(Db);
  const now = clock.now();
  const seeded = await tx.unit(async (m) => {
    if ((await m.count(Member)) > 0 || (await m.count(Goods)) > 0) return false;
    const stamp = { createdAt: now, updatedAt: now };
    const categories = new Map<string, Category>();
    for (const [sort, c] of DEMO_CATEGORIES.entries()) {
      const row = await m.save(m.create(Category, { name: c.name, icon: `/assets/categories/${c.slug}.png`, sort, ...stamp }));
      categories.set(c.slug, row);
    }
    for (const [sort, g] of DEMO_GOODS.entries()) {
      const { slug, category, ...fields } = g;
      // The demo has one picture of each goods item: its gallery is that picture, never another goods'.
      const images = [`/assets/goods/${slug}.png`];
      const detail = DEMO_DETAILS[slug]!;
      const goods = await m.save(m.create(Goods, {
        ...fields, categoryId: categories.get(category)!.id, image: `/assets/goods/${slug}.png`, images: JSON.stringify(images), description: detail.description,
        status: 'on_sale', sort, ...stamp,
      }));
      for (const [skuSort, sku] of detail.skus.entries()) {
        await m.save(m.create(Sku, { goodsId: goods.id, name: sku.name, priceFen: sku.priceFen, stock: sku.stock, sales: 0, sort: skuSort, ...stamp }));
      }
      if (g.pointsPrice !== null) {
        await m.save(m.create(MallItem, {
          kind: 'goods', title: g.title, subtitle: g.subtitle, image: goods.image, goodsId: goods.id, points: g.pointsPrice,
          stock: Math.min(g.stock, 50), perMemberLimit: 2, startsAt: null, endsAt: null, status: 'on', sort, ...stamp,
        }));
      }
      if (slug === 'towel') {
        // Points + cash: fewer points, the rest paid like an order.
        await m.save(m.create(MallItem, {
          kind: 'goods', title: `${g.title} 积分+钱购`, subtitle: '2,000 积分 + ¥19.90', image: goods.image, goodsId: goods.id, points: 2_000, cashFen: 1_990,
          stock: 30, perMemberLimit: 1, startsAt: null, endsAt: null, status: 'on', sort: -3, ...stamp,
        }));
      }
    }
    const people = [
      { nickname: DEMO_OWNER.nickname, role: DEMO_OWNER.role },
      { nickname: DEMO_OPERATOR.nickname, role: DEMO_OPERATOR.role },
      ...DEMO_SHOPPERS.map((nickname) => ({ nickname, role: 'member' as const })),
    ];
    const veteranArrives = new Date(startOfShanghaiDay(addDays(shanghaiDay(real), -DEMO_VETERAN.daysAgo)).getTime() + 9 * 3_600_000);
    for (const p of people) {
      // 小明 arrives the next day (his history signs him up), 阿花 only just now.
      const createdAt = p.nickname === DEMO_VETERAN.nickname ? veteranArrives : p.nickname === DEMO_SHOPPERS[1] ? real : now;
      await m.save(m.create(Member, {
        openid: `${DEV_OPENID_PREFIX}${p.nickname}`, unionid: null, nickname: p.nickname, avatarUrl: null, role: p.role, tier: 'normal', tokenVersion: 0,
        phone: null, signedUpAt: null, createdAt, updatedAt: createdAt,
      }));
    }
    return true;
  });
  if (seeded) {
    const shopper = await app.get(Db).unit((m) => m.findOneByOrFail(Member, { openid: `${DEV_OPENID_PREFIX}${DEMO_SHOPPERS[0]}` }));
    await seedDemoCoupons(app, shanghaiDay(real));
    await seedDemoHistory(app, clock, shopper.id, shanghaiDay(real));
    // Made as an operator makes them in 管理 → 活动: the 会员日 and the banners that promise it.
    // After 小明's history, so his 40 days earn the same whatever weekday the demo starts on.
    const memberDay = await app.get(CampaignsService).create({
      name: '会员日', kind: 'multiplier', multiplierPct: 200, bonusPoints: 0, goodsIds: [], startsOn: '2026-01-01', endsOn: '2099-12-31', weekdays: [5], daysOfMonth: [],
    });
    const banners = app.get(BannersService);
    await banners.create({ title: '会员日 积分翻倍', image: '/assets/banners/double-points.png', link: { kind: 'campaign', campaignId: memberDay.id } });
    await banners.create({ title: '新人礼 100 积分', image: '/assets/banners/new-member.png', link: { kind: 'page', page: 'me' } });
  }
  if (seeded) new Logger('Seed').log(`demo shop loaded: ${DEMO_GOODS.length} goods, owner ${DEMO_OWNER.nickname}, operator ${DEMO_OPERATOR.nickname}, shoppers ${DEMO_SHOPPERS.join(', ')}`);
  return seeded;
}
