import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';

/** The policy the API applies (packages/domain/src/auth/password.ts), stated before anyone types. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * A new password and its confirmation. The policy is the hint of the first field; the confirmation is checked
 * here, the policy by the API (its error is shown beside the first field, in the person's language).
 */
export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  error,
  confirmError,
}: {
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  error?: string | null;
  confirmError?: string | null;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field
        label={t('account.newPassword')}
        hint={t('error.password.policy', { n: MIN_PASSWORD_LENGTH })}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={error}
        required
      />
      <Field
        label={t('account.confirmPassword')}
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={confirmError}
        required
      />
    </>
  );
}

/** The page's own checks before sending: the policy's length, and the two entries alike. */
export function newPasswordChecks(
  t: ReturnType<typeof useI18n>['t'],
  password: string,
  confirm: string,
): { password: string | null; confirm: string | null } {
  return {
    password: !password
      ? t('error.password.empty')
      : password.length < MIN_PASSWORD_LENGTH
        ? t('error.password.short', { n: MIN_PASSWORD_LENGTH })
        : null,
    confirm: password && confirm !== password ? t('account.mismatch') : null,
  };
}
