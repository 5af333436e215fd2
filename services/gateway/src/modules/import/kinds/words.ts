import { dayMonthYear as dmy } from '@thidua/domain';

/** 2025-07-01 → 01/07/2025, as Vietnamese documents write dates. */
export { dmy };

/** A span of dates in words: "từ 01/01/2024 đến nay" or "từ 01/01/2024 đến 31/12/2025". */
export const span = (from: string, to: string | null) => `từ ${dmy(from)} đến ${to ? dmy(to) : 'nay'}`;
