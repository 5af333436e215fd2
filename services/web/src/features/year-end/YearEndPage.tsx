import { readFragment } from 'gql.tada';
import { useState } from 'react';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { canAct, hasRole, useSession, yearOutsideHere } from '../../app/session';
import { StatisticsButton } from '../statistics/StatisticsButton';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Alert, Empty, Loading, Page } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { usePolling } from '../../ui/usePolling';
import { closingReason, NOT_CLOSED } from './reasons';
import { ScheduleCard } from './ScheduleCard';

const BlockRow = graphql(`
  fragment YearEndBlockRow on YearEndBlock {
    blockId
    blockName
    blockKind
    status
    reason
    nextHeadUnit {
      id
      name
    }
    nextDeputyUnit {
      id
      name
    }
  }
`);

const ClosingQuery = graphql(
  `
    query YearEndPage($provinceId: ID!, $year: Int!) {
      yearEndClosing(provinceId: $provinceId, year: $year) {
        state
        round
        startedAt
        finishedAt
        blocks {
          ...YearEndBlockRow
        }
      }
    }
  `,
  [BlockRow],
);

const DryRunQuery = graphql(
  `
    query YearEndDryRun($year: Int!) {
      yearEndDryRun(year: $year) {
        blocks {
          ...YearEndBlockRow
        }
      }
    }
  `,
  [BlockRow],
);

const StartMutation = graphql(`
  mutation StartYearEnd($year: Int!) {
    startYearEndClosing(year: $year) {
      state
    }
  }
`);

const ResumeMutation = graphql(`
  mutation ResumeYearEnd($year: Int!) {
    resumeYearEndClosing(year: $year) {
      state
    }
  }
`);

type Row = ResultOf<typeof BlockRow>;
const CLOSES = new Set(['WOULD_CLOSE', 'CLOSED', 'ALREADY_CLOSED']);

/**
 * The province's year-end closing (where the secretariat's year-end notice leads): its schedule, a dry run that
 * says which blocks would close and why the others cannot, the closing's progress (re-read every 2 s while it
 * runs) and running it again for the blocks that could not close.
 */
export default function YearEndPage() {
  const { year: yearParam } = useParams<{ year: string }>();
  const year = Number(yearParam);
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const admin = canAct(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  // A year the province did not run is closed elsewhere: said first, with nothing here to read, start or download.
  const outside = yearOutsideHere(session, year);
  const [res, refetch] = useQuery({
    query: ClosingQuery,
    variables: { provinceId: session.provinceId ?? '', year },
    pause: !session.provinceId || !!outside,
    requestPolicy: 'cache-and-network',
  });
  const c = res.data?.yearEndClosing;
  usePolling(refetch, c?.state === 'RUNNING' ? 2000 : null);
  const start = useAction(StartMutation);
  const resume = useAction(ResumeMutation);
  const title = t('yearEnd.title', { year });
  // The last dry run's summary, said again in the confirmation: starting when none would close does nothing.
  const dry = useDryRun(year);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  if (outside) {
    const { name } = outside;
    return (
      <Page title={title}>
        <Alert kind="info">
          {outside.before
            ? t('yearEnd.beforeHere', { year, name, began: i18n.date(outside.began) })
            : t('yearEnd.afterHere', { year, name, ended: i18n.date(outside.ended) })}
        </Alert>
        {!outside.before && (
          <p>
            <Link href={`/year-end/${outside.last}`}>
              {t('yearEnd.lastHere', { year: outside.last, name })}
            </Link>
          </p>
        )}
      </Page>
    );
  }
  if (res.error)
    return (
      <Page title={title}>
        <ApiErrorView error={res.error} retry={reload} />
      </Page>
    );
  if (!res.data) return <Loading />;
  const blocks = c ? readFragment(BlockRow, c.blocks) : [];
  const done = blocks.filter((b) => b.status !== 'PENDING' && b.status !== 'ADDED_SINCE').length;
  const notClosed = blocks.filter((b) => NOT_CLOSED.has(b.status)).length;
  const closed = blocks.filter((b) => b.status === 'CLOSED' || b.status === 'ALREADY_CLOSED').length;
  const actionError = (shown: { general: string | null }) =>
    shown.general ? <Alert>{shown.general}</Alert> : null;

  return (
    <Page
      title={title}
      // What the closing does and does not do, before anyone reaches its button.
      subtitle={t('yearEnd.intro', { year, next: year + 1 })}
      wide
      actions={hasRole(session, 'PROVINCE_ADMIN') && <StatisticsButton year={year} />}
    >
      {admin && <ScheduleCard />}
      {admin && !c && <DryRunCard year={year} dry={dry} />}
      <section className="card" aria-labelledby="progress-title">
        <h2 id="progress-title">{t('yearEnd.progress')}</h2>
        {!c ? (
          <>
            <Empty>{t('yearEnd.none')}</Empty>
            {admin && (
              <ConfirmButton
                className="button button-primary"
                label={t('yearEnd.start', { year })}
                title={t('yearEnd.startTitle', { year })}
                confirmLabel={t('yearEnd.startConfirm')}
                danger
                busy={start.busy}
                error={actionError(start.shown)}
                action={async () => {
                  const ok = await start.run({ year });
                  if (ok) reload();
                  return !!ok;
                }}
              >
                <p>{t('yearEnd.startBody', { year, next: year + 1 })}</p>
                {dry.summary && dry.asked && (
                  <Alert kind={dry.summary.would ? 'info' : 'warning'}>
                    {t('yearEnd.startAfterDryRun', {
                      time: i18n.time(dry.asked, true),
                      summary: t('yearEnd.dryRunSummary', dry.summary),
                    })}
                    {!dry.summary.would && ` ${t('yearEnd.startNothing')}`}
                  </Alert>
                )}
              </ConfirmButton>
            )}
          </>
        ) : (
          <>
            <dl className="facts">
              <div>
                <dt>{t('year.state')}</dt>
                <dd>
                  <span className="status">{t(`yearEnd.state.${c.state}`)}</span>{' '}
                  {c.round && c.round > 1 ? t('yearEnd.round', { n: c.round }) : ''}
                </dd>
              </div>
              {c.startedAt && (
                <div>
                  <dt>{t('yearEnd.started')}</dt>
                  <dd>{i18n.dateTime(c.startedAt)}</dd>
                </div>
              )}
              {c.finishedAt && (
                <div>
                  <dt>{t('yearEnd.finished')}</dt>
                  <dd>{i18n.dateTime(c.finishedAt)}</dd>
                </div>
              )}
            </dl>
            <div role="status" aria-live="polite">
              <label htmlFor="closing-progress">{t('yearEnd.progressOf', { done, n: blocks.length })}</label>
              <progress id="closing-progress" max={Math.max(blocks.length, 1)} value={done} />
              {c.state === 'RUNNING' && <p className="muted">{t('yearEnd.live')}</p>}
            </div>
            {/* Processed is not closed: a run that closed nothing says so, not only that it went through. */}
            {c.state === 'DONE' && notClosed > 0 && (
              <Alert kind="warning">{t('yearEnd.outcome', { closed, n: blocks.length, notClosed })}</Alert>
            )}
            <BlockTable year={year} label={t('yearEnd.progress')} rows={blocks} />
            {admin && c.state === 'DONE' && (
              <div className="actions">
                {notClosed > 0 ? (
                  <ConfirmButton
                    className="button button-primary"
                    label={t('yearEnd.resume')}
                    title={t('yearEnd.resumeTitle', { year })}
                    busy={resume.busy}
                    error={actionError(resume.shown)}
                    action={async () => {
                      const ok = await resume.run({ year });
                      if (ok) reload();
                      return !!ok;
                    }}
                  >
                    <p>{t('yearEnd.resumeBody', { n: notClosed })}</p>
                  </ConfirmButton>
                ) : (
                  <p className="success-text">{t('yearEnd.allClosed')}</p>
                )}
              </div>
            )}
          </>
        )}
      </section>
    </Page>
  );
}

/**
 * The dry run, asked for on a click (it reads every block's votes): nothing is written. Held by the page, whose
 * confirmation to start says its summary again.
 */
function useDryRun(year: number) {
  const [asked, setAsked] = useState<Date | null>(null);
  const [res, run] = useQuery({
    query: DryRunQuery,
    variables: { year },
    pause: !asked,
    requestPolicy: 'network-only',
  });
  const rows = res.data ? readFragment(BlockRow, res.data.yearEndDryRun.blocks) : [];
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const summary =
    asked && res.data && !res.fetching
      ? { would: count('WOULD_CLOSE'), cannot: count('CANNOT_CLOSE'), already: count('ALREADY_CLOSED') }
      : null;
  const ask = () => {
    setAsked(new Date());
    if (asked) run({ requestPolicy: 'network-only' });
  };
  return { asked, res, rows, summary, ask };
}
type DryRun = ReturnType<typeof useDryRun>;

function DryRunCard({ year, dry }: { year: number; dry: DryRun }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { asked, res, rows, summary } = dry;
  return (
    <section className="card" aria-labelledby="dry-run-title">
      <h2 id="dry-run-title">{t('yearEnd.dryRun')}</h2>
      <p>{t('yearEnd.dryRunIntro')}</p>
      <button type="button" className="button button-secondary" disabled={res.fetching} onClick={dry.ask}>
        {res.fetching ? t('app.loading') : t('yearEnd.dryRun')}
      </button>
      {res.error && <ApiErrorView error={res.error} />}
      {asked && summary && (
        <div role="status" className="stack">
          <h3>{t('yearEnd.dryRunTitle', { time: i18n.time(asked, true) })}</h3>
          <p>{t('yearEnd.dryRunSummary', summary)}</p>
          <BlockTable year={year} label={t('yearEnd.dryRun')} rows={rows} />
        </div>
      )}
    </section>
  );
}

function BlockTable({ year, label, rows }: { year: number; label: string; rows: readonly Row[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!rows.length) return <Empty>{t('yearEnd.noBlocks')}</Empty>;
  return (
    <TableWrap label={label}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('yearEnd.block')}</th>
            <th scope="col">{t('yearEnd.status')}</th>
            <th scope="col">{t('yearEnd.reason')}</th>
            <th scope="col">{t('yearEnd.nextLeaders', { next: year + 1 })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.blockId}>
              <th scope="row">
                <Link href={`/blocks/${b.blockId}/years/${year}`}>{b.blockName}</Link>
              </th>
              <td>{t(`yearEnd.blockStatus.${b.status}`)}</td>
              {/* A cluster's reason names its head and deputy "Trưởng cụm", "Phó cụm". */}
              <td>{closingReason(i18n.forBlock(b.blockKind), b.reason)}</td>
              <td>
                <NextLeaders row={b} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * Next year's head and deputy, as the closing opened next year with them (or, in a dry run, would): unknown for a
 * block that does not close.
 */
function NextLeaders({ row }: { row: Row }) {
  const { t } = useI18n().forBlock(row.blockKind);
  if (!CLOSES.has(row.status)) return null;
  return (
    <>
      {row.nextHeadUnit && <div>{t('yearEnd.nextHeadIs', { name: row.nextHeadUnit.name })}</div>}
      {row.nextDeputyUnit && <div>{t('yearEnd.nextDeputyIs', { name: row.nextDeputyUnit.name })}</div>}
    </>
  );
}
