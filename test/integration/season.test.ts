import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createAccount,
  createLockedBlock,
  createUnits,
  ok,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';

/**
 * `blockYears`: where every block of a province stands in a year, for the home page's overview. Khánh Hòa has
 * three blocks in 2026 (one not opened, one in draft, one scored and locked); Lâm Đồng has one of its own.
 */
let app: TestApp;
let khanhHoa: string;
let lamDong: string;
let admin: Account;
let otherAdmin: Account;
let viewer: Account;
let officer: Account;

interface Row {
  block: { name: string };
  emulationYear: { state: string; nextStepMissing: string[] } | null;
}
const QUERY = `query($y: Int!) {
  blockYears(year: $y) { block { name } emulationYear { state nextStepMissing } }
}`;
const blockYears = (who: Account, year: number, province = khanhHoa) =>
  app.gql<{ blockYears: Row[] }>(QUERY, { y: year }, { token: who.token, provinceId: province });

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  [khanhHoa, lamDong] = await Promise.all([
    provinceId(app.dataSource, '56'),
    provinceId(app.dataSource, '68'),
  ]);
  [admin, otherAdmin, viewer] = await Promise.all([
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: khanhHoa }),
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: lamDong }),
    createAccount(app, 'NATIONAL_VIEWER'),
  ]);
  const locked = await createLockedBlock(app, khanhHoa, ['Sở Tài chính', 'Sở Tư pháp', 'Sở Y tế'], admin);
  officer = locked.officers[2]!;
  await createLockedBlock(app, lamDong, ['Sở Xây dựng', 'Sở Công Thương'], otherAdmin, { officers: false });

  const as = (q: string, v: Record<string, unknown>) =>
    app.gql<Record<string, { id: string }>>(q, v, { token: admin.token, provinceId: khanhHoa }).then(ok);
  const units = await createUnits(app.dataSource, khanhHoa, [
    'Cảng vụ Hàng hải Nha Trang',
    'Công ty Cổ phần Yến sào Khánh Hòa',
    'Ban Dân tộc tỉnh',
    'Sở Văn hóa, Thể thao và Du lịch',
  ]);
  const block = async (name: string, members: { id: string }[]) => {
    const { createBlock } = await as(
      `mutation($n: String!) { createBlock(input: { name: $n, kind: BLOCK }) { id } }`,
      {
        n: name,
      },
    );
    for (const u of members)
      await as(`mutation($v: BlockMemberInput!) { addBlockMember(input: $v) { id } }`, {
        v: { blockId: createBlock!.id, unitId: u.id, date: '2026-01-01' },
      });
    return createBlock!.id;
  };
  await block('Khối các doanh nghiệp', units.slice(0, 2));
  const draft = await block('Khối Văn hóa – Xã hội', units.slice(2));
  await as(`mutation($v: OpenEmulationYearInput!) { openEmulationYear(input: $v) { id } }`, {
    v: { blockId: draft, year: 2026, headUnitId: units[2]!.id },
  });
}, 120_000);
afterAll(() => app?.close());

describe('blockYears', () => {
  it("lists every block of the province's year in name order, with its year or null when not opened", async () => {
    const rows = ok(await blockYears(admin, 2026)).blockYears;
    expect(rows.map((r) => [r.block.name.replace(/ [\d-]+$/, ''), r.emulationYear?.state ?? null])).toEqual([
      ['Khối các doanh nghiệp', null],
      ['Khối thi đua', 'SCORES_LOCKED'],
      ['Khối Văn hóa – Xã hội', 'DRAFT'],
    ]);
    // The next step's needs, as the year's own page reads them.
    expect(rows[2]!.emulationYear!.nextStepMissing).toEqual(['a theme', 'a deputy unit', 'covenant items']);
    // Scores locked: nothing stands between the block and its conference's vote.
    expect(rows[1]!.emulationYear!.nextStepMissing).toEqual([]);
  });

  it("is the province's own: the other province's blocks never show, each sees only its own", async () => {
    const other = ok(await blockYears(otherAdmin, 2026, lamDong)).blockYears;
    expect(other).toHaveLength(1);
    expect(other[0]!.block.name).toMatch(/^Khối thi đua/);
    const refused = await blockYears(otherAdmin, 2026, khanhHoa);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('is for the province’s people: a unit officer reads it, a national viewer does not', async () => {
    expect(ok(await blockYears(officer, 2026)).blockYears).toHaveLength(3);
    // `mine`: only the blocks the officer's unit is in, as the home page asks for an officer.
    const own = ok(
      await app.gql<{ blockYears: Row[] }>(
        `query($y: Int!) { blockYears(year: $y, mine: true) { block { name } emulationYear { state nextStepMissing } } }`,
        { y: 2026 },
        { token: officer.token, provinceId: khanhHoa },
      ),
    ).blockYears;
    expect(own.map((r) => r.emulationYear?.state)).toEqual(['SCORES_LOCKED']);
    const refused = await blockYears(viewer, 2026);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a year with no members and no record lists nothing; a year out of range is refused on its field', async () => {
    // The blocks made here started on 1 January 2026.
    expect(ok(await blockYears(admin, 2024)).blockYears).toEqual([]);
    const bad = await blockYears(admin, 1999);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'year', message: 'must be between 2000 and 2100' }],
    });
  });
});
