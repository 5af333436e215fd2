import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { errorCode } from '../../i18n/errors';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { FilePicker } from '../../ui/FilePicker';
import { Alert, Empty, Loading } from '../../ui/Page';
import { FileList, RemoveFileDialog } from './FileList';
import { ACCEPT, megabytes, useFileUpload } from './upload';

const AttachmentsQuery = graphql(`
  query AttachmentsOf($ownerType: AttachmentOwner!, $ownerId: ID!) {
    attachmentsOf(ownerType: $ownerType, ownerId: $ownerId) {
      canAttach
      deletesAny
      keptBefore
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

type Owner = 'EMULATION_YEAR' | 'CONFERENCE' | 'NOMINATION';

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
  const [res, refetch] = useQuery({ query: AttachmentsQuery, variables: { ownerType, ownerId } });
  const { pick, pickerKey, busy, message, send } = useFileUpload(i18n);
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const list = res.data?.attachmentsOf;

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
        <FileList
          items={list.items}
          label={title ?? t('attachment.title')}
          // A nominated unit removes what it uploaded; whoever runs the year, any upload; a returned proposal's
          // files sent before its return stay.
          removable={(a) =>
            list.canAttach &&
            !a.generated &&
            !(list.keptBefore && a.uploadedAt < list.keptBefore) &&
            (list.deletesAny || a.uploadedBy === me)
          }
          onRemove={(a) => setDeleting({ id: a.id, name: a.name })}
        />
      )}
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {list && !list.canAttach && whoAttaches && <p className="muted">{whoAttaches}</p>}
      {list?.canAttach && (
        <form
          className="attachment-upload"
          onSubmit={(e) => {
            e.preventDefault();
            if (list)
              void send(
                { ownerType, ownerId },
                list.maxBytes,
                (name) => t('attachment.uploaded', { name }),
                reload,
              );
          }}
        >
          <label htmlFor={inputId}>{t('attachment.choose', { limit: megabytes(i18n, list.maxBytes) })}</label>
          <FilePicker
            key={pickerKey}
            // A new picker after an upload: the keyboard is where it was (the old one, or the button, went while
            // the file was sent).
            autoFocus={pickerKey > 0}
            id={inputId}
            accept={ACCEPT}
            onChange={(e) => pick(e.target.files?.[0] ?? null)}
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('attachment.uploading') : t('attachment.upload')}
          </button>
        </form>
      )}
      <RemoveFileDialog
        file={deleting}
        body={t('attachment.deleteBody', { name: deleting?.name ?? '' })}
        onClose={() => setDeleting(null)}
        onRemoved={() => {
          setDeleting(null);
          reload();
        }}
      />
    </section>
  );
}
