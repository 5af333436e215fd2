import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation, useSearch } from 'wouter';
import { signIn } from '../../app/session';
import { graphql } from '../../graphql';
import { apiErrors, showErrors } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Alert, Loading } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { isWholeLinkToken } from './linkToken';
import { AccountFrame } from './AccountFrame';
import { NewPasswordFields, newPasswordChecks } from './NewPasswordFields';

const InvitationQuery = graphql(`
  query InvitationByToken($token: String!) {
    invitationByToken(token: $token) {
      email
      fullName
      role
      unitName
      provinceName
      provinceKind
      expiresAt
      hasAccount
    }
  }
`);

const AcceptMutation = graphql(`
  mutation AcceptInvitation($token: String!, $fullName: String!, $password: String!) {
    acceptInvitation(token: $token, fullName: $fullName, password: $password) {
      email
      newAccount
    }
  }
`);

/**
 * The invitation's link: what it invites to, then the person's name and own password; accepted, they are signed
 * in. An address that already has an account accepts with one tap and signs in with its password as before.
 */
export default function InvitationPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const whole = isWholeLinkToken(token);
  const [, navigate] = useLocation();
  const [res] = useQuery({ query: InvitationQuery, variables: { token }, pause: !whole });
  const invitation = res.data?.invitationByToken;
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [accepted, setAccepted] = useState(false);
  const action = useAction(AcceptMutation);
  useEffect(() => setFullName(invitation?.fullName ?? ''), [invitation?.fullName]);

  if (res.fetching) return <Loading />;
  if (!invitation) {
    const shown = showErrors(i18n, apiErrors(res.error));
    return (
      <AccountFrame title={t('account.inviteTitle')}>
        <Alert>{whole ? (shown.fields.token ?? shown.general) : t('error.link.incomplete')}</Alert>
        <p>
          <Link href="/sign-in">{t('account.backToSignIn')}</Link>
        </p>
      </AccountFrame>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (invitation!.hasAccount) {
      if (await action.run({ token, fullName: '', password: '' })) setAccepted(true);
      return;
    }
    const checks = newPasswordChecks(t, password, confirm);
    const done = await action.run(
      { token, fullName: fullName.trim(), password },
      {
        fullName: fullName.trim() ? null : t('error.field.required', { field: t('field.fullName') }),
        password: checks.password,
        confirm: checks.confirm,
      },
    );
    if (!done) return;
    // Signed in with the password just chosen, straight to the home page.
    const failed = await signIn(done.acceptInvitation.email, password);
    if (failed) setAccepted(true);
    else navigate('/', { replace: true });
  }

  const where = invitation.unitName
    ? `${invitation.unitName}, ${invitation.provinceName}`
    : invitation.provinceName;
  return (
    <AccountFrame
      title={t('account.inviteTitle')}
      subtitle={t('account.inviteIntro', {
        // Signed out, the page has no province: a city's secretariat is named as the city's.
        role: i18n.forKind(invitation.provinceKind).t(`role.${invitation.role}`),
        where,
      })}
    >
      {accepted ? (
        <>
          <Alert kind="success">{t('account.inviteAccepted')}</Alert>
          <p>
            <Link href="/sign-in" className="button button-primary button-block">
              {t('signIn.submit')}
            </Link>
          </p>
        </>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <dl className="facts">
            <dt>{t('signIn.email')}</dt>
            <dd>{invitation.email}</dd>
            <dt>{t('account.expires')}</dt>
            <dd>{i18n.dateTime(invitation.expiresAt)}</dd>
          </dl>
          {action.shown.general && <Alert>{action.shown.general}</Alert>}
          {action.shown.fields.token && <Alert>{action.shown.fields.token}</Alert>}
          {invitation.hasAccount ? (
            <p>{t('account.inviteHasAccount')}</p>
          ) : (
            <>
              <Field
                label={t('account.fullName')}
                name="name"
                autoComplete="name"
                value={fullName}
                onChange={(e) => setFullName(e.target.value)}
                error={action.shown.fields.fullName}
                required
              />
              <NewPasswordFields
                password={password}
                confirm={confirm}
                onPassword={setPassword}
                onConfirm={setConfirm}
                error={action.shown.fields.password}
                confirmError={action.shown.fields.confirm}
              />
            </>
          )}
          <button type="submit" className="button button-primary button-block" disabled={action.busy}>
            {action.busy ? t('account.saving') : t('account.inviteSubmit')}
          </button>
        </form>
      )}
    </AccountFrame>
  );
}
