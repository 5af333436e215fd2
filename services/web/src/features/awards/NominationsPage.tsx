import { formName } from './formName';
import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation, useSearch } from 'wouter';
import { canAct, useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { Field, SelectField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { CardTable } from '../../ui/CardTable';
import { TableWrap } from '../../ui/TableWrap';
import { QueueCountsQuery, QueueQuery } from './operations';
import { QueryStates } from '../../ui/QueryStates';
import { nominee } from './nominee';

/** The queues a secretary works through, in the order of the appraisal. */
export const QUEUE_STATUSES = [
  'SUBMITTED',
  'IN_APPRAISAL',
  'RETURNED',
  'DEFERRED',
  'COUNCIL_REVIEW',
  'COUNCIL_APPROVED',
  'COUNCIL_REJECTED',
  'NOT_ELIGIBLE',
  'DECIDED',
  'REVOKED',
] as const;
type Status = (typeof QUEUE_STATUSES)[number];
const FORMS = ['FLAG_PROVINCE', 'MERIT_PROVINCE', 'CSTD_PROV'] as const;
/** Where the year of a proposal comes from: run on the platform, or recorded afterwards from documents. */
const SOURCES = { platform: false, documents: true } as const;
type Source = keyof typeof SOURCES;
const PAGE = 20;

/**
 * The secretariat's nominations by state (/nominations?status=…&form=…&year=…&source=…): filtered and paged by
 * the server, the longest waiting first; the filters live in the address so a queue can be bookmarked or shared.
 */
export default function NominationsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const secretariat = canAct(useSession(), 'PROVINCE_ADMIN');
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const status = (QUEUE_STATUSES as readonly string[]).includes(search.get('status') ?? '')
    ? (search.get('status') as Status)
    : 'SUBMITTED';
  const form = (FORMS as readonly string[]).includes(search.get('form') ?? '') ? search.get('form')! : '';
  const year = /^\d{4}$/.test(search.get('year') ?? '') ? Number(search.get('year')) : null;
  const source = Object.hasOwn(SOURCES, search.get('source') ?? '') ? (search.get('source') as Source) : '';
  const [yearText, setYearText] = useState(year ? String(year) : '');
  const [yearError, setYearError] = useState<string | null>(null);
  const pager = usePager();
  const filters = {
    ...(form ? { forms: [form as (typeof FORMS)[number]] } : {}),
    ...(year ? { year } : {}),
    ...(source ? { recordedFromDocuments: SOURCES[source] } : {}),
  };
  const [res, refetch] = useQuery({
    query: QueueQuery,
    variables: { first: PAGE, after: pager.after, filter: { statuses: [status], ...filters } },
    requestPolicy: 'cache-and-network',
  });
  // Each tab says how many it holds, under the same filters: the secretary sees where the work waits.
  const [counts] = useQuery({
    query: QueueCountsQuery,
    variables: { filter: filters },
    requestPolicy: 'cache-and-network',
  });
  const countOf = (s: Status) =>
    counts.data ? (counts.data.nominationQueueCounts.find((c) => c.status === s)?.count ?? 0) : null;
  /** This queue's address with `patch` applied (the filters that are set, only). */
  const queueHref = (patch: Record<string, string>) => {
    const next = new URLSearchParams({ status, form, year: year ? String(year) : '', source, ...patch });
    for (const [k, v] of [...next.entries()]) if (!v) next.delete(k);
    return `/nominations?${next.toString()}`;
  };
  // Opened without a state, on the first that holds anything when nothing waits in "sent" (the default).
  // Read afresh, not from the cache: "sent" may have filled since the page was last opened.
  const firstHolding =
    counts.data && !counts.stale && !counts.fetching && countOf('SUBMITTED') === 0
      ? QUEUE_STATUSES.find((s) => countOf(s))
      : undefined;
  const openOn = !search.has('status') && firstHolding ? queueHref({ status: firstHolding }) : null;
  useEffect(() => {
    if (openOn) navigate(openOn, { replace: true });
  }, [openOn, navigate]);
  const go = (patch: Record<string, string>) => {
    pager.reset();
    navigate(queueHref(patch));
  };
  const applyYear = (e: FormEvent) => {
    e.preventDefault();
    if (yearText && !/^\d{4}$/.test(yearText.trim())) return setYearError(t('queue.check.year'));
    setYearError(null);
    go({ year: yearText.trim() });
  };
  const data = res.data?.nominationQueue;

  return (
    <Page
      title={t('queue.title')}
      wide
      actions={
        <>
          {/* The council's vote is the secretariat's work; the platform's operators only read the queue. */}
          {secretariat && (
            <Link href="/council" className="button button-secondary">
              {t('council.title')}
            </Link>
          )}
          <Link href="/award-decisions" className="button button-secondary">
            {t('decisions.title')}
          </Link>
        </>
      }
    >
      <nav aria-label={t('queue.states')} className="tabs">
        {QUEUE_STATUSES.map((s) => (
          <Link
            key={s}
            href={queueHref({ status: s })}
            aria-current={s === status ? 'page' : undefined}
            onClick={() => pager.reset()}
          >
            {t(`nomination.status.${s}`)}
            {countOf(s) !== null && <span className="tab-count"> ({countOf(s)})</span>}
          </Link>
        ))}
      </nav>
      <form className="filters" onSubmit={applyYear} noValidate>
        <SelectField label={t('nomination.form')} value={form} onChange={(e) => go({ form: e.target.value })}>
          <option value="">{t('queue.allForms')}</option>
          {FORMS.map((f) => (
            <option key={f} value={f}>
              {formName(i18n, f)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('queue.source')}
          value={source}
          onChange={(e) => go({ source: e.target.value })}
        >
          <option value="">{t('queue.allSources')}</option>
          {(Object.keys(SOURCES) as Source[]).map((k) => (
            <option key={k} value={k}>
              {t(`queue.source.${k}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('queue.year')}
          inputMode="numeric"
          className="num-input"
          value={yearText}
          error={yearError}
          onChange={(e) => setYearText(e.target.value)}
        />
        <button type="submit" className="button button-secondary">
          {t('queue.apply')}
        </button>
      </form>
      <QueryStates
        error={res.error}
        refetch={refetch}
        data={data}
        isEmpty={(data) => data.nodes.length === 0}
        empty={t(form || source || year ? 'queue.emptyFiltered' : 'queue.empty', {
          status: t(`nomination.status.${status}`),
        })}
      >
        {(data) => (
          <>
            <TableWrap label={t('queue.title')}>
              <CardTable
                caption={t('queue.caption', { status: t(`nomination.status.${status}`), n: data.totalCount })}
                columns={[
                  t('nomination.unit'),
                  t('nomination.form'),
                  t('queue.block'),
                  t('nomination.updated'),
                ]}
                rows={data.nodes.map((n) => ({
                  key: n.id,
                  heading: <Link href={`/nominations/${n.id}`}>{nominee(n)}</Link>,
                  cells: [
                    formName(i18n, n.form),
                    <>
                      {n.emulationYear.block.name} – {n.emulationYear.year}
                      {n.emulationYear.recordedFromDocuments && (
                        <span className="item-meta"> · {t('decisions.fromDocuments')}</span>
                      )}
                    </>,
                    i18n.dateTime(n.updatedAt),
                  ],
                }))}
              />
            </TableWrap>
            <Pager pager={pager} total={data.totalCount} pageInfo={data.pageInfo} label={t('queue.pages')} />
          </>
        )}
      </QueryStates>
    </Page>
  );
}
