import { useState } from 'react';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Alert } from '../../ui/Page';
import { downloadFrom } from '../../ui/download';
import { useAction } from '../../ui/useAction';

const DeleteAttachment = graphql(`
  mutation DeleteAttachment($id: ID!, $onBehalfReason: String) {
    deleteAttachment(id: $id, onBehalfReason: $onBehalfReason)
  }
`);

export interface ListedFile {
  id: string;
  name: string;
  size: number;
  sha256: string;
  generated: boolean;
  uploadedAt: string;
  downloadUrl: string;
}

/**
 * Files as a list, not a table: on a phone every file's name, facts and removal stay within the screen. A name
 * downloads the file behind sign-in; a refused download is said under the list.
 */
export function FileList<F extends ListedFile>({
  items,
  label,
  removable = () => false,
  onRemove,
  checksum = true,
}: {
  items: readonly F[];
  label: string;
  removable?: (file: F) => boolean;
  onRemove?: (file: F) => void;
  /** The checksum proves a file unchanged if ever disputed: shown, out of the way, where files are the record. */
  checksum?: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [refused, setRefused] = useState<string | null>(null);
  async function download(f: F) {
    setRefused(await downloadFrom(f.downloadUrl, f.name, i18n).catch(() => t('error.network')));
  }
  return (
    <>
      <ul className="list file-list" aria-label={label}>
        {items.map((f) => (
          <li key={f.id}>
            <div>
              <button type="button" className="button-link file-name" onClick={() => void download(f)}>
                {f.name}
              </button>
              {f.generated && <span className="status"> {t('attachment.generated')}</span>}
              <p className="item-meta">
                {t('attachment.facts', {
                  size: i18n.number(Math.max(1, Math.round(f.size / 1024))),
                  at: i18n.dateTime(f.uploadedAt),
                })}
                {checksum && (
                  <>
                    {' · '}
                    <span title={f.sha256}>
                      {t('attachment.checksumShort')} <code>{f.sha256.slice(0, 12)}…</code>
                    </span>
                  </>
                )}
              </p>
            </div>
            {onRemove && removable(f) && (
              <button type="button" className="button button-secondary" onClick={() => onRemove(f)}>
                {t('attachment.delete')}
                <span className="visually-hidden"> – {f.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {refused && <Alert>{refused}</Alert>}
    </>
  );
}

/**
 * The question before a file is removed (what goes, that the log keeps it); `onRemoved` once the gateway removed
 * it. A refusal stays in the dialog.
 */
export function RemoveFileDialog({
  file,
  body,
  onClose,
  onRemoved,
  onBehalfReason,
}: {
  /** The file asked about; none: the dialog is closed. */
  file: { id: string; name: string } | null;
  body: string;
  /** The secretariat removing a member's evidence file, on its behalf: why. */
  onBehalfReason?: string;
  onClose: () => void;
  onRemoved: (name: string) => void;
}) {
  const { t } = useI18n();
  const remove = useAction(DeleteAttachment);
  return (
    <ConfirmDialog
      open={!!file}
      title={t('attachment.deleteTitle')}
      confirmLabel={t('attachment.delete')}
      danger
      busy={remove.busy}
      error={remove.shown.general}
      onCancel={() => {
        onClose();
        remove.reset();
      }}
      onConfirm={async () => {
        if (file && (await remove.run({ id: file.id, onBehalfReason }))) onRemoved(file.name);
      }}
    >
      <p>{body}</p>
    </ConfirmDialog>
  );
}
