/** Today in Vietnam as a LocalDate (2026-12-01), whatever the device's time zone. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

export function thisYear(): number {
  return Number(today().slice(0, 4));
}
