/** What the dashboards compare; each is read from a rollup row (a province's or a block's year). */
export const ROLLUP_METRICS = [
  'BLOCKS',
  'BLOCKS_CLOSED',
  'MEMBER_UNITS',
  'TURNOUT_PERCENT',
  'ROUNDS',
  'FLAG_PROPOSALS',
  'MERIT_PROPOSALS',
  'COUNCIL_APPROVALS',
  'DECIDED_AWARDS',
  'MEAN_FINAL_SCORE',
  'DOSSIERS_ON_TIME',
  'CLOSING_SECONDS',
] as const;
export type RollupMetric = (typeof ROLLUP_METRICS)[number];

/** A rollup row as stored (numeric columns may arrive as strings from the driver). */
export interface RollupRow {
  blocks?: number | string | null;
  blocks_closed?: number | string | null;
  dossiers_on_time?: number | string | null;
  dossier_on_time?: boolean | null;
  closing_ms?: number | string | null;
  member_units: number | string;
  eligible_votes: number | string;
  ballots_cast: number | string;
  rounds: number | string;
  flag_proposals: number | string;
  merit_proposals: number | string;
  council_approvals: number | string;
  decided_awards: number | string;
  mean_final_score: number | string | null;
}

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));

/** The metric's value in the row; null where it does not apply (a block has no closing time of its own). */
export function metricValue(row: RollupRow, metric: RollupMetric): number | null {
  switch (metric) {
    case 'BLOCKS':
      return num(row.blocks);
    case 'BLOCKS_CLOSED':
      return num(row.blocks_closed);
    case 'MEMBER_UNITS':
      return num(row.member_units);
    case 'TURNOUT_PERCENT': {
      const eligible = Number(row.eligible_votes);
      return eligible ? Math.round((Number(row.ballots_cast) / eligible) * 1000) / 10 : null;
    }
    case 'ROUNDS':
      return num(row.rounds);
    case 'FLAG_PROPOSALS':
      return num(row.flag_proposals);
    case 'MERIT_PROPOSALS':
      return num(row.merit_proposals);
    case 'COUNCIL_APPROVALS':
      return num(row.council_approvals);
    case 'DECIDED_AWARDS':
      return num(row.decided_awards);
    case 'MEAN_FINAL_SCORE':
      return num(row.mean_final_score);
    case 'DOSSIERS_ON_TIME':
      return row.dossier_on_time === undefined || row.dossier_on_time === null
        ? num(row.dossiers_on_time)
        : Number(row.dossier_on_time);
    case 'CLOSING_SECONDS': {
      const ms = num(row.closing_ms);
      return ms === null ? null : Math.round(ms / 100) / 10;
    }
  }
}

/**
 * RFC 4180 CSV: a header row, then one line per row; fields with commas, quotes or newlines are quoted. Text
 * that a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
