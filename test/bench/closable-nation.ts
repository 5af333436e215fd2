import { randomUUID } from 'node:crypto';
import { createDataSource, currentManager, runInTenant, runInTransaction } from '@thidua/db';
import { insertBlock, type NationShape } from './synthetic-nation';

/**
 * A synthetic nation whose every block year is ready to close: voted (a tallied round), awards computed, dossier
 * submitted. Set-based SQL per province, the same rows the API and the worker write. Returns the province ids.
 */
export async function buildClosableNation(appUrl: string, shape: NationShape): Promise<string[]> {
  const ds = await createDataSource(appUrl, { poolSize: 4 }).initialize();
  const provinces: { id: string }[] = await runInTransaction(ds, null, async () =>
    (await currentManager()).query(`SELECT id FROM province WHERE valid_to IS NULL ORDER BY code LIMIT $1`, [
      shape.provinces,
    ]),
  );
  for (const { id: provinceId } of provinces) {
    await runInTenant(ds, provinceId, async () => {
      const m = await currentManager();
      for (let b = 0; b < shape.blocksPerProvince; b++) {
        const units = Array.from({ length: shape.membersPerBlock }, () => randomUUID());
        const [blockId, yearId, periodId] = [randomUUID(), randomUUID(), randomUUID()];
        await insertBlock(m, provinceId, b, blockId, units);
        await m.query(
          `INSERT INTO emulation_year (province_id, id, block_id, year, theme, head_unit_id, deputy_unit_id, state)
           VALUES ($1, $2, $3, 2026, 'Đoàn kết - Sáng tạo - Phát triển', $4, $5, 'DOSSIER_SUBMITTED')`,
          [provinceId, yearId, blockId, units[0], units[1]],
        );
        await m.query(
          `INSERT INTO covenant_item (province_id, emulation_year_id, position, text)
             SELECT $1, $2, i, 'Cam kết thi đua số ' || i FROM generate_series(1, 6) i`,
          [provinceId, yearId],
        );
        await m.query(
          `INSERT INTO year_result (province_id, emulation_year_id, unit_id, base, bonus, deductions, final, rank, position)
             SELECT $1, $2, u, 90, 5, 0, 95 - i * 0.5, i, i FROM unnest($3::uuid[]) WITH ORDINALITY AS t(u, i)`,
          [provinceId, yearId, units],
        );
        await m.query(
          `INSERT INTO voting_period (province_id, id, emulation_year_id, round, eligible_voter_ids, threshold_percent,
             threshold_mode, allow_self_vote, max_rounds, reminder_minutes, opens_at, closes_at, status, outcome)
           VALUES ($1, $2, $3, 1, $4, 50, 'MORE_THAN', true, 2, '{}', now() - interval '2 days',
             now() - interval '1 day', 'TALLIED', 'COMPLETE')`,
          [provinceId, periodId, yearId, units],
        );
        await m.query(
          `INSERT INTO year_award_outcome (province_id, emulation_year_id, next_head_unit_id, next_deputy_unit_id,
             explanations, unresolved_ties, dossier_submitted_at, dossier_submitted_by)
           VALUES ($1, $2, $3, $4, '{}', '[]', now(), $5)`,
          [provinceId, yearId, units[2], units[3], randomUUID()],
        );
        await m.query(
          `INSERT INTO nomination (province_id, emulation_year_id, unit_id, form, status, explanation)
             VALUES ($1, $2, $3, 'FLAG_PROVINCE', 'SUBMITTED', '[]'), ($1, $2, $4, 'MERIT_PROVINCE', 'SUBMITTED', '[]')`,
          [provinceId, yearId, units[0], units[1]],
        );
      }
    });
  }
  await ds.destroy();
  return provinces.map((p) => p.id);
}
