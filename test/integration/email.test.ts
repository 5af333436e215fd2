import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { currentManager, emailRepository, runInTenant } from '@thidua/db';
import { readUnsubscribeToken, unsubscribeToken } from '@thidua/domain';
import { notify, sendEmail } from '@thidua/worker';
import {
  createAccount,
  createLockedBlock,
  freePort,
  headerOf,
  Mailbox,
  openBlockVote,
  ok,
  provinceId,
  startTestApp,
  textOf,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';

let app: TestApp;
let mailbox: Mailbox;
let province: string;
let admin: Account;
let block: LockedBlock;

beforeAll(async () => {
  mailbox = new Mailbox(await freePort());
  await mailbox.start();
  app = await startTestApp({
    template: inject('templateDatabase'),
    worker: true,
    config: { SMTP_URL: `smtp://127.0.0.1:${mailbox.port}` },
  });
  province = await provinceId(app.dataSource, '14'); // Sơn La
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  block = await createLockedBlock(
    app,
    province,
    ['Văn phòng Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy', 'Báo Sơn La'],
    admin,
  );
});
afterAll(async () => {
  await app?.close();
  await mailbox?.stop();
});

async function openVote(): Promise<string> {
  return (await openBlockVote(app, province, block, [{ kind: 'FLAG' }], admin)).id;
}

describe('email', () => {
  it("opening a voting period emails each member unit's officer, in Vietnamese, with a working unsubscribe link", async () => {
    // The second officer reads the platform in English (the web's switch keeps it with the account).
    const english = block.officers[1]!;
    ok(await app.gql(`mutation { setMyLocale(locale: en) }`, {}, { token: english.token }));
    await openVote();
    await vi.waitFor(() => expect(block.officers.every((o) => mailbox.to(o.email).length === 1)).toBe(true), {
      timeout: 20_000,
      interval: 100,
    });
    const raw = mailbox.to(block.officers[0]!.email)[0]!.raw;
    const text = textOf(raw);
    expect(text).toContain('Kính gửi Nguyễn Văn Thử,');
    // The round may name its conference's day: "(vòng 1, hội nghị ngày …)".
    expect(text).toMatch(/bình xét thi đua năm 2026 \(vòng 1[^)]*\): đã mở bỏ phiếu, hạn chót/);
    // In Vietnamese alone: no English copy beside it.
    expect(text).not.toContain('voting is open');
    // The English reader's e-mail and in-app notice are in English alone.
    const inEnglish = textOf(mailbox.to(english.email)[0]!.raw);
    expect(inEnglish).toContain('Dear Nguyễn Văn Thử,');
    expect(inEnglish).toContain('voting is open until');
    expect(inEnglish).not.toContain('Kính gửi');
    expect(inEnglish).not.toContain('đã mở bỏ phiếu');
    const notices = ok(
      await app.gql<{ notifications: { nodes: { title: string; locale: string }[] } }>(
        `{ notifications(first: 5) { nodes { title locale } } }`,
        {},
        { token: english.token, provinceId: province },
      ),
    ).notifications.nodes;
    // Marked with its language: after a switch back, the page still says it is English.
    expect(notices).toEqual([{ title: 'Voting opened', locale: 'en' }]);
    const vietnamese = ok(
      await app.gql<{ notifications: { nodes: { locale: string }[] } }>(
        `{ notifications(first: 5) { nodes { locale } } }`,
        {},
        { token: block.officers[0]!.token, provinceId: province },
      ),
    ).notifications.nodes;
    expect(vietnamese).toEqual([{ locale: 'vi' }]);
    expect(
      ok(await app.gql<{ me: { locale: string } }>(`{ me { locale } }`, {}, { token: english.token })).me
        .locale,
    ).toBe('en');
    // The link's origin is PUBLIC_URL; the test gateway listens on a port chosen at start.
    const written = new URL(/Ngừng nhận thư loại này: (\S+)/.exec(text)![1]!);
    const link = `${app.gateway.url.replace('/graphql', '')}${written.pathname}${written.search}`;

    const prefs = async () =>
      (
        await app.gql<{
          notificationPreferences: { event: string; channel: string; enabled: boolean }[];
        }>(`{ notificationPreferences { event channel enabled } }`, {}, { token: block.officers[0]!.token })
      ).data?.notificationPreferences;
    // Opening the link asks, on a page made for a phone, and changes nothing: a mail scanner opens links too.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const asked = await page.text();
    expect(asked).toContain('name="viewport"');
    expect(asked).toContain(
      'Ngừng nhận thư điện tử về “Mở bỏ phiếu”? Thông báo trong ứng dụng vẫn được giữ.',
    );
    expect(await prefs()).toEqual([]);
    const forged = await fetch(link.replace(/token=([^.]+)\./, 'token=$1x.'), { method: 'POST' });
    expect(forged.status).toBe(400);
    expect(await prefs()).toEqual([]);
    // Mail programs offer their own button: the message names the same link, for a one-click POST (RFC 8058).
    expect(headerOf(raw, 'List-Unsubscribe')?.replace(/\n/g, '')).toBe(`<${written.href}>`);
    expect(headerOf(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // That POST, as a mail program sends it, is the page's button: both turn the emails off.
    const done = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(
      /Bạn sẽ không nhận thư điện tử về “Mở bỏ phiếu” nữa\..*href="\/notifications\/preferences"/s,
    );
    expect(await prefs()).toEqual([{ event: 'VOTING_OPENED', channel: 'EMAIL', enabled: false }]);
  });

  it('refuses an expired link, one signed with another key and one of the first scheme, saying what to do', async () => {
    const officer = block.officers[2]!;
    const base = app.gateway.url.replace('/graphql', '');
    const who = { userId: officer.id, event: 'voting.opened', channel: 'EMAIL' as const };
    const open = (token: string) => fetch(`${base}/unsubscribe?token=${encodeURIComponent(token)}`);

    const expired = await open(
      unsubscribeToken(who, app.config.UNSUBSCRIBE_SECRET, new Date(Date.now() - 1000)),
    );
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/đã hết hạn.*đăng nhập.*has expired\. Sign in/s);

    // Signed with the access-token key (a token that key could sign must not work here) or any other.
    for (const key of [app.config.JWT_SECRET, 'some-other-key-some-other-key-0123456789']) {
      const res = await open(unsubscribeToken(who, key, new Date(Date.now() + 86_400_000)));
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/not valid or no longer works\. Sign in/);
    }
    // A link in an email sent before the change: no expiry, signed with JWT_SECRET under the first scheme.
    const payload = Buffer.from(JSON.stringify([officer.id, 'voting.opened', 'EMAIL'])).toString('base64url');
    const signature = createHmac('sha256', app.config.JWT_SECRET)
      .update(`unsubscribe:${payload}`)
      .digest('base64url');
    expect((await open(`${payload}.${signature}`)).status).toBe(400);

    const prefs = await app.gql<{ notificationPreferences: unknown[] }>(
      `{ notificationPreferences { event channel enabled } }`,
      {},
      { token: officer.token },
    );
    expect(prefs.data?.notificationPreferences).toEqual([]);

    // The link in the email itself works for about UNSUBSCRIBE_TTL_DAYS.
    const text = textOf(mailbox.to(officer.email)[0]!.raw);
    const token = new URL(/Ngừng nhận thư loại này: (\S+)/.exec(text)![1]!).searchParams.get('token')!;
    const read = readUnsubscribeToken(token, app.config.UNSUBSCRIBE_SECRET);
    expect(read.ok && read.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 86_400_000);
    // It names the place of the event (Sơn La, a province), whatever else the officer serves.
    expect(read.ok && read.unsubscribe.place).toBe('PROVINCE');
  });

  it("names the year-end closing after the event's place: a city's closing reads “toàn thành phố”", async () => {
    const base = app.gateway.url.replace('/graphql', '');
    const city = await createAccount(app, 'PROVINCE_ADMIN', {
      provinceId: await provinceId(app.dataSource, '01'),
    });
    const asked = async (userId: string, place?: 'CITY' | 'PROVINCE') =>
      (
        await fetch(
          `${base}/unsubscribe?token=${encodeURIComponent(
            unsubscribeToken(
              { userId, event: 'year_end.finished', channel: 'EMAIL', ...(place && { place }) },
              app.config.UNSUBSCRIBE_SECRET,
              new Date(Date.now() + 86_400_000),
            ),
          )}`,
        )
      ).text();
    const cityClosing = 'Ngừng nhận thư điện tử về “Đóng năm thi đua toàn thành phố”?';
    const provinceClosing = 'Ngừng nhận thư điện tử về “Đóng năm thi đua toàn tỉnh”?';
    // The link names the event's place: a person serving a province reads a city's closing as the city's.
    expect(await asked(admin.id, 'CITY')).toContain(cityClosing);
    expect(await asked(city.id, 'PROVINCE')).toContain(provinceClosing);
    // Links written before they carried it: guessed from the person's roles.
    expect(await asked(city.id)).toContain(cityClosing);
    expect(await asked(admin.id)).toContain(provinceClosing);
  });

  it('an unsubscribed officer gets no email for that event, and still gets the in-app notice', async () => {
    const before = mailbox.to(block.officers[0]!.email).length;
    const periodId = await runInTenant(app.dataSource, province, async () => {
      const [row] = await (
        await currentManager()
      ).query(`SELECT id FROM voting_period ORDER BY opened_at DESC LIMIT 1`);
      return row.id as string;
    });
    await runInTenant(app.dataSource, province, () =>
      notify(
        { provinceId: province, event: 'voting.opened', subjectId: periodId, occurrence: 'again' },
        { config: app.config },
      ),
    );
    await vi.waitFor(() => expect(mailbox.to(block.officers[1]!.email)).toHaveLength(2), {
      timeout: 20_000,
      interval: 100,
    });
    expect(mailbox.to(block.officers[0]!.email)).toHaveLength(before);
    const inApp = ok(
      await app.gql<{ notifications: { totalCount: number } }>(
        `{ notifications { totalCount } }`,
        {},
        { token: block.officers[0]!.token, provinceId: province },
      ),
    );
    expect(inApp.notifications.totalCount).toBe(2);
  });

  it('SMTP down, then up: delivered once', async () => {
    await mailbox.stop();
    const periodId = await runInTenant(app.dataSource, province, async () => {
      const [row] = await (
        await currentManager()
      ).query(`SELECT id FROM voting_period ORDER BY opened_at DESC LIMIT 1`);
      return row.id as string;
    });
    await runInTenant(app.dataSource, province, () =>
      notify({ provinceId: province, event: 'voting.closed', subjectId: periodId }, { config: app.config }),
    );
    // The first attempts fail while the server is down; the job retries with backoff.
    await vi.waitFor(
      async () => {
        const [row] = await runInTenant(app.dataSource, province, async () =>
          (await currentManager()).query(
            `SELECT count(*)::int AS failed FROM email_delivery WHERE event = 'voting.closed' AND last_error IS NOT NULL`,
          ),
        );
        expect(row.failed).toBe(3);
      },
      { timeout: 20_000, interval: 100 },
    );
    await mailbox.start();
    await vi.waitFor(
      async () => {
        const rows = await runInTenant(app.dataSource, province, async () =>
          (await currentManager()).query(`SELECT status FROM email_delivery WHERE event = 'voting.closed'`),
        );
        expect(rows.map((r: { status: string }) => r.status)).toEqual(['SENT', 'SENT', 'SENT']);
      },
      { timeout: 30_000, interval: 200 },
    );
    const closedMails = (email: string) => mailbox.to(email).filter((m) => m.raw.includes('voting.closed'));
    for (const o of block.officers) expect(closedMails(o.email)).toHaveLength(1);
  });

  it('a worker killed after sending and before recording does not send again', async () => {
    const periodId = await runInTenant(app.dataSource, province, async () => {
      const [row] = await (
        await currentManager()
      ).query(`SELECT id FROM voting_period ORDER BY opened_at DESC LIMIT 1`);
      return row.id as string;
    });
    // A delivery recorded without a send job, so only this test sends it.
    const deliveryId = await runInTenant(app.dataSource, province, async () => {
      const [id] = await emailRepository.record([
        {
          idempotencyKey: `voting.published:${periodId}:-:${block.officers[2]!.id}:EMAIL`,
          userId: block.officers[2]!.id,
          event: 'voting.published',
          toAddress: block.officers[2]!.email,
          subject: '[Thi đua] Công bố kết quả',
          textBody: 'Đã công bố kết quả bỏ phiếu.',
          htmlBody: '<p>Đã công bố kết quả bỏ phiếu.</p>',
        },
      ]);
      return id!;
    });
    const crash = sendEmail(
      { provinceId: province, deliveryId },
      { dataSource: app.dataSource, config: app.config },
      {
        afterSend: () => {
          throw new Error('worker killed');
        },
      },
    );
    await crash.catch(() => undefined);
    const retry = await sendEmail(
      { provinceId: province, deliveryId },
      { dataSource: app.dataSource, config: app.config },
    );
    expect(retry).toEqual({ sent: false, state: 'UNCERTAIN' });
    await vi.waitFor(
      () =>
        expect(
          mailbox.to(block.officers[2]!.email).filter((m) => m.raw.includes('voting.published')),
        ).toHaveLength(1),
      {
        timeout: 20_000,
        interval: 100,
      },
    );
  });
});
