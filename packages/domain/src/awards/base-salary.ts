import type { Problem } from '../scoring/scoring';
import type { AwardForm, AwardRules } from './rules';

/**
 * One row of the platform's base salary table (*mức lương cơ sở*): the amount in force from a date until the next
 * row's date. The Government sets it by decree for the whole country, so it is platform reference data, not a
 * province's rule; prize money is a multiplier of it (domain.md §2).
 */
export interface BaseSalary {
  /** YYYY-MM-DD, the first day the amount applies. */
  effectiveFrom: string;
  amountVnd: number;
  /** The legal text that sets it, as read (or a note that it is reported and not verified). */
  legalBasis: string;
  sourceUrl: string | null;
}

/** Rows the table may hold (one per decree, about one a year): the API's list bound; recording refuses more. */
export const MAX_BASE_SALARY_ROWS = 200;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real day of the calendar, YYYY-MM-DD (not 2027-02-30). */
const isDate = (d: string) => DATE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** The row in force on `date` (YYYY-MM-DD): the latest one effective on or before it; null before the first. */
export function baseSalaryOn<T extends Pick<BaseSalary, 'effectiveFrom'>>(
  salaries: readonly T[],
  date: string,
): T | null {
  let found: T | null = null;
  for (const s of salaries) {
    if (s.effectiveFrom <= date && (!found || s.effectiveFrom > found.effectiveFrom)) found = s;
  }
  return found;
}

/**
 * Multiplier × the base salary in force on the decision date (YYYY-MM-DD), in whole VND. Throws when no base
 * salary was in force on that date.
 */
export function prizeMoney(
  form: AwardForm,
  decisionDate: string,
  rules: Pick<AwardRules, 'prizeMultipliers'>,
  salaries: readonly Pick<BaseSalary, 'effectiveFrom' | 'amountVnd'>[],
): number {
  const inForce = baseSalaryOn(salaries, decisionDate);
  if (!inForce) throw new Error(`No base salary in force on ${decisionDate}`);
  return Math.round(rules.prizeMultipliers[form] * inForce.amountVnd);
}

/** Every problem with a new row, each naming its field; `existing` are the dates already recorded. */
export function baseSalaryProblems(
  input: Omit<BaseSalary, 'sourceUrl'> & { sourceUrl?: string | null },
  existing: readonly string[],
): Problem[] {
  const problems: Problem[] = [];
  const date = input.effectiveFrom;
  if (!isDate(date) || date < '1990-01-01' || date > '2100-12-31')
    problems.push({ field: 'effectiveFrom', message: 'must be a date from 1990 to 2100 (YYYY-MM-DD)' });
  else if (existing.includes(date))
    problems.push({ field: 'effectiveFrom', message: `a base salary from ${date} is already recorded` });
  else if (existing.length >= MAX_BASE_SALARY_ROWS)
    problems.push({
      field: 'effectiveFrom',
      message: `the table holds at most ${MAX_BASE_SALARY_ROWS} rows`,
    });
  if (!Number.isInteger(input.amountVnd) || input.amountVnd <= 0)
    problems.push({
      field: 'amountVnd',
      message: `must be a positive whole number of VND (got ${input.amountVnd})`,
    });
  else if (input.amountVnd > 1_000_000_000)
    problems.push({ field: 'amountVnd', message: 'must be at most 1,000,000,000 VND' });
  if (input.legalBasis.trim().length < 5 || input.legalBasis.length > 2000)
    problems.push({
      field: 'legalBasis',
      message: 'name the legal text that sets it (5 to 2000 characters)',
    });
  if (input.sourceUrl != null && !/^https?:\/\/\S{3,2000}$/.test(input.sourceUrl))
    problems.push({ field: 'sourceUrl', message: 'must be an http(s) address' });
  return problems;
}
