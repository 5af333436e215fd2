import { describe, expect, it } from 'vitest';
import {
  METRIC_DEFINITIONS,
  metricValue,
  provinceLabel,
  ROLLUP_METRICS,
  sharedRanks,
  toCsv,
  type RollupRow,
} from './metrics';

const province: RollupRow = {
  blocks: 12,
  blocks_closed: 11,
  dossiers_on_time: '10',
  closing_ms: '2345',
  member_units: 108,
  eligible_votes: 120,
  ballots_cast: 117,
  rounds: 2,
  flag_proposals: 13,
  merit_proposals: 30,
  council_approvals: 12,
  decided_awards: 40,
  mean_final_score: '96.25',
};

describe('dashboard metrics', () => {
  it('reads each metric from a rollup row', () => {
    expect(metricValue(province, 'TURNOUT_PERCENT')).toBe(97.5);
    expect(metricValue(province, 'MEAN_FINAL_SCORE')).toBe(96.25);
    expect(metricValue(province, 'DOSSIERS_ON_TIME')).toBe(10);
    expect(metricValue(province, 'CLOSING_SECONDS')).toBe(2.3);
    const block = { ...province, blocks: undefined, closing_ms: undefined, dossier_on_time: true };
    expect(metricValue(block, 'BLOCKS')).toBeNull();
    expect(metricValue(block, 'DOSSIERS_ON_TIME')).toBe(1);
    expect(metricValue({ ...province, eligible_votes: 0 }, 'TURNOUT_PERCENT')).toBeNull();
    expect(metricValue({ ...province, unsubmitted_proposals: '3' }, 'PROPOSALS_NOT_SUBMITTED')).toBe(3);
  });

  it('says for every figure what it is for a block and how the province aggregates it', () => {
    expect(Object.keys(METRIC_DEFINITIONS).sort()).toEqual([...ROLLUP_METRICS].sort());
  });

  it('labels a province with its code and years, so that reused names stay apart', () => {
    const former = { name: 'Lào Cai', code: '10', validFrom: null, validTo: '2025-06-30' };
    const current = { name: 'Lào Cai', code: '15', validFrom: '2025-07-01', validTo: null };
    expect(provinceLabel(former)).toBe('Lào Cai (10, –2025)');
    expect(provinceLabel(current)).toBe('Lào Cai (15, 2025–)');
    expect(provinceLabel({ name: 'Nghệ An', code: '40', validFrom: null, validTo: null })).toBe(
      'Nghệ An (40)',
    );
  });

  it('ranks ties alike and skips the places they take; rows without the figure are unranked', () => {
    expect(sharedRanks([90, 95, 95, null, 80])).toEqual([3, 1, 1, null, 4]);
    expect(sharedRanks([0, 0])).toEqual([1, 1]);
    expect(sharedRanks([])).toEqual([]);
  });

  it('writes CSV that spreadsheet programs read back, Vietnamese names included', () => {
    expect(
      toCsv(
        ['Tỉnh', 'MEAN_FINAL_SCORE'],
        [
          ['Thành phố Hồ Chí Minh', 96.5],
          ['Khối "Đảng, đoàn thể"', null],
          ['=HYPERLINK("x")', -1],
        ],
      ),
    ).toBe(
      'Tỉnh,MEAN_FINAL_SCORE\r\nThành phố Hồ Chí Minh,96.5\r\n"Khối ""Đảng, đoàn thể""",\r\n"\'=HYPERLINK(""x"")",-1\r\n',
    );
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1+1', '\r=1+1'])(
    'neutralises a cell a spreadsheet would run: %j',
    (cell) => {
      const [, line] = toCsv(['x'], [[cell]]).split('\r\n');
      expect(line!.replace(/^"|"$/g, '')).toBe(`'${cell}`);
    },
  );
});
