import { startTestApp, type TestApp } from '../support/app.js';
import { Member } from '../../src/members/member.entity.js';

type Operation = { tags?: string[] };

/**
 * Every operator endpoint refuses shoppers (403) and anonymous callers (401). The routes come
 * from the OpenAPI document, so an endpoint added later is checked without anyone listing it.
 */
describe('operator endpoints are operators\' only', () => {
  let t: TestApp;
  let routes: { method: string; path: string; tags: string[] }[];
  beforeAll(async () => {
    t = await startTestApp();
    const doc = (await t.api('GET', '/api/docs-json')).body as { paths: Record<string, Record<string, Operation>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, '1'), tags: op.tags ?? [],
    })));
  });
  afterAll(() => t.close());

  const admin = () => routes.filter((r) => r.path.startsWith('/api/admin/'));

  it('finds the operator routes in the OpenAPI document, each tagged admin and none elsewhere', () => {
    expect(admin().length).toBeGreaterThanOrEqual(30);
    expect(admin().filter((r) => !r.tags.includes('admin'))).toEqual([]);
    expect(routes.filter((r) => r.tags.includes('admin') && !r.path.startsWith('/api/admin/'))).toEqual([]);
  });

  it('answers 401 to an anonymous caller and 403 to a shopper on every one, before reading the body', async () => {
    const shopper = (await t.devLogin('只是顾客')).accessToken;
    const wrong: string[] = [];
    for (const { method, path } of admin()) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const anonymous = await t.api(method, path, { body });
      const refused = await t.api(method, path, { body, token: shopper });
      if (anonymous.status !== 401 || anonymous.body.code !== 'UNAUTHORIZED') wrong.push(`${method} ${path} anonymous → ${anonymous.status}`);
      if (refused.status !== 403 || refused.body.code !== 'FORBIDDEN') wrong.push(`${method} ${path} shopper → ${refused.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps 店员与权限 to owners: an operator is refused there too', async () => {
    const login = await t.devLogin('普通运营');
    await t.dataSource.getRepository(Member).update({ id: login.member.id }, { role: 'operator' });
    const staff = admin().filter((r) => r.path.startsWith('/api/admin/staff'));
    expect(staff.length).toBeGreaterThanOrEqual(2);
    for (const { method, path } of staff) {
      const res = await t.api(method, path, { body: method === 'GET' ? undefined : {}, token: login.accessToken });
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
  });
});
