import { describe, expect, it } from 'vitest';
import { metricValue, toCsv, type RollupRow } from './metrics';

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
});
