import { Fragment, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql, type ResultOf } from '../../graphql';
import { readOnlyHere, useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Choice } from '../../ui/Choice';
import { CardTable } from '../../ui/CardTable';
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
      lastAttempt {
        attemptedAt
        statusCode
        cause
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
const SendTest = graphql(`
  mutation SendTestWebhook($id: ID!) {
    sendTestWebhook(subscriptionId: $id) {
      id
    }
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
  const sendTest = useAction(SendTest);
  const [tested, setTested] = useState<string | null>(null);
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
            <CardTable
              caption={t('webhooks.subscriptionsCaption', { n: res.data.webhookSubscriptions.length })}
              columns={[
                t('webhooks.url'),
                t('webhooks.events'),
                t('webhooks.created'),
                ...(readOnly ? [] : [t('webhooks.test'), t('webhooks.delete')]),
              ]}
              rows={res.data.webhookSubscriptions.map((s) => ({
                key: s.id,
                heading: <Address url={s.url} />,
                cells: [
                  s.events.map((e) => t(`event.${e}`)).join(', '),
                  i18n.dateTime(s.createdAt),
                  ...(readOnly
                    ? []
                    : [
                        // A signed test event now, to check the address and key before a real one is due.
                        <button
                          key="test"
                          type="button"
                          className="button button-secondary"
                          aria-label={t('webhooks.testTo', { url: s.url })}
                          disabled={sendTest.busy}
                          onClick={() =>
                            void sendTest.run({ id: s.id }).then((ok) => {
                              setTested(ok ? s.url : null);
                              reload();
                            })
                          }
                        >
                          {t('webhooks.test')}
                        </button>,
                        <ConfirmButton
                          key="delete"
                          label={t('webhooks.delete')}
                          title={t('webhooks.deleteTitle')}
                          danger
                          busy={remove.busy}
                          error={remove.shown.general && <Alert>{remove.shown.general}</Alert>}
                          action={async () => {
                            const ok = await remove.run({ id: s.id });
                            // A test's message about a receiver now removed no longer holds.
                            if (ok && tested === s.url) setTested(null);
                            if (ok) reload();
                            return !!ok;
                          }}
                        >
                          <p>{t('webhooks.deleteBody', { url: s.url })}</p>
                        </ConfirmButton>,
                      ]),
                ],
              }))}
            />
          </TableWrap>
        )}
        {sendTest.shown.general && <Alert>{sendTest.shown.general}</Alert>}
        {tested && <Alert kind="success">{t('webhooks.tested', { url: tested })}</Alert>}
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
              <CardTable
                caption={t('webhooks.deliveriesCaption', { n: res.data.webhookDeliveries.length })}
                columns={[
                  t('webhooks.created'),
                  t('webhooks.events'),
                  t('webhooks.url'),
                  t('webhooks.status'),
                  t('webhooks.lastAttempt'),
                  ...(readOnly ? [] : [t('webhooks.retry')]),
                ]}
                rows={res.data.webhookDeliveries.map((d) => {
                  // Sent again and not yet tried: the attempt shown is the previous round's, before "Gửi lại".
                  const queued = d.status === 'PENDING' && d.attempts === 0 && !!d.lastAttempt;
                  return {
                    key: d.id,
                    heading: i18n.dateTime(d.createdAt),
                    cells: [
                      t(`event.${d.event}`),
                      <Address key="url" url={urls.get(d.subscriptionId) ?? ''} />,
                      queued
                        ? t('webhooks.status.queued')
                        : d.attempts > 0
                          ? `${t(`webhooks.status.${d.status}`)} · ${t('webhooks.attempts')}: ${d.attempts}`
                          : t(`webhooks.status.${d.status}`),
                      d.lastAttempt ? (
                        <AttemptView key="attempt" attempt={d.lastAttempt} previous={queued} />
                      ) : (
                        ''
                      ),
                      ...(readOnly
                        ? []
                        : [
                            d.status === 'DEAD' ? (
                              <button
                                key="retry"
                                type="button"
                                className="button button-secondary webhook-retry"
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
                            ) : (
                              ''
                            ),
                          ]),
                    ],
                  };
                })}
              />
            </TableWrap>
          ))}
      </section>
    </Page>
  );
}

/** An address in a narrow column: it breaks after a slash before it breaks anywhere else. */
function Address({ url }: { url: string }) {
  // After the host's and each path segment's slash, not inside "https://".
  const parts = url.split(/(?<=[^:/]\/)/);
  return (
    <span className="webhook-url">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}

type Attempt = NonNullable<ResultOf<typeof WebhooksQuery>['webhookDeliveries'][number]['lastAttempt']>;

/**
 * An attempt as the secretariat reads it: when, and what happened in words (the receiver's answer, or why it could
 * not be reached: `WebhookAttempt.cause`); the error as raised folded away for IT staff. `previous`: the delivery
 * was sent again since, and this is the round before.
 */
function AttemptView({ attempt, previous }: { attempt: Attempt; previous: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const result = !attempt.cause
    ? t('webhooks.delivered', { code: attempt.statusCode ?? '' })
    : attempt.cause === 'HTTP_STATUS'
      ? t('webhooks.cause.HTTP_STATUS', { code: attempt.statusCode ?? '' })
      : t(`webhooks.cause.${attempt.cause}`);
  const when = i18n.dateTime(attempt.attemptedAt);
  return (
    <div className="webhook-attempt">
      <p className={previous ? 'muted' : undefined}>
        {t(previous ? 'webhooks.beforeRetry' : 'webhooks.attemptLine', { when, result })}
      </p>
      {attempt.error && (
        <details className="webhook-raw">
          <summary>{t('webhooks.technical')}</summary>
          <pre>{attempt.error.trim()}</pre>
          <p>{t('webhooks.took', { ms: attempt.durationMs })}</p>
        </details>
      )}
    </div>
  );
}

function SubscribeForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const create = useAction(Subscribe);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<NotificationEvent[]>([]);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    const address = url.trim();
    const done = await create.run(
      { input: { url: address, events } },
      {
        // http:// passes here: the gateway refuses it, saying why, unless the platform allows it (development).
        url: !address
          ? t('webhooks.check.urlMissing')
          : /^https?:\/\/\S+$/i.test(address)
            ? null
            : t('webhooks.check.url'),
        events: events.length ? null : t('webhooks.check.events'),
      },
    );
    if (done) {
      setCreated({ url: address, secret: done.createWebhookSubscription.secret });
      setUrl('');
      setEvents([]);
      onCreated();
    }
  };
  const err = (k: string) => create.shown.fields[k] ?? create.shown.fields[`input.${k}`] ?? null;
  const eventsError = useId();
  return (
    <>
      {created && <CreatedAlert url={created.url} secret={created.secret} />}
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="add-webhook">
        <h3 id="add-webhook">{t('webhooks.add')}</h3>
        <Field
          label={t('webhooks.url')}
          hint={t('webhooks.urlHint')}
          type="url"
          value={url}
          error={err('url')}
          onChange={(e) => setUrl(e.target.value)}
        />
        <fieldset className={err('events') ? 'field-invalid' : undefined}>
          <legend>{t('webhooks.events')}</legend>
          {/* A receiver that mirrors the year wants every event: one press rather than thirteen. */}
          <button
            type="button"
            className="button-link"
            onClick={() =>
              setEvents(events.length === NOTIFICATION_EVENTS.length ? [] : [...NOTIFICATION_EVENTS])
            }
          >
            {events.length === NOTIFICATION_EVENTS.length
              ? t('webhooks.selectNone')
              : t('webhooks.selectAll')}
          </button>
          <div className="check-grid">
            {NOTIFICATION_EVENTS.map((ev) => (
              <label key={ev} className="check">
                <input
                  type="checkbox"
                  checked={events.includes(ev)}
                  // None ticked is the thing to fix: a refusal focuses the first box, which reads the error out.
                  aria-invalid={err('events') ? true : undefined}
                  aria-describedby={err('events') ? eventsError : undefined}
                  onChange={(e) =>
                    setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))
                  }
                />
                {t(`event.${ev}`)}
              </label>
            ))}
          </div>
          {err('events') && (
            <p id={eventsError} className="field-error">
              {err('events')}
            </p>
          )}
        </fieldset>
        {create.shown.general && <Alert>{create.shown.general}</Alert>}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={create.busy}>
            {t('webhooks.addButton')}
          </button>
        </div>
      </form>
    </>
  );
}

/** The receiver just added and its signing key, shown this once: copied with a button, or by hand if refused. */
function CreatedAlert({ url, secret }: { url: string; secret: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const key = useRef<HTMLElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard (a page not served over https, a browser that refuses): the key is selected for Ctrl+C.
      if (key.current) window.getSelection()?.selectAllChildren(key.current);
      setCopied('no');
    }
  };
  return (
    <Alert kind="success">
      <p>{t('webhooks.added', { url })}</p>
      <p>{t('webhooks.secret')}</p>
      <p className="webhook-secret">
        <code ref={key}>{secret}</code>
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          {t('webhooks.copy')}
        </button>
      </p>
      {copied && <p>{copied === 'yes' ? t('webhooks.copied') : t('webhooks.copyFailed')}</p>}
    </Alert>
  );
}
