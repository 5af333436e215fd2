import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import {
  attachmentRepository,
  blockRepository,
  criteriaSetRepository,
  deferralRepository,
  emulationYearRepository,
  personRepository,
  runInTenant,
  TenantContextError,
  unitRepository,
} from '@thidua/db';
import { defaultScoringRules } from '@thidua/domain';
import {
  createAccount,
  createUnits,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';

/** Tables that belong to no province, each for a stated reason. Anything else must be a tenant table. */
const PLATFORM_TABLES = {
  province: 'the tenant registry itself',
  province_lineage: 'merger history between tenants',
  app_user: 'one account may work in several provinces',
  role_assignment: 'read at sign-in, before any province is chosen',
  auth_session: 'sign-in sessions',
  refresh_token: 'sign-in sessions',
  login_throttle: 'sign-in throttling by email',
  invitation:
    "opened by its emailed link before the invitee has an account or a province (the province's lists filter by province_id)",
  password_reset: 'asked for an email before anyone is signed in; throttled by address and client',
  platform_audit_event: 'actions on accounts and provinces',
  base_salary:
    'the national base salary, set by Government decree for every province (prize money reference)',
  outbox: 'relayed by one process for all provinces; holds ids only',
  job_failure: 'queue failures for operators; holds ids only',
  notification_preference: "a person's own choices, whichever province they act in",
  schema_migration: 'migration bookkeeping',
};
/** Aggregates every signed-in reader may compare across provinces; only the province itself writes its rows. */
const SHARED_AGGREGATES = { province_year_rollup: 'dashboards compare provinces side by side' };

let app: TestApp;
let laoCai: string;
let ninhThuan: string;
let admin: Account;

async function asApp<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: app.db.appUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** From pg_tables, not information_schema, which hides tables the role has no privilege on (ballot, ballot_seal). */
async function tenantTables(c: pg.Client): Promise<string[]> {
  const { rows } = await c.query<{ table_name: string }>(
    `SELECT tablename AS table_name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name).filter((t) => !(t in PLATFORM_TABLES) && !(t in SHARED_AGGREGATES));
}

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  laoCai = await provinceId(app.dataSource, '15');
  ninhThuan = await provinceId(app.dataSource, '58', { former: true });
  await createUnits(app.dataSource, laoCai, ['Văn phòng Tỉnh ủy', 'Báo Lào Cai']);
  await createUnits(app.dataSource, ninhThuan, ['Báo Ninh Thuận']);
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: laoCai });
});
afterAll(() => app?.close());

describe('the database layer', () => {
  it('connects the application as a role that is neither owner nor superuser and cannot bypass RLS', async () => {
    const role = await asApp((c) =>
      c.query(
        `SELECT rolsuper, rolbypassrls, (SELECT count(*) FROM pg_tables WHERE tableowner = current_user) AS owned FROM pg_roles WHERE rolname = current_user`,
      ),
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: '0' });
  });

  it('every table is a platform table or a tenant table with RLS forced and province_id in its key', async () => {
    await asApp(async (c) => {
      const tables = await tenantTables(c);
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) {
        const { rows } = await c.query(
          `SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT bool_and(a.attname IS NOT NULL) FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) AND a.attname = 'province_id'
               WHERE i.indrelid = c.oid AND i.indisprimary) AS keyed,
             (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int AS policies
           FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace`,
          [table],
        );
        expect({ table, ...rows[0] }).toEqual({
          table,
          enabled: true,
          forced: true,
          keyed: true,
          policies: 1,
        });
      }
    });
  });

  it('a shared aggregate is read across provinces but written only for the province set', async () => {
    await asApp(async (c) => {
      const row = (province: string) =>
        c.query(
          `INSERT INTO province_year_rollup (province_id, year, blocks, blocks_closed, dossiers_on_time, member_units,
             eligible_votes, ballots_cast, rounds, flag_proposals, merit_proposals, council_approvals, decided_awards)
           VALUES ($1, 2026, 1, 1, 1, 9, 9, 9, 1, 1, 2, 0, 0)`,
          [province],
        );
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.province_id', $1, true)`, [laoCai]);
      await row(laoCai);
      await c.query('SAVEPOINT s');
      await expect(row(ninhThuan)).rejects.toThrow(/row-level security/);
      await c.query('ROLLBACK TO SAVEPOINT s');
      await expect(
        c.query(`UPDATE province_year_rollup SET blocks = 2 WHERE province_id = $1`, [laoCai]),
      ).resolves.toMatchObject({ rowCount: 1 });
      await c.query('COMMIT');
      // Another province's session, or none, reads it and cannot change it.
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.province_id', $1, true)`, [ninhThuan]);
      const { rows } = await c.query(`SELECT blocks FROM province_year_rollup WHERE province_id = $1`, [
        laoCai,
      ]);
      expect(rows).toEqual([{ blocks: 2 }]);
      const changed = await c.query(`UPDATE province_year_rollup SET blocks = 99 WHERE province_id = $1`, [
        laoCai,
      ]);
      expect(changed.rowCount).toBe(0);
      await c.query('ROLLBACK');
    });
  });

  it('foreign keys between tenant tables include province_id', async () => {
    await asApp(async (c) => {
      const tables = await tenantTables(c);
      const { rows } = await c.query<{ name: string; from: string; cols: string[] }>(
        `SELECT con.conname AS name, con.conrelid::regclass::text AS from,
           array(SELECT attname FROM pg_attribute WHERE attrelid = con.conrelid AND attnum = ANY(con.conkey))::text[] AS cols
         FROM pg_constraint con WHERE con.contype = 'f' AND con.confrelid::regclass::text = ANY($1) AND con.conrelid::regclass::text = ANY($1)`,
        [tables],
      );
      for (const fk of rows) expect(fk.cols, fk.name).toContain('province_id');
    });
  });

  it('with no tenant set, the application reads zero rows of every tenant table', async () => {
    await asApp(async (c) => {
      for (const table of await tenantTables(c)) {
        // Tables the application may not read at all (ballots) are refused outright, better still.
        const readable = await c.query(`SELECT has_table_privilege($1, 'SELECT') AS ok`, [table]);
        if (!readable.rows[0].ok) continue;
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM ${table}`);
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
      // A setting that was used and reset reads '' rather than NULL: still nothing.
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.province_id', $1, true)`, [laoCai]);
      await c.query('COMMIT');
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM unit`);
      expect(rows[0].n).toBe(0);
    });
  });

  it("with province A set, it sees only A's rows and cannot write a row for B", async () => {
    await asApp(async (c) => {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.province_id', $1, true)`, [laoCai]);
      const { rows } = await c.query<{ province_id: string }>(`SELECT DISTINCT province_id FROM unit`);
      expect(rows).toEqual([{ province_id: laoCai }]);
      await expect(
        c.query(
          `INSERT INTO unit (province_id, name, name_search, kind) VALUES ($1, 'Lạc tỉnh', 'lac tinh', 'OTHER')`,
          [ninhThuan],
        ),
      ).rejects.toThrow(/row-level security/);
      await c.query('ROLLBACK');
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.province_id', $1, true)`, [laoCai]);
      const moved = await c.query(`UPDATE unit SET province_id = $1`, [ninhThuan]).catch((e: Error) => e);
      expect(String(moved)).toMatch(/row-level security/);
      await c.query('ROLLBACK');
    });
  });

  it("reads a lineage only into the provinces one's province absorbed, and keeps one's own tenant", async () => {
    const formerLaoCai = await provinceId(app.dataSource, '15', { former: true });
    const [before] = await createUnits(app.dataSource, formerLaoCai, ['Sở Nội vụ tỉnh Lào Cai (cũ)']);
    const [elsewhere] = await createUnits(app.dataSource, ninhThuan, ['Sở Nội vụ tỉnh Ninh Thuận']);
    await asApp(async (c) => {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.province_id', $1, true)`, [laoCai]);
      const { rows } = await c.query<{ r: { names: Record<string, string> }; here: string }>(
        `SELECT lineage_record($1, 'UNIT', ARRAY[$2::uuid]) AS r, current_setting('app.province_id') AS here`,
        [formerLaoCai, before!.id],
      );
      expect(rows[0]!.r.names).toEqual({ [before!.id]: 'Sở Nội vụ tỉnh Lào Cai (cũ)' });
      const after = await c.query<{ here: string }>(`SELECT current_setting('app.province_id') AS here`);
      expect(after.rows[0]!.here).toBe(laoCai);
      await expect(
        c.query(`SELECT lineage_record($1, 'UNIT', ARRAY[$2::uuid])`, [ninhThuan, elsewhere!.id]),
      ).rejects.toThrow(/neither .* nor a province it absorbed/);
      await c.query('ROLLBACK');
    });
  });

  it('tenant repositories refuse to run outside a tenant context', async () => {
    await expect(unitRepository.list({}, { first: 10, offset: 0 })).rejects.toBeInstanceOf(
      TenantContextError,
    );
  });
});

describe('the API layer', () => {
  const UNIT = `query($id: ID!) { unit(id: $id) { id name } }`;

  it("answers NOT_FOUND for another province's unit asked from one's own province", async () => {
    const [foreign] = await createUnits(app.dataSource, ninhThuan, ['Ban Dân vận Tỉnh ủy']);
    const res = await app.gql(UNIT, { id: foreign!.id }, { token: admin.token, provinceId: laoCai });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.data).toBeNull();

    const update = await app.gql(
      `mutation($id: ID!) { updateUnit(id: $id, input: { name: "Chiếm đoạt" }) { id } }`,
      { id: foreign!.id },
      { token: admin.token, provinceId: laoCai },
    );
    expect(update.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers FORBIDDEN when acting in a province where one holds no role', async () => {
    const res = await app.gql(`{ units { totalCount } }`, {}, { token: admin.token, provinceId: ninhThuan });
    expect(res.status).toBe(403);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("lists only the request's province's units", async () => {
    const res = await app.gql<{ units: { nodes: { name: string }[] } }>(
      `{ units(first: 100) { nodes { name } } }`,
      {},
      { token: admin.token, provinceId: laoCai },
    );
    expect(res.data?.units.nodes.map((u) => u.name)).toEqual(['Báo Lào Cai', 'Văn phòng Tỉnh ủy']);
  });

  it("hides another province's role assignments and users", async () => {
    const other = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: ninhThuan });
    const users = await app.gql<{ users: { nodes: { email: string }[] } }>(
      `{ users(first: 100) { nodes { email } } }`,
      {},
      { token: admin.token, provinceId: laoCai },
    );
    expect(users.data?.users.nodes.map((u) => u.email)).not.toContain(other.email);
    const roles = await app.gql<{ me: { roles: { id: string }[] } }>(
      `{ me { roles { id } } }`,
      {},
      { token: other.token },
    );
    const revoke = await app.gql(
      `mutation($id: ID!) { revokeRole(id: $id) { id } }`,
      { id: roles.data!.me.roles[0]!.id },
      { token: admin.token, provinceId: laoCai },
    );
    expect(revoke.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe("every resolver, given another province's ids", () => {
  /** Khánh Hòa's rows, created directly in its own tenant context. */
  let b: Record<
    'unit' | 'block' | 'person' | 'criteria' | 'year' | 'deferral' | 'registration' | 'attachment',
    string
  >;

  beforeAll(async () => {
    const khanhHoa = await provinceId(app.dataSource, '56');
    const [unit, second] = await createUnits(app.dataSource, khanhHoa, [
      'Văn phòng Tỉnh ủy',
      'Báo Khánh Hòa',
    ]);
    b = await runInTenant(app.dataSource, khanhHoa, async () => {
      const block = await blockRepository.create({
        name: 'Khối các cơ quan Đảng',
        kind: 'BLOCK',
        description: null,
      });
      await blockRepository.addMember(block, unit!.id, '2025-07-01');
      await blockRepository.addMember(block, second!.id, '2025-07-01');
      const person = await personRepository.create({
        unitId: unit!.id,
        fullName: 'Trần Thị Mai',
        gender: 'FEMALE',
        position: null,
      });
      const criteria = await criteriaSetRepository.create({
        year: 2026,
        name: 'Bảng điểm 2026',
        rules: defaultScoringRules(),
      });
      const year = await emulationYearRepository.create({
        blockId: block.id,
        year: 2026,
        theme: 'Đoàn kết - Sáng tạo',
        headUnitId: unit!.id,
        deputyUnitId: second!.id,
        criteriaSetId: criteria.id,
        registrationDeadline: null,
        scoringDeadline: null,
      });
      const registration = await emulationYearRepository.register({
        emulationYearId: year.id,
        unitId: unit!.id,
        title: 'COLL_EXCELLENT',
        personId: null,
        registeredBy: admin.id,
      });
      const deferral = await deferralRepository.create({
        unitId: unit!.id,
        reason: 'INSPECTION',
        note: 'Thanh tra 2026',
        openedOn: '2026-03-01',
      });
      const attachmentId = randomUUID();
      await attachmentRepository.insert({
        id: attachmentId,
        emulationYearId: year.id,
        ownerType: 'EMULATION_YEAR',
        ownerId: year.id,
        subject: null,
        name: 'Báo cáo thành tích.pdf',
        contentType: 'application/pdf',
        size: 10,
        sha256: 'a'.repeat(64),
        storageKey: `${khanhHoa}/${attachmentId}`,
        generated: false,
        uploadedBy: admin.id,
      });
      return {
        unit: unit!.id,
        block: block.id,
        person: person.id,
        criteria: criteria.id,
        year: year.id,
        deferral: deferral.id,
        registration: registration.id,
        attachment: attachmentId,
      };
    });
  });

  const cases: [string, string, () => Record<string, unknown>][] = [
    ['unit', `query($id: ID!) { unit(id: $id) { id } }`, () => ({ id: b.unit })],
    ['block', `query($id: ID!) { block(id: $id) { id } }`, () => ({ id: b.block })],
    [
      'emulationYear',
      `query($id: ID!) { emulationYear(blockId: $id, year: 2026) { id } }`,
      () => ({ id: b.block }),
    ],
    ['criteriaSet', `query($id: ID!) { criteriaSet(id: $id) { id } }`, () => ({ id: b.criteria })],
    ['deleteAttachment', `mutation($id: ID!) { deleteAttachment(id: $id) }`, () => ({ id: b.attachment })],
    [
      'updateBlock',
      `mutation($id: ID!) { updateBlock(id: $id, input: { name: "Đổi tên" }) { id } }`,
      () => ({ id: b.block }),
    ],
    [
      'addBlockMember',
      `mutation($v: BlockMemberInput!) { addBlockMember(input: $v) { id } }`,
      () => ({ v: { blockId: b.block, unitId: b.unit, date: '2026-01-01' } }),
    ],
    [
      'removeBlockMember',
      `mutation($v: BlockMemberInput!) { removeBlockMember(input: $v) { id } }`,
      () => ({ v: { blockId: b.block, unitId: b.unit, date: '2026-12-31' } }),
    ],
    ['person', `query($id: ID!) { person(id: $id) { id } }`, () => ({ id: b.person })],
    [
      'updatePerson',
      `mutation($id: ID!) { updatePerson(id: $id, input: { position: "Chiếm đoạt" }) { id } }`,
      () => ({ id: b.person }),
    ],
    [
      'createPerson',
      `mutation($u: ID!) { createPerson(input: { unitId: $u, fullName: "Lê Văn B", gender: MALE }) { id } }`,
      () => ({ u: b.unit }),
    ],
    [
      'openEmulationYear',
      `mutation($id: ID!) { openEmulationYear(input: { blockId: $id, year: 2027 }) { id } }`,
      () => ({ id: b.block }),
    ],
    [
      'updateEmulationYear',
      `mutation($id: ID!) { updateEmulationYear(id: $id, input: { theme: "Khác" }) { id } }`,
      () => ({ id: b.year }),
    ],
    [
      'transitionEmulationYear',
      `mutation($id: ID!) { transitionEmulationYear(id: $id, to: OPEN) { id } }`,
      () => ({ id: b.year }),
    ],
    [
      'setCovenantItems',
      `mutation($id: ID!) { setCovenantItems(emulationYearId: $id, items: ["x"]) { position } }`,
      () => ({ id: b.year }),
    ],
    [
      'signCovenant',
      `mutation($id: ID!, $u: ID!) { signCovenant(emulationYearId: $id, unitId: $u) { signedAt } }`,
      () => ({ id: b.year, u: b.unit }),
    ],
    [
      'registerTitle',
      `mutation($id: ID!, $u: ID!) { registerTitle(input: { emulationYearId: $id, unitId: $u, title: COLL_ADVANCED }) { id } }`,
      () => ({ id: b.year, u: b.unit }),
    ],
    [
      'withdrawTitleRegistration',
      `mutation($id: ID!) { withdrawTitleRegistration(id: $id) { id } }`,
      () => ({ id: b.registration }),
    ],
    [
      'submitScoreSheet',
      `mutation($id: ID!, $u: ID!) { submitScoreSheet(input: { emulationYearId: $id, kind: SELF, scorerUnitId: $u, targetUnitId: $u, scores: [] }) { id } }`,
      () => ({ id: b.year, u: b.unit }),
    ],
    ['lockScores', `mutation($id: ID!) { lockScores(emulationYearId: $id) { id } }`, () => ({ id: b.year })],
    [
      'recordDeferral',
      `mutation($u: ID!) { recordDeferral(input: { unitId: $u, reason: COMPLAINT, note: "Khiếu nại", openedOn: "2026-01-01" }) { id } }`,
      () => ({ u: b.unit }),
    ],
    [
      'recordDisqualification',
      `mutation($u: ID!) { recordDisqualification(input: { unitId: $u, year: 2026, reason: COVENANT_BREACH, detail: "Vi phạm giao ước" }) { id } }`,
      () => ({ u: b.unit }),
    ],
    [
      'closeDeferral',
      `mutation($id: ID!) { closeDeferral(id: $id, closedOn: "2026-12-01") { id } }`,
      () => ({ id: b.deferral }),
    ],
    [
      'assignRole',
      `mutation($u: ID!, $user: ID!) { assignRole(input: { userId: $user, role: UNIT_OFFICER, unitId: $u }) { id } }`,
      () => ({ u: b.unit, user: admin.id }),
    ],
    [
      'recordLineage',
      `mutation($u: ID!) { recordLineage(input: { subjectKind: UNIT, successorId: $u, predecessors: [{ id: $u }], kind: RENAME, effectiveOn: "2025-07-01" }) { kind } }`,
      () => ({ u: b.unit }),
    ],
    [
      'recordAchievements',
      `mutation($u: ID!) { recordAchievements(input: [{ subjectKind: UNIT, subjectId: $u, title: COLL_EXCELLENT, year: 2025, decisionRef: "QĐ 1/QĐ-UBND" }]) { id } }`,
      () => ({ u: b.unit }),
    ],
    ['lineage', `query($u: ID!) { lineage(subjectKind: UNIT, id: $u) { kind } }`, () => ({ u: b.unit })],
    [
      'removeLineage',
      `mutation($u: ID!) { removeLineage(subjectKind: UNIT, successorId: $u, predecessorId: $u) { kind } }`,
      () => ({ u: b.unit }),
    ],
    [
      'achievements',
      `query($p: ID!) { achievements(subjectKind: PERSON, subjectId: $p) { id } }`,
      () => ({ p: b.person }),
    ],
    [
      'streaks',
      `query($u: ID!) { streaks(subjectKind: UNIT, subjectId: $u, year: 2026) { met } }`,
      () => ({ u: b.unit }),
    ],
  ];

  it.each(cases)('%s answers NOT_FOUND from province A', async (_name, query, variables) => {
    const res = await app.gql(query, variables(), { token: admin.token, provinceId: laoCai });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("lists never include another province's blocks, people, criteria sets or audit events", async () => {
    const res = await app.gql<{
      blocks: { totalCount: number };
      persons: { totalCount: number };
      criteriaSets: unknown[];
      auditEvents: { nodes: { entityId: string }[] };
    }>(
      `{ blocks { totalCount } persons { totalCount } criteriaSets { id } auditEvents(first: 100) { nodes { entityId } } }`,
      {},
      { token: admin.token, provinceId: laoCai },
    );
    expect(res.data).toMatchObject({
      blocks: { totalCount: 0 },
      persons: { totalCount: 0 },
      criteriaSets: [],
    });
    expect(res.data!.auditEvents.nodes.map((e) => e.entityId)).not.toContain(b.block);
  });

  it('a national viewer reads no personal data', async () => {
    const viewer = await createAccount(app, 'NATIONAL_VIEWER');
    const res = await app.gql(`{ persons { totalCount } }`, {}, { token: viewer.token, provinceId: laoCai });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
