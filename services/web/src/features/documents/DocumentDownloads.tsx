import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { downloadFrom } from '../../ui/download';

/** The documents the gateway generates (services/gateway/src/modules/documents), by the record they are made from. */
export type DocumentKind =
  | 'vote-minutes'
  | 'conference-minutes'
  | 'council-minutes'
  | 'council-submission'
  | 'submission'
  | 'decision'
  | 'certificates';

/**
 * PDF and editable DOCX downloads of one generated document. The API applies the record's own rules (a count
 * before publication only for those who chair it); its refusal is shown beside the buttons.
 */
export function DocumentDownloads({
  kind,
  id,
  query,
  label: named,
}: {
  kind: DocumentKind;
  id: string;
  /** Narrows the document (certificates: `form=…`, one blank's pages). */
  query?: string;
  /** Instead of the kind's name. */
  label?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState<'pdf' | 'docx' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = named ?? t(`documents.${kind}`);

  async function get(format: 'pdf' | 'docx') {
    setBusy(format);
    setError(null);
    const url = `/documents/${kind}/${id}.${format}${query ? `?${query}` : ''}`;
    const refused = await downloadFrom(url, `${kind}.${format}`, i18n).catch(() => t('error.network'));
    setBusy(null);
    setError(refused);
  }

  return (
    <div className="document-downloads" role="group" aria-label={label}>
      {(['pdf', 'docx'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button button-secondary"
          disabled={busy !== null}
          aria-busy={busy === format}
          onClick={() => void get(format)}
        >
          {busy === format ? t('documents.working') : t(`documents.${format}`, { doc: label })}
        </button>
      ))}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
