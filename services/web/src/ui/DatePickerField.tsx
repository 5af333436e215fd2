import { parseDate, parseDateTime } from '@internationalized/date';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  Group,
  Heading,
  I18nProvider,
  Label,
  Popover,
  Text,
} from 'react-aria-components';
import { flushSync } from 'react-dom';
import { useI18n } from '../i18n/i18n';
import type { DateFieldProps } from './DateField';
import { nextWorkingDayClose } from './vietnamTime';

/** Day, month, year in that order in either language (a Vietnamese reader takes 12/03 for 12 March). */
const DAY_FIRST = { vi: 'vi-VN', en: 'en-GB' } as const;

/** The value as React Aria's date, or null when it is empty or not a whole date. */
function parsed(value: string, withTime: boolean) {
  try {
    return value ? (withTime ? parseDateTime(value) : parseDate(value)) : null;
  } catch {
    return null;
  }
}

/** React Aria's DatePicker dressed as the pages' fields (DateField loads it when a form shows one). */
export default function DatePickerField({
  label,
  value,
  onChange,
  error,
  hint,
  disabled,
  required,
  min,
  max,
  withTime = false,
}: DateFieldProps) {
  const { locale, t } = useI18n();
  // In a modal <dialog> (ConfirmDialog) only the dialog is above the page: the calendar opens inside it.
  const [dialog, setDialog] = useState<Element | undefined>();
  const inDialog = useCallback(
    (el: HTMLDivElement | null) => setDialog(el?.closest('dialog') ?? undefined),
    [],
  );
  // One object per value: React Aria puts back the value's parts whenever it is given a new object, which would
  // undo a part being retyped whenever the form renders.
  const date = useMemo(() => parsed(value, withTime), [value, withTime]);
  const [earliest, latest] = useMemo(() => [parsed(min ?? '', false), parsed(max ?? '', false)], [min, max]);
  // A deadline's day picked on the calendar comes with the working day's close, not midnight.
  const placeholder = useMemo(
    () => (withTime ? parseDateTime(nextWorkingDayClose(new Date())) : undefined),
    [withTime],
  );
  const group = useRef<HTMLDivElement>(null);
  /** True when a part was rubbed out of a whole date (React Aria then keeps reporting the old date). */
  const partMissing = () => !!group.current?.querySelector('[role="spinbutton"][data-placeholder]');
  /**
   * Enter in a part sends the form, as it does in any other field: the parts are spin buttons, which the browser
   * does not submit from. Not in a confirmation dialog, which is no form (ConfirmDialog confirms on Enter
   * in a one-line input only).
   */
  const submitOnEnter = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || (e.target as Element).getAttribute('role') !== 'spinbutton') return;
    const form = e.currentTarget.closest('form, dialog');
    if (!(form instanceof HTMLFormElement)) return;
    e.preventDefault();
    // A date with a part missing is not sent: the field is emptied first (rendered before the form reads it), and
    // the form says a date is needed.
    if (value && partMissing()) flushSync(() => onChange(''));
    form.requestSubmit();
  };
  return (
    <I18nProvider locale={DAY_FIRST[locale]}>
      <DatePicker
        ref={inDialog}
        className={error ? 'field field-invalid' : 'field'}
        value={date}
        placeholderValue={placeholder}
        // "2026-12-03", or "2026-12-03T17:00" as a datetime-local input gives it (vietnamTime.ts reads that).
        onChange={(d) => onChange(d ? d.toString().slice(0, withTime ? 16 : 10) : '')}
        isDisabled={disabled}
        isRequired={required}
        isInvalid={!!error}
        // Errors are the form's to show (beside the field, in words), as for every other field.
        validationBehavior="aria"
        minValue={earliest}
        maxValue={latest}
        onBlur={() => {
          // A part cleared in a whole date leaves React Aria's value as it was, so the form would send the old
          // date under a field that shows dd/12/2026: the field is empty until it is whole again.
          if (value && partMissing()) onChange('');
        }}
        granularity={withTime ? 'minute' : 'day'}
        // 03/12/2026, as dates read everywhere else on the pages.
        shouldForceLeadingZeros
        hourCycle={24}
        // The calendar's weeks start on Monday, as Vietnamese calendars print them.
        firstDayOfWeek="mon"
      >
        <Label className="label">{label}</Label>
        {hint && (
          <Text slot="description" className="field-hint">
            {hint}
          </Text>
        )}
        {/* Caught on its way down: the parts stop every key they are given from going further up. */}
        <Group ref={group} className="date-group" onKeyDownCapture={submitOnEnter}>
          <DateInput className="date-input">
            {(segment) => <DateSegment segment={segment} className="date-segment" />}
          </DateInput>
          <Button className="date-button" aria-label={t('date.open')}>
            <svg
              aria-hidden="true"
              width="22"
              height="22"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
            >
              <rect x="3" y="5" width="18" height="16" rx="2" strokeWidth="2" />
              <path d="M3 10h18M8 3v4M16 3v4" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </Button>
        </Group>
        {error && (
          <Text slot="errorMessage" className="field-error">
            {error}
          </Text>
        )}
        <Popover className="date-popover" placement="bottom start" UNSTABLE_portalContainer={dialog}>
          <Dialog className="date-dialog" aria-label={label}>
            <Calendar>
              <header className="date-calendar-header">
                <Button slot="previous" className="date-nav" aria-label={t('date.previous')}>
                  <span aria-hidden="true">‹</span>
                </Button>
                <Heading />
                <Button slot="next" className="date-nav" aria-label={t('date.next')}>
                  <span aria-hidden="true">›</span>
                </Button>
              </header>
              <CalendarGrid className="date-grid">
                {(date) => <CalendarCell date={date} className="date-cell" />}
              </CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DatePicker>
    </I18nProvider>
  );
}
