import { describe, expect, it } from 'vitest';
import { rowHeight, wrappedLines } from './statistics.xlsx';

describe("a wrapped cell's lines and height", () => {
  it('a line holds words whole, a longer text more lines, a narrower cell more still', () => {
    expect(wrappedLines('Tổng số', 42)).toBe(1);
    // 14 letters a line at 18 units, bold: "Số khối, cụm" / "đã tổ chức hội" / "nghị tổng kết".
    expect(wrappedLines('Số khối, cụm đã tổ chức hội nghị tổng kết', 18, { bold: true }, 0.95)).toBe(3);
    const note = 'Số được tặng tính theo các quyết định khen thưởng đã ghi trên nền tảng. '.repeat(4);
    expect(wrappedLines(note, 96, { size: 11 })).toBeGreaterThan(
      wrappedLines(note.slice(0, 80), 96, { size: 11 }),
    );
    expect(wrappedLines(note, 60, { size: 11 })).toBeGreaterThan(wrappedLines(note, 114, { size: 11 }));
    // A word longer than a line (8 letters at 11 units) takes the lines it needs.
    expect(wrappedLines('x'.repeat(50), 11)).toBe(7);
  });

  it('a row is higher than the default 15 points, and grows with its lines', () => {
    expect(rowHeight(1)).toBeGreaterThan(15);
    expect(rowHeight(3, 11)).toBeGreaterThan(rowHeight(2, 11));
  });
});
