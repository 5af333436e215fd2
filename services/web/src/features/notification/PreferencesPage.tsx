import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { apiErrors, showErrors } from '../../i18n/errors';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Alert, Loading, Page } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { useSession } from '../../app/session';
import { eventsHeardBy, NOTIFICATION_EVENTS, type NotificationEvent } from './events';

/** A person chooses for themself in the application and by email; webhooks belong to the province. */
const CHANNELS = ['IN_APP', 'EMAIL'] as const;
type Key = `${NotificationEvent}:${(typeof CHANNELS)[number]}`;

const PreferencesQuery = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      event
      channel
      enabled
    }
  }
`);

const SaveMutation = graphql(`
  mutation SetNotificationPreferences($preferences: [NotificationPreferenceInput!]!) {
    setNotificationPreferences(preferences: $preferences) {
      event
      channel
      enabled
    }
  }
`);

export default function PreferencesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [res, refetch] = useQuery({ query: PreferencesQuery });
  const [saving, save] = useMutation(SaveMutation);
  const [state, setState] = useState<Map<Key, boolean> | null>(null);
  const [saved, setSaved] = useState(false);
  // Only the events the person can receive, in any of their provinces: a row for a notice never sent misleads.
  const heard = eventsHeardBy((useSession().user?.roles ?? []).map((r) => r.role));

  useEffect(() => {
    if (!res.data) return;
    const m = new Map<Key, boolean>();
    for (const e of NOTIFICATION_EVENTS) for (const c of CHANNELS) m.set(`${e}:${c}`, true);
    for (const p of res.data.notificationPreferences)
      if (p.channel !== 'WEBHOOK') m.set(`${p.event}:${p.channel}` as Key, p.enabled);
    setState(m);
  }, [res.data]);

  if (res.error)
    return (
      <Page title={t('notif.prefs')}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!state) return <Loading />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const preferences = [...state!.entries()].map(([k, enabled]) => {
      const [event, channel] = k.split(':') as [NotificationEvent, (typeof CHANNELS)[number]];
      return { event, channel, enabled };
    });
    const r = await save({ preferences });
    if (!r.error) setSaved(true);
  }

  const error = saving.error ? showErrors(i18n, apiErrors(saving.error)).general : null;
  if (!heard.length)
    return (
      <Page title={t('notif.prefs')}>
        <p>{t('notif.noneForRoles')}</p>
      </Page>
    );
  return (
    <Page title={t('notif.prefs')} subtitle={t('notif.prefsIntro')}>
      {saved && <Alert kind="success">{t('notif.saved')}</Alert>}
      {error && <Alert>{error}</Alert>}
      <form onSubmit={submit} className="card">
        <TableWrap label={t('notif.prefs')}>
          <table className="table">
            <caption className="visually-hidden">{t('notif.prefs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notif.event')}</th>
                {CHANNELS.map((c) => (
                  <th scope="col" key={c}>
                    {t(`notif.channel.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {heard.map((e) => (
                <tr key={e}>
                  <th scope="row">{t(`event.${e}`)}</th>
                  {CHANNELS.map((c) => (
                    <td key={c}>
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={state.get(`${e}:${c}`) ?? true}
                          onChange={(ev) => {
                            setSaved(false);
                            setState(new Map(state).set(`${e}:${c}`, ev.target.checked));
                          }}
                        />
                        <span className="visually-hidden">
                          {t(`event.${e}`)} – {t(`notif.channel.${c}`)}
                        </span>
                      </label>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <button type="submit" className="button button-primary" disabled={saving.fetching}>
          {t('notif.save')}
        </button>
      </form>
    </Page>
  );
}
