import { foldVietnamese, hashPassword, type Role } from '@thidua/domain';
import type { DataSource } from 'typeorm';
import { currentManager, runInTenant, runInTransaction } from '../tenancy/tenant-context';
import { userRepository } from '../repositories/user.repository';
import { seedCurrentYear } from './demo-current';
import { DEMO_BLOCKS, DEMO_CURRENT_BLOCK, type DemoUnit } from './demo-data';
import { seedDemoAudit, seedDemoNotifications } from './demo-history';
import { closeDemoYears, seedDemoYears } from './demo-years';
import { MERGER_EFFECTIVE_ON, seedProvinces } from './provinces';

export const DEMO_PASSWORD = 'ThiDua@2025!';

export interface DemoAccount {
  email: string;
  fullName: string;
  role: Role;
  /** The province the role is in: a former one (the articles' history) or a current one. */
  province?: { code: string; former: boolean };
  unitName?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@thidua.vn', fullName: 'Quản trị nền tảng', role: 'PLATFORM_ADMIN' },
  { email: 'bonoivu@thidua.vn', fullName: 'Chuyên viên Bộ Nội vụ', role: 'NATIONAL_VIEWER' },
  // The secretariats of today's provinces, which read the absorbed provinces' history through lineage.
  {
    email: 'noivu.laocai@thidua.vn',
    fullName: 'Nguyễn Thị Thu Hà',
    role: 'PROVINCE_ADMIN',
    province: { code: '15', former: false },
  },
  {
    email: 'noivu.lamdong@thidua.vn',
    fullName: 'Trần Văn Hùng',
    role: 'PROVINCE_ADMIN',
    province: { code: '68', former: false },
  },
  {
    email: 'noivu.khanhhoa@thidua.vn',
    fullName: 'Lê Thị Mỹ Dung',
    role: 'PROVINCE_ADMIN',
    province: { code: '56', former: false },
  },
  // Today's Lào Cai's emulation and commendation council, at the fewest members a session may have (three), who
  // vote on the dossiers put to it.
  ...[
    ['hoidong.laocai@thidua.vn', 'Đỗ Văn Thắng'],
    ['hoidong2.laocai@thidua.vn', 'Lương Thị Hạnh'],
    ['hoidong3.laocai@thidua.vn', 'Giàng A Tủa'],
  ].map(([email, fullName]): DemoAccount => ({
    email: email!,
    fullName: fullName!,
    role: 'COUNCIL_MEMBER',
    province: { code: '15', former: false },
  })),
  // Officers of today's Lào Cai, whose block's conference vote is open (demo-current.ts): a member and the head.
  {
    email: 'vptu.laocai@thidua.vn',
    fullName: 'Phạm Minh Đức',
    role: 'UNIT_OFFICER',
    province: { code: '15', former: false },
    unitName: 'Văn phòng Tỉnh ủy',
  },
  {
    email: 'btgdv.laocai@thidua.vn',
    fullName: 'Hoàng Thị Lan',
    role: 'UNIT_OFFICER',
    province: { code: '15', former: false },
    unitName: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  },
  // The other members' officers, whose ballots are already in: each signed, registered and scored for its unit.
  ...[
    ['tctu.laocai@thidua.vn', 'Vũ Thị Ngọc Ánh', 'Ban Tổ chức Tỉnh ủy'],
    ['ubkttu.laocai@thidua.vn', 'Lò Văn Tiến', 'Ủy ban Kiểm tra Tỉnh ủy'],
    ['bnctu.laocai@thidua.vn', 'Nông Thị Hương', 'Ban Nội chính Tỉnh ủy'],
    ['tct.laocai@thidua.vn', 'Sùng A Lử', 'Trường Chính trị tỉnh'],
    ['baoptth.laocai@thidua.vn', 'Đinh Thu Trang', 'Báo và Phát thanh, Truyền hình Lào Cai'],
    ['dukcqd.laocai@thidua.vn', 'Hà Quang Vinh', 'Đảng ủy các cơ quan Đảng tỉnh'],
  ].map(([email, fullName, unitName]): DemoAccount => ({
    email: email!,
    fullName: fullName!,
    role: 'UNIT_OFFICER',
    province: { code: '15', former: false },
    unitName: unitName!,
  })),
];

export interface SeedDemoOptions {
  /**
   * Runs a province's year-end closing of `year` to its end as the platform closes a year, in its own
   * transactions: the worker's `runYearEndClosing` (this package sits below the worker and cannot call it). A
   * closing done before is left alone.
   */
  closeYear(provinceId: string, year: number, startedBy: string): Promise<unknown>;
}

/**
 * Demo data on top of the reference provinces: the articles' units and their blocks carried through the
 * conference to the submitted dossier and the province's year-end closing (so the dashboards compare them),
 * today's Lào Cai with its year in progress, and a sign-in for each role. Idempotent.
 */
export async function seedDemo(ds: DataSource, { closeYear }: SeedDemoOptions): Promise<void> {
  const provinceIds = await runInTransaction(ds, null, seedProvinces);
  const formerId = (code: string) => provinceIds.get(`${code}@`)!;
  const currentId = (code: string) => provinceIds.get(`${code}@${MERGER_EFFECTIVE_ON}`) ?? formerId(code);
  const unitIds = new Map<string, string>();

  const upsertUnits = (provinceId: string, code: string, units: DemoUnit[]) =>
    runInTenant(ds, provinceId, async () => {
      const m = await currentManager();
      for (const unit of units) {
        // Found by name before any insert: a former province's units end with it (a trigger dates them), out
        // of reach of the unique index on units in force, so an upsert on it would add them again each start.
        const rows: { id: string }[] = await m.query(
          `WITH found AS (
             SELECT id FROM unit WHERE province_id = $1 AND name_search = $3
             ORDER BY valid_to DESC NULLS FIRST, created_at LIMIT 1),
           renamed AS (
             UPDATE unit SET name = $2 WHERE province_id = $1 AND id IN (SELECT id FROM found) AND name <> $2),
           inserted AS (
             INSERT INTO unit (province_id, name, name_search, kind)
             SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM found)
             RETURNING id)
           SELECT id FROM found UNION ALL SELECT id FROM inserted`,
          [provinceId, unit.name, foldVietnamese(unit.name), unit.kind],
        );
        unitIds.set(`${code}/${unit.name}`, rows[0]!.id);
      }
    });
  for (const block of DEMO_BLOCKS)
    await upsertUnits(formerId(block.provinceCode), block.provinceCode, block.members);
  const current = DEMO_CURRENT_BLOCK;
  await upsertUnits(currentId(current.provinceCode), current.provinceCode, current.members);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  /** Each province's secretariat account, the actor of its audit log's province-level events. */
  const secretariats = new Map<string, string>();
  /** Today's Lào Cai's officers by unit: who signs, scores and votes for each member. */
  const officers = new Map<string, string>();
  const platformAdminId = await runInTransaction(ds, null, async () => {
    let adminId = '';
    for (const a of DEMO_ACCOUNTS) {
      const user =
        (await userRepository.byEmail(a.email)) ??
        (await userRepository.create({ email: a.email, fullName: a.fullName, passwordHash }));
      const role = await userRepository.assignRole({
        userId: user.id,
        role: a.role,
        provinceId: a.province ? (a.province.former ? formerId : currentId)(a.province.code) : null,
        unitId: a.unitName ? unitIds.get(`${a.province!.code}/${a.unitName}`)! : null,
      });
      // A demo account holds the one role listed here: one an earlier demo gave it (the officer was once in the
      // former Lào Cai) goes.
      await (
        await currentManager()
      ).query(`DELETE FROM role_assignment WHERE user_id = $1 AND id <> $2`, [user.id, role.id]);
      if (a.role === 'PLATFORM_ADMIN') adminId = user.id;
      if (a.role === 'PROVINCE_ADMIN' && role.provinceId) secretariats.set(role.provinceId, user.id);
      if (a.role === 'UNIT_OFFICER' && role.unitId) officers.set(role.unitId, user.id);
    }
    return adminId;
  });
  await seedDemoYears(ds, formerId, unitIds, platformAdminId);
  await closeDemoYears(ds, formerId, platformAdminId, closeYear);
  await seedCurrentYear(
    ds,
    currentId(current.provinceCode),
    formerId(current.predecessorProvinceCode),
    unitIds,
    { secretariatId: secretariats.get(currentId(current.provinceCode))!, officers },
  );
  // What the pages of the log and the inbox show: the history above as the gateway audits it (only into a
  // province's empty log, so a restart adds nothing), and the notices the worker sent when today's vote opened.
  const provinces = new Set([
    ...DEMO_BLOCKS.map((b) => formerId(b.provinceCode)),
    currentId(current.provinceCode),
  ]);
  for (const provinceId of provinces)
    await seedDemoAudit(ds, provinceId, secretariats.get(provinceId) ?? platformAdminId);
  await seedDemoNotifications(ds, currentId(current.provinceCode));
}
