import { useEffect, useRef, useState } from 'react';
import { useMutation, type AnyVariables, type TypedDocumentNode } from 'urql';
import { apiErrors, errorCode, showErrors, type Shown } from '../i18n/errors';
import { useI18n } from '../i18n/i18n';
import { formOpening } from './ConfirmDialog';
import { formInUse } from './submittedForm';

const NONE: Shown = { general: null, fields: {} };

/**
 * After a refusal, the person is taken to what to fix: the first field marked invalid in the form that was sent
 * (focused, which scrolls it into view), else the message above the form. A long form (the conference record)
 * otherwise refuses below the fold and seems to do nothing.
 */
export function showFirstError(scope: Element) {
  const field = scope.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (field) {
    field.focus();
    field.scrollIntoView({ block: 'center' });
    return;
  }
  // A form's general message sits just above it, in the same card.
  const around = scope.tagName === 'FORM' ? (scope.parentElement ?? scope) : scope;
  around.querySelector('.alert-error')?.scrollIntoView({ block: 'center' });
}

/**
 * The form (or dialog) being sent: its button has the focus when it is clicked or Enter is pressed, except in
 * Safari, where an open dialog, else the form just submitted, is the one.
 */
const sending = () =>
  document.activeElement?.closest('form, [role="dialog"], dialog') ??
  document.querySelector('dialog[open]') ??
  formInUse();

/**
 * A form's mutation with its errors ready to show: the page's own checks first (nothing is sent while one
 * fails), then the API's, each beside the field it names (`shown.fields[field]`) or above the form.
 */
export function useAction<Data, Variables extends AnyVariables>(doc: TypedDocumentNode<Data, Variables>) {
  const i18n = useI18n();
  const [state, execute] = useMutation<Data, Variables>(doc);
  const [shown, setShown] = useState<Shown>(NONE);
  // Where the refusal just shown belongs; taken there once the errors are on the page (after the render).
  const refused = useRef<Element | null>(null);
  // The last refusal's code (CONFLICT, …), for a page that answers one in its own way.
  const lastCode = useRef<string | null>(null);
  useEffect(() => {
    let scope = refused.current;
    // Sent from a confirmation that has closed since: what to fix is in the form it was opened from.
    if (scope instanceof HTMLDialogElement && !scope.open) scope = formOpening(scope) ?? scope;
    if (scope?.isConnected) showFirstError(scope);
    refused.current = null;
  }, [shown]);
  /** Shows the checks that fail beside their fields (true), or does nothing (false). */
  function refuse(checks: Record<string, string | null | undefined>): boolean {
    const fields = Object.fromEntries(Object.entries(checks).filter((e): e is [string, string] => !!e[1]));
    if (!Object.keys(fields).length) return false;
    refused.current = sending();
    setShown({ general: null, fields });
    return true;
  }
  /** The page's own checks alone, for a form that asks for confirmation before it sends: true when they pass. */
  function check(checks: Record<string, string | null | undefined>): boolean {
    if (refuse(checks)) return false;
    setShown(NONE);
    return true;
  }
  async function run(variables: Variables, checks: Record<string, string | null | undefined> = {}) {
    lastCode.current = null;
    if (refuse(checks)) return null;
    const form = sending();
    const res = await execute(variables);
    lastCode.current = errorCode(res.error);
    if (res.error) refused.current = form;
    setShown(res.error ? showErrors(i18n, apiErrors(res.error)) : NONE);
    return res.error ? null : (res.data ?? null);
  }
  return {
    run,
    check,
    shown,
    busy: state.fetching,
    reset: () => setShown(NONE),
    /** Takes back what was said about these fields (they have been changed since); the rest still holds. */
    clear: (...names: string[]) =>
      setShown((s) =>
        names.some((n) => s.fields[n])
          ? { ...s, fields: Object.fromEntries(Object.entries(s.fields).filter(([k]) => !names.includes(k))) }
          : s,
      ),
    /** The code of the last refusal by the API (null after a success or the page's own checks). */
    lastCode: () => lastCode.current,
  };
}
