import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { errorCode } from '../../i18n/errors';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { FilePicker } from '../../ui/FilePicker';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Alert, Empty, Loading } from '../../ui/Page';
import { apiHeaders, downloadFrom } from '../../ui/download';
import { useAction } from '../../ui/useAction';

const AttachmentsQuery = graphql(`
  query AttachmentsOf($ownerType: AttachmentOwner!, $ownerId: ID!) {
    attachmentsOf(ownerType: $ownerType, ownerId: $ownerId) {
      canAttach
      deletesAny
      maxBytes
      items {
        id
        name
        size
        contentType
        sha256
        generated
        uploadedAt
        uploadedBy
        downloadUrl
      }
    }
  }
`);

const DeleteAttachment = graphql(`
  mutation DeleteAttachment($id: ID!) {
    deleteAttachment(id: $id)
  }
`);

type Owner = 'EMULATION_YEAR' | 'CONFERENCE' | 'NOMINATION';
const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';
/** Why the API refused a file, for a reader of English (the API says it in Vietnamese). */
const REASONS = ['FILE_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED', 'FILE_NAME_MISMATCH', 'FILE_EMPTY'] as const;

/**
 * A record's files: listed with their size and checksum, downloaded behind sign-in, uploaded and deleted by
 * those who may (the secretariat or the head unit, until the dossier is submitted).
 */
export function Attachments({
  ownerType,
  ownerId,
  title,
  whoAttaches,
  notYet,
}: {
  ownerType: Owner;
  ownerId: string;
  title?: string;
  /** Said to whoever may only read the list: who adds the files it waits for. */
  whoAttaches?: string;
  /** Said instead of the list to whoever may not read it yet: whose files they are, and when they show. */
  notYet?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useSession().user?.id;
  const headingId = useId();
  const inputId = useId();
  const [picked, setPicked] = useState<File | null>(null);
  // A new picker after each upload: the one before still holds the file sent.
  const [pickerKey, setPickerKey] = useState(0);
  const [res, refetch] = useQuery({ query: AttachmentsQuery, variables: { ownerType, ownerId } });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const remove = useAction(DeleteAttachment);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const list = res.data?.attachmentsOf;
  const mb = (bytes: number) => i18n.number(Math.round((bytes / 1024 / 1024) * 10) / 10);

  async function upload() {
    const file = picked;
    if (!list) return;
    if (!file) return setMessage({ kind: 'error', text: t('attachment.noFile') });
    setMessage(null);
    if (file.size > list.maxBytes)
      return setMessage({ kind: 'error', text: t('attachment.tooLarge', { limit: mb(list.maxBytes) }) });
    setBusy(true);
    try {
      const q = new URLSearchParams({ ownerType, ownerId, name: file.name });
      const sent = await fetch(`/files/attachments?${q}`, {
        method: 'POST',
        headers: { ...(await apiHeaders()), 'content-type': 'application/octet-stream' },
        body: file,
      });
      const body = (await sent.json().catch(() => null)) as {
        errors?: { message: string; extensions?: { reason?: string } }[];
      } | null;
      const error = body?.errors?.[0];
      if (!sent.ok) {
        const reason = REASONS.find((r) => r === error?.extensions?.reason);
        const text =
          i18n.locale === 'vi' || !reason
            ? (error?.message ?? t('error.INTERNAL_SERVER_ERROR'))
            : t(`attachment.refused.${reason}`, { limit: mb(list.maxBytes) });
        return setMessage({ kind: 'error', text });
      }
      setMessage({ kind: 'success', text: t('attachment.uploaded', { name: file.name }) });
      setPicked(null);
      setPickerKey((k) => k + 1);
      reload();
    } catch {
      setMessage({ kind: 'error', text: t('error.network') });
    } finally {
      setBusy(false);
    }
  }

  async function download(a: { downloadUrl: string; name: string }) {
    const refused = await downloadFrom(a.downloadUrl, a.name, i18n).catch(() => t('error.network'));
    if (refused) setMessage({ kind: 'error', text: refused });
  }

  // Files not readable yet (a proposal before the vote is published) are not shown at all, like the record.
  if (errorCode(res.error) === 'NOT_FOUND')
    return notYet ? (
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId}>{title ?? t('attachment.title')}</h2>
        <p className="muted">{notYet}</p>
      </section>
    ) : null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title ?? t('attachment.title')}</h2>
      {res.error && <ApiErrorView error={res.error} retry={reload} />}
      {!list && !res.error && <Loading />}
      {list && list.items.length === 0 && <Empty>{t('attachment.none')}</Empty>}
      {list && list.items.length > 0 && (
        // A list, not a table: on a phone every file's name, facts and removal stay within the screen.
        <ul className="list file-list" aria-label={title ?? t('attachment.title')}>
          {list.items.map((a) => (
            <li key={a.id}>
              <div>
                <button type="button" className="button-link file-name" onClick={() => void download(a)}>
                  {a.name}
                </button>
                {a.generated && <span className="status"> {t('attachment.generated')}</span>}
                <p className="item-meta">
                  {t('attachment.facts', {
                    size: i18n.number(Math.max(1, Math.round(a.size / 1024))),
                    at: i18n.dateTime(a.uploadedAt),
                  })}{' '}
                  {/* The checksum proves a file unchanged if ever disputed: kept, out of the way. */}
                  <span title={a.sha256}>
                    {t('attachment.checksumShort')} <code>{a.sha256.slice(0, 12)}…</code>
                  </span>
                </p>
              </div>
              {/* A nominated unit removes what it uploaded; whoever runs the year, any upload. */}
              {list.canAttach && !a.generated && (list.deletesAny || a.uploadedBy === me) && (
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setDeleting({ id: a.id, name: a.name })}
                >
                  {t('attachment.delete')}
                  <span className="visually-hidden"> – {a.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {list && !list.canAttach && whoAttaches && <p className="muted">{whoAttaches}</p>}
      {list?.canAttach && (
        <form
          className="attachment-upload"
          onSubmit={(e) => {
            e.preventDefault();
            void upload();
          }}
        >
          <label htmlFor={inputId}>{t('attachment.choose', { limit: mb(list.maxBytes) })}</label>
          <FilePicker
            key={pickerKey}
            id={inputId}
            accept={ACCEPT}
            onChange={(e) => setPicked(e.target.files?.[0] ?? null)}
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('attachment.uploading') : t('attachment.upload')}
          </button>
        </form>
      )}
      <ConfirmDialog
        open={!!deleting}
        title={t('attachment.deleteTitle')}
        confirmLabel={t('attachment.delete')}
        danger
        busy={remove.busy}
        error={remove.shown.general}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={async () => {
          if (!deleting) return;
          if (await remove.run({ id: deleting.id })) {
            setDeleting(null);
            reload();
          }
        }}
      >
        <p>{t('attachment.deleteBody', { name: deleting?.name ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
