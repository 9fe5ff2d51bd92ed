import { startTestApp, type TestApp } from '../support/app.js';
import { Member } from '../../src/members/member.entity.js';

/** 店员与权限: owners appoint and remove staff; the shop always keeps an owner; a removed operator loses access at once. */
describe('staff and roles', () => {
  let t: TestApp;
  const as = async (nickname: string, role: 'owner' | 'operator' | 'member') => {
    const login = await t.devLogin(nickname);
    await t.dataSource.getRepository(Member).update({ id: login.member.id }, { role });
    return { id: login.member.id, token: login.accessToken };
  };
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets an owner find a member and make them an operator, who can then run 管理; revoked, refused at once', async () => {
    const owner = await as('店主老王', 'owner');
    const clerk = await as('小李', 'member');
    expect((await t.api('GET', '/api/admin/catalog/goods', { token: clerk.token })).status).toBe(403);

    const found = await t.api('GET', `/api/admin/staff/search?q=${encodeURIComponent('小李')}`, { token: owner.token });
    expect(found.body.map((m: { id: number }) => m.id)).toEqual([clerk.id]);
    expect((await t.api('GET', `/api/admin/staff/search?q=${clerk.id}`, { token: owner.token })).body[0].id).toBe(clerk.id);

    const made = await t.api('POST', `/api/admin/staff/${clerk.id}/role`, { token: owner.token, body: { role: 'operator' } });
    expect([made.status, made.body.role]).toEqual([200, 'operator']);
    expect((await t.api('GET', '/api/admin/catalog/goods', { token: clerk.token })).status).toBe(200); // the same token
    const staff = (await t.api('GET', '/api/admin/staff', { token: owner.token })).body as { id: number; role: string }[];
    expect(staff.map((m) => [m.id, m.role])).toEqual(expect.arrayContaining([[owner.id, 'owner'], [clerk.id, 'operator']]));

    // operators cannot appoint anyone
    expect((await t.api('POST', `/api/admin/staff/${clerk.id}/role`, { token: clerk.token, body: { role: 'owner' } })).status).toBe(403);
    await t.api('POST', `/api/admin/staff/${clerk.id}/role`, { token: owner.token, body: { role: 'member' } });
    expect((await t.api('GET', '/api/admin/catalog/goods', { token: clerk.token })).status).toBe(403);

    const audit = (await t.api('GET', '/api/admin/audit', { token: owner.token })).body as { action: string; status: number }[];
    // The two changes the owner made (the operator's attempt never reached the route: the guard refused it).
    expect(audit.filter((a) => a.action === 'POST /api/admin/staff/:id/role').map((a) => a.status)).toEqual([200, 200]);
  });

  it('never leaves the shop without an owner, even when two owners demote each other at once', async () => {
    await t.dataSource.getRepository(Member).update({ role: 'owner' }, { role: 'member' });
    const a = await as('店主甲', 'owner');
    const lone = await t.api('POST', `/api/admin/staff/${a.id}/role`, { token: a.token, body: { role: 'member' } });
    expect([lone.status, lone.body.code]).toEqual([409, 'LAST_OWNER']);
    const b = await as('店主乙', 'owner');
    const both = await Promise.all([
      t.api('POST', `/api/admin/staff/${b.id}/role`, { token: a.token, body: { role: 'member' } }),
      t.api('POST', `/api/admin/staff/${a.id}/role`, { token: b.token, body: { role: 'member' } }),
    ]);
    // One wins; the other is refused: its caller is no longer an owner (403), or its target is the last one (409).
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    expect([403, 409]).toContain(both.find((r) => r.status !== 200)!.status);
    expect(await t.dataSource.getRepository(Member).countBy({ role: 'owner' })).toBe(1);
  });

  it('refuses a bad role or an unknown member with a clear error', async () => {
    const owner = await as('店主丙', 'owner');
    expect((await t.api('POST', '/api/admin/staff/999999/role', { token: owner.token, body: { role: 'operator' } })).status).toBe(404);
    expect((await t.api('POST', `/api/admin/staff/${owner.id}/role`, { token: owner.token, body: { role: 'admin' } })).status).toBe(400);
    expect((await t.api('GET', '/api/admin/staff/search?q=', { token: owner.token })).body).toEqual([]);
  });
});
