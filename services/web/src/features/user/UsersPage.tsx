import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSearch } from 'wouter';
import { hasRole, readOnlyHere, useSession, type Role } from '../../app/session';
import { graphql } from '../../graphql';
import { apiErrors, showErrors } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { Alert, Page } from '../../ui/Page';
import { usePager } from '../../ui/Pager';
import { PagedTable } from './PagedTable';
import { ChangeRoleButton } from './ChangeRoleButton';
import { InvitationsList } from './InvitationsList';
import { InviteForm } from './InviteForm';
import { PROVINCE_ROLES } from './RoleFields';
import { unitName, useUnitNames } from '../unit/useUnitNames';

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
          provinceId
          unitId
          province {
            name
          }
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

const RevokeRoleMutation = graphql(`
  mutation RevokeRole($id: ID!) {
    revokeRole(id: $id) {
      id
    }
  }
`);

/**
 * The secretariat's people: invite, follow the invitations, change or remove a role given here, and disable or enable
 * accounts (one with roles elsewhere only the platform's operators disable).
 */
export default function UsersPage() {
  const session = useSession();
  const inProvince = !!session.provinceId;
  const { t } = useI18n();
  // The platform admin's list is every province's accounts (the gateway's users query), not the province's.
  const platform = hasRole(session, 'PLATFORM_ADMIN');
  const intro = !platform ? 'users.intro' : inProvince ? 'users.introPlatform' : 'users.introPlatformOnly';
  // A link may ask for the role to invite (the getting-started steps: the council's members).
  const asked = new URLSearchParams(useSearch()).get('role');
  const askedRole = PROVINCE_ROLES.find((r) => r === asked);
  return (
    <Page title={t('users.title')} subtitle={t(intro)} wide>
      {/* Invitations are a province's (its x-province-id): the platform operator without one manages accounts. */}
      {/* Nobody is invited into a read-only (former) province. */}
      {inProvince && !readOnlyHere(session) && <InviteForm firstRole={askedRole} />}
      {inProvince && <InvitationsList />}
      <UsersList />
    </Page>
  );
}

function UsersList() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const me = session.user!;
  const listTitle = t(hasRole(session, 'PLATFORM_ADMIN') ? 'users.listTitlePlatform' : 'users.listTitle');
  const pager = usePager();
  const [search, setSearch] = useState('');
  const [res, refetch] = useQuery({
    query: UsersQuery,
    variables: { after: pager.after, search: search.trim() || null },
  });
  // An officer's unit, for the roles in the province acted in (the units read are this province's).
  const unitIds = (res.data?.users.nodes ?? []).flatMap((u) =>
    u.roles.flatMap((r) => (r.unitId && r.provinceId === session.provinceId ? [r.unitId] : [])),
  );
  const { names } = useUnitNames(unitIds);
  // A role in another province than the one acted in (the platform admin's list) names its province.
  const roleText = (r: {
    role: Role;
    provinceId: string | null;
    unitId: string | null;
    province: { name: string } | null;
  }) =>
    r.unitId && r.provinceId === session.provinceId
      ? `${t(`role.${r.role}`)} · ${unitName(names, r.unitId)}`
      : r.province && r.provinceId !== session.provinceId
        ? `${t(`role.${r.role}`)} – ${r.province.name}`
        : t(`role.${r.role}`);
  // A person is named by name on the buttons and in the dialogs; two accounts of the same name on the page are told
  // apart by their addresses.
  const shownNames = (res.data?.users.nodes ?? []).map((u) => u.fullName);
  const who = (u: { fullName: string; email: string }) =>
    shownNames.indexOf(u.fullName) !== shownNames.lastIndexOf(u.fullName)
      ? `${u.fullName} (${u.email})`
      : u.fullName;
  const [setting, setDisabled] = useMutation(SetDisabledMutation);
  const [revoking, revokeRole] = useMutation(RevokeRoleMutation);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  async function revoke(id: string): Promise<boolean> {
    const r = await revokeRole({ id });
    setRevokeError(r.error ? showErrors(i18n, apiErrors(r.error)).general : null);
    if (!r.error) refetch({ requestPolicy: 'network-only' });
    return !r.error;
  }
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  async function toggle(userId: string, disabled: boolean): Promise<boolean> {
    if (!reason.trim()) {
      setError(t('error.field.required', { field: t('field.reason') }));
      return false;
    }
    const r = await setDisabled({ userId, disabled, reason: reason.trim() });
    const shown = r.error ? showErrors(i18n, apiErrors(r.error)) : null;
    setError(shown?.fields.reason ?? null);
    setRefusal(shown && !shown.fields.reason ? shown.general : null);
    if (!r.error) setReason('');
    return !r.error;
  }

  const reasonField = (
    <Field
      label={t('users.reason')}
      name="reason"
      value={reason}
      onChange={(e) => {
        setReason(e.target.value);
        setError(null);
      }}
      error={error}
      required
    />
  );
  return (
    <section className="card">
      <h2>{listTitle}</h2>
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
      <PagedTable
        label={listTitle}
        columns={[t('users.person'), t('users.role'), t('users.status'), t('users.actions')]}
        empty={t('users.none')}
        page={res.data?.users}
        error={res.error}
        retry={() => refetch({ requestPolicy: 'network-only' })}
        pager={pager}
        row={(u) => ({
          key: u.id,
          heading: (
            <>
              {u.fullName}
              <div className="muted">{u.email}</div>
            </>
          ),
          cells: [
            [...new Set(u.roles.map(roleText))].join(', '),
            u.disabledAt
              ? t('users.disabledSince', { time: i18n.dateTime(u.disabledAt) })
              : t('users.active'),
            u.id !== me.id && (
              <div className="actions">
                {u.roles
                  // Not in a former (read-only) province, whose roles the gateway keeps as they were.
                  .filter(
                    (r) =>
                      session.provinceId && r.provinceId === session.provinceId && !readOnlyHere(session),
                  )
                  .flatMap((r) => [
                    <ChangeRoleButton
                      key={`change-${r.id}`}
                      assignment={r}
                      roleText={roleText(r)}
                      name={who(u)}
                      onChanged={() => refetch({ requestPolicy: 'network-only' })}
                    />,
                    <ConfirmButton
                      key={r.id}
                      label={t('users.removeRole')}
                      labelMore={t('users.roleHeld', { role: roleText(r), name: who(u) })}
                      title={t('users.removeRoleTitle', { role: roleText(r), name: who(u) })}
                      danger
                      busy={revoking.fetching}
                      error={revokeError && <Alert>{revokeError}</Alert>}
                      onOpen={() => setRevokeError(null)}
                      action={() => revoke(r.id)}
                    >
                      <p>{t('users.removeRoleBody')}</p>
                      {/* Locked, and without a role here after this: the province no longer reaches the account. */}
                      {u.disabledAt &&
                        u.roles.filter((x) => x.provinceId === session.provinceId).length === 1 && (
                          <Alert kind="warning">{t('users.removeLastRoleLocked')}</Alert>
                        )}
                    </ConfirmButton>,
                  ])}
                <ConfirmButton
                  label={t(u.disabledAt ? 'users.enable' : 'users.disable')}
                  // Each row's button named for its person, for a screen reader's list of buttons.
                  labelMore={who(u)}
                  title={t(u.disabledAt ? 'users.enableTitle' : 'users.disableTitle', { name: who(u) })}
                  danger={!u.disabledAt}
                  busy={setting.fetching}
                  error={refusal && <Alert>{refusal}</Alert>}
                  onOpen={() => {
                    // One reason field serves every row: a reason typed for another person, then cancelled, is not
                    // this person's.
                    setReason('');
                    setError(null);
                    setRefusal(null);
                  }}
                  action={() => toggle(u.id, !u.disabledAt)}
                >
                  <p>{t(u.disabledAt ? 'users.enableBody' : 'users.disableBody')}</p>
                  {reasonField}
                </ConfirmButton>
              </div>
            ),
          ],
        })}
      />
    </section>
  );
}
