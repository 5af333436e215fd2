import type { BaseSalary } from '@thidua/domain';
import { currentManager } from '../tenancy/tenant-context';

/** A row of the platform's base salary table, as the API shows it. */
export interface BaseSalaryRow extends BaseSalary {
  recordedBy: string | null;
  recordedAt: Date;
}

const COLUMNS = `to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", amount_vnd AS "amountVnd",
  legal_basis AS "legalBasis", source_url AS "sourceUrl", recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;

const toRow = (r: BaseSalaryRow): BaseSalaryRow => ({ ...r, amountVnd: Number(r.amountVnd) });

/** Platform reference data: readable in any transaction (platform or tenant), appended by the platform admin. */
export const baseSalaryRepository = {
  /** Every row, oldest first. */
  async list(): Promise<BaseSalaryRow[]> {
    const rows: BaseSalaryRow[] = await (
      await currentManager()
    ).query(`SELECT ${COLUMNS} FROM base_salary ORDER BY effective_from`);
    return rows.map(toRow);
  },

  /** The new row, or null when a row from that date exists already (a concurrent recorder won). */
  async record(row: BaseSalary, userId: string): Promise<BaseSalaryRow | null> {
    const rows: BaseSalaryRow[] = await (
      await currentManager()
    ).query(
      `INSERT INTO base_salary (effective_from, amount_vnd, legal_basis, source_url, recorded_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (effective_from) DO NOTHING RETURNING ${COLUMNS}`,
      [row.effectiveFrom, row.amountVnd, row.legalBasis, row.sourceUrl, userId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  },
};
