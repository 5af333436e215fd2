/** What the dashboards compare; each is read from a rollup row (a province's or a block's year). */
export const ROLLUP_METRICS = [
  'BLOCKS',
  'BLOCKS_CLOSED',
  'MEMBER_UNITS',
  'TURNOUT_PERCENT',
  'ROUNDS',
  'FLAG_PROPOSALS',
  'MERIT_PROPOSALS',
  'PROPOSALS_NOT_SUBMITTED',
  'COUNCIL_APPROVALS',
  'DECIDED_AWARDS',
  'MEAN_FINAL_SCORE',
  'DOSSIERS_ON_TIME',
  'CLOSING_SECONDS',
] as const;
export type RollupMetric = (typeof ROLLUP_METRICS)[number];

/**
 * What each figure is for one block's year, and how a province's figure is aggregated from its blocks' (written
 * by the year-end closing, packages/db/src/repositories/rollup.repository.ts). Shown in the API's enum
 * descriptions and in docs/architecture.md.
 */
export const METRIC_DEFINITIONS: Record<RollupMetric, { block: string; province: string }> = {
  BLOCKS: {
    block: 'none (null)',
    province: "count of the province's block years of that year",
  },
  BLOCKS_CLOSED: {
    block: 'none (null)',
    province: 'count of the blocks the closing closed (CLOSED or ALREADY_CLOSED)',
  },
  MEMBER_UNITS: {
    block: 'distinct units with a membership valid at any time in the year',
    province: 'sum over the blocks (a unit in a block and in a cluster counts in each)',
  },
  TURNOUT_PERCENT: {
    block: "ballots cast ÷ eligible votes over every round of the block's vote, × 100, one decimal",
    province:
      "sum of the blocks' ballots cast ÷ sum of their eligible votes, × 100 (weighted by eligible votes, not a " +
      "mean of the blocks' percentages); null when nobody was eligible",
  },
  ROUNDS: {
    block: "the highest round of the block's vote (0 without a vote)",
    province: 'the maximum over the blocks',
  },
  FLAG_PROPOSALS: {
    block: 'flag proposals (FLAG_PROVINCE) of a block whose dossier was submitted; 0 while it is not',
    province: 'sum over the blocks (submitted dossiers only)',
  },
  MERIT_PROPOSALS: {
    block:
      'certificate of merit proposals (MERIT_PROVINCE) of a block whose dossier was submitted; 0 while it is not',
    province: 'sum over the blocks (submitted dossiers only)',
  },
  PROPOSALS_NOT_SUBMITTED: {
    block: 'flag and merit proposals the engine computed for a block whose dossier was not submitted',
    province: 'sum over the blocks',
  },
  COUNCIL_APPROVALS: {
    block:
      "the block year's nominations the council approved (those since decided or revoked included); null for a " +
      'year recorded from documents until a decision of it is recorded',
    province: 'sum over the blocks whose outcome is known (null when none is)',
  },
  DECIDED_AWARDS: {
    block:
      "the block year's nominations decided and in force (a revoked award no longer counts); null for a year " +
      'recorded from documents until a decision of it is recorded',
    province: 'sum over the blocks whose outcome is known (null when none is)',
  },
  MEAN_FINAL_SCORE: {
    block: "mean of the members' locked final scores, two decimals",
    province:
      'unweighted mean of the block means (each block counts once, whatever its size; blocks without scores ' +
      'left out), two decimals',
  },
  DOSSIERS_ON_TIME: {
    block: '1 when the dossier was submitted by its R13 deadline, else 0',
    province: 'count of the blocks whose dossier came on time',
  },
  CLOSING_SECONDS: {
    block: 'none (null)',
    province: "the year-end closing's duration, from the start of its latest round to its end, one decimal",
  },
};

/** The figures a block's year has (the others are the province's only): a block ranking shows these. */
export const BLOCK_METRICS: readonly RollupMetric[] = ROLLUP_METRICS.filter(
  (m) => METRIC_DEFINITIONS[m].block !== 'none (null)',
);

/** A figure's description as the API shows it: the block's figure, then the province's aggregation. */
export function metricDescription(metric: RollupMetric): string {
  const d = METRIC_DEFINITIONS[metric];
  return `Block: ${d.block}. Province: ${d.province}.`;
}

/** A province as a dashboard row names it (dates YYYY-MM-DD, null when open-ended). */
export interface ProvinceIdentity {
  name: string;
  code: string;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * A province's name that tells it from another of the same name: names and codes were reused in 2025 (the new
 * Lào Cai, code 15, is not the former Lào Cai, code 10, and has the former Yên Bái's code), so the label carries
 * the code and the years the province existed: "Lào Cai (10, –2025)", "Lào Cai (15, 2025–)", "Nghệ An (40)".
 */
export function provinceLabel(p: ProvinceIdentity): string {
  const from = p.validFrom?.slice(0, 4) ?? '';
  const to = p.validTo?.slice(0, 4) ?? '';
  return from || to ? `${p.name} (${p.code}, ${from}–${to})` : `${p.name} (${p.code})`;
}

/**
 * Competition ranks, largest first ("1224"): rows with the same figure share a rank, and the next rank counts
 * the rows before it. Rows without the figure (null) are unranked. Ranks come back in the input's order.
 */
export function sharedRanks(keys: readonly (number | null)[]): (number | null)[] {
  return keys.map((k) => (k === null ? null : 1 + keys.filter((o) => o !== null && o > k).length));
}

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
  unsubmitted_proposals?: number | string | null;
  /** Null for a year recorded from documents whose outcome is not recorded. */
  council_approvals: number | string | null;
  decided_awards: number | string | null;
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
    case 'PROPOSALS_NOT_SUBMITTED':
      return num(row.unsubmitted_proposals);
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
 * that a spreadsheet would run as a formula is prefixed with an apostrophe: text beginning with =, +, -, @, or
 * with a tab or carriage return (which some programs skip before reading the formula). Numbers stay numbers.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
