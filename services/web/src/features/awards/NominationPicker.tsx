import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Empty, Loading } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { QueueQuery } from './operations';
import { nominee } from './nominee';
import { formName } from './formName';

const PAGE = 100;
const DECISIONS_CONTEXT = { additionalTypenames: ['AwardDecision'] };

/**
 * The nominations in one status, a page at a time from the server, each with a checkbox: what the council
 * votes on, or what a decision decides. The choice is kept across pages by the caller.
 */
export function NominationPicker({
  status,
  label,
  chosen,
  onToggle,
  empty,
  error,
  onTotal,
  preselect,
  emptyMore,
}: {
  status: 'COUNCIL_REVIEW' | 'COUNCIL_APPROVED';
  label: string;
  chosen: ReadonlySet<string>;
  onToggle: (ids: string[], on: boolean) => void;
  empty: string;
  error?: ReactNode;
  /** How many there are in the status, once known: a page with nothing to choose hides the rest of its form. */
  onTotal?: (total: number) => void;
  /** Chosen once, as they are listed (those of the council session the person came from). */
  preselect?: ReadonlySet<string>;
  /** Shown under an empty list: where the nominations to choose come from. */
  emptyMore?: ReactNode;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const pager = usePager();
  const [res, refetch] = useQuery({
    query: QueueQuery,
    variables: { first: PAGE, after: pager.after, filter: { statuses: [status] } },
    requestPolicy: 'cache-and-network',
    // A decision issued takes its proposals out of the approved list (its answer holds no Nomination to say so).
    context: DECISIONS_CONTEXT,
  });
  const data = res.data?.nominationQueue;
  const total = data?.totalCount;
  useEffect(() => {
    if (total !== undefined) onTotal?.(total);
  }, [total, onTotal]);
  const preselected = useRef(false);
  useEffect(() => {
    // Only on the list as it is now: a cached one may still hold proposals decided since, or miss new approvals.
    if (!data || res.stale || res.fetching || !preselect?.size || preselected.current) return;
    preselected.current = true;
    const listed = data.nodes.filter((n) => !n.councilVoteId && preselect.has(n.id)).map((n) => n.id);
    if (listed.length) onToggle(listed, true);
  }, [data, res.stale, res.fetching, preselect, onToggle]);
  if (res.error)
    return <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  if (data.nodes.length === 0)
    return (
      <>
        <Empty>{empty}</Empty>
        {emptyMore}
      </>
    );
  // A nomination already before a council session whose results are not published goes into no other.
  const free = data.nodes.filter((n) => !n.councilVoteId);
  return (
    <>
      <TableWrap label={label}>
        <table className="table">
          <caption>{t('council.caption', { n: data.totalCount, chosen: chosen.size })}</caption>
          <thead>
            <tr>
              {/* The column names what it lists; its box (named for screen readers) chooses the page. */}
              <th scope="col">
                <label className="check">
                  <input
                    type="checkbox"
                    aria-label={t('council.all')}
                    title={t('council.all')}
                    // Nothing chosen is the first thing to correct: the form's check brings the keyboard here.
                    aria-invalid={error && free.length > 0 ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    checked={free.length > 0 && free.every((n) => chosen.has(n.id))}
                    disabled={free.length === 0}
                    onChange={(e) =>
                      onToggle(
                        free.map((n) => n.id),
                        e.target.checked,
                      )
                    }
                  />
                  <span>{t('council.nominee')}</span>
                </label>
              </th>
              <th scope="col">{t('nomination.form')}</th>
              <th scope="col">{t('queue.block')}</th>
            </tr>
          </thead>
          <tbody>
            {data.nodes.map((n) => (
              <tr key={n.id}>
                <th scope="row">
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={chosen.has(n.id)}
                      disabled={!!n.councilVoteId}
                      aria-describedby={n.councilVoteId ? `in-session-${n.id}` : undefined}
                      onChange={(e) => onToggle([n.id], e.target.checked)}
                    />
                    <span>{nominee(n)}</span>
                  </label>
                  {n.councilVoteId && (
                    <p className="muted" id={`in-session-${n.id}`}>
                      <Link href={`/voting-periods/${n.councilVoteId}`}>{t('council.inSession')}</Link>
                    </p>
                  )}
                </th>
                <td>
                  <Link href={`/nominations/${n.id}`}>{formName(i18n, n.form)}</Link>
                </td>
                <td>
                  {n.emulationYear.block.name} – {n.emulationYear.year}
                  {/* Proposed at a conference the platform did not hold: said, as in the appraisal queue. */}
                  {n.emulationYear.recordedFromDocuments && (
                    <span className="item-meta"> · {t('decisions.fromDocuments')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {error && <div id={`${id}-error`}>{error}</div>}
      <Pager pager={pager} total={data.totalCount} pageInfo={data.pageInfo} label={t('queue.pages')} />
    </>
  );
}

/** A set of chosen ids and the toggle the picker calls. */
export function toggled(set: ReadonlySet<string>, ids: string[], on: boolean): Set<string> {
  const next = new Set(set);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}
