import { describe, expect, it } from 'vitest';
import { submissionCitedBy } from './kinds/council-submission';
import { closingStart, type Block } from './model';

const signatures: Block = { kind: 'signatures', columns: [] };
const p = (text: string): Block => ({ kind: 'paragraph', text });

describe('what goes over to a new page with the signatures', () => {
  it('the closing section, back to its heading (minutes: "3. Kết luận", its conclusion, the publication note)', () => {
    const blocks: Block[] = [
      { kind: 'heading', text: '2. Kết quả' },
      p('…'),
      { kind: 'heading', text: '3. Kết luận' },
      p('Hội đồng thống nhất…'),
      p('Kết quả đã được công bố lúc 06 giờ 28 ngày 07/12/2026.'),
      signatures,
    ];
    expect(closingStart(blocks, 5)).toBe(2);
  });
  it('only the last article of a decision: "QUYẾT ĐỊNH:" is never left alone at the foot of a page', () => {
    const blocks: Block[] = [
      p('Căn cứ …'),
      { kind: 'subtitle', text: 'QUYẾT ĐỊNH:' },
      p('Điều 1. …'),
      p('Điều 2. …'),
      p('Điều 3. …'),
      signatures,
    ];
    expect(closingStart(blocks, 5)).toBe(4);
  });
  it('only the result line under a table, and nothing after a table itself', () => {
    const table: Block = { kind: 'table', columns: [], rows: [] };
    expect(closingStart([table, { kind: 'item', text: '- Kết quả: …' }, signatures], 2)).toBe(1);
    expect(closingStart([table, signatures], 1)).toBe(1);
  });
});

describe('the submission a council session’s decisions cite', () => {
  const cite = (submissionNumber: string | null, submissionDate: string | null) => ({
    submissionNumber,
    submissionDate,
  });
  it('is theirs when they cite one, however many decide its proposals', () => {
    expect(
      submissionCitedBy([
        cite('215/TTr-SNV', '2027-01-12'),
        cite('215/TTr-SNV', '2027-01-12'),
        cite(null, null),
      ]),
    ).toEqual({ number: '215/TTr-SNV', date: '2027-01-12' });
  });
  it('is none while no decision cites one, or when they cite different ones (a draft then)', () => {
    expect(submissionCitedBy([])).toBeNull();
    expect(submissionCitedBy([cite(null, null)])).toBeNull();
    expect(
      submissionCitedBy([cite('215/TTr-SNV', '2027-01-12'), cite('220/TTr-SNV', '2027-01-20')]),
    ).toBeNull();
  });
});
