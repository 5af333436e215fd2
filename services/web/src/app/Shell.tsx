import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation } from 'wouter';
import { graphql } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { installFocusRescue } from '../ui/focusRescue';
import { usePolling } from '../ui/usePolling';
import { closingYear } from '../ui/vietnamTime';
import { formerLabel } from '../features/province/useFormerProvinces';
import { pageAfterSwitch, routeRefusal } from './routeAccess';
import {
  getSession,
  hasRole,
  homeIsDashboards,
  openingYearHere,
  readOnlyHere,
  setProvince,
  signOut,
  switchableProvinces,
  switcherProvinces,
  useSession,
  type SwitchableProvince,
} from './session';

export const UnreadCountQuery = graphql(`
  query UnreadCount {
    unreadNotificationCount
  }
`);
/** The count is an Int: without this a notification marked read (the inbox, a ballot cast) would not refresh it. */
export const UNREAD_CONTEXT = { additionalTypenames: ['Notification'] };

/** The pages the administration page leads to (AdminPage): the menu marks "Quản trị" on them. */
const ADMIN_SECTIONS = /^\/(province|units|persons|users|import|audit|webhooks|platform)(\/|$)/;

/** The frame of every page but the hall screen: the header with the province, language and account. */
export function Shell({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [location, navigate] = useLocation();
  const user = session.user!;
  const [unread, refetchUnread] = useQuery({
    query: UnreadCountQuery,
    pause: !session.provinceId,
    context: UNREAD_CONTEXT,
  });
  usePolling(refetchUnread, session.provinceId ? 60_000 : null);
  const count = unread.data?.unreadNotificationCount ?? 0;
  // A session without a province (the ministry, the platform operator) has no province's pages to go to.
  const inProvince = !!session.provinceId;
  const dashboards = hasRole(session, 'NATIONAL_VIEWER', 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  const secretariat = inProvince && hasRole(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  const blocks = inProvince && hasRole(session, 'PROVINCE_ADMIN', 'UNIT_OFFICER', 'PLATFORM_ADMIN');
  const reachable = switchableProvinces(user);
  const provinces = switcherProvinces(user, session.provinceId);
  const provinceLabel = (p: SwitchableProvince) =>
    // A former province whose end date is not recorded is named without one.
    p.absorbedUntil
      ? formerLabel(i18n, { name: p.name, kind: p.kind ?? 'PROVINCE', validTo: p.absorbedUntil })
      : p.isCurrent
        ? p.name
        : `${p.name} ${t('app.former')}`;
  // Reading a former province through its successor: said on every page, with the way back.
  const reading = reachable.find((p) => p.id === session.provinceId && p.absorbedUntil !== null);
  const successor = reading && user.provinces.find((p) => p.predecessors.some((f) => f.id === reading.id));
  // A province of the person's own that has ended: as read-only, said on every page too.
  const ended =
    !reading && readOnlyHere(session) ? user.provinces.find((p) => p.id === session.provinceId) : null;
  // On a phone the links fold under one button: ten of them took a third of the screen above every page.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location]);
  // What had the focus and went away (a button that did its work) hands it to its section's heading.
  const main = useRef<HTMLElement>(null);
  useEffect(() => (main.current ? installFocusRescue(main.current) : undefined), []);

  // Users and imports are reached from the administration page: the secretariat's row of links stays one row.
  const nav = [
    ...(homeIsDashboards(session) ? [] : [{ href: '/', label: t('app.home') }]),
    ...(inProvince
      ? [{ href: '/notifications', label: t('app.notifications'), badge: count > 0 ? count : null }]
      : []),
    ...(blocks ? [{ href: '/blocks', label: t('app.blocks') }] : []),
    // A council member's sessions (the secretariat's link, with its other work, follows).
    ...(!secretariat && hasRole(session, 'COUNCIL_MEMBER')
      ? [{ href: '/council', label: t('app.council') }]
      : []),
    ...(secretariat
      ? [
          { href: '/nominations', label: t('app.nominations') },
          // The council's sessions are the province secretariat's own work (not the platform's operators'); in a
          // former province the page lists them without the form that opens one.
          ...(hasRole(session, 'PROVINCE_ADMIN') ? [{ href: '/council', label: t('app.council') }] : []),
          { href: '/award-decisions', label: t('app.decisions') },
          // A former province's last closing, not a year it never ran.
          { href: `/year-end/${Math.min(closingYear(), openingYearHere(session))}`, label: t('app.yearEnd') },
        ]
      : []),
    ...(dashboards ? [{ href: '/dashboards', label: t('app.dashboards') }] : []),
    { href: '/account', label: t('app.account') },
    ...(hasRole(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN')
      ? [{ href: '/admin', label: t('admin.title'), sections: ADMIN_SECTIONS }]
      : []),
  ];

  // The language and signing out: beside the province on a screen, at the foot of the folded menu on a phone
  // (one row of brand and province, one of the menu, rather than three rows above every page).
  const accountTools = (
    <>
      <button
        type="button"
        className="button button-ghost"
        lang={i18n.locale === 'vi' ? 'en' : 'vi'}
        aria-label={t('app.languageLabel')}
        onClick={() => i18n.setLocale(i18n.locale === 'vi' ? 'en' : 'vi', true)}
      >
        {t('app.language')}
      </button>
      <button type="button" className="button button-ghost" onClick={() => void signOut()}>
        {t('app.signOut')}
      </button>
    </>
  );

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
            {provinces.length === 1 && (
              <p className="province-name">
                <span className="visually-hidden">{t('app.province')}: </span>
                {provinceLabel(provinces[0]!)}
              </p>
            )}
            {provinces.length > 1 && (
              <div className="province-switch">
                <label htmlFor="province-switch" className="visually-hidden">
                  {t('app.province')}
                </label>
                <select
                  id="province-switch"
                  value={session.provinceId ?? ''}
                  onChange={(e) => {
                    setProvince(e.target.value);
                    // The same page, unless the person's roles in the new province do not reach it.
                    const next = pageAfterSwitch(location);
                    navigate(routeRefusal(getSession(), next) ? '/' : next);
                  }}
                >
                  {provinces.map((p) => (
                    <option key={p.id} value={p.id}>
                      {provinceLabel(p)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <span className="account-tools">{accountTools}</span>
          </div>
        </div>
        <nav
          aria-label={t('app.nav')}
          className="mainnav"
          // Escape folds the open menu and gives the keyboard back to its button, as a disclosure does.
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || !menuOpen) return;
            setMenuOpen(false);
            e.currentTarget.querySelector<HTMLButtonElement>('.menu-toggle')?.focus();
          }}
        >
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="mainnav-links"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span aria-hidden="true">☰</span> {t('app.menu')}
            {count > 0 && (
              <span className="badge" aria-label={t('app.unread', { n: count })}>
                {count}
              </span>
            )}
          </button>
          <ul id="mainnav-links" className={menuOpen ? 'open' : undefined}>
            {nav.map((item) => {
              const current =
                item.href === '/'
                  ? location === '/'
                  : location.startsWith(item.href) || !!item.sections?.test(location);
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
            <li className="menu-account">
              <span className="menu-whoami">{user.fullName}</span>
              {accountTools}
            </li>
          </ul>
          <span className="whoami">{user.fullName}</span>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {/* In the main region: the skip link leads to it, and it is read before the page. */}
        {reading && successor && (
          <div className="reading-former">
            <p>{t('app.readingFormer', { name: provinceLabel(reading) })}</p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setProvince(successor.id);
                navigate('/');
              }}
            >
              {t('app.backTo', { name: successor.name })}
            </button>
          </div>
        )}

        {ended?.validTo && (
          <div className="reading-former">
            <p>{t('app.endedProvince', { name: ended.name, date: i18n.date(ended.validTo) })}</p>
          </div>
        )}
        {children}
      </main>
    </>
  );
}
