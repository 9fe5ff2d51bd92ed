import { startTestApp, type TestApp } from '../support/app.js';
import { MIGRATIONS } from '../../src/database/data-source.js';
import { Member } from '../../src/members/member.entity.js';
import { DEMO_GOODS } from '../../src/seed/demo-data.js';

describe('platform: health, errors, roles, catalog', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  it('reports the database kind and the migrations applied', async () => {
    const res = await t.api('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.database).toBe(t.db.kind === 'sqlite' ? 'sqlite' : 'mariadb');
    expect(res.body.migrations).toMatchObject({ applied: MIGRATIONS.length, pending: 0 });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers unknown routes with a JSON 404', async () => {
    for (const path of ['/api/nope', '/api/me/extra', '/nothing-here.js']) {
      const res = await t.api('GET', path);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });

  it('lets operators, and only operators, see the overview', async () => {
    expect((await t.api('GET', '/api/admin/overview')).status).toBe(401);
    const shopper = await t.devLogin('小明');
    const refused = await t.api('GET', '/api/admin/overview', { token: shopper.accessToken });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');

    const operator = await t.devLogin('运营小美');
    expect(operator.member.role).toBe('operator');
    const res = await t.api('GET', '/api/admin/overview', { token: operator.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.members.total).toBe(await t.dataSource.getRepository(Member).count());
    expect(res.body.members.operators).toBe(2); // the demo owner and the demo operator
    expect(res.body.goods.onSale).toBe(DEMO_GOODS.length);
    expect(res.body.goods.soldOut).toBe(DEMO_GOODS.filter((g) => g.stock === 0).length);
    expect(res.body.day).toBe('2026-03-01');
  });

  it('takes operator rights away at once when the role is revoked', async () => {
    const operator = await t.devLogin('运营小美');
    await t.dataSource.getRepository(Member).update({ id: operator.member.id }, { role: 'member' });
    const res = await t.api('GET', '/api/admin/overview', { token: operator.accessToken });
    expect(res.status).toBe(403);
    await t.dataSource.getRepository(Member).update({ id: operator.member.id }, { role: 'operator' });
  });

  it('lists the catalog without sign-in and filters by category', async () => {
    const categories = await t.api('GET', '/api/catalog/categories');
    expect(categories.status).toBe(200);
    expect(categories.body.map((c: { name: string }) => c.name)).toEqual(['生鲜水果', '休闲零食', '美妆个护', '家居日用', '数码配件']);
    const all = await t.api('GET', '/api/catalog/goods');
    expect(all.body).toHaveLength(DEMO_GOODS.length);
    for (const g of all.body) expect(Number.isInteger(g.priceFen)).toBe(true);
    const fruit = await t.api('GET', `/api/catalog/goods?categoryId=${categories.body[0].id}`);
    expect(fruit.body.map((g: { title: string }) => g.title)).toEqual(
      DEMO_GOODS.filter((g) => g.category === 'fruit').map((g) => g.title),
    );
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
      const res = await t.api('GET', `/api/catalog/goods?categoryId=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.api('GET', '/api/catalog/goods?color=red')).status).toBe(400);
  });

  it('seeds the demo shop only into an empty database', async () => {
    const { seedDemo } = await import('../../src/seed/demo-seed.js');
    expect(await seedDemo(t.app)).toBe(false);
    expect((await t.api('GET', '/api/catalog/goods')).body).toHaveLength(DEMO_GOODS.length);
  });

  it('serves the demo images with a cache header', async () => {
    const res = await fetch(`${t.baseUrl}/assets/goods/cherry.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await t.api('GET', '/assets/goods/none.png')).status).toBe(404);
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.api('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/dev', '/api/me', '/api/health']));
  });
});
