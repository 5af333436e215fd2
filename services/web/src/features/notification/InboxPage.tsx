import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link, useLocation } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Empty, Loading, Page } from '../../ui/Page';
import { MarkReadMutation } from './operations';

const InboxQuery = graphql(`
  query Inbox($first: Int!) {
    notifications(first: $first) {
      nodes {
        id
        event
        title
        body
        link
        locale
        createdAt
        readAt
      }
      pageInfo {
        hasNextPage
      }
      totalCount
    }
    unreadNotificationCount
  }
`);

/** The person's notifications, unread first; each opens the page it is about. */
export default function InboxPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [, navigate] = useLocation();
  const [first, setFirst] = useState(20);
  const [res, refetch] = useQuery({ query: InboxQuery, variables: { first } });
  const [marking, markRead] = useMutation(MarkReadMutation);

  const mark = async (ids?: string[]) => {
    await markRead({ ids: ids ?? null }, { additionalTypenames: ['Notification'] });
    refetch({ requestPolicy: 'network-only' });
  };

  if (res.error)
    return (
      <Page title={t('notif.title')}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!res.data) return <Loading />;
  const { notifications, unreadNotificationCount: unread } = res.data;

  return (
    <Page
      title={t('notif.title')}
      subtitle={t('app.unread', { n: unread })}
      actions={
        <>
          <Link href="/notifications/preferences" className="button button-secondary">
            {t('notif.prefs')}
          </Link>
          {unread > 0 && (
            <button
              type="button"
              className="button button-secondary"
              disabled={marking.fetching}
              onClick={() => void mark()}
            >
              {t('notif.markAll')}
            </button>
          )}
        </>
      }
    >
      {notifications.nodes.length === 0 ? (
        <Empty>{t('notif.empty')}</Empty>
      ) : (
        <>
          {/* After a change of language the older notices keep theirs (they were written then): said, not a slip. */}
          {notifications.nodes.some((n) => n.locale && n.locale !== i18n.locale) && (
            <p className="muted">{t('notif.otherLanguage')}</p>
          )}
          <ul className="list" aria-label={t('notif.title')}>
            {notifications.nodes.map((n) => (
              <li key={n.id} className={n.readAt ? undefined : 'unread'}>
                <div className="item-head">
                  <h2 className="h3">
                    {!n.readAt && (
                      <>
                        <span className="tag">{t('notif.unreadTag')}</span>{' '}
                      </>
                    )}
                    {/* Written in its reader's language then: after a switch, older ones keep theirs. */}
                    <span lang={n.locale ?? undefined}>{n.title}</span>
                  </h2>
                  <span className="item-meta">{i18n.dateTime(n.createdAt)}</span>
                </div>
                <p lang={n.locale ?? undefined}>{n.body}</p>
                <div className="actions">
                  <a
                    href={n.link}
                    className="button button-primary"
                    onClick={(e) => {
                      e.preventDefault();
                      if (!n.readAt) void markRead({ ids: [n.id] });
                      navigate(n.link);
                    }}
                  >
                    {t('notif.open')}
                    <span className="visually-hidden"> – {n.title}</span>
                  </a>
                  {!n.readAt && (
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => void mark([n.id])}
                    >
                      {t('notif.markRead')}
                      <span className="visually-hidden"> – {n.title}</span>
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {notifications.pageInfo.hasNextPage && first < 100 && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setFirst(Math.min(100, first + 20))}
        >
          {t('notif.more')}
        </button>
      )}
    </Page>
  );
}
