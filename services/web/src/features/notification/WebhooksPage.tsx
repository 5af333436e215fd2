import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { readOnlyHere, useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Choice } from '../../ui/Choice';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { Alert, Empty, Loading, Page } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { NOTIFICATION_EVENTS, type NotificationEvent } from './events';

type Status = 'PENDING' | 'DELIVERED' | 'DEAD';

const WebhooksQuery = graphql(`
  query Webhooks($status: WebhookStatus) {
    webhookSubscriptions {
      id
      url
      events
      createdAt
    }
    webhookDeliveries(status: $status) {
      id
      subscriptionId
      event
      status
      attempts
      createdAt
      deliveredAt
      attemptLog(first: 10) {
        attemptedAt
        statusCode
        error
        durationMs
      }
    }
  }
`);

const Subscribe = graphql(`
  mutation CreateWebhook($input: CreateWebhookSubscriptionInput!) {
    createWebhookSubscription(input: $input) {
      secret
      subscription {
        id
      }
    }
  }
`);
const Unsubscribe = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhookSubscription(id: $id)
  }
`);
const Retry = graphql(`
  mutation RetryWebhookDelivery($id: ID!) {
    retryWebhookDelivery(id: $id)
  }
`);

/** The province's webhook receivers and their deliveries; a stopped delivery is sent again from here. */
export default function WebhooksPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState('');
  const [res, refetch] = useQuery({
    query: WebhooksQuery,
    variables: { status: (status || null) as Status | null },
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const remove = useAction(Unsubscribe);
  const retry = useAction(Retry);
  const [retried, setRetried] = useState<string | null>(null);
  const urls = new Map(res.data?.webhookSubscriptions.map((s) => [s.id, s.url]));
  // A former province's subscriptions and deliveries are read; none is added, removed or sent again there.
  const readOnly = readOnlyHere(useSession());

  return (
    <Page title={t('webhooks.title')} subtitle={t('webhooks.intro')} wide>
      <section className="card" aria-labelledby="subs-title">
        <h2 id="subs-title">{t('webhooks.subscriptions')}</h2>
        {res.error ? (
          <ApiErrorView error={res.error} retry={reload} />
        ) : !res.data ? (
          <Loading />
        ) : res.data.webhookSubscriptions.length === 0 ? (
          <Empty>{t('webhooks.none')}</Empty>
        ) : (
          <TableWrap label={t('webhooks.subscriptions')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('webhooks.url')}</th>
                  <th scope="col">{t('webhooks.events')}</th>
                  <th scope="col">{t('webhooks.created')}</th>
                  {!readOnly && <th scope="col">{t('webhooks.delete')}</th>}
                </tr>
              </thead>
              <tbody>
                {res.data.webhookSubscriptions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.url}</th>
                    <td>{s.events.map((e) => t(`event.${e}`)).join(', ')}</td>
                    <td>{i18n.dateTime(s.createdAt)}</td>
                    {!readOnly && (
                      <td>
                        <ConfirmButton
                          label={t('webhooks.delete')}
                          title={t('webhooks.deleteTitle')}
                          danger
                          busy={remove.busy}
                          error={remove.shown.general && <Alert>{remove.shown.general}</Alert>}
                          action={async () => {
                            const ok = await remove.run({ id: s.id });
                            if (ok) reload();
                            return !!ok;
                          }}
                        >
                          <p>{t('webhooks.deleteBody', { url: s.url })}</p>
                        </ConfirmButton>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {!readOnly && <SubscribeForm onCreated={reload} />}
      </section>
      <section className="card" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">{t('webhooks.deliveries')}</h2>
        <div className="filters">
          <Choice
            label={t('webhooks.status')}
            prefix="webhooks.status"
            options={['', 'PENDING', 'DELIVERED', 'DEAD']}
            value={status}
            onChange={(e) => setStatus(e.target.value)}
          />
          <button type="button" className="button button-secondary" onClick={reload}>
            {t('webhooks.refresh')}
          </button>
        </div>
        <p className="muted">{t('webhooks.deliveriesNote')}</p>
        {retry.shown.general && <Alert>{retry.shown.general}</Alert>}
        {retried && <Alert kind="success">{t('webhooks.retried')}</Alert>}
        {res.data &&
          (res.data.webhookDeliveries.length === 0 ? (
            <Empty>{t('webhooks.noDeliveries')}</Empty>
          ) : (
            <TableWrap label={t('webhooks.deliveries')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('webhooks.created')}</th>
                    <th scope="col">{t('webhooks.events')}</th>
                    <th scope="col">{t('webhooks.url')}</th>
                    <th scope="col">{t('webhooks.status')}</th>
                    <th scope="col">{t('webhooks.lastAttempt')}</th>
                    {!readOnly && <th scope="col">{t('webhooks.retry')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {res.data.webhookDeliveries.map((d) => {
                    const last = d.attemptLog.at(-1);
                    return (
                      <tr key={d.id}>
                        <th scope="row">{i18n.dateTime(d.createdAt)}</th>
                        <td>{t(`event.${d.event}`)}</td>
                        <td>{urls.get(d.subscriptionId) ?? ''}</td>
                        <td>
                          {t(`webhooks.status.${d.status}`)} · {t('webhooks.attempts')}: {d.attempts}
                        </td>
                        <td>
                          {last &&
                            t('webhooks.attemptLine', {
                              when: i18n.dateTime(last.attemptedAt),
                              result: last.statusCode
                                ? t('webhooks.http', { code: last.statusCode })
                                : (last.error ?? ''),
                              ms: last.durationMs,
                            })}
                        </td>
                        {!readOnly && (
                          <td>
                            {d.status === 'DEAD' && (
                              <button
                                type="button"
                                className="button button-secondary"
                                disabled={retry.busy}
                                onClick={() =>
                                  void retry.run({ id: d.id }).then((ok) => {
                                    setRetried(ok ? d.id : null);
                                    reload();
                                  })
                                }
                              >
                                {t('webhooks.retry')}
                              </button>
                            )}
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
          ))}
      </section>
    </Page>
  );
}

function SubscribeForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const create = useAction(Subscribe);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<NotificationEvent[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSecret(null);
    const done = await create.run(
      { input: { url: url.trim(), events } },
      {
        url: /^https?:\/\/\S+$/.test(url.trim()) ? null : t('webhooks.check.url'),
        events: events.length ? null : t('webhooks.check.events'),
      },
    );
    if (done) {
      setSecret(done.createWebhookSubscription.secret);
      setUrl('');
      setEvents([]);
      onCreated();
    }
  };
  const err = (k: string) => create.shown.fields[k] ?? create.shown.fields[`input.${k}`] ?? null;
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="add-webhook">
      <h3 id="add-webhook">{t('webhooks.add')}</h3>
      <Field
        label={t('webhooks.url')}
        type="url"
        value={url}
        error={err('url')}
        onChange={(e) => setUrl(e.target.value)}
      />
      <fieldset aria-describedby={err('events') ? 'events-error' : undefined}>
        <legend>{t('webhooks.events')}</legend>
        {NOTIFICATION_EVENTS.map((ev) => (
          <label key={ev} className="check">
            <input
              type="checkbox"
              checked={events.includes(ev)}
              onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))}
            />
            {t(`event.${ev}`)}
          </label>
        ))}
        {err('events') && (
          <p id="events-error" className="field-error">
            {err('events')}
          </p>
        )}
      </fieldset>
      {create.shown.general && <Alert>{create.shown.general}</Alert>}
      {secret && (
        <Alert kind="warning">
          <p>{t('webhooks.secret', { secret })}</p>
        </Alert>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={create.busy}>
          {t('webhooks.addButton')}
        </button>
      </div>
    </form>
  );
}
