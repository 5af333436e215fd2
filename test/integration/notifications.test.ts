import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runInTenant } from '@thidua/db';
import { notify } from '@thidua/worker';
import {
  createAccount,
  createLockedBlock,
  openBlockVote,
  ok,
  provinceId,
  startTestApp,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';

const NAMES = ['Văn phòng Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy', 'Ban Tuyên giáo Tỉnh ủy', 'Báo Hà Tĩnh'];

let app: TestApp;
let province: string;
let admin: Account;
let block: LockedBlock;
let periodId: string;

const as = <T = Record<string, unknown>>(who: Account, q: string, v?: Record<string, unknown>) =>
  app.gql<T>(q, v, { token: who.token, provinceId: province });
type Inbox = {
  notifications: {
    totalCount: number;
    nodes: { id: string; event: string; title: string; body: string; link: string; readAt: string | null }[];
  };
  unreadNotificationCount: number;
};
const INBOX = `{ notifications(first: 20) { totalCount nodes { id event title body link readAt } } unreadNotificationCount }`;

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  province = await provinceId(app.dataSource, '42'); // Hà Tĩnh
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  block = await createLockedBlock(app, province, NAMES, admin);
  // The last officer turns off in-app notices of voting opening.
  ok(
    await app.gql(
      `mutation { setNotificationPreferences(preferences: [{ event: VOTING_OPENED, channel: IN_APP, enabled: false }]) { event enabled } }`,
      {},
      {
        token: block.officers[3]!.token,
      },
    ),
  );
  periodId = (await openBlockVote(app, province, block, [{ kind: 'FLAG' }])).id;
});
afterAll(() => app?.close());

describe('in-app notifications', () => {
  it("opening a voting period reaches each member unit's officer, in Vietnamese, except one who turned it off", async () => {
    const inbox = await vi.waitFor(
      async () => {
        const r = ok(await as<Inbox>(block.officers[1]!, INBOX));
        expect(r.notifications.totalCount).toBe(1);
        return r;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(inbox.unreadNotificationCount).toBe(1);
    expect(inbox.notifications.nodes[0]).toMatchObject({
      event: 'VOTING_OPENED',
      title: 'Mở bỏ phiếu',
      link: `/voting-periods/${periodId}`,
      readAt: null,
    });
    expect(inbox.notifications.nodes[0]!.body).toMatch(
      /^Khối thi đua .* bình xét thi đua năm 2026 \(vòng 1, hội nghị ngày \d\d\/\d\d\/\d{4}\): đã mở bỏ phiếu, hạn chót \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\.$/,
    );
    expect(ok(await as<Inbox>(block.officers[3]!, INBOX)).notifications.totalCount).toBe(0);
  });

  it('delivers once: the same event again notifies nobody twice', async () => {
    const again = await runInTenant(app.dataSource, province, () =>
      notify({ provinceId: province, event: 'voting.opened', subjectId: periodId }),
    );
    expect(again).toMatchObject({ delivered: 0 });
    expect(ok(await as<Inbox>(block.officers[2]!, INBOX)).notifications.totalCount).toBe(1);
  });

  it('a reminder reaches only the officers of units that have not voted', async () => {
    const voted = [0, 1];
    const [contest] = ok(
      await as<{ votingPeriod: { contests: { id: string }[] } }>(
        admin,
        `query($id: ID!) { votingPeriod(id: $id) { contests { id } } }`,
        { id: periodId },
      ),
    ).votingPeriod.contests;
    for (const i of voted) {
      ok(
        await as(block.officers[i]!, `mutation($v: CastBallotInput!) { castBallot(input: $v) { voterId } }`, {
          v: { votingPeriodId: periodId, choices: [{ contestId: contest!.id, unitIds: [] }] },
        }),
      );
    }
    await runInTenant(app.dataSource, province, () =>
      notify({
        provinceId: province,
        event: 'voting.reminder',
        subjectId: periodId,
        unitIds: [block.units[2]!.id, block.units[3]!.id],
        occurrence: '1h',
      }),
    );
    const reminded = async (i: number) =>
      ok(await as<Inbox>(block.officers[i]!, INBOX)).notifications.nodes.filter(
        (n) => n.event === 'VOTING_REMINDER',
      ).length;
    expect(await Promise.all([0, 1, 2, 3].map(reminded))).toEqual([0, 0, 1, 1]);
  });

  it('marks read, and the unread count follows; another province sees none of them', async () => {
    const officer = block.officers[2]!;
    const before = ok(await as<Inbox>(officer, INBOX));
    expect(before.unreadNotificationCount).toBe(2);
    const marked = ok(
      await as<{ markNotificationsRead: number }>(
        officer,
        `mutation($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) }`,
        { ids: [before.notifications.nodes[0]!.id] },
      ),
    );
    expect(marked.markNotificationsRead).toBe(1);
    expect(ok(await as<Inbox>(officer, INBOX)).unreadNotificationCount).toBe(1);
    ok(await as(officer, `mutation { markNotificationsRead }`));
    expect(ok(await as<Inbox>(officer, INBOX)).unreadNotificationCount).toBe(0);

    const elsewhere = await createAccount(app, 'PROVINCE_ADMIN', {
      provinceId: await provinceId(app.dataSource, '38'),
    });
    const other = await app.gql<Inbox>(
      INBOX,
      {},
      { token: elsewhere.token, provinceId: await provinceId(app.dataSource, '38') },
    );
    expect(other.data?.notifications.totalCount).toBe(0);
  });
});
