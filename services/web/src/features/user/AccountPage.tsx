import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Alert, Page } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { NewPasswordFields, newPasswordChecks } from './NewPasswordFields';

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

/** The person's own account: who they are, and their password (changing it ends their other sessions). */
export default function AccountPage() {
  const { t } = useI18n();
  const user = useSession().user!;
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(ChangePasswordMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const checks = newPasswordChecks(t, password, confirm);
    const ok = await action.run(
      { currentPassword: current, newPassword: password },
      {
        currentPassword: current ? null : t('error.field.required', { field: t('field.currentPassword') }),
        newPassword: checks.password ?? (current && password === current ? t('account.samePassword') : null),
        confirm: checks.confirm,
      },
    );
    if (!ok) return;
    setDone(true);
    setCurrent('');
    setPassword('');
    setConfirm('');
  }

  return (
    <Page title={t('account.title')} subtitle={`${user.fullName} · ${user.email}`}>
      <section className="card">
        <h2>{t('account.changeTitle')}</h2>
        <p className="muted">{t('account.changeIntro')}</p>
        {done && <Alert kind="success">{t('account.changed')}</Alert>}
        {action.shown.general && <Alert>{action.shown.general}</Alert>}
        <form onSubmit={submit} noValidate className="form">
          <Field
            label={t('account.currentPassword')}
            type="password"
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            error={action.shown.fields.currentPassword}
            required
          />
          <NewPasswordFields
            password={password}
            confirm={confirm}
            onPassword={setPassword}
            onConfirm={setConfirm}
            error={action.shown.fields.newPassword}
            confirmError={action.shown.fields.confirm}
          />
          <button type="submit" className="button button-primary" disabled={action.busy}>
            {action.busy ? t('account.saving') : t('account.changeSubmit')}
          </button>
        </form>
      </section>
    </Page>
  );
}
