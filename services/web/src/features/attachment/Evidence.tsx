import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { FilePicker } from '../../ui/FilePicker';
import { Alert } from '../../ui/Page';
import { FileList, RemoveFileDialog } from './FileList';
import { ACCEPT, megabytes, useFileUpload } from './upload';

const EvidenceQuery = graphql(`
  query EvidenceFiles($unitId: ID!, $yearId: ID!) {
    attachmentsOf(ownerType: EVIDENCE, ownerId: $unitId, yearId: $yearId) {
      canAttach
      maxBytes
      items {
        id
        criterion
        name
        size
        sha256
        generated
        uploadedAt
        downloadUrl
      }
    }
  }
`);

/**
 * A member's evidence files for a year, all its criteria at once (one request per sheet): read by the unit, the
 * members that cross-score it and the secretariat, as its own sheet is.
 */
export function useEvidence(yearId: string, unitId: string, { pause = false } = {}) {
  const [res, refetch] = useQuery({ query: EvidenceQuery, variables: { unitId, yearId }, pause });
  const list = res.data?.attachmentsOf;
  return {
    yearId,
    unitId,
    list,
    error: res.error,
    of: (code: string) => list?.items.filter((f) => f.criterion === code) ?? [],
    reload: () => refetch({ requestPolicy: 'network-only' }),
  };
}
export type Evidence = ReturnType<typeof useEvidence>;

/** A criterion's evidence files, to open (a sheet as sent; a member's own, beside a cross sheet). */
export function EvidenceFiles({ evidence, code }: { evidence: Evidence; code: string }) {
  const { t } = useI18n();
  const files = evidence.of(code);
  if (!files.length) return null;
  return <FileList items={files} label={t('evidence.files', { code })} checksum={false} />;
}

/**
 * On a member's own sheet: its files for one criterion, stored as soon as one is chosen and removed at once, apart
 * from the sheet's points and words (which are sent with the sheet). No separate upload button: a file chosen and
 * left unsent was lost when the sheet was sent.
 */
export function EvidenceFilesEditor({
  evidence,
  code,
  onChanged,
  onBehalfReason,
}: {
  evidence: Evidence;
  code: string;
  /** A file of the criterion was stored or removed. */
  onChanged: () => void;
  /**
   * The secretariat writing the sheet on the member's behalf: the reason typed on the sheet, sent with each file
   * added or removed (the unit is told of each); until it is given, files are neither added nor removed.
   */
  onBehalfReason?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const inputId = useId();
  const { pickerKey, busy, message, setMessage, send } = useFileUpload(i18n);
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const list = evidence.list;
  if (!list) return null;
  const files = evidence.of(code);

  // Until the reason is given, the files are shown without the means to change them, and the page says why.
  const reasonMissing = onBehalfReason !== undefined && onBehalfReason.trim().length < 5;
  const upload = (file: File | null) =>
    file &&
    send(
      {
        ownerType: 'EVIDENCE',
        ownerId: evidence.unitId,
        yearId: evidence.yearId,
        criterion: code,
        ...(onBehalfReason !== undefined ? { onBehalfReason: onBehalfReason.trim() } : {}),
      },
      list.maxBytes,
      (name) => t('evidence.uploaded', { name }),
      () => {
        onChanged();
        evidence.reload();
      },
      file,
    );

  return (
    <div className="evidence-files">
      {files.length > 0 && (
        <FileList
          items={files}
          label={t('evidence.files', { code })}
          checksum={false}
          removable={() => list.canAttach && !reasonMissing}
          onRemove={(f) => setDeleting({ id: f.id, name: f.name })}
        />
      )}
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {list.canAttach && reasonMissing && <p className="hint">{t('evidence.reasonFirst')}</p>}
      {list.canAttach && !reasonMissing && (
        <div className="attachment-upload">
          <label htmlFor={inputId}>
            {t('evidence.choose', { code, limit: megabytes(i18n, list.maxBytes) })}
          </label>
          <FilePicker
            key={pickerKey}
            // A new picker after an upload: the keyboard is where it was (the old one, or the button, went while
            // the file was sent).
            autoFocus={pickerKey > 0}
            id={inputId}
            accept={ACCEPT}
            disabled={busy}
            onChange={(e) => void upload(e.target.files?.[0] ?? null)}
          />
          {busy && (
            <p className="muted" role="status">
              {t('attachment.uploading')}
            </p>
          )}
        </div>
      )}
      <RemoveFileDialog
        file={deleting}
        onBehalfReason={onBehalfReason?.trim()}
        body={t('evidence.deleteBody', { name: deleting?.name ?? '' })}
        onClose={() => setDeleting(null)}
        onRemoved={(name) => {
          setMessage({ kind: 'success', text: t('evidence.removed', { name }) });
          onChanged();
          setDeleting(null);
          evidence.reload();
        }}
      />
    </div>
  );
}
