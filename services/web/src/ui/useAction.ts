import { useState } from 'react';
import { useMutation, type AnyVariables, type TypedDocumentNode } from 'urql';
import { apiErrors, showErrors, type Shown } from '../i18n/errors';
import { useI18n } from '../i18n/i18n';

const NONE: Shown = { general: null, fields: {} };

/**
 * A form's mutation with its errors ready to show: the page's own checks first (nothing is sent while one
 * fails), then the API's, each beside the field it names (`shown.fields[field]`) or above the form.
 */
export function useAction<Data, Variables extends AnyVariables>(doc: TypedDocumentNode<Data, Variables>) {
  const i18n = useI18n();
  const [state, execute] = useMutation<Data, Variables>(doc);
  const [shown, setShown] = useState<Shown>(NONE);
  async function run(variables: Variables, checks: Record<string, string | null | undefined> = {}) {
    const fields = Object.fromEntries(Object.entries(checks).filter((e): e is [string, string] => !!e[1]));
    if (Object.keys(fields).length) {
      setShown({ general: null, fields });
      return null;
    }
    const res = await execute(variables);
    setShown(res.error ? showErrors(i18n, apiErrors(res.error)) : NONE);
    return res.error ? null : (res.data ?? null);
  }
  return { run, shown, busy: state.fetching, reset: () => setShown(NONE) };
}
