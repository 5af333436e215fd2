import { randomUUID } from 'node:crypto';
import { createDataSource, currentManager, runInTenant, runInTransaction } from '@thidua/db';
import { hashPassword } from '@thidua/domain';
import type { DataSource, EntityManager } from 'typeorm';

export interface NationShape {
  provinces: number;
  blocksPerProvince: number;
  membersPerBlock: number;
}

export interface Voter {
  provinceId: string;
  periodId: string;
  contestId: string;
  unitId: string;
  userId: string;
  sessionId: string;
  /** The unit this ballot votes for (the block's first member). */
  choice: string;
}

/** Block number `b` of the province, with its member units, members from 1 January 2026. */
export async function insertBlock(
  m: EntityManager,
  provinceId: string,
  b: number,
  blockId: string,
  units: string[],
): Promise<void> {
  await m.query(
    `INSERT INTO unit (province_id, id, name, name_search, kind)
       SELECT $1, u, 'Đơn vị ' || $3 || '-' || i, 'don vi ' || $3 || '-' || i, 'STATE_AGENCY'
       FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, i)`,
    [provinceId, units, b],
  );
  await m.query(
    `INSERT INTO block (province_id, id, kind, name, name_search) VALUES ($1, $2, 'BLOCK', $3, $4)`,
    [provinceId, blockId, `Khối thi đua số ${b + 1}`, `khoi thi dua so ${b + 1}`],
  );
  await m.query(
    `INSERT INTO block_membership (province_id, block_id, block_kind, unit_id, valid_from)
       SELECT $1, $2, 'BLOCK', u, '2026-01-01' FROM unnest($3::uuid[]) u`,
    [provinceId, blockId, units],
  );
}

/**
 * A synthetic nation for benchmarks: `provinces` current provinces, each with blocks of members whose year
 * is at SCORES_LOCKED and whose voting period is open, and one signed-in officer per member unit. Written
 * with set-based SQL per province (the API would take minutes to build 8,500 units); what it builds is the
 * same rows the API writes.
 */
export async function buildNation(appUrl: string, shape: NationShape): Promise<Voter[]> {
  const ds: DataSource = await createDataSource(appUrl, { poolSize: 4 }).initialize();
  const passwordHash = await hashPassword('benchmark-password');
  const provinces: { id: string }[] = await runInTransaction(ds, null, async () =>
    (await currentManager()).query(`SELECT id FROM province WHERE valid_to IS NULL ORDER BY code LIMIT $1`, [
      shape.provinces,
    ]),
  );
  const voters: Voter[] = [];
  for (const { id: provinceId } of provinces) {
    const rows: Voter[] = await runInTenant(ds, provinceId, async () => {
      const m = await currentManager();
      const blocks = Array.from({ length: shape.blocksPerProvince }, () => randomUUID());
      const out: Voter[] = [];
      for (const [b, blockId] of blocks.entries()) {
        const units = Array.from({ length: shape.membersPerBlock }, () => randomUUID());
        const [yearId, periodId, contestId] = [randomUUID(), randomUUID(), randomUUID()];
        await insertBlock(m, provinceId, b, blockId, units);
        await m.query(
          `INSERT INTO emulation_year (province_id, id, block_id, year, theme, head_unit_id, deputy_unit_id, state)
           VALUES ($1, $2, $3, 2026, 'Đoàn kết - Sáng tạo - Phát triển', $4, $5, 'VOTING')`,
          [provinceId, yearId, blockId, units[0], units[1]],
        );
        await m.query(
          `INSERT INTO voting_period (province_id, id, emulation_year_id, round, eligible_voter_ids, threshold_percent,
             threshold_mode, allow_self_vote, max_rounds, reminder_minutes, opens_at, closes_at)
           VALUES ($1, $2, $3, 1, $4, 50, 'MORE_THAN', true, 2, '{}', now(), now() + interval '1 day')`,
          [provinceId, periodId, yearId, units],
        );
        await m.query(
          `INSERT INTO voting_contest (province_id, id, voting_period_id, position, kind, seats, candidate_unit_ids)
           VALUES ($1, $2, $3, 1, 'FLAG', 1, $4)`,
          [provinceId, contestId, periodId, units],
        );
        for (const unitId of units) {
          out.push({
            provinceId,
            periodId,
            contestId,
            unitId,
            userId: randomUUID(),
            sessionId: randomUUID(),
            choice: units[0]!,
          });
        }
      }
      return out;
    });
    // Accounts, roles and sessions are platform tables.
    await runInTransaction(ds, null, async () => {
      const m = await currentManager();
      const ids = rows.map((v) => v.userId);
      await m.query(
        `INSERT INTO app_user (id, email, full_name, full_name_search, password_hash)
           SELECT u, 'bench-' || u || '@thidua.vn', 'Cán bộ thử tải', 'can bo thu tai', $2 FROM unnest($1::uuid[]) u`,
        [ids, passwordHash],
      );
      await m.query(
        `INSERT INTO role_assignment (user_id, role, province_id, unit_id)
           SELECT u, 'UNIT_OFFICER', $1, unit FROM unnest($2::uuid[], $3::uuid[]) AS t(u, unit)`,
        [provinceId, ids, rows.map((v) => v.unitId)],
      );
      await m.query(
        `INSERT INTO auth_session (id, user_id, expires_at) SELECT s, u, now() + interval '1 day' FROM unnest($1::uuid[], $2::uuid[]) AS t(s, u)`,
        [rows.map((v) => v.sessionId), ids],
      );
    });
    voters.push(...rows);
  }
  await ds.destroy();
  return voters;
}
