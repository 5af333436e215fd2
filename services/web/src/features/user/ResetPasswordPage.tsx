import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useSearch } from 'wouter';
import { graphql } from '../../graphql';
import { apiErrors, showErrors } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { Alert, Loading } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { isWholeLinkToken } from './linkToken';
import { AccountFrame } from './AccountFrame';
import { NewPasswordFields, newPasswordChecks } from './NewPasswordFields';

const UsableQuery = graphql(`
  query PasswordResetUsable($token: String!) {
    passwordResetUsable(token: $token)
  }
`);

const ResetMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

/** The emailed link's page: a new password, then sign in again (every session of the account has ended). */
export default function ResetPasswordPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const whole = isWholeLinkToken(token);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  // The form gone with its work done, the keyboard goes to the next step (signing in), once.
  const signInLink = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) signInLink.current?.querySelector('a')?.focus();
  }, [done]);
  const action = useAction(ResetMutation);
  // A link already used or expired is said at once, not after a new password was typed twice.
  const [usable] = useQuery({
    query: UsableQuery,
    variables: { token },
    pause: done || !whole,
    requestPolicy: 'network-only',
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checks = newPasswordChecks(t, password, confirm);
    const ok = await action.run(
      { token, newPassword: password },
      { newPassword: checks.password, confirm: checks.confirm },
    );
    if (ok) setDone(true);
  }

  // An account disabled since the link was sent: said as the page opens (asking again would not help).
  const refused = usable.error ? showErrors(i18n, apiErrors(usable.error)).general : null;
  const linkError = !whole
    ? t('error.link.incomplete')
    : (action.shown.fields.token ??
      (usable.data?.passwordResetUsable === false ? t('error.link.reset') : null));
  if (usable.fetching && !done) return <Loading />;
  return (
    <AccountFrame title={t('account.resetTitle')} subtitle={done ? undefined : t('account.resetIntro')}>
      {done ? (
        <>
          <Alert kind="success">{t('account.resetDone')}</Alert>
          <p ref={signInLink}>
            <Link href="/sign-in" className="button button-primary button-block">
              {t('signIn.submit')}
            </Link>
          </p>
        </>
      ) : (
        <>
          {linkError && (
            <Alert>
              <p>{linkError}</p>
              <p>
                <Link href="/forgot-password">{t('account.askAgain')}</Link>
              </p>
            </Alert>
          )}
          {(action.shown.general ?? refused) && <Alert>{action.shown.general ?? refused}</Alert>}
          {!linkError && !refused && (
            <form onSubmit={submit} noValidate className="form">
              <NewPasswordFields
                password={password}
                confirm={confirm}
                onPassword={setPassword}
                onConfirm={setConfirm}
                error={action.shown.fields.newPassword}
                confirmError={action.shown.fields.confirm}
              />
              <button type="submit" className="button button-primary button-block" disabled={action.busy}>
                {action.busy ? t('account.saving') : t('account.resetSubmit')}
              </button>
            </form>
          )}
          <p>
            <Link href="/sign-in">{t('account.backToSignIn')}</Link>
          </p>
        </>
      )}
    </AccountFrame>
  );
}
