import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAccount, provinceId, startTestApp, type Account, type TestApp } from '@thidua/testing';

/** The queue console (bull-board) is the platform admins' alone, over either queue backend. */
describe.each(['redis', 'postgres'] as const)('the queue console on the %s backend', (queue) => {
  let app: TestApp;
  let platformAdmin: Account;
  let provinceAdmin: Account;
  const base = () => app.gateway.url.replace('/graphql', '');

  beforeAll(async () => {
    app = await startTestApp({ template: inject('templateDatabase'), queue });
    platformAdmin = await createAccount(app, 'PLATFORM_ADMIN');
    provinceAdmin = await createAccount(app, 'PROVINCE_ADMIN', {
      provinceId: await provinceId(app.dataSource, '01'),
    });
  });
  afterAll(() => app?.close());

  /** What the web application does before it opens the console: its access token becomes the console's cookie. */
  const openSession = (token: string) =>
    fetch(`${base()}/admin/queues/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-thidua-web': '1' },
    });
  const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
  const get = (path: string, cookie?: string) =>
    fetch(`${base()}/admin/queues${path}`, { headers: cookie ? { cookie } : {} });

  it('is refused without a session, and to anyone but a platform admin', async () => {
    expect((await get('')).status).toBe(401);
    expect((await get('/api/queues', 'thidua_console=forged')).status).toBe(401);
    const refused = await openSession(provinceAdmin.token);
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(/platform admins only/);
    // Without the web application's header (a cross-site form cannot send it), no cookie is issued.
    const crossSite = await fetch(`${base()}/admin/queues/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platformAdmin.token}` },
    });
    expect(crossSite.status).toBe(400);
  });

  it("shows a platform admin the platform's queues, through a cookie kept to the console's path", async () => {
    const opened = await openSession(platformAdmin.token);
    expect(opened.status).toBe(204);
    const setCookie = opened.headers.get('set-cookie')!;
    expect(setCookie).toMatch(
      /^thidua_console=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=\d+/,
    );

    const page = await get('', cookieOf(opened));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Hàng đợi công việc');

    const queues = await get('/api/queues', cookieOf(opened));
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
    expect(names.sort()).toEqual(['maintenance', 'notifications', 'voting', 'year-end']);
  });

  it('stops working as soon as the session ends', async () => {
    const admin = await createAccount(app, 'PLATFORM_ADMIN');
    const cookie = cookieOf(await openSession(admin.token));
    expect((await get('/api/queues', cookie)).status).toBe(200);
    await app.gql(`mutation { logout }`, {}, { token: admin.token });
    expect((await get('/api/queues', cookie)).status).toBe(401);
  });
});
