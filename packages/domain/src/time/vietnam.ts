export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME_ZONE });

/** The calendar date (YYYY-MM-DD) in Vietnam at `instant`: deadlines and validity dates are Vietnamese days. */
export function vietnamDate(instant: Date): string {
  return dateFormat.format(instant);
}
