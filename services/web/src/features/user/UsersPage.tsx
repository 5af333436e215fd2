import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { apiErrors, showErrors } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { Empty, Loading, Page } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { InvitationsList } from './InvitationsList';
import { InviteForm } from './InviteForm';

const UsersQuery = graphql(`
  query ProvinceUsers($after: String, $search: String) {
    users(first: 20, after: $after, filter: { search: $search }) {
      nodes {
        id
        fullName
        email
        disabledAt
        roles(first: 10) {
          id
          role
          unitId
        }
      }
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SetDisabledMutation = graphql(`
  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!, $reason: String!) {
    setUserDisabled(userId: $userId, disabled: $disabled, reason: $reason) {
      id
      disabledAt
    }
  }
`);

/** The secretariat's people: invite, follow the invitations, and disable or enable accounts. */
export default function UsersPage() {
  const { t } = useI18n();
  return (
    <Page title={t('users.title')} subtitle={t('users.intro')} wide>
      <InviteForm />
      <InvitationsList />
      <UsersList />
    </Page>
  );
}

function UsersList() {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useSession().user!;
  const pager = usePager();
  const [search, setSearch] = useState('');
  const [res, refetch] = useQuery({
    query: UsersQuery,
    variables: { after: pager.after, search: search.trim() || null },
  });
  const [setting, setDisabled] = useMutation(SetDisabledMutation);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function toggle(userId: string, disabled: boolean): Promise<boolean> {
    if (!reason.trim()) {
      setError(t('error.field.required', { field: t('field.reason') }));
      return false;
    }
    const r = await setDisabled({ userId, disabled, reason: reason.trim() });
    setError(r.error ? showErrors(i18n, apiErrors(r.error)).general : null);
    if (!r.error) setReason('');
    return !r.error;
  }

  const list = res.data?.users;
  const reasonField = (
    <Field
      label={t('users.reason')}
      name="reason"
      value={reason}
      onChange={(e) => setReason(e.target.value)}
      error={error}
      required
    />
  );
  return (
    <section className="card">
      <h2>{t('users.listTitle')}</h2>
      <div className="filters">
        <Field
          label={t('users.search')}
          type="search"
          name="user-search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            pager.reset();
          }}
        />
      </div>
      {res.error && (
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      {!list && !res.error && <Loading />}
      {list && list.nodes.length === 0 && <Empty>{t('users.none')}</Empty>}
      {list && list.nodes.length > 0 && (
        <TableWrap label={t('users.listTitle')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('users.person')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.nodes.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    {u.fullName}
                    <div className="muted">{u.email}</div>
                  </th>
                  <td>{[...new Set(u.roles.map((r) => t(`role.${r.role}`)))].join(', ')}</td>
                  <td>
                    {u.disabledAt
                      ? t('users.disabledSince', { time: i18n.dateTime(u.disabledAt) })
                      : t('users.active')}
                  </td>
                  <td>
                    {u.id !== me.id &&
                      (u.disabledAt ? (
                        <ConfirmButton
                          label={t('users.enable')}
                          title={t('users.enableTitle', { name: u.fullName })}
                          busy={setting.fetching}
                          error={null}
                          action={() => toggle(u.id, false)}
                        >
                          <p>{t('users.enableBody')}</p>
                          {reasonField}
                        </ConfirmButton>
                      ) : (
                        <ConfirmButton
                          label={t('users.disable')}
                          title={t('users.disableTitle', { name: u.fullName })}
                          danger
                          busy={setting.fetching}
                          error={null}
                          action={() => toggle(u.id, true)}
                        >
                          <p>{t('users.disableBody')}</p>
                          {reasonField}
                        </ConfirmButton>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {list && (
        <Pager pager={pager} total={list.totalCount} pageInfo={list.pageInfo} label={t('users.listTitle')} />
      )}
    </section>
  );
}
