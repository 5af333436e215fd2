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
}

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
  },
];
