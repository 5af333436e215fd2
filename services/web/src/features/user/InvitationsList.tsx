import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import { apiErrors, showErrors } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { SelectField } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { usePager } from '../../ui/Pager';
import { PagedTable } from './PagedTable';

const InvitationsQuery = graphql(`
  query Invitations($after: String, $status: InvitationStatus) {
    invitations(first: 20, after: $after, filter: { status: $status }) {
      nodes {
        id
        email
        fullName
        role
        unitName
        status
        sends
        expiresAt
        emailedAt
      }
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ResendMutation = graphql(`
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      id
      status
      sends
      expiresAt
    }
  }
`);

const RevokeMutation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      status
    }
  }
`);

const STATUSES = ['PENDING', 'EXPIRED', 'ACCEPTED', 'REVOKED'] as const;
/** An empty list holds no Invitation for urql to match: name the type, so a new invitation refetches it. */
const INVITATIONS_CONTEXT = { additionalTypenames: ['Invitation'] };

/**
 * The province's invitations (the open ones at first), with resend and revoke. A new invitation shows up by
 * itself: urql refetches the list after a mutation returns an Invitation.
 */
export function InvitationsList() {
  const i18n = useI18n();
  const { t } = i18n;
  const pager = usePager();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('PENDING');
  const [res, refetch] = useQuery({
    query: InvitationsQuery,
    variables: { after: pager.after, status: status || null },
    context: INVITATIONS_CONTEXT,
  });
  const [resending, resend] = useMutation(ResendMutation);
  const [revoking, revoke] = useMutation(RevokeMutation);
  const [error, setError] = useState<string | null>(null);

  const act = async (run: () => Promise<{ error?: unknown }>) => {
    const r = (await run()) as { error?: Parameters<typeof apiErrors>[0] };
    setError(r.error ? showErrors(i18n, apiErrors(r.error)).general : null);
    if (!r.error) refetch({ requestPolicy: 'network-only' });
    return !r.error;
  };

  return (
    <section className="card">
      <h2>{t('users.invitationsTitle')}</h2>
      <div className="filters">
        <SelectField
          label={t('users.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as typeof status);
            pager.reset();
          }}
        >
          <option value="">{t('users.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`invitation.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {error && <Alert>{error}</Alert>}
      <PagedTable
        label={t('users.invitationsTitle')}
        columns={[t('signIn.email'), t('users.role'), t('users.status'), t('users.actions')]}
        empty={t('users.noInvitations')}
        page={res.data?.invitations}
        error={res.error}
        retry={() => refetch({ requestPolicy: 'network-only' })}
        pager={pager}
        row={(inv) => {
          const open = inv.status === 'PENDING' || inv.status === 'EXPIRED';
          return {
            key: inv.id,
            heading: (
              <>
                {inv.email}
                {inv.fullName && <div className="muted">{inv.fullName}</div>}
              </>
            ),
            cells: [
              <>
                {t(`role.${inv.role}`)}
                {inv.unitName && <div className="muted">{inv.unitName}</div>}
              </>,
              <>
                {t(`invitation.${inv.status}`)}
                <div className="muted">
                  {inv.status === 'PENDING'
                    ? t('users.expiresOn', { time: i18n.dateTime(inv.expiresAt) })
                    : inv.status === 'EXPIRED'
                      ? t('users.expiredOn', { time: i18n.dateTime(inv.expiresAt) })
                      : null}
                </div>
              </>,
              open && (
                <div className="actions">
                  <ConfirmButton
                    label={t('users.resend')}
                    title={t('users.resendTitle', { email: inv.email })}
                    busy={resending.fetching}
                    action={() => act(() => resend({ id: inv.id }))}
                  >
                    <p>{t('users.resendBody')}</p>
                  </ConfirmButton>
                  <ConfirmButton
                    label={t('users.revoke')}
                    title={t('users.revokeTitle', { email: inv.email })}
                    danger
                    busy={revoking.fetching}
                    action={() => act(() => revoke({ id: inv.id }))}
                  >
                    <p>{t('users.revokeBody')}</p>
                  </ConfirmButton>
                </div>
              ),
            ],
          };
        }}
      />
    </section>
  );
}
