import { randomBytes } from 'node:crypto';
import { foldVietnamese, hashPassword, type Role } from '@thidua/domain';
import {
  currentManager,
  runInTenant,
  runInTransaction,
  seedLockedYear,
  userRepository,
  type Unit,
} from '@thidua/db';
import type { DataSource } from 'typeorm';
import type { TestApp } from './harness';

export const TEST_PASSWORD = 'Mật khẩu thử nghiệm 2025';
let passwordHash: Promise<string> | undefined;

/** A province by its official code; `former` picks the pre-2025 one where the code was reused. */
export async function provinceId(ds: DataSource, code: string, { former = false } = {}): Promise<string> {
  return runInTransaction(ds, null, async () => {
    const rows: { id: string }[] = await (
      await currentManager()
    ).query(
      `SELECT id FROM province WHERE code = $1 AND (valid_to IS NOT NULL) = $2 ORDER BY valid_from DESC NULLS LAST LIMIT 1`,
      [code, former],
    );
    if (!rows[0]) throw new Error(`No ${former ? 'former' : 'current'} province with code ${code}`);
    return rows[0].id;
  });
}

export async function createUnits(ds: DataSource, province: string, names: string[]): Promise<Unit[]> {
  return runInTenant(ds, province, async () => {
    const m = await currentManager();
    const units: Unit[] = [];
    for (const name of names) {
      const [row] = await m.query(
        `INSERT INTO unit (province_id, name, name_search, kind) VALUES ($1, $2, $3, 'STATE_AGENCY') RETURNING *`,
        [province, name, foldVietnamese(name)],
      );
      units.push({ ...row, provinceId: row.province_id });
    }
    return units;
  });
}

export interface Account {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
}

/** An account holding one role, signed in through the API. */
export async function createAccount(
  app: TestApp,
  role: Role,
  scope: { provinceId?: string; unitId?: string } = {},
): Promise<Account> {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString('hex')}@thu.vn`;
  const user = await runInTransaction(app.dataSource, null, async () => {
    const created = await userRepository.create({
      email,
      fullName: 'Nguyễn Văn Thử',
      passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
    });
    await userRepository.assignRole({
      userId: created.id,
      role,
      provinceId: scope.provinceId ?? null,
      unitId: scope.unitId ?? null,
    });
    return created;
  });
  const res = await app.gql<{ login: { accessToken: string; refreshToken: string } }>(
    `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }`,
    { email, password: TEST_PASSWORD },
  );
  if (!res.data) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
  return { id: user.id, email, token: res.data.login.accessToken, refreshToken: res.data.login.refreshToken };
}

export interface LockedBlock {
  blockId: string;
  yearId: string;
  units: Unit[];
  /** One signed-in officer per unit, in the same order (none when created with `officers: false`). */
  officers: Account[];
}

let blockCounter = 0;
/**
 * A block of `names.length` units whose year is at SCORES_LOCKED (head: the first unit, deputy: the second).
 * `officers: false` skips signing in an officer per unit (a password check each), for blocks nobody acts in.
 */
export async function createLockedBlock(
  app: TestApp,
  province: string,
  names: string[],
  actor: Account,
  { officers: signIn = true, year = 2026 }: { officers?: boolean; year?: number } = {},
): Promise<LockedBlock> {
  const suffix = `${process.pid}-${++blockCounter}`;
  const units = await createUnits(
    app.dataSource,
    province,
    names.map((n) => `${n} (${suffix})`),
  );
  const { blockId, yearId } = await runInTenant(app.dataSource, province, () =>
    seedLockedYear({
      blockName: `Khối thi đua ${suffix}`,
      description: null,
      year,
      theme: 'Đoàn kết - Sáng tạo - Kỷ cương - Phát triển',
      ranking: units.map((u) => u.id),
      headUnitId: units[0]!.id,
      deputyUnitId: units[1]!.id,
      actorId: actor.id,
    }),
  );
  const officers = signIn
    ? await Promise.all(
        units.map((u) => createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId: u.id })),
      )
    : [];
  return { blockId, yearId, units, officers };
}
