import type { CombinedError } from '@urql/core';
import { useI18n } from '../i18n/i18n';
import { apiErrors, errorCode, showErrors } from '../i18n/errors';
import { Alert } from './Page';

/**
 * A failed query, in the person's language, with a way to try again; none for what is not there (trying again
 * finds nothing more), which offers the home page instead.
 */
export function ApiErrorView({ error, retry }: { error: CombinedError; retry?: () => void }) {
  const i18n = useI18n();
  const shown = showErrors(i18n, apiErrors(error));
  const messages = [shown.general, ...Object.values(shown.fields)].filter(Boolean);
  return (
    <Alert>
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
      {errorCode(error) === 'NOT_FOUND' ? (
        <p>
          <a href="/">{i18n.t('app.home')}</a>
        </p>
      ) : (
        retry && (
          <button type="button" className="button button-secondary" onClick={retry}>
            {i18n.t('app.retry')}
          </button>
        )
      )}
    </Alert>
  );
}
