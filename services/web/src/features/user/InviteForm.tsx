import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field, SelectField } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';

export const INVITABLE_ROLES = ['UNIT_OFFICER', 'PROVINCE_ADMIN', 'COUNCIL_MEMBER'] as const;
type InvitableRole = (typeof INVITABLE_ROLES)[number];

const UnitsQuery = graphql(`
  query InviteUnits($search: String) {
    units(first: 100, filter: { search: $search }) {
      nodes {
        id
        name
      }
      totalCount
    }
  }
`);

const InviteMutation = graphql(`
  mutation CreateInvitation($input: CreateInvitationInput!) {
    createInvitation(input: $input) {
      id
      email
      status
    }
  }
`);

/**
 * The secretariat invites a person by email to a unit (officers) or a province role; `firstRole` is the role
 * offered first (the platform's operator invites a province's secretariat).
 */
export function InviteForm({ firstRole = 'UNIT_OFFICER' }: { firstRole?: InvitableRole }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<InvitableRole>(firstRole);
  const [unitSearch, setUnitSearch] = useState('');
  const [unitId, setUnitId] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [units] = useQuery({
    query: UnitsQuery,
    variables: { search: unitSearch.trim() || null },
    pause: role !== 'UNIT_OFFICER',
  });
  const action = useAction(InviteMutation);
  const officer = role === 'UNIT_OFFICER';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSent(null);
    const done = await action.run(
      {
        input: {
          email: email.trim(),
          fullName: fullName.trim() || null,
          role,
          unitId: officer ? unitId || null : null,
        },
      },
      {
        // Said with the other fields' problems, not only once the unit is chosen and the gateway answers.
        email: !email.trim()
          ? t('error.field.required', { field: t('field.email') })
          : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())
            ? null
            : t('users.emailInvalid'),
        unitId: officer && !unitId ? t('error.field.choose', { field: t('field.unitId') }) : null,
      },
    );
    if (!done) return;
    setSent(done.createInvitation.email);
    setEmail('');
    setFullName('');
  }

  const found = units.data?.units;
  return (
    <form onSubmit={submit} noValidate className="form card">
      <h2>{t('users.inviteTitle')}</h2>
      <p className="muted">{t('users.inviteIntro')}</p>
      {sent && <Alert kind="success">{t('users.invited', { email: sent })}</Alert>}
      {action.shown.general && <Alert>{action.shown.general}</Alert>}
      <Field
        label={t('signIn.email')}
        type="email"
        name="invite-email"
        inputMode="email"
        autoComplete="off"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={action.shown.fields.email ?? action.shown.fields['input.email']}
        required
      />
      <Field
        label={t('users.nameOptional')}
        name="invite-name"
        autoComplete="off"
        value={fullName}
        onChange={(e) => setFullName(e.target.value)}
        error={action.shown.fields.fullName ?? action.shown.fields['input.fullName']}
      />
      <SelectField
        label={t('users.role')}
        value={role}
        onChange={(e) => setRole(e.target.value as InvitableRole)}
      >
        {INVITABLE_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </SelectField>
      {officer && (
        <>
          <Field
            label={t('users.unitSearch')}
            type="search"
            name="unit-search"
            value={unitSearch}
            onChange={(e) => setUnitSearch(e.target.value)}
          />
          <SelectField
            label={t('users.unit')}
            hint={
              !found
                ? undefined
                : found.totalCount === 0 && !unitSearch.trim()
                  ? t('users.noUnitsYet')
                  : t('users.unitsFound', { n: found.totalCount })
            }
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            error={action.shown.fields.unitId}
            required
          >
            <option value="">{t('users.chooseUnit')}</option>
            {found?.nodes.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </SelectField>
        </>
      )}
      <button type="submit" className="button button-primary" disabled={action.busy}>
        {action.busy ? t('account.sending') : t('users.inviteSubmit')}
      </button>
    </form>
  );
}
