import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

const MONEY = Object.assign(new ReadingConfig(), {
  unit: ['đồng'],
  // Administrative documents write "tỷ".
  units: [[], ['nghìn'], ['triệu'], ['tỷ']],
});

/** The amount in words as a decision writes it: "Hai mươi triệu hai trăm bốn mươi nghìn đồng". */
export function amountInWords(vnd: number): string {
  if (!Number.isSafeInteger(vnd) || vnd < 0) throw new RangeError(`Not a whole amount of đồng: ${vnd}`);
  const words = doReadNumber(String(vnd), MONEY);
  return words.charAt(0).toLocaleUpperCase('vi') + words.slice(1);
}

/** 20240000 → "20.240.000" (Vietnamese groups thousands with dots). */
export function formatNumber(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 85.714… → "85,71" (two decimals at most, a decimal comma). */
export function formatPercent(p: number): string {
  return (Math.round(p * 100) / 100).toString().replace('.', ',');
}

/**
 * "ngày 05 tháng 01 năm 2027" from "2027-01-05": Decree 30 writes a zero before days under 10 and months under 3.
 */
export function dateInWords(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m < 3 ? `0${m}` : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** "15/01/2027". */
export function shortDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** Upper case with Vietnamese rules (đ → Đ). */
export function upper(s: string): string {
  return s.toLocaleUpperCase('vi');
}
