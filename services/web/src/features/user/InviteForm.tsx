import { useState, type FormEvent } from 'react';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { RoleFields, type ProvinceRole } from './RoleFields';

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
export function InviteForm({ firstRole = 'UNIT_OFFICER' }: { firstRole?: ProvinceRole }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<ProvinceRole>(firstRole);
  const [unitId, setUnitId] = useState('');
  const [sent, setSent] = useState<string | null>(null);
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
        onChange={(e) => {
          setEmail(e.target.value);
          // What was said about the address no longer holds once it is edited (the unit's still does).
          action.clear('email', 'input.email');
        }}
        error={action.shown.fields.email ?? action.shown.fields['input.email']}
        required
      />
      <Field
        label={t('users.nameOptional')}
        name="invite-name"
        autoComplete="off"
        value={fullName}
        onChange={(e) => {
          setFullName(e.target.value);
          action.clear('fullName', 'input.fullName');
        }}
        error={action.shown.fields.fullName ?? action.shown.fields['input.fullName']}
      />
      <RoleFields
        role={role}
        unitId={unitId}
        onRole={setRole}
        onUnit={(u) => {
          setUnitId(u);
          action.clear('unitId');
        }}
        unitError={action.shown.fields.unitId}
      />
      <button type="submit" className="button button-primary" disabled={action.busy}>
        {action.busy ? t('account.sending') : t('users.inviteSubmit')}
      </button>
    </form>
  );
}
