import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation, useSearch } from 'wouter';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { CardTable } from '../../ui/CardTable';
import { SelectField } from '../../ui/Field';
import { Alert, Page } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { QueryStates } from '../../ui/QueryStates';
import { useUnitNames } from '../unit/useUnitNames';
import { ChangeView, unitIdsIn } from './ChangeView';
import {
  actionChoices,
  actionWords,
  entityChoices,
  entityWords,
  eventHref,
  stepKey,
  type Choice,
} from './labels';

const EventFields = graphql(`
  fragment AuditEventFields on AuditEventConnection @_unmask {
    totalCount
    nodes {
      seq
      occurredAt
      action
      entityType
      entityId
      entityName(locale: $locale)
      blockYear {
        blockId
        year
      }
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
`);
const VerdictFields = graphql(`
  fragment AuditVerdictFields on AuditChainVerdict @_unmask {
    valid
    checked
    brokenAtSeq
    reason
  }
`);

// The province's chain, or the platform's (accounts, sign-ins, provinces): read alike, under the same names.
const EventsQuery = graphql(
  `
    query AuditEvents($after: String, $filter: AuditFilterInput, $locale: Locale!) {
      auditEvents(first: 20, after: $after, filter: $filter) {
        ...AuditEventFields
      }
    }
  `,
  [EventFields],
);
const PlatformEventsQuery = graphql(
  `
    query PlatformAuditEvents($after: String, $filter: AuditFilterInput, $locale: Locale!) {
      auditEvents: platformAuditEvents(first: 20, after: $after, filter: $filter) {
        ...AuditEventFields
      }
    }
  `,
  [EventFields],
);
const VerifyQuery = graphql(
  `
    query VerifyAuditChain {
      verifyAuditChain {
        ...AuditVerdictFields
      }
    }
  `,
  [VerdictFields],
);
const VerifyPlatformQuery = graphql(
  `
    query VerifyPlatformAuditChain {
      verifyAuditChain: verifyPlatformAuditChain {
        ...AuditVerdictFields
      }
    }
  `,
  [VerdictFields],
);

type Filter = { action: string; entityType: string; entityId: string };
type AuditEvent = ResultOf<typeof EventsQuery>['auditEvents']['nodes'][number];

const EMPTY: Filter = { action: '', entityType: '', entityId: '' };
const KEYS = Object.keys(EMPTY) as (keyof Filter)[];

/**
 * The province's audit log, newest first, filtered and paged by the API, with the chain's check on demand. The
 * filter is the page's address (`/audit?entityType=Unit&entityId=…`): one record's history can be linked to, and
 * the browser's Back comes back to it from the record's page. The platform administrator reads the platform's
 * chain the same way (`/platform/audit`: accounts, sign-ins, provinces, the base salary).
 */
export default function AuditPage() {
  return <AuditLog platform={false} />;
}

export function PlatformAuditPage() {
  return <AuditLog platform />;
}

function AuditLog({ platform }: { platform: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const search = useSearch();
  const [, navigate] = useLocation();
  const filter = useMemo(() => {
    const params = new URLSearchParams(search);
    return Object.fromEntries(KEYS.map((k) => [k, params.get(k)?.trim() ?? ''])) as Filter;
  }, [search]);
  const key = KEYS.map((k) => filter[k]).join('|');
  // The followed record's name, as its events give it (the address holds only its kind and id); kept with the
  // filter it was read for, so that another record's banner never shows the last one's name while it loads.
  const [named, setNamed] = useState<{ key: string; name: string | null }>();
  const onFollowed = useCallback((name: string | null) => setNamed({ key, name }), [key]);
  const followed = named?.key === key ? named.name : null;
  const setFilter = (next: Filter) => {
    const params = new URLSearchParams(
      KEYS.flatMap((k) => (next[k].trim() ? [[k, next[k].trim()]] : [])),
    ).toString();
    const path = platform ? '/platform/audit' : '/audit';
    navigate(params ? `${path}?${params}` : path);
  };
  return (
    <Page
      title={t(platform ? 'audit.platformTitle' : 'audit.title')}
      subtitle={t(platform ? 'audit.platformIntro' : 'audit.intro')}
      wide
    >
      <VerifySection platform={platform} />
      {/* Keyed by the filter: a new filter (or Back) starts the form and the pages afresh. */}
      <FilterForm key={`form-${key}`} initial={filter} onApply={setFilter} platform={platform} />
      {filter.entityId && (
        <Alert kind="info">
          {followed
            ? t('audit.followingNamed', { what: entityWords(filter.entityType, i18n.locale), name: followed })
            : filter.entityType
              ? t('audit.following', { what: entityWords(filter.entityType, i18n.locale) })
              : t('audit.followingById')}{' '}
          <button type="button" className="button-link" onClick={() => setFilter(EMPTY)}>
            {t('audit.showAll')}
          </button>
        </Alert>
      )}
      <Events
        key={`events-${key}`}
        platform={platform}
        filter={filter}
        onOnly={(e) => setFilter({ action: '', entityType: e.entityType, entityId: e.entityId ?? '' })}
        onFollowed={onFollowed}
      />
    </Page>
  );
}

function VerifySection({ platform }: { platform: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [verifyAsked, setVerifyAsked] = useState(false);
  const [verdict, verify] = useQuery({
    query: (platform ? VerifyPlatformQuery : VerifyQuery) as typeof VerifyQuery,
    pause: !verifyAsked,
    requestPolicy: 'network-only',
  });
  const v = verdict.data?.verifyAuditChain;
  return (
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
  );
}

/**
 * What to look for, in words: the API filters by exact codes, which the selects send. A code the lists do not
 * know (from an address) is kept as a choice of its own rather than silently dropped.
 */
function FilterForm({
  initial,
  onApply,
  platform,
}: {
  initial: Filter;
  onApply: (f: Filter) => void;
  platform: boolean;
}) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState(initial);
  const actions = useMemo(() => actionChoices(locale, platform), [locale, platform]);
  const entities = useMemo(() => entityChoices(locale, platform), [locale, platform]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters audit-filters" onSubmit={apply} role="search" aria-label={t('audit.filter')}>
      <CodeSelect
        label={t('audit.action')}
        value={draft.action}
        kept={initial.action}
        choices={actions}
        words={(code) => actionWords(code, locale)}
        onChange={(action) => setDraft({ ...draft, action })}
      />
      <CodeSelect
        label={t('audit.entityType')}
        value={draft.entityType}
        kept={initial.entityType}
        choices={entities}
        words={(code) => entityWords(code, locale)}
        onChange={(entityType) => setDraft({ ...draft, entityType })}
      />
      <div className="actions">
        <button type="submit" className="button button-secondary">
          {t('audit.filter')}
        </button>
        {KEYS.some((k) => initial[k]) && (
          <button type="button" className="button button-secondary" onClick={() => onApply(EMPTY)}>
            {t('audit.clear')}
          </button>
        )}
      </div>
    </form>
  );
}

/** A code chosen by its words, "all" first; `kept` (from the address) stays a choice when the list lacks it. */
function CodeSelect({
  label,
  value,
  kept,
  choices,
  words,
  onChange,
}: {
  label: string;
  value: string;
  kept: string;
  choices: Choice[];
  words: (code: string) => string;
  onChange: (code: string) => void;
}) {
  const { t } = useI18n();
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('audit.all')}</option>
      {kept && !choices.some((c) => c.code === kept) && <option value={kept}>{words(kept)}</option>}
      {choices.map((c) => (
        <option key={c.code} value={c.code}>
          {c.words}
        </option>
      ))}
    </SelectField>
  );
}

function Events({
  filter,
  onOnly,
  onFollowed,
  platform,
}: {
  filter: Filter;
  onOnly: (e: AuditEvent) => void;
  onFollowed: (name: string | null) => void;
  platform: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const pager = usePager();
  const variables = {
    after: pager.after,
    locale: i18n.locale,
    filter: Object.fromEntries(KEYS.flatMap((k) => (filter[k] ? [[k, filter[k]]] : []))),
  };
  // Both answer under the same names (the platform's through aliases).
  const query = (platform ? PlatformEventsQuery : EventsQuery) as typeof EventsQuery;
  const [res, refetch] = useQuery({ query, variables });
  const events = res.data?.auditEvents;
  // Every event of a followed record names it alike; the first that names it is enough.
  const followedName = events
    ? (events.nodes.find((e) => e.entityId === filter.entityId && e.entityName)?.entityName ?? null)
    : undefined;
  useEffect(() => {
    if (filter.entityId && followedName !== undefined) onFollowed(followedName);
  }, [onFollowed, followedName, filter.entityId]);
  // A province's units by name; the platform's chain is read in no province (its role grants keep their ids).
  const { names } = useUnitNames(
    platform ? [] : (events?.nodes ?? []).flatMap((e) => [...unitIdsIn(e.before), ...unitIdsIn(e.after)]),
  );
  return (
    <QueryStates
      error={res.error}
      refetch={refetch}
      data={events}
      isEmpty={(events) => events.nodes.length === 0}
      empty={t(KEYS.some((k) => filter[k]) ? 'audit.none' : 'audit.noneYet')}
    >
      {(events) => (
        <>
          {/* Cards on a phone (the action heads each), a table on a desktop. */}
          <TableWrap label={t('audit.title')}>
            <CardTable
              caption={t('audit.caption', { n: i18n.number(events.totalCount, 0) })}
              columns={[
                t('audit.action'),
                t('audit.when'),
                t('audit.entity'),
                t('audit.actor'),
                t('audit.change'),
                t('audit.seq'),
              ]}
              rows={events.nodes.map((e) => ({
                key: e.seq,
                heading: withStep(actionWords(e.action, i18n.locale), stepKey(e.action, e.after), t),
                cells: [
                  i18n.dateTime(e.occurredAt),
                  <Entity key="entity" event={e} following={!!filter.entityId} onOnly={onOnly} />,
                  e.actorName ?? (e.actorUserId ? e.actorUserId : t('audit.system')),
                  (e.before !== null || e.after !== null) && (
                    <details key="change" className="audit-change">
                      <summary>{t('audit.details')}</summary>
                      {e.before !== null && (
                        <ChangeView label={t('audit.before')} value={e.before} names={names} />
                      )}
                      {e.after !== null && (
                        <ChangeView label={t('audit.after')} value={e.after} names={names} />
                      )}
                    </details>
                  ),
                  e.seq,
                ],
              }))}
            />
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
  );
}

/** A step's action with where it went ("Chuyển bước hồ sơ đề nghị → Trình Hội đồng"), read without opening it. */
const withStep = (words: string, step: string | null, t: (key: MessageKey) => string) =>
  step ? `${words} → ${t(step as MessageKey)}` : words;

/**
 * The record an event is about, in words: a link to its page where the app has one, by its name where the API
 * gives one (`entityName`: a unit, a person, a block, a block's year with its conference and rounds, a
 * nomination, a score sheet, a decision), else its kind and a short id (the whole one on hover); and the way to
 * read that record's history alone.
 */
function Entity({
  event: e,
  following,
  onOnly,
}: {
  event: AuditEvent;
  following: boolean;
  onOnly: (e: AuditEvent) => void;
}) {
  const { t, locale } = useI18n();
  const words = entityWords(e.entityType, locale);
  const href = eventHref(e);
  const name = e.entityName ?? undefined;
  return (
    <div className="audit-entity">
      {name && <span className="muted">{words}</span>}
      {href ? <Link href={href}>{name ?? words}</Link> : <span>{name ?? words}</span>}
      {!href && !name && e.entityId && (
        <code className="muted" title={e.entityId}>
          {e.entityId.length > 8 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
        </code>
      )}
      {/* The API's filter takes an id of 100 characters at most (an event on several achievements lists them all). */}
      {e.entityId && e.entityId.length <= 100 && !following && (
        <button type="button" className="button-link" onClick={() => onOnly(e)}>
          {t('audit.onlyThis')}
        </button>
      )}
    </div>
  );
}
