import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { formInUse } from './submittedForm';

/** The form each dialog was opened from: a refusal after the dialog closes is shown there (useAction). */
const openers = new WeakMap<HTMLDialogElement, Element>();
export const formOpening = (dialog: HTMLDialogElement): Element | undefined => openers.get(dialog);

/**
 * The inputs in which Enter sends a form (HTML's implicit submission); not a textarea, a select or a button, nor a
 * search field, where Enter searches (a unit's search in the change-role dialog).
 */
const ONE_LINE = new Set([
  'text',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/**
 * A question before a destructive or irreversible action: what will happen, in words, and two buttons. A native
 * modal <dialog> (focus kept inside, Escape cancels, the page behind is inert), so it needs no focus-trap code.
 * `onConfirm` may fail: the dialog stays open, shows `error` and lets the person try again or cancel.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      const form = formInUse();
      if (form) openers.set(d, form);
      else openers.delete(d);
      d.showModal();
      // The dialog itself, not its first field (a phone would open its keyboard over the question) nor a button:
      // a screen reader reads the title and the question; Tab goes on to the first field or button.
      d.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
      // Enter in a one-line field (the reason for a lock) confirms, as it sends a form. The dialog is no <form>: many
      // stand inside the page's form they confirm, and a form inside a form is not HTML. Its default prevented, Enter
      // does not also send that outer form; a word still being composed (a Vietnamese input method's) is only
      // finished by Enter.
      onKeyDown={(e) => {
        const field = e.target;
        if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing || busy) return;
        if (!(field instanceof HTMLInputElement) || !ONE_LINE.has(field.type)) return;
        e.preventDefault();
        onConfirm();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      {error}
      <div className="actions">
        <button
          type="button"
          className={danger ? 'button button-primary button-danger' : 'button button-primary'}
          disabled={busy}
          onClick={onConfirm}
        >
          {busy ? t('confirm.busy') : confirmLabel}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={onCancel}>
          {t('confirm.cancel')}
        </button>
      </div>
    </dialog>
  );
}

/**
 * A button that asks first. `action` runs on confirmation; when it resolves to true (done) the dialog closes,
 * otherwise it stays open showing `error`.
 */
export function ConfirmButton({
  label,
  labelMore,
  title,
  children,
  confirmLabel,
  danger,
  className = 'button button-secondary',
  disabled,
  busy,
  error,
  onOpen,
  action,
}: {
  label: string;
  /** Read after the label by screen readers only: what it acts on, where several such buttons stand together. */
  labelMore?: string;
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  className?: string;
  disabled?: boolean;
  busy?: boolean;
  error?: ReactNode;
  /** Fills the dialog's fields as it opens (a default that depends on the time, say). */
  onOpen?: () => void;
  action: () => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={disabled}
        onClick={() => {
          onOpen?.();
          setOpen(true);
        }}
      >
        {label}
        {labelMore && <span className="visually-hidden"> {labelMore}</span>}
      </button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel ?? label}
        danger={danger}
        busy={busy}
        error={open ? error : null}
        onCancel={() => setOpen(false)}
        onConfirm={() => void action().then((done) => done && setOpen(false))}
      >
        {children}
      </ConfirmDialog>
    </>
  );
}
