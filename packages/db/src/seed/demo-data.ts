import type { UnitKind } from '../entities';

/**
 * The blocks reported by the news articles this platform's demo is built from. Units belong to the former
 * provinces (the articles predate the 2025 merger), keyed by the former province's code.
 */
export interface DemoUnit {
  name: string;
  kind: UnitKind;
}

export interface DemoBlock {
  provinceCode: string;
  provinceName: string;
  blockName: string;
  year: number;
  source: string;
  members: DemoUnit[];
  theme: string;
  head: string;
  deputy: string;
  /** Members in the order their (plausible, invented) scores rank them: the articles report winners, not scores. */
  ranking: string[];
  /** What the article says, and what we assumed where it is silent. */
  notes: string;
  /** The year-end conference and what its vote decided, as reported. */
  conference: {
    date: string;
    flags: string[];
    merits: string[];
    nextHead: string;
    nextDeputy: string | null;
    flagQuota: number;
  };
}

/** Six commitments in the words such covenants use (the articles mention signing, not the text). */
export const DEMO_COVENANT = [
  'Quán triệt, thực hiện nghiêm chủ trương của Đảng, chính sách, pháp luật của Nhà nước',
  'Hoàn thành xuất sắc nhiệm vụ chính trị, chuyên môn được giao',
  'Đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin, chuyển đổi số',
  'Tổ chức sâu rộng các phong trào thi đua yêu nước, phát hiện và nhân rộng điển hình tiên tiến',
  'Tham gia đầy đủ, tích cực các hoạt động chung của Khối; làm tốt công tác an sinh xã hội',
  'Không để cán bộ, công chức, viên chức vi phạm đến mức phải xử lý kỷ luật',
];

const party = (name: string): DemoUnit => ({ name, kind: 'PARTY_AGENCY' });

export const DEMO_BLOCKS: DemoBlock[] = [
  {
    provinceCode: '60',
    provinceName: 'Bình Thuận',
    blockName: 'Khối thi đua 6',
    year: 2021,
    source: 'Báo Bình Thuận, 25/01/2022: "Văn phòng Tỉnh ủy dẫn đầu Khối thi đua 6"',
    members: [
      party('Ban Tuyên giáo Tỉnh ủy'),
      party('Ủy ban Kiểm tra Tỉnh ủy'),
      party('Văn phòng Tỉnh ủy'),
      party('Ban Dân vận Tỉnh ủy'),
      party('Đảng ủy Khối cơ quan và doanh nghiệp tỉnh'),
      party('Ban Tổ chức Tỉnh ủy'),
      { name: 'Trường Chính trị', kind: 'SCHOOL' },
      party('Ban Nội chính Tỉnh ủy'),
      { name: 'Báo Bình Thuận', kind: 'PRESS' },
    ],
    theme: 'Đoàn kết, sáng tạo, chủ động phòng, chống dịch Covid-19, hoàn thành xuất sắc nhiệm vụ chính trị',
    head: 'Ban Tuyên giáo Tỉnh ủy',
    deputy: 'Đảng ủy Khối cơ quan và doanh nghiệp tỉnh',
    ranking: [
      'Văn phòng Tỉnh ủy',
      'Ban Tổ chức Tỉnh ủy',
      'Ban Tuyên giáo Tỉnh ủy',
      'Ủy ban Kiểm tra Tỉnh ủy',
      'Đảng ủy Khối cơ quan và doanh nghiệp tỉnh',
      'Ban Dân vận Tỉnh ủy',
      'Ban Nội chính Tỉnh ủy',
      'Trường Chính trị',
      'Báo Bình Thuận',
    ],
    conference: {
      date: '2022-01-24',
      flags: ['Văn phòng Tỉnh ủy'],
      merits: [],
      nextHead: 'Đảng ủy Khối cơ quan và doanh nghiệp tỉnh',
      nextDeputy: null,
      flagQuota: 1,
    },
    notes:
      'Head 2021: Ban Tuyên giáo (reported). Văn phòng Tỉnh ủy led, 9/9 votes, proposed for the flag; Đảng ủy Khối ' +
      'elected head for 2022. Assumed: the 2021 deputy (Đảng ủy Khối) and the theme.',
  },
  {
    provinceCode: '10',
    provinceName: 'Lào Cai',
    blockName: 'Khối thi đua các cơ quan Tỉnh ủy',
    year: 2023,
    source: 'Báo Lào Cai điện tử: "Các cơ quan Tỉnh ủy đẩy mạnh phong trào thi đua" (hội nghị 19/12/2023)',
    members: [
      party('Văn phòng Tỉnh ủy'),
      party('Ban Tuyên giáo Tỉnh ủy'),
      party('Ban Nội chính Tỉnh ủy'),
      party('Ban Tổ chức Tỉnh ủy'),
      party('Ban Dân vận Tỉnh ủy'),
      party('Ủy ban Kiểm tra Tỉnh ủy'),
      { name: 'Trường Chính trị tỉnh', kind: 'SCHOOL' },
      party('Đảng ủy Khối Cơ quan - Doanh nghiệp'),
      { name: 'Báo Lào Cai', kind: 'PRESS' },
    ],
    theme: 'Đoàn kết - Kỷ cương - Đổi mới - Sáng tạo - Hiệu quả',
    head: 'Ban Nội chính Tỉnh ủy',
    deputy: 'Báo Lào Cai',
    ranking: [
      'Trường Chính trị tỉnh',
      'Văn phòng Tỉnh ủy',
      'Ban Tổ chức Tỉnh ủy',
      'Ban Nội chính Tỉnh ủy',
      'Ban Tuyên giáo Tỉnh ủy',
      'Ủy ban Kiểm tra Tỉnh ủy',
      'Báo Lào Cai',
      'Ban Dân vận Tỉnh ủy',
      'Đảng ủy Khối Cơ quan - Doanh nghiệp',
    ],
    conference: {
      date: '2023-12-19',
      flags: ['Trường Chính trị tỉnh', 'Văn phòng Tỉnh ủy'],
      merits: [],
      nextHead: 'Báo Lào Cai',
      nextDeputy: 'Ban Tổ chức Tỉnh ủy',
      flagQuota: 2,
    },
    notes:
      'Head 2023: Ban Nội chính (reported). Two units voted for the flag: Trường Chính trị and Văn phòng Tỉnh ủy; ' +
      'for 2024 Báo Lào Cai is head and Ban Tổ chức deputy. Assumed: the 2023 deputy (Báo Lào Cai) and the theme.',
  },
  {
    provinceCode: '58',
    provinceName: 'Ninh Thuận',
    blockName: 'Khối thi đua các cơ quan Đảng tỉnh',
    year: 2023,
    source:
      'Báo Ninh Thuận: "Khối thi đua các cơ quan Đảng tỉnh: Triển khai nhiệm vụ năm 2024" (hội nghị 1/12/2023)',
    members: [
      party('Văn phòng Tỉnh ủy'),
      party('Ban Tuyên giáo Tỉnh ủy'),
      party('Ban Tổ chức Tỉnh ủy'),
      party('Ban Dân vận Tỉnh ủy'),
      party('Ủy ban Kiểm tra Tỉnh ủy'),
      party('Đảng ủy khối Cơ quan - Doanh nghiệp tỉnh'),
      { name: 'Trường Chính trị tỉnh', kind: 'SCHOOL' },
      { name: 'Báo Ninh Thuận', kind: 'PRESS' },
    ],
    theme: 'Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc',
    head: 'Văn phòng Tỉnh ủy',
    deputy: 'Ban Tuyên giáo Tỉnh ủy',
    ranking: [
      'Văn phòng Tỉnh ủy',
      'Báo Ninh Thuận',
      'Ủy ban Kiểm tra Tỉnh ủy',
      'Ban Tổ chức Tỉnh ủy',
      'Ban Tuyên giáo Tỉnh ủy',
      'Ban Dân vận Tỉnh ủy',
      'Trường Chính trị tỉnh',
      'Đảng ủy khối Cơ quan - Doanh nghiệp tỉnh',
    ],
    conference: {
      date: '2023-12-01',
      flags: ['Văn phòng Tỉnh ủy'],
      merits: ['Báo Ninh Thuận', 'Ủy ban Kiểm tra Tỉnh ủy'],
      nextHead: 'Ban Tuyên giáo Tỉnh ủy',
      nextDeputy: null,
      flagQuota: 1,
    },
    notes:
      'Theme 2023 (reported). Văn phòng Tỉnh ủy, the outgoing head, handed the head pennant to Ban Tuyên giáo for ' +
      '2024 and was proposed for the flag; Báo Ninh Thuận and Ủy ban Kiểm tra for certificates of merit. ' +
      'Assumed: Ban Tuyên giáo was the 2023 deputy.',
  },
];

/** A unit of a province formed on 1 July 2025, and the former province's units it continues. */
export interface DemoSuccessorUnit extends DemoUnit {
  predecessors: string[];
  lineage: 'MERGE' | 'SPLIT';
}

export interface DemoCurrentBlock {
  provinceCode: string;
  /** The former province whose units these continue (lineage): the article block's. */
  predecessorProvinceCode: string;
  blockName: string;
  theme: string;
  members: DemoSuccessorUnit[];
  head: string;
  deputy: string;
  ranking: string[];
  /**
   * The members whose ballots are already in when the demo starts: all but the demo officers' units, so that once
   * both have voted the head unit may close the vote and carry the conference on.
   */
  alreadyVoted: string[];
  /** Days the online vote stays open from the demo's first start (the sweep closes it after). */
  voteOpenDays: number;
}

/**
 * The year in progress, in a province formed by the 2025 merger: the party agencies of today's Lào Cai (the former
 * Lào Cai and Yên Bái), reorganised as in 2025 (propaganda and mass mobilisation in one board; the newspaper and the
 * broadcaster in one agency). Invented from that reorganisation, not from an article: the block, its head and
 * deputy, the ranking. Its conference is held on the day the demo is loaded, its vote open, some ballots cast.
 */
export const DEMO_CURRENT_BLOCK: DemoCurrentBlock = {
  provinceCode: '15',
  predecessorProvinceCode: '10',
  blockName: 'Khối thi đua các cơ quan Đảng tỉnh',
  theme:
    'Đoàn kết, kỷ cương, đổi mới, hiệu quả; thi đua thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ tỉnh lần thứ I',
  members: [
    { ...party('Văn phòng Tỉnh ủy'), predecessors: ['Văn phòng Tỉnh ủy'], lineage: 'MERGE' },
    { ...party('Ban Tổ chức Tỉnh ủy'), predecessors: ['Ban Tổ chức Tỉnh ủy'], lineage: 'MERGE' },
    {
      ...party('Ban Tuyên giáo và Dân vận Tỉnh ủy'),
      predecessors: ['Ban Tuyên giáo Tỉnh ủy', 'Ban Dân vận Tỉnh ủy'],
      lineage: 'MERGE',
    },
    { ...party('Ủy ban Kiểm tra Tỉnh ủy'), predecessors: ['Ủy ban Kiểm tra Tỉnh ủy'], lineage: 'MERGE' },
    { ...party('Ban Nội chính Tỉnh ủy'), predecessors: ['Ban Nội chính Tỉnh ủy'], lineage: 'MERGE' },
    {
      name: 'Trường Chính trị tỉnh',
      kind: 'SCHOOL',
      predecessors: ['Trường Chính trị tỉnh'],
      lineage: 'MERGE',
    },
    {
      ...party('Đảng ủy các cơ quan Đảng tỉnh'),
      predecessors: ['Đảng ủy Khối Cơ quan - Doanh nghiệp'],
      lineage: 'SPLIT',
    },
    {
      name: 'Báo và Phát thanh, Truyền hình Lào Cai',
      kind: 'PRESS',
      predecessors: ['Báo Lào Cai'],
      lineage: 'MERGE',
    },
  ],
  head: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  deputy: 'Ủy ban Kiểm tra Tỉnh ủy',
  ranking: [
    'Văn phòng Tỉnh ủy',
    'Ban Tổ chức Tỉnh ủy',
    'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    'Trường Chính trị tỉnh',
    'Ủy ban Kiểm tra Tỉnh ủy',
    'Ban Nội chính Tỉnh ủy',
    'Báo và Phát thanh, Truyền hình Lào Cai',
    'Đảng ủy các cơ quan Đảng tỉnh',
  ],
  alreadyVoted: [
    'Ban Tổ chức Tỉnh ủy',
    'Trường Chính trị tỉnh',
    'Ủy ban Kiểm tra Tỉnh ủy',
    'Ban Nội chính Tỉnh ủy',
    'Báo và Phát thanh, Truyền hình Lào Cai',
    'Đảng ủy các cơ quan Đảng tỉnh',
  ],
  voteOpenDays: 7,
};
