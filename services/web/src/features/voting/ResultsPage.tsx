import { readFragment } from 'gql.tada';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Alert, Empty, Loading, Page } from '../../ui/Page';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { PeriodFields, PeriodQuery, ResultsQuery, YearRoundsQuery } from './operations';
import { ContestTitle, outcomeWords, periodOwner, seatsFilled, StatusBadge, tieBreakWords } from './parts';
import { byVotes, contestThreshold, sharePercent, votesNeeded } from './rules';
import { TableWrap } from '../../ui/TableWrap';
import { DocumentDownloads } from '../documents/DocumentDownloads';

/** The minutes of a vote, as published: every round of the block year, counts, elected units, shortfalls, decisions. */
export default function ResultsPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const [res, refetch] = useQuery({ query: PeriodQuery, variables: { id } });
  const first = res.data ? readFragment(PeriodFields, res.data.votingPeriod) : null;
  const [rounds] = useQuery({
    query: YearRoundsQuery,
    variables: { yearId: first?.emulationYearId ?? '' },
    pause: !first?.emulationYearId,
  });
  // The minutes are printed once the count is public, and before that only by whom the gateway shows it to
  // (the counting head unit): others are not offered a document they would be refused.
  const [preview] = useQuery({ query: ResultsQuery, variables: { id }, pause: first?.status !== 'TALLIED' });
  const printable =
    !!first?.resultsPublishedAt ||
    !!preview.data?.votingPeriod?.results ||
    // The minutes cover every round of the year: an earlier round published is printable from a later one's page.
    !!rounds.data?.votingPeriods.some((p) => p.resultsPublishedAt);

  // A year recorded from documents: its minutes are those documents, which the platform does not print again.
  const minutesOffered = !first?.emulationYear?.recordedFromDocuments;

  if (res.error)
    return (
      <Page title={t('results.title')}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!first || (first.emulationYearId && !rounds.data && !rounds.error)) return <Loading />;
  const ids = (rounds.data?.votingPeriods ?? [{ id: first.id, round: first.round }])
    .slice()
    .sort((a, b) => a.round - b.round)
    .map((p) => p.id);

  return (
    <Page
      title={t('results.title')}
      subtitle={`${t(`voting.kind.${first.kind}`)} · ${periodOwner(i18n, first)}`}
      wide
      actions={
        printable && (
          <>
            {minutesOffered && (
              <DocumentDownloads
                kind={first.kind === 'COUNCIL' ? 'council-minutes' : 'vote-minutes'}
                id={first.id}
              />
            )}
            {/* What the council passed goes to the Chairman with these minutes, in the Department's submission. */}
            {first.kind === 'COUNCIL' && <DocumentDownloads kind="council-submission" id={first.id} />}
            <button type="button" className="button button-secondary" onClick={() => window.print()}>
              {t('results.print')}
            </button>
          </>
        )
      }
    >
      {ids.map((periodId, i) => (
        <Round key={periodId} id={periodId} next={ids[i + 1] ?? null} />
      ))}
    </Page>
  );
}

/** One round's minutes; `next` is the round opened after it, when there is one. */
function Round({ id, next }: { id: string; next: string | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [periodRes] = useQuery({ query: PeriodQuery, variables: { id } });
  const period = periodRes.data ? readFragment(PeriodFields, periodRes.data.votingPeriod) : null;
  const [res] = useQuery({ query: ResultsQuery, variables: { id }, pause: period?.status !== 'TALLIED' });
  const data = res.data?.votingPeriod;
  const results = data?.results ?? null;
  const decisions = data?.decisions ?? [];
  const { names } = useUnitNames([
    ...(results ?? []).flatMap((r) => r.candidates.map((c) => c.unitId)),
    ...decisions.flatMap((d) => [
      d.proposedByUnitId,
      ...(d.confirmedByUnitId ? [d.confirmedByUnitId] : []),
      ...d.unitIds,
    ]),
  ]);
  if (periodRes.error) return <ApiErrorView error={periodRes.error} />;
  if (!period) return <Loading />;
  const fromDocuments = !!period.emulationYear?.recordedFromDocuments;

  /** R11: units over the threshold for deputy that this round elected next year's head, so not deputy. */
  const headsOver = (r: {
    elected: string[];
    candidates: { unitId: string; reachedThreshold: boolean }[];
  }) => {
    const heads = results?.find((x) => x.kind === 'NEXT_HEAD')?.elected ?? [];
    return r.candidates
      .filter((c) => c.reachedThreshold && heads.includes(c.unitId) && !r.elected.includes(c.unitId))
      .map((c) => c.unitId);
  };
  return (
    <section className="card minutes" aria-labelledby={`round-${period.id}`}>
      <h2 id={`round-${period.id}`}>
        {/* A council session has one round: it is "the count", not "round 1". */}
        {period.kind === 'COUNCIL' ? t('results.councilCount') : t('results.round', { n: period.round })}{' '}
        <StatusBadge period={period} />
      </h2>
      <dl className="facts">
        {period.conference && (
          <div>
            <dt>{t('results.conference')}</dt>
            <dd>
              {i18n.date(period.conference.heldOn)} · {period.conference.place}
              {period.method === 'PAPER' && !fromDocuments && ` (${t('results.paper')})`}
            </dd>
          </div>
        )}
        {/* A year recorded from documents was not voted here: its hours are not known, only when it was entered. */}
        {!fromDocuments && (
          <div>
            <dt>{t('results.opened')}</dt>
            <dd>{i18n.dateTime(period.openedAt)}</dd>
          </div>
        )}
        {period.closedAt && !fromDocuments && (
          <div>
            <dt>{t('results.closed')}</dt>
            <dd>
              {i18n.dateTime(period.closedAt)}
              {period.closeReason && ` (${t(`results.closeReason.${period.closeReason}`)})`}
            </dd>
          </div>
        )}
        {period.resultsPublishedAt && (
          <div>
            <dt>{t(fromDocuments ? 'results.recordedAt' : 'results.publishedAt')}</dt>
            <dd>{i18n.dateTime(period.resultsPublishedAt)}</dd>
          </div>
        )}
      </dl>
      {res.fetching && !data ? (
        <Loading />
      ) : !results ? (
        <Empty>{t('results.notYet')}</Empty>
      ) : (
        <>
          {/* Who sees a count before it is published (the gateway's canSeeResults): the head unit for a block, the
              secretariat for the council, which has no head unit. */}
          {!period.resultsPublishedAt && (
            <Alert kind="warning">
              {t(period.kind === 'COUNCIL' ? 'results.previewCouncil' : 'results.preview')}
            </Alert>
          )}
          {period.outcome && (
            <p className="outcome">
              {outcomeWords(t, period, results)}
              {period.outcome === 'NEXT_ROUND' && next && (
                <>
                  {' '}
                  <Link href={`/voting-periods/${next}`} className="link-tap">
                    {t('results.toNextRound')}
                  </Link>
                </>
              )}
            </p>
          )}
          {results.map((r) => {
            // A council question: one nomination, approved or not; a ballot that does not approve it counts as no.
            const question = r.kind === 'APPROVAL';
            const subject = period.contests.find((c) => c.id === r.contestId);
            const threshold = contestThreshold(period, subject);
            const need = votesNeeded(r.eligible, threshold.percent, threshold.mode);
            // R5: the units the head and deputy decided, and the seats still empty after them.
            const filled = seatsFilled(r, decisions);
            const heading = (
              <h3>
                <ContestTitle i18n={i18n} kind={r.kind} contest={subject} names={names} />
              </h3>
            );
            // R8: taken off the session, its nomination deferred: no count to show.
            if (r.withdrawn !== null)
              return (
                <div key={r.contestId} className="contest-result">
                  {heading}
                  <p>{t('results.withdrawn', { reason: r.withdrawn })}</p>
                </div>
              );
            return (
              <div key={r.contestId} className="contest-result">
                {heading}
                <p className="muted">
                  {!question && <>{t('voting.seats', { n: r.seats })} · </>}
                  {t(`voting.threshold.${threshold.mode}`, {
                    p: i18n.number(threshold.percent),
                    eligible: r.eligible,
                    need,
                  })}
                </p>
                {r.fromDocuments && (
                  <p>{t(r.votesRecorded ? 'results.fromDocuments' : 'results.fromDocumentsNoVotes')}</p>
                )}
                {r.paper ? (
                  // The counting committee's figures as entered and as the minutes print them: an invalid ballot
                  // was returned all the same.
                  <p>
                    {t('results.eligible')}: <strong>{r.eligible}</strong> · {t('paper.issued')}:{' '}
                    <strong>{r.paper.issued}</strong> · {t('paper.returned')}:{' '}
                    <strong>{r.paper.returned}</strong> · {t('paper.valid')}: <strong>{r.paper.valid}</strong>{' '}
                    · {t('paper.invalid')}: <strong>{r.paper.invalid}</strong> · {t('results.blank')}:{' '}
                    <strong>{r.blank}</strong>
                  </p>
                ) : r.fromDocuments ? (
                  // The documents gave no ballot counts: the members, and nothing counted here.
                  <p>
                    {t('results.eligible')}: <strong>{r.eligible}</strong>
                  </p>
                ) : (
                  <p>
                    {t('results.eligible')}: <strong>{r.eligible}</strong> · {t('results.cast')}:{' '}
                    <strong>{r.cast}</strong> · {t(question ? 'results.notApproving' : 'results.blank')}:{' '}
                    <strong>{r.blank}</strong>
                  </p>
                )}
                <TableWrap label={t(`voting.contest.${r.kind}`)}>
                  <table className="table">
                    <caption className="visually-hidden">{t(`voting.contest.${r.kind}`)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('results.candidate')}</th>
                        <th scope="col" className="num">
                          {t(question ? 'results.approvals' : 'results.votes')}
                        </th>
                        <th scope="col" className="num">
                          {t('results.percent')}
                        </th>
                        <th scope="col">{t('results.reached')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {byVotes(r.candidates, subject?.candidateUnitIds).map((c) => {
                        const elected = r.elected.includes(c.unitId);
                        return (
                          <tr key={c.unitId} className={elected ? 'row-elected' : undefined}>
                            <th scope="row">
                              {unitName(names, c.unitId)}
                              {elected && (
                                <span className="elected-tag">
                                  ✓ {t(question ? 'results.approvedTag' : 'results.elected')}
                                </span>
                              )}
                            </th>
                            {r.votesRecorded ? (
                              <>
                                <td className="num">{c.votes}</td>
                                <td className="num">{i18n.number(sharePercent(c.votes, r.eligible), 2)}%</td>
                                <td>{c.reachedThreshold ? t('results.yes') : t('results.no')}</td>
                              </>
                            ) : (
                              // Not in the documents: unknown, not zero.
                              <>
                                <td className="num">–</td>
                                <td className="num">–</td>
                                <td>–</td>
                              </>
                            )}
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </TableWrap>
                {question ? (
                  <p className={r.elected.length ? 'success-text' : 'shortfall'}>
                    {t(r.elected.length ? 'results.approved' : 'results.notApproved')}
                  </p>
                ) : (
                  r.elected.length === 0 && <p>{t('results.noneElected')}</p>
                )}
                {!question && filled.decided.length > 0 && (
                  <p className="success-text">
                    {t('results.decidedUnits', {
                      units: filled.decided.map((u) => unitName(names, u)).join('; '),
                    })}
                  </p>
                )}
                {r.tieBrokenBy && (
                  <p className="tie-break">{tieBreakWords(t, r, r.tieBrokenBy, (u) => unitName(names, u))}</p>
                )}
                {r.kind === 'NEXT_DEPUTY' &&
                  headsOver(r).map((u) => (
                    <p key={u} className="tie-break">
                      {t('results.headNotDeputy', { unit: unitName(names, u) })}
                    </p>
                  ))}
                {/* The seats still empty once the head and deputy decided (R5): all of them when they have not. */}
                {!question && r.shortfall && filled.open > 0 && (
                  <p className="shortfall">
                    {r.shortfall === 'TIE'
                      ? t('results.shortfall.TIE', {
                          n: filled.open,
                          units: r.tiedUnitIds.map((u) => unitName(names, u)).join('; '),
                        })
                      : t('results.shortfall.THRESHOLD', { n: filled.open })}
                  </p>
                )}
              </div>
            );
          })}
        </>
      )}
      {decisions.length > 0 && (
        <div className="decisions">
          <h3>{t('results.decisions')}</h3>
          <ul>
            {decisions.map((d) => (
              <li key={d.contestId}>
                <strong>
                  {t(`voting.contest.${period.contests.find((c) => c.id === d.contestId)?.kind ?? 'FLAG'}`)}:
                </strong>{' '}
                {d.unitIds.map((u) => unitName(names, u)).join('; ')}
                <br />
                {t('results.proposedBy', { unit: unitName(names, d.proposedByUnitId) })}
                {' · '}
                {d.confirmedByUnitId && d.confirmedAt
                  ? t('results.confirmedBy', {
                      unit: unitName(names, d.confirmedByUnitId),
                      when: i18n.dateTime(d.confirmedAt),
                    })
                  : t('results.unconfirmed')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="no-print">
        <Link href={`/voting-periods/${period.id}`}>
          {t(period.kind === 'COUNCIL' ? 'ballot.toCouncilSession' : 'ballot.toPeriod')}
        </Link>
      </p>
    </section>
  );
}
