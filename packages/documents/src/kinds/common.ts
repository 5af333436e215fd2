import type { Block, OfficialHeader, SignatureColumn, TableColumn } from '../model';
import { dateInWords, upper } from '../vietnamese';

/** The province as documents name it. */
export interface ProvinceName {
  /** "Lào Cai", "Huế". */
  name: string;
  /** PROVINCE or CITY (a centrally-governed city). */
  kind: string;
}

/** "tỉnh Lào Cai", "thành phố Huế". */
export function provinceTitle(p: ProvinceName): string {
  return `${p.kind === 'CITY' ? 'thành phố' : 'tỉnh'} ${p.name}`;
}

/** "UBND TỈNH LÀO CAI": the superior in a provincial body's header. */
export function provinceCommittee(p: ProvinceName): string {
  return upper(`UBND ${provinceTitle(p)}`);
}

/**
 * The Government's decree detailing the Law on Emulation and Commendation on `isoDate` (YYYY-MM-DD), as a
 * document's legal basis cites it: Decree 152/2025 replaced Decree 98/2023 on 1 July 2025.
 */
export function emulationDecree(isoDate: string): string {
  return isoDate >= '2025-07-01'
    ? 'Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng'
    : 'Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng';
}

/** A number left blank for the clerk to fill in by hand: "     /BB-KTĐ". */
export const handNumbered = (suffix: string) => `\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/${suffix}`;

export function header(
  parent: string,
  issuer: string,
  number: string,
  province: ProvinceName,
  isoDate: string,
): OfficialHeader {
  return {
    parent,
    issuer: upper(issuer),
    number,
    placeAndDate: `${province.name}, ${dateInWords(isoDate)}`,
  };
}

export function table(columns: TableColumn[], rows: string[][], boldRows?: number[]): Block[] {
  return [{ kind: 'table', columns, rows, boldRows }];
}

export function signatures(columns: SignatureColumn[], recipients?: string[]): Block[] {
  return [{ kind: 'signatures', columns, recipients }];
}

/** A name to sign under, or dots for one written by hand. */
export const signer = (name: string | null | undefined) => name?.trim() || '................................';

const TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hourCycle: 'h23',
});

/** "08 giờ 30 ngày 15/01/2027", in Vietnam's time. */
export function timeInWords(iso: string | Date): string {
  const parts = Object.fromEntries(TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.hour} giờ ${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

/** The day (YYYY-MM-DD) an instant falls on in Vietnam: 23:00 UTC on 3 December is 4 December there. */
export function dayInVietnam(iso: string | Date): string {
  const parts = Object.fromEntries(TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The threshold in words, with the fewest votes that reach it (as the tally counts: `votesNeeded`, @thidua/domain). */
export function thresholdText(
  percent: number,
  mode: 'AT_LEAST' | 'MORE_THAN',
  eligible: number,
  needed: number,
): string {
  const p = String(percent).replace('.', ',');
  return `${mode === 'MORE_THAN' ? 'trên' : 'từ'} ${p}% tổng số ${eligible} thành viên (ít nhất ${needed} phiếu)`;
}

/** The "STT" (number) column of a table. */
export const NO: TableColumn = { title: 'STT', width: 8, align: 'center' };
