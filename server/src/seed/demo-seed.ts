import { Logger } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { Category } from '../catalog/category.entity.js';
import { Goods } from '../catalog/goods.entity.js';
import { Sku } from '../catalog/sku.entity.js';
import { Address } from '../addresses/address.entity.js';
import { MallItem } from '../mall/mall.entities.js';
import { BannersService } from '../campaigns/banners.service.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { RulesService } from '../rules/rules.service.js';
import { Member } from '../members/member.entity.js';
import { DEMO_ADDRESS, DEMO_CATEGORIES, DEMO_DETAILS, DEMO_GOODS, DEMO_OPERATOR, DEMO_OWNER, DEMO_SHOPPERS, DEMO_VETERAN } from './demo-data.js';
import { DEV_OPENID_PREFIX } from '../auth/auth.service.js';
import { seedDemoPoints } from './demo-points.js';
import { seedDemoCoupons } from './demo-coupons.js';

/**
 * Loads the demo shop into an empty database (no members and no goods); does nothing
 * otherwise, so it is safe on every start. Returns whether it seeded.
 */
export async function seedDemo(app: INestApplicationContext): Promise<boolean> {
  const tx = app.get(Db);
  const now = app.get(Clock).now();
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
      // The gallery: the goods' own picture, then the other goods of its category (the demo has one picture each).
      const images = [slug, ...DEMO_GOODS.filter((o) => o.category === category && o.slug !== slug).map((o) => o.slug)].map((s) => `/assets/goods/${s}.png`);
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
    const joined = new Date(now.getTime() - DEMO_VETERAN.daysAgo * 86_400_000);
    for (const p of people) {
      const veteran = p.nickname === DEMO_VETERAN.nickname;
      const member = await m.save(m.create(Member, {
        openid: `${DEV_OPENID_PREFIX}${p.nickname}`, unionid: null, nickname: p.nickname, avatarUrl: null, role: p.role, tier: 'normal', tokenVersion: 0,
        phone: veteran ? DEMO_VETERAN.phone : null, signedUpAt: veteran ? joined : null,
        ...stamp, ...(veteran ? { createdAt: joined } : {}),
      }));
      if (veteran) await m.save(m.create(Address, { memberId: member.id, ...DEMO_ADDRESS, isDefault: true, deleted: false, ...stamp }));
    }
    return true;
  });
  if (seeded) {
    const shopper = await app.get(Db).unit((m) => m.findOneByOrFail(Member, { openid: `${DEV_OPENID_PREFIX}${DEMO_SHOPPERS[0]}` }));
    // Made as an operator makes them in 管理 → 活动: the 会员日 and the banners that promise it.
    const memberDay = await app.get(CampaignsService).create({
      name: '会员日', kind: 'multiplier', multiplierPct: 200, bonusPoints: 0, goodsIds: [], startsOn: '2026-01-01', endsOn: '2099-12-31', weekdays: [5], daysOfMonth: [],
    });
    const banners = app.get(BannersService);
    await banners.create({ title: '会员日 积分翻倍', image: '/assets/banners/double-points.png', link: { kind: 'campaign', campaignId: memberDay.id } });
    await banners.create({ title: '新人礼 100 积分', image: '/assets/banners/new-member.png', link: { kind: 'page', page: 'me' } });
    await seedDemoPoints(app, shopper.id);
    await seedDemoCoupons(app, shopper.id);
  }
  if (seeded) new Logger('Seed').log(`demo shop loaded: ${DEMO_GOODS.length} goods, owner ${DEMO_OWNER.nickname}, operator ${DEMO_OPERATOR.nickname}, shoppers ${DEMO_SHOPPERS.join(', ')}`);
  return seeded;
}
