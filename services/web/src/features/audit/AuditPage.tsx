import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Field } from '../../ui/Field';
import { Alert, Page } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { QueryStates } from '../../ui/QueryStates';
import { actionWords, entityWords } from './labels';

const EventsQuery = graphql(`
  query AuditEvents($after: String, $filter: AuditFilterInput) {
    auditEvents(first: 20, after: $after, filter: $filter) {
      totalCount
      nodes {
        seq
        occurredAt
        action
        entityType
        entityId
        actorUserId
        actorName
        before
        after
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const VerifyQuery = graphql(`
  query VerifyAuditChain {
    verifyAuditChain {
      valid
      checked
      brokenAtSeq
      reason
    }
  }
`);

const EMPTY = { action: '', entityType: '', entityId: '' };

/** The province's audit log, newest first, filtered and paged by the API, with the chain's check on demand. */
export default function AuditPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const pager = usePager();
  const [draft, setDraft] = useState(EMPTY);
  const [filter, setFilter] = useState(EMPTY);
  const [verifyAsked, setVerifyAsked] = useState(false);
  const trimmed = Object.fromEntries(
    Object.entries(filter)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v),
  );
  const [res, refetch] = useQuery({ query: EventsQuery, variables: { after: pager.after, filter: trimmed } });
  const [verdict, verify] = useQuery({
    query: VerifyQuery,
    pause: !verifyAsked,
    requestPolicy: 'network-only',
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    pager.reset();
    setFilter(draft);
  };
  const v = verdict.data?.verifyAuditChain;
  const events = res.data?.auditEvents;
  return (
    <Page title={t('audit.title')} subtitle={t('audit.intro')} wide>
      <section className="card" aria-labelledby="verify-title">
        {/* The section's name, not its button's words again. */}
        <h2 id="verify-title">{t('audit.verifyTitle')}</h2>
        <button
          type="button"
          className="button button-primary"
          disabled={verdict.fetching}
          onClick={() => (verifyAsked ? verify({ requestPolicy: 'network-only' }) : setVerifyAsked(true))}
        >
          {verdict.fetching ? t('audit.verifying') : t('audit.verify')}
        </button>
        {verdict.error && <ApiErrorView error={verdict.error} />}
        {v &&
          !verdict.fetching &&
          (v.valid ? (
            <Alert kind="success">{t('audit.valid', { n: i18n.number(v.checked, 0) })}</Alert>
          ) : (
            <Alert>{t('audit.broken', { seq: v.brokenAtSeq ?? '?', n: i18n.number(v.checked, 0) })}</Alert>
          ))}
      </section>
      <form className="filters" onSubmit={apply} role="search" aria-label={t('audit.filter')}>
        <Field
          label={t('audit.action')}
          value={draft.action}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
        />
        <Field
          label={t('audit.entityType')}
          value={draft.entityType}
          onChange={(e) => setDraft({ ...draft, entityType: e.target.value })}
        />
        <Field
          label={t('audit.entityId')}
          value={draft.entityId}
          onChange={(e) => setDraft({ ...draft, entityId: e.target.value })}
        />
        <button type="submit" className="button button-secondary">
          {t('audit.filter')}
        </button>
      </form>
      <QueryStates
        error={res.error}
        refetch={refetch}
        data={events}
        isEmpty={(events) => events.nodes.length === 0}
        empty={t(Object.values(filter).some((v) => v.trim()) ? 'audit.none' : 'audit.noneYet')}
      >
        {(events) => (
          <>
            <TableWrap label={t('audit.title')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.seq')}</th>
                    <th scope="col">{t('audit.when')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.entityType')}</th>
                    <th scope="col">{t('audit.entityId')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {events.nodes.map((e) => (
                    <tr key={e.seq}>
                      <th scope="row">{e.seq}</th>
                      <td>{i18n.dateTime(e.occurredAt)}</td>
                      <td>
                        {actionWords(e.action, i18n.locale)}
                        {/* The code stays beside the words: it is what the filter above searches. */}
                        <br />
                        <code className="muted">{e.action}</code>
                      </td>
                      <td>{entityWords(e.entityType, i18n.locale)}</td>
                      <td className="muted">
                        <code>{e.entityId ?? ''}</code>
                      </td>
                      <td>{e.actorName ?? (e.actorUserId ? e.actorUserId : t('audit.system'))}</td>
                      <td>
                        {(e.before !== null || e.after !== null) && (
                          <details>
                            <summary>{t('audit.details')}</summary>
                            {e.before !== null && (
                              <>
                                <p>{t('audit.before')}</p>
                                <pre>{JSON.stringify(e.before, null, 2)}</pre>
                              </>
                            )}
                            {e.after !== null && (
                              <>
                                <p>{t('audit.after')}</p>
                                <pre>{JSON.stringify(e.after, null, 2)}</pre>
                              </>
                            )}
                          </details>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <Pager
              pager={pager}
              total={events.totalCount}
              pageInfo={events.pageInfo}
              label={t('audit.pages')}
            />
          </>
        )}
      </QueryStates>
    </Page>
  );
}
