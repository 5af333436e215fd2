import { dayMonthYear as dmy } from '@thidua/domain';
import type { Said } from '../check-kit';

/** 2025-07-01 → 01/07/2025, as Vietnamese documents write dates (the English problems keep it: the file has it). */
export { dmy };

/** A span of dates in words: "từ 01/01/2024 đến nay" or "từ 01/01/2024 đến 31/12/2025". */
export const span = (from: string, to: string | null) => `từ ${dmy(from)} đến ${to ? dmy(to) : 'nay'}`;

/** The same in English: "from 01/01/2024 to the present", "from 01/01/2024 to 31/12/2025". */
export const spanEn = (from: string, to: string | null) =>
  `from ${dmy(from)} to ${to ? dmy(to) : 'the present'}`;

/** The nouns the problems of several kinds name records by (NameIndex, SeenKeys), in both languages. */
export const UNIT: Said = { vi: 'đơn vị', en: 'unit' };
export const UNIT_NAME: Said = { vi: 'tên đơn vị', en: 'unit name' };
export const PERSON: Said = { vi: 'cá nhân', en: 'person' };
export const BLOCK_OR_CLUSTER: Said = { vi: 'khối, cụm', en: 'block or cluster' };
