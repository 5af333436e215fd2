import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation } from 'wouter';
import { graphql } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { usePolling } from '../ui/usePolling';
import { hasRole, setProvince, signOut, useSession } from './session';

export const UnreadCountQuery = graphql(`
  query UnreadCount {
    unreadNotificationCount
  }
`);

/** The frame of every page but the hall screen: the header with the province, language and account. */
export function Shell({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [location, navigate] = useLocation();
  const user = session.user!;
  const [unread, refetchUnread] = useQuery({ query: UnreadCountQuery, pause: !session.provinceId });
  usePolling(refetchUnread, session.provinceId ? 60_000 : null);
  const count = unread.data?.unreadNotificationCount ?? 0;
  const dashboards = hasRole(session, 'NATIONAL_VIEWER', 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  const admin = hasRole(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  const blocks = hasRole(session, 'PROVINCE_ADMIN', 'UNIT_OFFICER', 'PLATFORM_ADMIN');
  const provinceLabel = (p: { name: string; isCurrent: boolean }) =>
    p.isCurrent ? p.name : `${p.name} ${t('app.former')}`;

  const nav = [
    { href: '/', label: t('app.home') },
    {
      href: '/notifications',
      label: t('app.notifications'),
      badge: count > 0 ? count : null,
    },
    ...(blocks ? [{ href: '/blocks', label: t('app.blocks') }] : []),
    ...(hasRole(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN')
      ? [
          { href: '/nominations', label: t('app.nominations') },
          { href: '/award-decisions', label: t('app.decisions') },
        ]
      : []),
    ...(dashboards ? [{ href: '/dashboards', label: t('app.dashboards') }] : []),
    ...(hasRole(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN')
      ? [{ href: '/users', label: t('app.users') }]
      : []),
    { href: '/account', label: t('app.account') },
    ...(admin ? [{ href: '/admin', label: t('admin.title') }] : []),
    ...(admin ? [{ href: '/import', label: t('app.import') }] : []),
  ];

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ★
            </span>
            {t('app.name')}
          </Link>
          <div className="topbar-tools">
            {/* One province: its name, nothing to choose; several: the province the requests act in. */}
            {user.provinces.length === 1 && (
              <p className="province-name">
                <span className="visually-hidden">{t('app.province')}: </span>
                {provinceLabel(user.provinces[0]!)}
              </p>
            )}
            {user.provinces.length > 1 && (
              <div className="province-switch">
                <label htmlFor="province-switch" className="visually-hidden">
                  {t('app.province')}
                </label>
                <select
                  id="province-switch"
                  value={session.provinceId ?? ''}
                  onChange={(e) => {
                    setProvince(e.target.value);
                    navigate('/');
                  }}
                >
                  {user.provinces.map((p) => (
                    <option key={p.id} value={p.id}>
                      {provinceLabel(p)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <button
              type="button"
              className="button button-ghost"
              lang={i18n.locale === 'vi' ? 'en' : 'vi'}
              aria-label={t('app.languageLabel')}
              onClick={() => i18n.setLocale(i18n.locale === 'vi' ? 'en' : 'vi')}
            >
              {t('app.language')}
            </button>
            <button type="button" className="button button-ghost" onClick={() => void signOut()}>
              {t('app.signOut')}
            </button>
          </div>
        </div>
        <nav aria-label={t('app.nav')} className="mainnav">
          <ul>
            {nav.map((item) => {
              const current = item.href === '/' ? location === '/' : location.startsWith(item.href);
              return (
                <li key={item.href}>
                  <Link href={item.href} aria-current={current ? 'page' : undefined}>
                    {item.label}
                    {item.badge && (
                      <span className="badge" aria-label={t('app.unread', { n: item.badge })}>
                        {item.badge}
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
          <span className="whoami">{user.fullName}</span>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
