import type { Block, OfficialHeader, SignatureColumn, TableColumn } from '../model';
import { provinceTitle, type ProvinceName } from '@thidua/domain';
import { dateInWords, upper } from '../vietnamese';

export { provinceTitle, type ProvinceName };

/**
 * The signature's title lines (Decree 30/2020): a deputy signs for the head, "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH";
 * the head signs as themselves. `head`: the head's title when it is fixed (the Chairman), else the deputy's own
 * without "Phó" ("Phó Giám đốc" signs for the "Giám đốc").
 */
export function signingTitle(title: string, head?: string): string[] {
  const own = title.trim();
  const deputy = /^phó\s+/iu.exec(own);
  return deputy ? [`KT. ${upper(head ?? own.slice(deputy[0].length))}`, upper(own)] : [upper(own)];
}

/** "UBND TỈNH LÀO CAI": the superior in a provincial body's header. */
export function provinceCommittee(p: ProvinceName): string {
  return upper(`UBND ${provinceTitle(p)}`);
}

/** A text cited as a legal basis, with the first day (YYYY-MM-DD) a document may cite it. */
interface Cited {
  from: string;
  text: string;
}

/**
 * The text in force on `isoDate` (YYYY-MM-DD), among versions listed oldest first: the last one whose first day
 * has come (the oldest one for any earlier day). A document cites what was in force on its own date: a
 * submission for 2023 dated 3 December 2023 cannot cite a decree issued four weeks later.
 */
function inForce(versions: Cited[], isoDate: string): string {
  return versions.reduce((found, v) => (isoDate >= v.from ? v : found), versions[0]!).text;
}

const EMULATION_LAW: Cited[] = [
  // Law 15/2003/QH11 with its amendments of 2005 and 2013, as documents of the time cite it (Article 94 of the
  // 2022 Law also lists Law 32/2009/QH12 among the texts it ends; those documents leave it out).
  {
    from: '0000-01-01',
    text: 'Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013',
  },
  // Law 06/2022/QH15, passed on 15 June 2022, in force from 1 January 2024 (its Article 94), when the 2003 Law
  // ceased: a 2023 document still cites the old Law.
  { from: '2024-01-01', text: 'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022' },
];

const EMULATION_DECREE: Cited[] = [
  // Decree 91/2017 detailed the 2003 Law until the 2022 Law and its decree took over. An older document would
  // cite it too: none is expected (decisions start with the base-salary table, July 2019).
  {
    from: '0000-01-01',
    text: 'Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
  },
  // Decree 98/2023, signed on 31 December 2023, in force from 1 January 2024 with the 2022 Law.
  {
    from: '2024-01-01',
    text: 'Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
  },
  // Decree 152/2025, signed on 14 June 2025, replaced Decree 98/2023 on 1 July 2025; cited by its full title.
  {
    from: '2025-07-01',
    text: 'Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng',
  },
];

const LOCAL_GOVERNMENT_LAW: Cited[] = [
  // Law 77/2015/QH13 (in force 1 January 2016) alone until its amendment took effect.
  { from: '0000-01-01', text: 'Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015' },
  // Law 47/2019/QH14 of 22 November 2019, amending it, in force from 1 July 2020.
  {
    from: '2020-07-01',
    text: 'Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019',
  },
  // Law 65/2025/QH15, passed on 19 February 2025, in force from 1 March 2025, replaced the 2015 Law.
  { from: '2025-03-01', text: 'Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025' },
  // Law 72/2025/QH15 took effect the day it was passed, 16 June 2025, and Law 65/2025 ceased that day (the
  // districts' bodies ended on 1 July; the Law did not wait for them).
  { from: '2025-06-16', text: 'Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025' },
];

/** The Law on Emulation and Commendation in force on `isoDate` (YYYY-MM-DD), as a legal basis cites it. */
export function emulationLaw(isoDate: string): string {
  return inForce(EMULATION_LAW, isoDate);
}

/** The Government's decree detailing the Law on Emulation and Commendation on `isoDate` (YYYY-MM-DD). */
export function emulationDecree(isoDate: string): string {
  return inForce(EMULATION_DECREE, isoDate);
}

/** The Law on the Organisation of Local Government in force on `isoDate` (YYYY-MM-DD). */
export function localGovernmentLaw(isoDate: string): string {
  return inForce(LOCAL_GOVERNMENT_LAW, isoDate);
}

/**
 * Every legal basis a document cites, as in force on its date (YYYY-MM-DD), for templates: `{basis.emulationLaw}`,
 * `{basis.emulationDecree}`, `{basis.localGovernmentLaw}`. The boundaries: docs/rules.md, "Legal bases".
 */
export function legalBasis(isoDate: string) {
  return {
    emulationLaw: emulationLaw(isoDate),
    emulationDecree: emulationDecree(isoDate),
    localGovernmentLaw: localGovernmentLaw(isoDate),
  };
}

/** A number left blank for the clerk to fill in by hand: "     /BB-KTĐ". */
export const handNumbered = (suffix: string) => `\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/${suffix}`;

/**
 * A date left for the clerk to write when the register numbers the document: "ngày      tháng      năm 2026",
 * the year of `isoDate` (the day it is printed to be signed) printed, as drafts print it.
 */
export const handDated = (isoDate: string) =>
  `ngày${'\u00a0'.repeat(7)}tháng${'\u00a0'.repeat(7)}năm ${isoDate.slice(0, 4)}`;

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

/** Units' names in a sentence: "; " between them, as their names may hold commas ("Sở Văn hóa, Thể thao…"). */
export function listOfUnits(names: string[]): string {
  return names.join('; ');
}

/** Lines of dots for what the platform does not hold, to be written in by hand (as paper forms leave them). */
export function dottedLines(count: number): Block[] {
  return [{ kind: 'dottedLines', count }];
}

/**
 * Whom a list names, as its wording says it: "tập thể" when it names only collectives, "cá nhân" only people,
 * "tập thể, cá nhân" when both (or none yet: nothing tells which).
 */
export function whom(collectives: number, individuals: number): string {
  if (collectives > 0 && individuals === 0) return 'tập thể';
  if (individuals > 0 && collectives === 0) return 'cá nhân';
  return 'tập thể, cá nhân';
}

/** A name to sign under, or dots for one written by hand. */
export const signer = (name: string | null | undefined) => name?.trim() || '................................';

/**
 * A signer of minutes, asked to sign and write their name ("Ký, ghi rõ họ tên"): those present sign what was
 * recorded. A decision or a submission prints its signer's title and name only (Decree 30/2020/NĐ-CP).
 */
export const minutesSigner = (title: string[], name: string | null | undefined): SignatureColumn => ({
  title,
  hint: '(Ký, ghi rõ họ tên)',
  name: signer(name),
});

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
