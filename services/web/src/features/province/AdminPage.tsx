import { useState } from 'react';
import { Link } from 'wouter';
import { getToken, hasRole, readOnlyHere, useSession } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { Page } from '../../ui/Page';
import { closingYear } from '../../ui/vietnamTime';

/** The secretariat's and the platform admin's settings and records, one link each with what it is for. */
export default function AdminPage() {
  const { t } = useI18n();
  const session = useSession();
  const province = !!session.provinceId && hasRole(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  const platform = hasRole(session, 'PLATFORM_ADMIN');
  const year = closingYear();
  const links: [string, string, MessageKey, Record<string, string | number>?][] = [
    ...(province
      ? ([
          ['/province/rules', 'admin.settings', 'admin.settingsHint'],
          ['/province/certificate', 'admin.certificate', 'admin.certificateHint'],
          [`/year-end/${year}`, 'admin.yearEnd', 'admin.yearEndHint', { year }],
          ['/units', 'admin.units', 'admin.unitsHint'],
          ['/persons', 'admin.persons', 'admin.personsHint'],
          ['/province/history', 'admin.history', 'admin.historyHint'],
          ['/users', 'admin.users', 'admin.usersHint'],
          // Importing only writes: not in a read-only (former) province.
          ...(readOnlyHere(session) ? [] : [['/import', 'admin.import', 'admin.importHint'] as const]),
          ['/audit', 'admin.audit', 'admin.auditHint'],
          ['/webhooks', 'admin.webhooks', 'admin.webhooksHint'],
        ] as const)
      : []),
    ...(platform
      ? ([
          ['/platform/provinces', 'admin.platform', 'admin.platformHint'],
          ['/platform/audit', 'admin.platformAudit', 'admin.platformAuditHint'],
        ] as const)
      : []),
    // Without a province the operator still manages every account (in one, the province's card above has it).
    ...(platform && !province ? ([['/users', 'admin.users', 'admin.usersHint']] as const) : []),
  ].map(([href, title, hint, params]) => [href, t(title, params), hint, params]);
  return (
    <Page
      title={t('admin.title')}
      subtitle={t(!platform ? 'admin.intro' : province ? 'admin.introPlatform' : 'admin.introPlatformOnly')}
    >
      <ul className="link-cards">
        {links.map(([href, title, hint]) => (
          <li key={href} className="card">
            <Link href={href} className="link-tap">
              <strong>{title}</strong>
            </Link>
            <p className="muted">{t(hint)}</p>
          </li>
        ))}
        {platform && <QueueConsoleCard />}
      </ul>
    </Page>
  );
}

/**
 * The queue console (bull-board, served by the gateway at /admin/queues) is a page of its own that the browser
 * opens without the app's bearer header: the app first hands it the access token, which the gateway keeps as a
 * cookie limited to the console's path.
 */
function QueueConsoleCard() {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const open = async () => {
    setFailed(false);
    const token = await getToken();
    const res = await fetch('/admin/queues/session', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-thidua-web': '1' },
    }).catch(() => null);
    if (res?.ok) window.location.assign('/admin/queues');
    else setFailed(true);
  };
  return (
    <li className="card">
      {/* It opens a page of its own: styled as the other cards' links, not as a form's button. */}
      <button type="button" className="button-link" onClick={() => void open()}>
        {t('admin.queues')}
      </button>
      <p className="muted">{t('admin.queuesHint')}</p>
      {failed && <p role="alert">{t('admin.queuesFailed')}</p>}
    </li>
  );
}
