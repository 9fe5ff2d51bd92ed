import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app.js';
import { REPO_ROOT } from '../../src/config/config.js';
import { Member } from '../../src/members/member.entity.js';

/** 管理 → 分类 / 商品: what an operator sets up is what shoppers see and can buy. */
describe('catalog run by operators', () => {
  let t: TestApp;
  let op: string;
  let shopper: string;
  let png: Buffer;
  beforeAll(async () => {
    t = await startTestApp();
    const login = await t.devLogin('运营小王');
    await t.dataSource.getRepository(Member).update({ id: login.member.id }, { role: 'operator' });
    op = login.accessToken;
    shopper = (await t.devLogin('顾客')).accessToken;
    png = readFileSync(join(REPO_ROOT, 'server/assets/categories/fruit.png'));
  });
  afterAll(() => t.close());

  const upload = async (data: Buffer, field = 'image') => {
    const form = new FormData();
    form.append(field, new Blob([data], { type: 'image/png' }), 'x.png');
    const res = await fetch(`${t.baseUrl}/api/admin/catalog/images`, { method: 'POST', headers: { authorization: `Bearer ${op}` }, body: form });
    return { status: res.status, body: (await res.json()) as { url?: string; code?: string } };
  };
  let made = 0;
  const newCategory = async () => (await t.api('POST', '/api/admin/catalog/categories', { token: op, body: { name: `分类${++made}` } })).body;
  const goodsBody = (categoryId: number, image: string, fields: Record<string, unknown> = {}) => ({
    categoryId, title: `有机草莓${++made}`, subtitle: '当季现摘', images: [image], description: '产地直发',
    skus: [{ name: '500g', priceFen: 3_990, stock: 20 }, { name: '1kg', priceFen: 6_990, stock: 3 }], ...fields,
  });

  it('adds a category and a goods item with an uploaded image and two SKUs; shoppers find it, and its opening stock is recorded', async () => {
    const image = await upload(png);
    expect(image.status).toBe(201);
    expect(image.body.url).toMatch(/^\/media\/goods\/[0-9a-f]{16}\.png$/);
    expect((await fetch(`${t.baseUrl}${image.body.url}`)).status).toBe(200);

    const category = await newCategory();
    expect(category).toMatchObject({ hidden: false, goodsCount: 0 });
    const created = await t.api('POST', '/api/admin/catalog/goods', { token: op, body: goodsBody(category.id, image.body.url!) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'on_sale', priceFen: 3_990, stock: 23, version: 1, image: image.body.url, categoryName: category.name });

    const categories = (await t.api('GET', '/api/catalog/categories')).body as { id: number }[];
    expect(categories.map((c) => c.id)).toContain(category.id);
    const listed = (await t.api('GET', `/api/catalog/goods?categoryId=${category.id}`)).body;
    expect(listed).toEqual([expect.objectContaining({ id: created.body.id, priceFen: 3_990, stock: 23 })]);
    const found = (await t.api('GET', `/api/catalog/goods?q=${encodeURIComponent('有机草莓')}`)).body as { id: number }[];
    expect(found.map((g) => g.id)).toContain(created.body.id);
    const detail = (await t.api('GET', `/api/catalog/goods/${created.body.id}`)).body;
    expect(detail.skus.map((s: { name: string; stock: number }) => [s.name, s.stock])).toEqual([['500g', 20], ['1kg', 3]]);

    const changes = (await t.api('GET', `/api/admin/catalog/goods/${created.body.id}/stock-changes`, { token: op })).body;
    expect(changes.map((c: { skuName: string; delta: number; operatorName: string }) => [c.skuName, c.delta, c.operatorName]))
      .toEqual([['1kg', 3, '运营小王'], ['500g', 20, '运营小王']]);
    // 1kg has 3 left: on 库存预警
    const low = (await t.api('GET', '/api/admin/catalog/goods?filter=low_stock', { token: op })).body as { id: number }[];
    expect(low.map((g) => g.id)).toContain(created.body.id);
  });

  it('takes goods off the shelf: gone from the storefront, orders refused; back on, sold again', async () => {
    const category = await newCategory();
    const g = (await t.api('POST', '/api/admin/catalog/goods', { token: op, body: goodsBody(category.id, '/assets/goods/cup.png') })).body;
    const off = await t.api('POST', `/api/admin/catalog/goods/${g.id}/status`, { token: op, body: { status: 'off_sale', version: g.version } });
    expect([off.status, off.body.status]).toEqual([200, 'off_sale']);
    expect((await t.api('GET', `/api/catalog/goods?categoryId=${category.id}`)).body).toEqual([]);
    expect((await t.api('GET', `/api/catalog/goods/${g.id}`)).status).toBe(404);
    const quote = await t.api('POST', '/api/checkout/quote', { token: shopper, body: { lines: [{ skuId: g.skus[0].id, quantity: 1 }] } });
    expect([quote.status, quote.body.code]).toEqual([409, 'GOODS_OFF_SALE']);
    await t.api('POST', `/api/admin/catalog/goods/${g.id}/status`, { token: op, body: { status: 'on_sale', version: off.body.version } });
    expect((await t.api('POST', '/api/checkout/quote', { token: shopper, body: { lines: [{ skuId: g.skus[0].id, quantity: 1 }] } })).status).toBe(200);
  });

  it('hides a category with its goods; orders and renames categories', async () => {
    const a = await newCategory();
    const b = await newCategory();
    const g = (await t.api('POST', '/api/admin/catalog/goods', { token: op, body: goodsBody(b.id, '/assets/goods/cup.png') })).body;
    await t.api('PATCH', `/api/admin/catalog/categories/${b.id}`, { token: op, body: { hidden: true, name: '  隐藏的分类 ' } });
    expect(((await t.api('GET', '/api/catalog/categories')).body as { id: number }[]).map((c) => c.id)).not.toContain(b.id);
    expect(((await t.api('GET', '/api/catalog/goods')).body as { id: number }[]).map((x) => x.id)).not.toContain(g.id);
    const all = (await t.api('GET', '/api/admin/catalog/categories', { token: op })).body as { id: number; name: string; hidden: boolean }[];
    expect(all.find((c) => c.id === b.id)).toMatchObject({ name: '隐藏的分类', hidden: true, goodsCount: 1 });

    const reversed = all.map((c) => c.id).reverse();
    const ordered = await t.api('PUT', '/api/admin/catalog/categories/order', { token: op, body: { ids: reversed } });
    expect(ordered.body.map((c: { id: number }) => c.id)).toEqual(reversed);
    expect((await t.api('PUT', '/api/admin/catalog/categories/order', { token: op, body: { ids: [a.id] } })).status).toBe(400);
    expect((await t.api('POST', '/api/admin/catalog/categories', { token: op, body: { name: '隐藏的分类' } })).status).toBe(409);
  });

  it('changes stock only up or down to zero, recorded with who and why; concurrent takes never go below zero', async () => {
    const category = await newCategory();
    const g = (await t.api('POST', '/api/admin/catalog/goods', { token: op, body: goodsBody(category.id, '/assets/goods/cup.png') })).body;
    const sku = g.skus[1]; // 3 in stock
    const up = await t.api('POST', `/api/admin/catalog/skus/${sku.id}/stock`, { token: op, body: { delta: 7, reason: '到货补货' } });
    expect([up.status, up.body.stockAfter, up.body.reason, up.body.operatorName]).toEqual([201, 10, '到货补货', '运营小王']);
    const takes = await Promise.all(Array.from({ length: 6 }, () => t.api('POST', `/api/admin/catalog/skus/${sku.id}/stock`, { token: op, body: { delta: -3, reason: '盘点损耗' } })));
    expect(takes.filter((r) => r.status === 201)).toHaveLength(3);
    expect(takes.filter((r) => r.status === 409).every((r) => r.body.code === 'STOCK_INSUFFICIENT')).toBe(true);
    expect((await t.api('GET', `/api/admin/catalog/goods/${g.id}`, { token: op })).body.skus[1].stock).toBe(1);
    for (const body of [{ delta: 0, reason: 'x' }, { delta: 1.5, reason: 'x' }, { delta: 1, reason: ' ' }, { delta: 1 }]) {
      const r = await t.api('POST', `/api/admin/catalog/skus/${sku.id}/stock`, { token: op, body });
      expect([JSON.stringify(body), r.status]).toEqual([JSON.stringify(body), 400]);
    }
    const history = (await t.api('GET', `/api/admin/catalog/goods/${g.id}/stock-changes`, { token: op })).body as { delta: number }[];
    expect(history.map((c) => c.delta).slice(0, 4)).toEqual([-3, -3, -3, 7]);
  });

  it('refuses an edit based on a stale version; an edit keeps existing stock and removes unordered SKUs', async () => {
    const category = await newCategory();
    const g = (await t.api('POST', '/api/admin/catalog/goods', { token: op, body: goodsBody(category.id, '/assets/goods/cup.png') })).body;
    const edit = (version: number, fields: Record<string, unknown> = {}) => t.api('PUT', `/api/admin/catalog/goods/${g.id}`, {
      token: op, body: { ...goodsBody(category.id, '/assets/goods/cup.png'), title: '改名后的草莓', version, skus: [{ id: g.skus[0].id, name: '500g 特级', priceFen: 4_590, stock: 999 }, { name: '2kg', priceFen: 11_990, stock: 5 }], ...fields },
    });
    const first = await edit(g.version);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ title: '改名后的草莓', version: g.version + 1, priceFen: 4_590 });
    expect(first.body.skus.map((s: { name: string; stock: number }) => [s.name, s.stock])).toEqual([['500g 特级', 20], ['2kg', 5]]);
    const stale = await edit(g.version, { title: '另一个人的修改' });
    expect([stale.status, stale.body.code]).toEqual([409, 'GOODS_CHANGED']);
    expect((await t.api('GET', `/api/admin/catalog/goods/${g.id}`, { token: op })).body.title).toBe('改名后的草莓');
  });

  it('keeps a SKU that has been ordered (SKU_IN_USE), and removes one that has not', async () => {
    const category = await newCategory();
    const g = (await t.api('POST', '/api/admin/catalog/goods', { token: op, body: goodsBody(category.id, '/assets/goods/cup.png') })).body;
    const address = await t.api('POST', '/api/addresses', {
      token: shopper, body: { name: '张三', phone: '13900000000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 100 号' },
    });
    const order = await t.api('POST', '/api/orders', { token: shopper, body: { lines: [{ skuId: g.skus[0].id, quantity: 1 }], addressId: address.body.id } });
    expect(order.status).toBe(201);
    const keepOnly = (skus: { id: number; name: string; priceFen: number }[], version: number) => t.api('PUT', `/api/admin/catalog/goods/${g.id}`, {
      token: op, body: { ...goodsBody(category.id, '/assets/goods/cup.png'), version, skus: skus.map(({ id, name, priceFen }) => ({ id, name, priceFen })) },
    });
    const dropOrdered = await keepOnly([g.skus[1]], g.version);
    expect([dropOrdered.status, dropOrdered.body.code]).toEqual([409, 'SKU_IN_USE']);
    const after = (await t.api('GET', `/api/admin/catalog/goods/${g.id}`, { token: op })).body;
    expect([after.version, after.skus.length]).toEqual([g.version, 2]); // nothing changed, the version included
    const dropUnordered = await keepOnly([g.skus[0]], g.version);
    expect(dropUnordered.status).toBe(200);
    expect(dropUnordered.body.skus.map((s: { id: number }) => s.id)).toEqual([g.skus[0].id]);
  });

  it('refuses bad input with 400 and the field, and changes nothing', async () => {
    const category = await newCategory();
    const before = (await t.api('GET', '/api/admin/catalog/goods', { token: op })).body.length;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ skus: [{ name: 'a', priceFen: -1, stock: 1 }] }, 400, 'skus'],
      [{ skus: [{ name: 'a', priceFen: 12.5, stock: 1 }] }, 400, 'skus'],
      [{ skus: [{ name: 'a', priceFen: '12.50', stock: 1 }] }, 400, 'skus'],
      [{ skus: [{ name: 'a', priceFen: 100, stock: -5 }] }, 400, 'skus'],
      [{ skus: [{ name: 'a', priceFen: 1e12, stock: 1 }] }, 400, 'skus'],
      [{ skus: [] }, 400, 'skus'],
      [{ skus: [{ name: 'a', priceFen: 100 }, { name: 'a', priceFen: 200 }] }, 400, 'skus'],
      [{ images: [] }, 400, 'images'],
      [{ images: ['https://evil.example/x.png'] }, 400, 'images'],
      [{ title: '   ' }, 400, 'title'],
      [{ originalPriceFen: 100 }, 400, 'originalPriceFen'],
      [{ categoryId: 999_999 }, 404, 'categoryId'],
    ];
    for (const [fields, status, field] of cases) {
      const r = await t.api('POST', '/api/admin/catalog/goods', { token: op, body: goodsBody(category.id, '/assets/goods/cup.png', fields) });
      expect([field, r.status, JSON.stringify(r.body).includes(field)]).toEqual([field, status, true]);
    }
    expect((await t.api('GET', '/api/admin/catalog/goods', { token: op })).body.length).toBe(before);
    const notImage = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect([notImage.status, notImage.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect((await upload(Buffer.concat([png, Buffer.alloc(3 * 1024 * 1024)]))).status).toBe(413);
    expect((await upload(png, 'avatar')).status).toBe(400);
  });

  it('is refused to shoppers and anonymous callers', async () => {
    expect((await t.api('GET', '/api/admin/catalog/goods', { token: shopper })).status).toBe(403);
    expect((await t.api('POST', '/api/admin/catalog/categories', { body: { name: '匿名' } })).status).toBe(401);
  });
});
