import type { KeyedCount, YearStatistics } from '@thidua/db';
import { formWordsIn, PROPOSAL_FORMS, titleNames, TITLES, type ProvinceKind } from '@thidua/domain';

/**
 * The statutory statistics forms 0601–0605 on emulation and commendation (Circular 02/2023/TT-BNV, the Home
 * Affairs sector's statistical reporting), filled from the platform's records for one province and one year.
 * Each form keeps the Circular's subject; its rows and columns are those the platform's records can answer, and
 * a cell the platform does not hold is null (the workbook shows a dash, "không theo dõi trên hệ thống") and
 * named in the form's notes, never guessed nor written as 0.
 * docs/rules.md ("Statutory statistics") maps every column to its records.
 */
export interface StatisticsForm {
  code: string;
  title: string;
  columns: string[];
  /** A null cell is a figure the platform does not hold (shown as a dash); `total` rows sum those above. */
  rows: { label: string; cells: (number | null)[]; total?: boolean }[];
  notes: string[];
}

const count = (list: KeyedCount[], key: string) => list.find((c) => c.key === key)?.n ?? 0;
const vnd = (list: KeyedCount[], key: string) => list.find((c) => c.key === key)?.vnd ?? 0;

const KINDS = [
  ['BLOCK', 'Khối thi đua'],
  ['CLUSTER', 'Cụm thi đua'],
] as const;

// The council's and the deferral's outcomes in the pages' words (nomination.status.* in the web's messages);
// the earlier steps say a little more than the pages' short labels.
const STATUSES = [
  ['PROPOSED_BY_BLOCK', 'Khối, cụm đề nghị, chưa nộp hồ sơ'],
  ['SUBMITTED', 'Đã nộp hồ sơ'],
  ['IN_APPRAISAL', 'Đang thẩm định'],
  ['RETURNED', 'Trả lại để bổ sung'],
  ['NOT_ELIGIBLE', 'Không đủ điều kiện'],
  ['DEFERRED', 'Hoãn xét'],
  ['COUNCIL_REVIEW', 'Hội đồng đang xét'],
  ['COUNCIL_APPROVED', 'Hội đồng thông qua'],
  ['COUNCIL_REJECTED', 'Hội đồng không thông qua'],
  ['DECIDED', 'Đã có quyết định khen thưởng'],
  ['REVOKED', 'Đã thu hồi'],
] as const;

/** Sums the numeric cells of rows, column by column (a total row); empty stays empty where every row is. */
function total(label: string, rows: StatisticsForm['rows']): StatisticsForm['rows'][number] {
  const width = rows[0]?.cells.length ?? 0;
  return {
    label,
    total: true,
    cells: Array.from({ length: width }, (_, i) =>
      rows.every((r) => r.cells[i] === null) ? null : rows.reduce((s, r) => s + (r.cells[i] ?? 0), 0),
    ),
  };
}

/** `provinceKind`: PROVINCE (the default) or CITY, whose committee confers the forms in the city's name. */
export function statisticsForms(s: YearStatistics, provinceKind?: ProvinceKind): StatisticsForm[] {
  const forms = formWordsIn(provinceKind);
  const kinds = KINDS.map(([k, label]) => ({
    label,
    cells: [
      count(s.blocks, k),
      count(s.members, k),
      count(s.signed, k),
      count(s.registeringUnits, k),
      count(s.conferences, k),
      count(s.dossiers, k),
    ],
  }));
  const names = titleNames(provinceKind);
  const titles = TITLES.map((t) => {
    const proposable = t === 'FLAG_PROVINCE' || t === 'CSTD_PROV';
    const subject = t === 'CSTD_PROV' ? 'PERSON' : 'UNIT';
    return {
      label: names[t],
      cells: [
        count(s.registrations, t),
        proposable ? count(s.proposals, `${t}:${subject}`) : null,
        proposable ? count(s.decided, `${t}:${subject}`) : null,
        count(s.recorded, t),
      ],
    };
  });
  const merit = (subject: 'UNIT' | 'PERSON') => [
    count(s.proposals, `MERIT_PROVINCE:${subject}`),
    count(s.decided, `MERIT_PROVINCE:${subject}`),
    vnd(s.decided, `MERIT_PROVINCE:${subject}`),
  ];
  const bySubject = (subject: 'UNIT' | 'PERSON' | 'PERSON_FEMALE') => {
    const sum = (list: KeyedCount[], f: (l: KeyedCount[], k: string) => number) =>
      PROPOSAL_FORMS.reduce((acc, form) => acc + f(list, `${form}:${subject}`), 0);
    return [sum(s.proposals, count), sum(s.decided, count), sum(s.decided, vnd)];
  };
  const statuses = STATUSES.map(([st, label]) => {
    const cells = PROPOSAL_FORMS.map((form) => count(s.statuses, `${form}:${st}`));
    return { label, cells: [...cells, cells.reduce((a, b) => a + b, 0)] };
  });

  return [
    {
      code: '0601',
      title: 'Tổ chức thi đua theo khối, cụm',
      columns: [
        'Số khối, cụm có năm thi đua',
        'Số đơn vị thành viên',
        'Số đơn vị ký giao ước thi đua',
        'Số đơn vị đăng ký danh hiệu',
        'Số khối, cụm đã tổ chức hội nghị tổng kết',
        'Số khối, cụm đã nộp hồ sơ đề nghị khen thưởng',
      ],
      rows: [...kinds, total('Tổng số', kinds)],
      notes: [
        'Nền tảng quản lý thi đua theo khối, cụm; các phong trào thi đua theo chuyên đề, theo đợt không được ghi trên nền tảng nên không có trong biểu.',
      ],
    },
    {
      code: '0602',
      title: 'Danh hiệu thi đua',
      columns: [
        'Số đăng ký',
        'Số được khối, cụm đề nghị',
        'Số được tặng (theo quyết định khen thưởng)',
        'Số thành tích ghi nhận từ văn bản',
      ],
      rows: titles,
      notes: [
        // A decision recorded from documents is a decision too: counted where the ones issued here are.
        'Số được tặng tính theo các quyết định khen thưởng đã ghi trên nền tảng: quyết định ban hành trên nền tảng và quyết định đã ban hành được ghi nhận lại. Số thành tích ghi nhận từ văn bản là danh hiệu của đơn vị, cá nhân được ghi nhận riêng, không kèm quyết định trên nền tảng.',
        `Dấu “—”: không theo dõi trên hệ thống; nền tảng không ghi nhận việc đề nghị hoặc quyết định danh hiệu đó (chỉ ${forms.FLAG_PROVINCE} và ${forms.CSTD_PROV} được đề nghị qua khối, cụm).`,
        'Số đề nghị chỉ tính các năm thi đua đã công bố kết quả bỏ phiếu.',
      ],
    },
    {
      code: '0603',
      title: `Hình thức khen thưởng: ${forms.MERIT_PROVINCE}`,
      columns: ['Số được đề nghị', 'Số được khen thưởng', 'Tiền thưởng (đồng)'],
      // A block proposes the certificate of merit only to its member units (a nomination of it never names a
      // person), and Giấy khen are conferred by the agencies' heads and the communes' chairmen, outside the
      // platform: both rows are figures not held, not zeros.
      rows: [
        { label: 'Tập thể', cells: merit('UNIT') },
        { label: 'Cá nhân', cells: [null, null, null] },
        { label: 'Giấy khen', cells: [null, null, null] },
      ],
      notes: [
        `Cá nhân: không theo dõi trên hệ thống. Khối, cụm thi đua chỉ đề nghị ${forms.MERIT_PROVINCE} cho tập thể là đơn vị thành viên; ${forms.MERIT_PROVINCE} cho cá nhân không được đề nghị qua khối, cụm trên nền tảng.`,
        'Giấy khen: không theo dõi trên hệ thống. Giấy khen do thủ trưởng cơ quan, đơn vị và Chủ tịch Ủy ban nhân dân cấp xã quyết định tặng, không được đề nghị và ghi nhận trên nền tảng.',
      ],
    },
    {
      code: '0604',
      title: 'Khen thưởng theo đối tượng: tập thể, cá nhân',
      columns: ['Số được đề nghị', 'Số được khen thưởng', 'Tiền thưởng (đồng)'],
      rows: [
        { label: 'Tập thể', cells: bySubject('UNIT') },
        { label: 'Cá nhân', cells: bySubject('PERSON') },
        { label: 'Trong đó: nữ', cells: bySubject('PERSON_FEMALE') },
      ],
      notes: [
        `Tính các hình thức đề nghị qua khối, cụm: ${PROPOSAL_FORMS.map((f) => forms[f]).join(', ')}.`,
        'Nền tảng không ghi nhận cá nhân là lãnh đạo hay người trực tiếp lao động, sản xuất.',
      ],
    },
    {
      code: '0605',
      title: 'Kết quả xét đề nghị khen thưởng',
      columns: [...PROPOSAL_FORMS.map((f) => forms[f]), 'Tổng số'],
      rows: [...statuses, total('Tổng số', statuses)],
      notes: ['Mỗi đề nghị được tính một lần, theo bước hiện tại của nó.'],
    },
  ];
}
