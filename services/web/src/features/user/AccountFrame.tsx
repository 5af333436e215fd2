import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Page } from '../../ui/Page';

/** The card of the pages used before signing in (sign-in, forgotten password, reset, invitation). */
export function AccountFrame({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  const i18n = useI18n();
  return (
    <div className="signin">
      <div className="signin-brand" aria-hidden="true">
        <span className="brand-mark">★</span>
      </div>
      <Page title={title} subtitle={subtitle}>
        {children}
        <p className="signin-lang">
          <button
            type="button"
            className="button-link"
            lang={i18n.locale === 'vi' ? 'en' : 'vi'}
            onClick={() => i18n.setLocale(i18n.locale === 'vi' ? 'en' : 'vi', true)}
          >
            {i18n.t('app.language')}
          </button>
        </p>
      </Page>
    </div>
  );
}
