import { DataSource, type DataSourceOptions } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { loadConfig } from '../../src/config/config.js';
import { MIGRATIONS, dataSourceOptions } from '../../src/database/data-source.js';
import { SkusCartAddresses1764000000009 } from '../../src/database/migrations/1764000000009-skus-cart-addresses.js';
import { Goods } from '../../src/catalog/goods.entity.js';
import { Sku } from '../../src/catalog/sku.entity.js';
import { CatalogService } from '../../src/catalog/catalog.service.js';
import { CartItem } from '../../src/cart/cart-item.entity.js';
import { CartService } from '../../src/cart/cart.service.js';
import { Address } from '../../src/addresses/address.entity.js';
import { AddressesService } from '../../src/addresses/addresses.service.js';
import type { DomainError } from '../../src/common/errors.js';

describe('catalog, cart and address book', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  let made = 0;
  /** A goods row with SKUs (price, stock) in the first demo category. */
  const goodsWith = async (skus: [number, number][], fields: Partial<Goods> = {}) => {
    const now = t.clock.now();
    const goods = await t.dataSource.getRepository(Goods).save(t.dataSource.getRepository(Goods).create({
      categoryId: 1, title: `测试商品${++made}`, subtitle: '', image: '/assets/goods/cup.png', images: '[]', description: '', priceFen: 1,
      originalPriceFen: null, pointsPrice: null, stock: 0, sales: 0, status: 'on_sale', sort: 100 + made, createdAt: now, updatedAt: now, ...fields,
    }));
    const rows = await t.dataSource.getRepository(Sku).save(skus.map(([priceFen, stock], sort) => t.dataSource.getRepository(Sku).create({
      goodsId: goods.id, name: `规格${sort + 1}`, priceFen, stock, sales: 0, sort: skus.length - sort, createdAt: now, updatedAt: now,
    })));
    return { goods, skus: rows };
  };

  describe('catalog', () => {
    it('shows a goods with its gallery, description and SKUs by sort; unknown or off sale is 404', async () => {
      const list = await t.api('GET', '/api/catalog/goods');
      const cherry = list.body.find((g: { title: string }) => g.title.startsWith('智利车厘子'));
      const detail = await t.api('GET', `/api/catalog/goods/${cherry.id}`);
      expect(detail.status).toBe(200);
      // 200 in stock less the two 5斤礼盒 in 小明's first order; the gallery is the cherries' own picture.
      expect(detail.body).toMatchObject({ id: cherry.id, priceFen: 13_900, stock: 198, images: ['/assets/goods/cherry.png'] });
      expect(detail.body.description.length).toBeGreaterThan(10);
      expect(detail.body.skus.map((s: { name: string; priceFen: number }) => [s.name, s.priceFen])).toEqual([['2斤装 JJ级', 13_900], ['5斤礼盒装 JJJ级', 35_900]]);

      // SKUs come by sort (goodsWith gives the first the highest sort)
      const { goods, skus } = await goodsWith([[500, 1], [300, 2]]);
      const mine = await t.api('GET', `/api/catalog/goods/${goods.id}`);
      expect(mine.body.skus.map((s: { id: number }) => s.id)).toEqual([skus[1]!.id, skus[0]!.id]);
      expect(mine.body.images).toEqual(['/assets/goods/cup.png']);

      const off = await goodsWith([[100, 1]], { status: 'off_sale' });
      expect([(await t.api('GET', `/api/catalog/goods/${off.goods.id}`)).body.code]).toEqual(['GOODS_NOT_FOUND']);
      const unknown = await t.api('GET', '/api/catalog/goods/999999');
      expect([unknown.status, unknown.body.code]).toEqual([404, 'GOODS_NOT_FOUND']);
      expect((await t.api('GET', '/api/catalog/goods/abc')).status).toBe(400);
    });

    it('lists the lowest SKU price and the total SKU stock', async () => {
      const { goods } = await goodsWith([[800, 4], [300, 2], [500, 3]], { priceFen: 999, stock: 1 });
      const list = await t.api('GET', '/api/catalog/goods');
      expect(list.body.find((g: { id: number }) => g.id === goods.id)).toMatchObject({ priceFen: 300, stock: 9 });
      const off = await goodsWith([[100, 1]], { status: 'off_sale' });
      expect(list.body.some((g: { id: number }) => g.id === off.goods.id)).toBe(false);
      const byCategory = await t.api('GET', `/api/catalog/goods?categoryId=2`);
      expect(byCategory.body.length).toBeGreaterThan(0);
      expect(byCategory.body.every((g: { categoryId: number }) => g.categoryId === 2)).toBe(true);
    });

    it('searches title and subtitle, with % and _ taken literally', async () => {
      const pct = await goodsWith([[100, 1]], { title: '100%纯果汁 1L' });
      const plain = await goodsWith([[100, 1]], { title: '1000ml 纯净水' });
      const under = await goodsWith([[100, 1]], { title: '礼品卡', subtitle: 'code_A 通用' });
      const ids = async (q: string) => {
        const res = await t.api('GET', `/api/catalog/goods?q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(200);
        return res.body.map((g: { id: number }) => g.id);
      };
      expect(await ids('100%')).toEqual([pct.goods.id]);
      expect(await ids('0%纯')).toEqual([pct.goods.id]);
      expect(await ids('e_A')).toEqual([under.goods.id]);
      expect(await ids('1_0')).toEqual([]);
      expect(await ids('纯')).toEqual(expect.arrayContaining([pct.goods.id, plain.goods.id]));
      expect((await ids('  车厘子  ')).length).toBe(1);
      expect((await ids('空运直达')).length).toBe(1); // a subtitle
      expect((await ids('   ')).length).toBeGreaterThan(3); // blank: everything
      const long = await t.api('GET', `/api/catalog/goods?q=${encodeURIComponent('长'.repeat(31))}`);
      expect([long.status, long.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await t.api('GET', `/api/catalog/goods?q=${encodeURIComponent(` ${'长'.repeat(30)} `)}`)).status).toBe(200);
    });

    it('skuLines gives SKUs with their goods, unknown ids absent', async () => {
      const { goods, skus } = await goodsWith([[100, 1], [200, 2]]);
      const lines = await t.app.get(CatalogService).skuLines([skus[0]!.id, skus[1]!.id, 999_999]);
      expect([...lines.keys()].sort()).toEqual([skus[0]!.id, skus[1]!.id].sort());
      expect(lines.get(skus[1]!.id)).toMatchObject({ sku: { priceFen: 200 }, goods: { id: goods.id } });
    });
  });

  describe('cart', () => {
    it('adds, merges into one line, counts, updates and removes', async () => {
      const { accessToken: token } = await t.devLogin('购物车一');
      const { skus } = await goodsWith([[1_990, 10], [2_990, 5]]);
      expect((await t.api('GET', '/api/cart')).status).toBe(401);
      const first = await t.api('POST', '/api/cart', { token, body: { skuId: skus[0]!.id, quantity: 2 } });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ skuId: skus[0]!.id, skuName: '规格1', priceFen: 1_990, quantity: 2, stock: 10, checked: true, available: true });
      const merged = await t.api('POST', '/api/cart', { token, body: { skuId: skus[0]!.id, quantity: 3 } });
      expect(merged.body).toMatchObject({ id: first.body.id, quantity: 5 });
      const second = await t.api('POST', '/api/cart', { token, body: { skuId: skus[1]!.id, quantity: 1 } });
      const list = await t.api('GET', '/api/cart', { token });
      expect(list.body.map((l: { id: number }) => l.id)).toEqual([second.body.id, first.body.id]);
      expect((await t.api('GET', '/api/cart/count', { token })).body).toEqual({ count: 6 });

      const unchecked = await t.api('PATCH', `/api/cart/${first.body.id}`, { token, body: { checked: false, quantity: 4 } });
      expect(unchecked.body).toMatchObject({ quantity: 4, checked: false });
      expect((await t.api('PATCH', `/api/cart/${first.body.id}`, { token, body: { quantity: 11 } })).body.code).toBe('STOCK_INSUFFICIENT');
      expect((await t.api('PATCH', `/api/cart/${first.body.id}`, { token, body: { quantity: 0 } })).body.code).toBe('VALIDATION_FAILED');
      expect((await t.api('PATCH', `/api/cart/${first.body.id}`, { token, body: { price: 1 } })).body.code).toBe('VALIDATION_FAILED');
      expect((await t.api('DELETE', `/api/cart/${second.body.id}`, { token })).status).toBe(204);
      expect((await t.api('DELETE', `/api/cart/${second.body.id}`, { token })).body.code).toBe('NOT_FOUND');
      expect((await t.api('GET', '/api/cart/count', { token })).body).toEqual({ count: 4 });

      await t.app.get(CartService).removeSkus((await t.dataSource.getRepository(CartItem).findOneByOrFail({ id: first.body.id })).memberId, [skus[0]!.id]);
      expect((await t.api('GET', '/api/cart', { token })).body).toEqual([]);
    });

    it('refuses bad quantities, unknown, off-sale and short-stock SKUs, and more than 50 lines, changing nothing', async () => {
      const login = await t.devLogin('购物车二');
      const token = login.accessToken;
      const { goods, skus } = await goodsWith([[100, 3], [100, 500]]);
      const add = (skuId: number, quantity: number) => t.api('POST', '/api/cart', { token, body: { skuId, quantity } });
      const codes = async (...calls: Promise<{ status: number; body: { code: string } }>[]) => (await Promise.all(calls)).map((r) => [r.status, r.body.code]);
      expect(await codes(
        add(skus[1]!.id, 0), add(skus[1]!.id, 100), add(skus[1]!.id, 1.5),
        t.api('POST', '/api/cart', { token, body: { skuId: skus[1]!.id, quantity: 1, priceFen: 1 } }),
        t.api('POST', '/api/cart', { token, body: { skuId: String(skus[1]!.id), quantity: 1 } }),
      )).toEqual(Array(5).fill([400, 'VALIDATION_FAILED']));
      expect(await codes(add(999_999, 1))).toEqual([[404, 'GOODS_NOT_FOUND']]);
      expect(await codes(add(skus[0]!.id, 4))).toEqual([[409, 'STOCK_INSUFFICIENT']]);
      expect((await add(skus[0]!.id, 2)).status).toBe(200);
      expect(await codes(add(skus[0]!.id, 2))).toEqual([[409, 'STOCK_INSUFFICIENT']]);
      expect((await add(skus[1]!.id, 90)).status).toBe(200);
      expect(await codes(add(skus[1]!.id, 10))).toEqual([[409, 'CART_LIMIT']]);
      expect((await t.api('GET', '/api/cart/count', { token })).body).toEqual({ count: 92 });

      // off sale: cannot add, and the lines already there are unavailable
      await t.dataSource.getRepository(Goods).update({ id: goods.id }, { status: 'off_sale' });
      expect(await codes(add(skus[1]!.id, 1))).toEqual([[409, 'GOODS_OFF_SALE']]);
      expect((await t.api('GET', '/api/cart', { token })).body.map((l: { available: boolean }) => l.available)).toEqual([false, false]);
      await t.dataSource.getRepository(Goods).update({ id: goods.id }, { status: 'on_sale' });
      // stock fell below the quantity: unavailable until lowered
      await t.dataSource.getRepository(Sku).update({ id: skus[0]!.id }, { stock: 1 });
      const short = (await t.api('GET', '/api/cart', { token })).body.find((l: { skuId: number }) => l.skuId === skus[0]!.id);
      expect(short).toMatchObject({ available: false, stock: 1, quantity: 2 });
      expect((await t.api('PATCH', `/api/cart/${short.id}`, { token, body: { quantity: 1 } })).body).toMatchObject({ available: true });

      // 50 lines at most
      const many = await goodsWith(Array.from({ length: 49 }, () => [100, 10] as [number, number]));
      for (const sku of many.skus.slice(0, 48)) expect((await add(sku.id, 1)).status).toBe(200);
      expect(await codes(add(many.skus[48]!.id, 1))).toEqual([[409, 'CART_LIMIT']]);
      expect(await t.dataSource.getRepository(CartItem).countBy({ memberId: login.member.id })).toBe(50);
      expect((await add(many.skus[0]!.id, 1)).body.quantity).toBe(2); // an existing line still grows
    });

    it('leaves another member\'s line alone', async () => {
      const owner = await t.devLogin('购物车主');
      const other = await t.devLogin('旁人');
      const { skus } = await goodsWith([[100, 10]]);
      const line = await t.api('POST', '/api/cart', { token: owner.accessToken, body: { skuId: skus[0]!.id, quantity: 2 } });
      const patch = await t.api('PATCH', `/api/cart/${line.body.id}`, { token: other.accessToken, body: { quantity: 5, checked: false } });
      expect([patch.status, patch.body.code]).toEqual([404, 'NOT_FOUND']);
      const del = await t.api('DELETE', `/api/cart/${line.body.id}`, { token: other.accessToken });
      expect([del.status, del.body.code]).toEqual([404, 'NOT_FOUND']);
      expect((await t.api('GET', '/api/cart', { token: other.accessToken })).body).toEqual([]);
      expect((await t.api('GET', '/api/cart', { token: owner.accessToken })).body).toEqual([expect.objectContaining({ id: line.body.id, quantity: 2, checked: true })]);
    });

    it('20 concurrent adds of one SKU make one line, never past 99', async () => {
      const login = await t.devLogin('抢购');
      const { skus } = await goodsWith([[100, 1_000]]);
      const results = await Promise.all(Array.from({ length: 20 }, () =>
        t.api('POST', '/api/cart', { token: login.accessToken, body: { skuId: skus[0]!.id, quantity: 7 } })));
      const ok = results.filter((r) => r.status === 200);
      expect(ok.length).toBe(14);
      expect(results.filter((r) => r.status !== 200).map((r) => r.body.code)).toEqual(Array(6).fill('CART_LIMIT'));
      expect(Math.max(...ok.map((r) => r.body.quantity))).toBe(98);
      const rows = await t.dataSource.getRepository(CartItem).findBy({ memberId: login.member.id });
      expect(rows.map((r) => [r.skuId, r.quantity])).toEqual([[skus[0]!.id, 98]]);

      // and the service directly, without HTTP in between
      const cart = t.app.get(CartService);
      const more = await goodsWith([[100, 1_000]]);
      const outcomes = await Promise.all(Array.from({ length: 20 }, () =>
        cart.add(login.member.id, { skuId: more.skus[0]!.id, quantity: 5 }).then(() => 'ok', (e: DomainError) => e.code)));
      expect(outcomes.filter((o) => o === 'ok').length).toBe(19);
      expect(outcomes.filter((o) => o !== 'ok')).toEqual(['CART_LIMIT']);
      expect((await t.dataSource.getRepository(CartItem).findBy({ memberId: login.member.id, skuId: more.skus[0]!.id })).map((r) => r.quantity)).toEqual([95]);
    });
  });

  describe('addresses', () => {
    const input = (n: number) => ({ name: `收件人${n}`, phone: '13912345678', province: '浙江省', city: '杭州市', district: '西湖区', detail: `文三路${n}号` });

    it('the first address is the default; the default comes first; deleting it moves it to the newest', async () => {
      const { accessToken: token, member } = await t.devLogin('地址一');
      const a = await t.api('POST', '/api/addresses', { token, body: input(1) });
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ ...input(1), isDefault: true });
      const b = await t.api('POST', '/api/addresses', { token, body: input(2) });
      expect(b.body.isDefault).toBe(false);
      const c = await t.api('POST', '/api/addresses', { token, body: { ...input(3), isDefault: true } });
      const d = await t.api('POST', '/api/addresses', { token, body: input(4) });
      expect((await t.api('GET', '/api/addresses', { token })).body.map((x: { id: number }) => x.id)).toEqual([c.body.id, d.body.id, b.body.id, a.body.id]);

      const moved = await t.api('POST', `/api/addresses/${a.body.id}/default`, { token });
      expect(moved.body).toMatchObject({ id: a.body.id, isDefault: true });
      const edited = await t.api('PUT', `/api/addresses/${b.body.id}`, { token, body: { ...input(5), detail: '  文一路5号  ' } });
      expect(edited.body).toMatchObject({ id: b.body.id, detail: '文一路5号', isDefault: false });

      expect((await t.api('DELETE', `/api/addresses/${a.body.id}`, { token })).status).toBe(204);
      const after = (await t.api('GET', '/api/addresses', { token })).body;
      expect(after.map((x: { id: number; isDefault: boolean }) => [x.id, x.isDefault])).toEqual([[d.body.id, true], [c.body.id, false], [b.body.id, false]]);
      const service = t.app.get(AddressesService);
      expect(await service.get(member.id, d.body.id)).toMatchObject({ id: d.body.id, isDefault: true });
      await expect(service.get(member.id, a.body.id)).rejects.toMatchObject({ code: 'ADDRESS_NOT_FOUND' });
      expect((await t.api('POST', `/api/addresses/${a.body.id}/default`, { token })).body.code).toBe('ADDRESS_NOT_FOUND');
    });

    it('refuses bad input with 400 VALIDATION_FAILED and more than 20 addresses, changing nothing', async () => {
      const { accessToken: token, member } = await t.devLogin('地址二');
      const bad = [
        { ...input(1), phone: '12345678901' }, { ...input(1), phone: '1391234567' }, { ...input(1), phone: 13912345678 },
        { ...input(1), name: '' }, { ...input(1), name: '   ' }, { ...input(1), name: '名'.repeat(21) }, { ...input(1), province: '' },
        { ...input(1), district: '区'.repeat(21) }, { ...input(1), detail: '号' }, { ...input(1), detail: '路'.repeat(121) },
        { ...input(1), isDefault: 'yes' }, { ...input(1), note: 'x' }, { name: '张三' },
      ];
      for (const body of bad) {
        const res = await t.api('POST', '/api/addresses', { token, body });
        expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(await t.dataSource.getRepository(Address).countBy({ memberId: member.id })).toBe(0);
      const first = await t.api('POST', '/api/addresses', { token, body: input(0) });
      const put = await t.api('PUT', `/api/addresses/${first.body.id}`, { token, body: { ...input(9), phone: '1' } });
      expect([put.status, put.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await t.api('GET', '/api/addresses', { token })).body).toEqual([{ ...input(0), id: first.body.id, isDefault: true }]);

      for (let i = 1; i < 20; i++) expect((await t.api('POST', '/api/addresses', { token, body: input(i) })).status).toBe(200);
      const full = await t.api('POST', '/api/addresses', { token, body: input(20) });
      expect([full.status, full.body.code]).toEqual([409, 'CONFLICT']);
      expect(full.body.message).toContain('20');
      expect(await t.dataSource.getRepository(Address).countBy({ memberId: member.id })).toBe(20);
    });

    it('leaves another member\'s address alone', async () => {
      const owner = await t.devLogin('地址主');
      const other = await t.devLogin('地址旁人');
      const mine = await t.api('POST', '/api/addresses', { token: owner.accessToken, body: input(1) });
      const theirs = await t.api('POST', '/api/addresses', { token: other.accessToken, body: input(2) });
      for (const [method, path, body] of [
        ['PUT', `/api/addresses/${mine.body.id}`, input(3)], ['DELETE', `/api/addresses/${mine.body.id}`, undefined], ['POST', `/api/addresses/${mine.body.id}/default`, undefined],
      ] as const) {
        const res = await t.api(method, path, { token: other.accessToken, body });
        expect([res.status, res.body.code]).toEqual([404, 'ADDRESS_NOT_FOUND']);
      }
      expect((await t.api('GET', '/api/addresses', { token: owner.accessToken })).body).toEqual([{ ...input(1), id: mine.body.id, isDefault: true }]);
      expect((await t.api('GET', '/api/addresses', { token: other.accessToken })).body).toEqual([{ ...input(2), id: theirs.body.id, isDefault: true }]);
      await expect(t.app.get(AddressesService).get(other.member.id, mine.body.id)).rejects.toMatchObject({ code: 'ADDRESS_NOT_FOUND' });
    });

    it('keeps exactly one default under concurrent changes', async () => {
      const { accessToken: token, member } = await t.devLogin('地址三');
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await t.api('POST', '/api/addresses', { token, body: input(i) })).body.id);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.api('POST', `/api/addresses/${ids[i % 5]}/default`, { token })));
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(await t.dataSource.getRepository(Address).countBy({ memberId: member.id, isDefault: true })).toBe(1);
      // new default addresses and deletes racing with default switches
      await Promise.all([
        ...Array.from({ length: 5 }, (_, i) => t.api('POST', '/api/addresses', { token, body: { ...input(10 + i), isDefault: true } })),
        ...ids.slice(0, 3).map((id) => t.api('DELETE', `/api/addresses/${id}`, { token })),
        ...ids.slice(3).map((id) => t.api('POST', `/api/addresses/${id}/default`, { token })),
      ]);
      expect(await t.dataSource.getRepository(Address).countBy({ memberId: member.id, isDefault: true, deleted: false })).toBe(1);
      expect(await t.dataSource.getRepository(Address).countBy({ memberId: member.id, isDefault: true })).toBe(1);
    });

    it('the demo shopper has a default address', async () => {
      const login = await t.devLogin('小明');
      const list = await t.api('GET', '/api/addresses', { token: login.accessToken });
      expect(list.body).toEqual([expect.objectContaining({ name: '小明', phone: '13800000001', province: '上海市', district: '浦东新区', isDefault: true })]);
    });
  });
});

describe('migration 1764000000009', () => {
  it('gives every existing goods row one SKU with its price and stock', async () => {
    const db = await createTestDatabase();
    const options = dataSourceOptions(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url }).database);
    const before = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(SkusCartAddresses1764000000009)) } as DataSourceOptions);
    try {
      await before.initialize();
      const at = '2026-01-01 00:00:00.000';
      await before.query('INSERT INTO categories (name, icon, sort, created_at, updated_at) VALUES (?, ?, 0, ?, ?)', ['旧分类', '/a.png', at, at]);
      await before.query(
        'INSERT INTO goods (category_id, title, image, price_fen, stock, sales, created_at, updated_at) VALUES (1, ?, ?, 4990, 7, 3, ?, ?)',
        ['旧商品', '/old.png', at, at],
      );
      await before.destroy();
      const after = new DataSource({ ...options, migrations: [...MIGRATIONS] } as DataSourceOptions);
      await after.initialize();
      const skus = await after.query('SELECT goods_id, name, price_fen, stock, sales FROM goods_skus');
      const goods = await after.query('SELECT images, description FROM goods');
      await after.destroy();
      expect(skus.map((s: Record<string, unknown>) => [Number(s.goods_id), s.name, Number(s.price_fen), Number(s.stock), Number(s.sales)])).toEqual([[1, '默认', 4990, 7, 3]]);
      expect(goods).toEqual([{ images: '[]', description: '' }]);
    } finally {
      if (before.isInitialized) await before.destroy();
      await db.drop();
    }
  });
});
