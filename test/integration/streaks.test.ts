import {
  emulationYearRepository,
  lineageRepository,
  personRepository,
  runInTenant,
  type Unit,
} from '@thidua/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createAccount,
  createFinishedBlock,
  createUnits,
  provinceId,
  startTestApp,
  type Account,
  type LockedBlock,
  type TestApp,
  ok,
} from '@thidua/testing';

/**
 * §2 streaks across the 2025 mergers, through HTTP and the worker: Hồ Chí Minh City's Sở Nội vụ was formed on
 * 1 July 2025 from the city's own department and Bình Dương's (a former province the city absorbed). Both were
 * Excellent Labour Collectives in 2024 and the merged department in 2025: two consecutive years, so its block
 * proposes it for the certificate of merit on that criterion. A person keeps their grassroots Emulation
 * Fighter years across the same merger.
 */
const NAMES = [
  'Văn phòng UBND Thành phố',
  'Sở Tài chính',
  'Sở Tư pháp',
  'Sở Xây dựng',
  'Sở Y tế',
  'Sở Nội vụ',
  'Sở Giáo dục và Đào tạo',
  'Sở Khoa học và Công nghệ',
  'Sở Công Thương',
];
const MERGED = 5;

let app: TestApp;
let hcm: string;
let binhDuong: string;
let admin: Account;
let block: LockedBlock;
let hcmOld: Unit;
let bdOld: Unit;

const as = <T = Record<string, unknown>>(who: Account, q: string, v?: Record<string, unknown>) =>
  app.gql<T>(q, v, { token: who.token, provinceId: hcm });

const RECORD_LINEAGE = `mutation($i: LineageInput!) {
  recordLineage(input: $i) { predecessorId predecessorProvinceId predecessorName kind effectiveOn } }`;
const RECORD_ACHIEVEMENTS = `mutation($i: [AchievementInput!]!) {
  recordAchievements(input: $i) { subjectId title year decisionRef } }`;

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  hcm = await provinceId(app.dataSource, '79');
  binhDuong = await provinceId(app.dataSource, '74', { former: true });
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: hcm });
  hcmOld = (await createUnits(app.dataSource, hcm, ['Sở Nội vụ Thành phố Hồ Chí Minh (trước sáp nhập)']))[0]!;
  bdOld = (await createUnits(app.dataSource, binhDuong, ['Sở Nội vụ tỉnh Bình Dương']))[0]!;
  // What Bình Dương recorded while it was a province.
  await runInTenant(app.dataSource, binhDuong, () =>
    lineageRepository.recordAchievements(
      [
        {
          subjectKind: 'UNIT',
          subjectId: bdOld.id,
          title: 'COLL_EXCELLENT',
          year: 2024,
          decisionRef: 'Quyết định số 210/QĐ-UBND ngày 20/01/2025 của UBND tỉnh Bình Dương',
        },
      ],
      admin.id,
    ),
  );
});
afterAll(() => app?.close());

describe('lineage and achievements through the API', () => {
  it('refuses predecessors outside the absorbed provinces, cycles, mismatched titles, and non-admins', async () => {
    const [unit] = await createUnits(app.dataSource, hcm, ['Sở Ngoại vụ']);
    const haNoi = await provinceId(app.dataSource, '01');
    const [hn] = await createUnits(app.dataSource, haNoi, ['Sở Nội vụ Hà Nội']);
    const link = (predecessors: unknown[], kind = 'MERGE') => ({
      i: { subjectKind: 'UNIT', successorId: unit!.id, predecessors, kind, effectiveOn: '2025-07-01' },
    });
    const elsewhere = await as(admin, RECORD_LINEAGE, link([{ provinceId: haNoi, id: hn!.id }]));
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'predecessors.0.provinceId' }],
    });
    const self = await as(admin, RECORD_LINEAGE, link([{ id: unit!.id }]));
    expect(self.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const two = await as(
      admin,
      RECORD_LINEAGE,
      link([{ id: hcmOld.id }, { provinceId: binhDuong, id: bdOld.id }], 'RENAME'),
    );
    expect(two.errors?.[0]?.message).toContain('exactly one predecessor');

    const wrongTitle = await as(admin, RECORD_ACHIEVEMENTS, {
      i: [
        {
          subjectKind: 'UNIT',
          subjectId: unit!.id,
          title: 'CSTD_BASE',
          year: 2024,
          decisionRef: 'QĐ 1/QĐ-UBND',
        },
      ],
    });
    expect(wrongTitle.errors?.[0]?.extensions).toMatchObject({ fields: [{ field: 'input.0.title' }] });

    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: hcm, unitId: unit!.id });
    const denied = await as(officer, RECORD_LINEAGE, link([{ id: hcmOld.id }]));
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a merged department keeps its predecessors’ excellent year and is proposed for merit beside the quota', async () => {
    block = await createFinishedBlockWithHistory();
    const nominations = ok(
      await as<{
        nominations: {
          unitId: string;
          form: string;
          path: string;
          explanation: { rule: string; text: string }[];
        }[];
      }>(
        admin,
        `query($y: ID!) { nominations(emulationYearId: $y) { unitId form path explanation { rule text } } }`,
        { y: block.yearId },
      ),
    ).nominations;
    const merged = block.units[MERGED]!;
    const streak = nominations.filter((n) => n.path === 'STREAK' && n.form === 'MERIT_PROVINCE');
    expect(streak.map((n) => n.unitId)).toEqual([merged.id]);
    expect(streak[0]!.explanation.at(-1)).toEqual({
      rule: 'STREAK',
      text:
        'Đạt danh hiệu Tập thể lao động xuất sắc 2 năm liên tục (2024, 2025; tính cả thành tích của đơn vị tiền thân: ' +
        'Sở Nội vụ Thành phố Hồ Chí Minh (trước sáp nhập), Sở Nội vụ tỉnh Bình Dương); đề nghị Bằng khen của Chủ tịch ' +
        'UBND thành phố theo tiêu chuẩn này, ngoài số đề nghị bình xét của Khối.',
    });
    // The block's own review still holds to its quota: one flag, 30% of 9 = 2 certificates.
    const reviewed = nominations.filter((n) => n.path === 'BLOCK');
    expect(reviewed.filter((n) => n.form === 'FLAG_PROVINCE')).toHaveLength(1);
    expect(reviewed.filter((n) => n.form === 'MERIT_PROVINCE')).toHaveLength(2);

    const standing = ok(
      await as<{ streaks: { target: string; met: boolean; years: number[]; via: string[] }[] }>(
        admin,
        `query($id: ID!) { streaks(subjectKind: UNIT, subjectId: $id, year: 2026) { target met years via } }`,
        { id: merged.id },
      ),
    ).streaks;
    expect(standing).toEqual([
      {
        target: 'MERIT_PROVINCE',
        met: true,
        years: [2024, 2025],
        via: ['Sở Nội vụ Thành phố Hồ Chí Minh (trước sáp nhập)', 'Sở Nội vụ tỉnh Bình Dương'],
      },
    ]);
  });

  it('a person registered for the provincial Emulation Fighter title keeps grassroots years from before the merger', async () => {
    const outcome = ok(
      await as<{
        emulationYear: {
          awardOutcome: {
            titleChecks: unknown[];
            explanations: { unitId: string; lines: { text: string }[] }[];
          };
        };
      }>(
        admin,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) {
           awardOutcome { titleChecks { personId title met years } explanations { unitId lines { text } } } } }`,
        { b: block.blockId },
      ),
    ).emulationYear.awardOutcome;
    expect(outcome.titleChecks).toEqual([
      { personId: fighter, title: 'CSTD_PROV', met: true, years: [2024, 2025, 2026] },
    ]);
    // Eligible, she is proposed to the council for the title (it selects at its own threshold, R10).
    const proposed = ok(
      await as<{ nominations: { personId: string | null; form: string; unitId: string }[] }>(
        admin,
        `query($y: ID!) { nominations(emulationYearId: $y) { personId form unitId } }`,
        { y: block.yearId },
      ),
    ).nominations.filter((n) => n.personId);
    expect(proposed).toEqual([{ personId: fighter, form: 'CSTD_PROV', unitId: block.units[0]!.id }]);
    const lines = outcome.explanations.find((e) => e.unitId === block.units[0]!.id)!.lines.map((l) => l.text);
    expect(lines).toContain(
      'Nguyễn Thị Thu Hà đăng ký Chiến sĩ thi đua thành phố: đủ tiêu chuẩn 3 năm liên tục đạt Chiến sĩ thi đua cơ sở ' +
        '(có 2024, 2025, 2026; tính cả thành tích trước đây: Nguyễn Thị Thu Hà (Sở Nội vụ tỉnh Bình Dương)).',
    );
  });

  it('a record or link entered by mistake can be removed, and the streak follows', async () => {
    const merged = block.units[MERGED]!;
    const standing = async () =>
      ok(
        await as<{ streaks: { met: boolean; years: number[] }[] }>(
          admin,
          `query($id: ID!) { streaks(subjectKind: UNIT, subjectId: $id, year: 2026) { met years } }`,
          { id: merged.id },
        ),
      ).streaks[0];
    const own = ok(
      await as<{ achievements: { id: string; year: number }[] }>(
        admin,
        `query($id: ID!) { achievements(subjectKind: UNIT, subjectId: $id) { id year } }`,
        { id: merged.id },
      ),
    ).achievements;
    expect(own.map((a) => a.year)).toEqual([2025]);
    ok(await as(admin, `mutation($id: ID!) { removeAchievement(id: $id) { id } }`, { id: own[0]!.id }));
    expect(await standing()).toEqual({ met: false, years: [] });
    const again = await as(admin, `mutation($id: ID!) { removeAchievement(id: $id) { id } }`, {
      id: own[0]!.id,
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    ok(
      await as(admin, RECORD_ACHIEVEMENTS, {
        i: [
          {
            subjectKind: 'UNIT',
            subjectId: merged.id,
            title: 'COLL_EXCELLENT',
            year: 2025,
            decisionRef: 'Quyết định số 95/QĐ-UBND ngày 16/01/2026',
          },
        ],
      }),
    );
    expect(await standing()).toEqual({ met: true, years: [2024, 2025] });
    ok(
      await as(
        admin,
        `mutation($s: ID!, $p: ID!) { removeLineage(subjectKind: UNIT, successorId: $s, predecessorId: $p) { kind } }`,
        { s: merged.id, p: hcmOld.id },
      ),
    );
    // Bình Dương's department alone was excellent in 2024: with all predecessors required, it still counts.
    expect(await standing()).toEqual({ met: true, years: [2024, 2025] });
    ok(
      await as(
        admin,
        `mutation($s: ID!, $p: ID!) { removeLineage(subjectKind: UNIT, successorId: $s, predecessorId: $p) { kind } }`,
        { s: merged.id, p: bdOld.id },
      ),
    );
    expect(await standing()).toEqual({ met: false, years: [2025] });
  });
});

let fighter: string;

/**
 * A finished block whose merged department and one person have history: the worker computes the awards when the
 * vote is counted, so lineage, achievements and the registration are recorded when the year is locked (the
 * helper's `beforeVote` hook), through the API where there is one.
 */
async function createFinishedBlockWithHistory(): Promise<LockedBlock> {
  return createFinishedBlock(app, hcm, NAMES, admin, {
    beforeVote: async (b) => {
      const merged = b.units[MERGED]!;
      ok(
        await as(admin, RECORD_LINEAGE, {
          i: {
            subjectKind: 'UNIT',
            successorId: merged.id,
            predecessors: [{ id: hcmOld.id }, { provinceId: binhDuong, id: bdOld.id }],
            kind: 'MERGE',
            effectiveOn: '2025-07-01',
          },
        }),
      );
      // The person's record before the merger is in Bình Dương; after it, in the city.
      const before = await runInTenant(app.dataSource, binhDuong, async () => {
        const p = await personRepository.create({
          unitId: bdOld.id,
          fullName: 'Nguyễn Thị Thu Hà',
          gender: 'FEMALE',
          position: 'Chuyên viên',
        });
        await lineageRepository.recordAchievements(
          [
            {
              subjectKind: 'PERSON',
              subjectId: p.id,
              title: 'CSTD_BASE',
              year: 2024,
              decisionRef: 'Quyết định số 12/QĐ-SNV ngày 05/01/2025',
            },
          ],
          admin.id,
        );
        return p;
      });
      const person = await runInTenant(app.dataSource, hcm, async () => {
        const p = await personRepository.create({
          unitId: b.units[0]!.id,
          fullName: 'Nguyễn Thị Thu Hà',
          gender: 'FEMALE',
          position: 'Chuyên viên',
        });
        await emulationYearRepository.register({
          emulationYearId: b.yearId,
          unitId: b.units[0]!.id,
          title: 'CSTD_PROV',
          personId: p.id,
          registeredBy: admin.id,
        });
        return p;
      });
      fighter = person.id;
      ok(
        await as(admin, RECORD_LINEAGE, {
          i: {
            subjectKind: 'PERSON',
            successorId: person.id,
            predecessors: [{ provinceId: binhDuong, id: before.id }],
            kind: 'TRANSFER',
            effectiveOn: '2025-07-01',
          },
        }),
      );
      const recorded = ok(
        await as<{ recordAchievements: unknown[] }>(admin, RECORD_ACHIEVEMENTS, {
          i: [
            {
              subjectKind: 'UNIT',
              subjectId: hcmOld.id,
              title: 'COLL_EXCELLENT',
              year: 2024,
              decisionRef: 'Quyết định số 301/QĐ-UBND ngày 22/01/2025 của UBND Thành phố Hồ Chí Minh',
            },
            {
              subjectKind: 'UNIT',
              subjectId: merged.id,
              title: 'COLL_EXCELLENT',
              year: 2025,
              decisionRef: 'Quyết định số 95/QĐ-UBND ngày 16/01/2026 của UBND Thành phố Hồ Chí Minh',
            },
            {
              subjectKind: 'PERSON',
              subjectId: person.id,
              title: 'CSTD_BASE',
              year: 2025,
              decisionRef: 'Quyết định số 7/QĐ-SNV ngày 10/01/2026',
            },
            {
              subjectKind: 'PERSON',
              subjectId: person.id,
              title: 'CSTD_BASE',
              year: 2026,
              decisionRef: 'Quyết định số 3/QĐ-SNV ngày 06/11/2026',
            },
          ],
        }),
      ).recordAchievements;
      expect(recorded).toHaveLength(4);
    },
  });
}
