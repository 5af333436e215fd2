import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { signIn, useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { showErrors, type Shown } from '../../i18n/errors';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { AccountFrame } from './AccountFrame';

/** Only paths of this application are followed after sign-in (never another site). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export default function SignInPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown>({ general: null, fields: {} });
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');

  if (session.status === 'signed-in' && !busy) {
    queueMicrotask(() => navigate(next, { replace: true }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!email.trim()) fields.email = t('error.field.required', { field: t('field.email') });
    // A name without its "@…" is not an address: said as such, not as a wrong password.
    else if (!/^[^@\s]+@[^@\s]+$/.test(email.trim())) fields.email = t('signIn.check.email');
    if (!password) fields.password = t('error.field.required', { field: t('field.password') });
    if (Object.keys(fields).length) {
      setShown({ general: null, fields });
      return;
    }
    setBusy(true);
    const errors = await signIn(email, password);
    setBusy(false);
    if (errors) {
      const refused = showErrors(i18n, errors);
      setShown(refused);
      // The button, disabled while it waited, lost the keyboard: it goes to the field to correct (the password,
      // when the refusal is general), and the refusal above is read out as an alert.
      const field = refused.fields.email ? 'email' : 'password';
      const form = e.target as HTMLFormElement;
      requestAnimationFrame(() => form.querySelector<HTMLInputElement>(`input[name="${field}"]`)?.focus());
      return;
    }
    navigate(next, { replace: true });
  }

  return (
    <AccountFrame title={t('signIn.title')} subtitle={t('signIn.intro')}>
      {reason === 'expired' && <Alert kind="warning">{t('signIn.expired')}</Alert>}
      {reason === 'signed-out' && <Alert kind="info">{t('signIn.signedOut')}</Alert>}
      {shown.general && <Alert>{shown.general}</Alert>}
      <form onSubmit={submit} noValidate className="form">
        <Field
          label={t('signIn.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={shown.fields.email}
          required
        />
        <Field
          label={t('signIn.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={shown.fields.password}
          required
        />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <p className="signin-forgot">
        {/* In the page's history state, not its address: an address is kept in the history and the logs. */}
        <Link href="/forgot-password" state={{ email: email.trim() }}>
          {t('signIn.forgot')}
        </Link>
      </p>
    </AccountFrame>
  );
}
