import { lazy, Suspense } from 'react';

export interface DateFieldProps {
  label: string;
  /** "YYYY-MM-DD" ("YYYY-MM-DDTHH:mm" with `withTime`), or '' for none. */
  value: string;
  /** The date typed or picked in the same form; '' when it is cleared, or left with a part missing. */
  onChange: (value: string) => void;
  error?: string | null;
  hint?: string;
  disabled?: boolean;
  required?: boolean;
  /** Earliest and latest days the calendar offers ("YYYY-MM-DD", days only, also with `withTime`). */
  min?: string;
  max?: string;
  /** A day and a time of day (24-hour), for deadlines. */
  withTime?: boolean;
}

// The picker is a large library: it loads with the first form that shows a date, not with every page.
const DatePickerField = lazy(() => import('./DatePickerField'));

/**
 * A labelled date, typed day, month, year (each part a spin button) or picked on a calendar, in the page's
 * language whatever the browser's: a native date input follows the browser's language, so an English browser
 * shows 12/03/2026 for 3 December. Its hint and error are tied to it like every other field's.
 */
export function DateField(props: DateFieldProps) {
  return (
    <Suspense
      fallback={
        <div className="field">
          <span className="label">{props.label}</span>
          <div className="date-group" aria-hidden="true" />
        </div>
      }
    >
      <DatePickerField {...props} />
    </Suspense>
  );
}
