import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { AccountFrame } from './AccountFrame';

const RequestResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

/** Asks for a reset link. The answer is the same whether the address has an account or not (the API's too). */
export default function ForgotPasswordPage() {
  const { t } = useI18n();
  // The address typed on the sign-in page comes along (history state): nobody types it twice.
  const [email, setEmail] = useState(() => emailFrom(window.history.state));
  const [sentTo, setSentTo] = useState<string | null>(null);
  const action = useAction(RequestResetMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const done = await action.run(
      { email: email.trim() },
      { email: email.trim() ? null : t('error.field.required', { field: t('field.email') }) },
    );
    if (done) setSentTo(email.trim());
  }

  return (
    <AccountFrame title={t('account.forgotTitle')} subtitle={t('account.forgotIntro')}>
      {sentTo ? (
        <Alert kind="success">{t('account.forgotSent', { email: sentTo })}</Alert>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          {action.shown.general && <Alert>{action.shown.general}</Alert>}
          <Field
            label={t('signIn.email')}
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={action.shown.fields.email}
            required
          />
          <button type="submit" className="button button-primary button-block" disabled={action.busy}>
            {action.busy ? t('account.sending') : t('account.forgotSubmit')}
          </button>
        </form>
      )}
      <p>
        <Link href="/sign-in">{t('account.backToSignIn')}</Link>
      </p>
    </AccountFrame>
  );
}

function emailFrom(state: unknown): string {
  const email = (state as { email?: unknown } | null)?.email;
  return typeof email === 'string' ? email : '';
}
