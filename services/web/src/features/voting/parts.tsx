import { useQuery } from 'urql';
import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import { basisBrief } from '../awards/Basis';
import { nominee } from '../awards/nominee';
import { unitName } from '../unit/useUnitNames';
import { graphql } from '../../graphql';
import { NominationBriefQuery } from './operations';
import { tieGroup, type Contest, type Period } from './rules';

/**
 * Whose vote it is, for subtitles: "Khối …, năm 2026" for a block; for the council, its session by the day it
 * opened (the council meets several times a season, each session on other proposals).
 */
export function periodOwner(i18n: I18n, period: Pick<Period, 'emulationYear' | 'openedAt'>): string {
  const y = period.emulationYear;
  return y
    ? i18n.t('voting.ofBlock', { block: y.block.name, year: y.year })
    : i18n.t('voting.councilSession', { date: i18n.date(period.openedAt as string) });
}

export function StatusBadge({ period }: { period: Pick<Period, 'status' | 'resultsPublishedAt'> }) {
  const { t } = useI18n();
  const published = period.status === 'TALLIED' && period.resultsPublishedAt;
  return (
    <span className={`status status-${published ? 'published' : period.status.toLowerCase()}`}>
      {published ? t('voting.published') : t(`voting.status.${period.status}`)}
    </span>
  );
}

export function TurnoutBar({
  cast,
  eligible,
  large = false,
}: {
  cast: number;
  eligible: number;
  large?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className={large ? 'turnout turnout-large' : 'turnout'}>
      <p className="turnout-figure">{t('voting.turnout', { cast, eligible })}</p>
      <progress max={eligible || 1} value={cast} aria-label={t('voting.turnoutLabel')}>
        {cast}/{eligible}
      </progress>
    </div>
  );
}

/** What a council question is about: the award form proposed and the unit (from the nomination). */
export function ApprovalSubject({
  i18n,
  nominationId,
  names,
  unit,
}: {
  i18n: I18n;
  nominationId: string;
  names: Map<string, string>;
  unit: string;
}) {
  const [res] = useQuery({ query: NominationBriefQuery, variables: { id: nominationId } });
  const n = res.data?.nomination;
  const form = n && i18n.t(`form.${n.form}`);
  // A person's title names the person, then the unit: the council votes on who, not only where.
  return (
    <span className="approval-subject">
      {!form
        ? unitName(names, unit)
        : i18n.t(n.person ? 'ballot.titleOf' : 'ballot.approvalOf', {
            form,
            who: nominee({ unit: { name: unitName(names, unit) }, person: n.person }),
          })}
    </span>
  );
}

/** A contest's title: a council question names its award and unit, an election the post it fills. */
export function ContestTitle({
  i18n,
  kind,
  contest,
  names,
}: {
  i18n: I18n;
  kind: Contest['kind'];
  contest: Pick<Contest, 'nominationId' | 'candidateUnitIds'> | undefined;
  names: Map<string, string>;
}) {
  return kind === 'APPROVAL' && contest?.nominationId ? (
    <ApprovalSubject
      i18n={i18n}
      nominationId={contest.nominationId}
      names={names}
      unit={contest.candidateUnitIds[0]!}
    />
  ) : (
    <>{i18n.t(`voting.contest.${kind}`)}</>
  );
}

const NominationFilesQuery = graphql(`
  query NominationFiles($id: ID!) {
    nomination(id: $id) {
      id
      attachments {
        id
      }
    }
  }
`);

/**
 * The block's vote and score behind a council question, in one line, for the member deciding on a phone; and,
 * when the proposal came without one, that its achievement report is missing (the member reads the dossier).
 */
export function ApprovalGrounds({ i18n, nominationId }: { i18n: I18n; nominationId: string }) {
  const [res] = useQuery({ query: NominationBriefQuery, variables: { id: nominationId } });
  const [files] = useQuery({ query: NominationFilesQuery, variables: { id: nominationId } });
  const basis = res.data?.nomination.basis;
  // A cluster's proposal: "Cụm bình xét", "Trưởng cụm, Phó cụm quyết định".
  const kind = res.data?.nomination.emulationYear.block.kind;
  return (
    <>
      {basis && <p className="muted">{basisBrief(i18n.forBlock(kind), basis)}</p>}
      {files.data?.nomination.attachments.length === 0 && (
        <p className="muted">{i18n.t('ballot.noReport')}</p>
      )}
    </>
  );
}

/**
 * What a contest filled, as announced: the units the vote elected, those the head and deputy then decided for the
 * seats it left (R5, once the deputy confirmed), and the seats still empty after both.
 */
export function seatsFilled(
  r: { contestId: string; elected: readonly string[]; unfilledSeats: number },
  decisions: readonly { contestId: string; unitIds: readonly string[]; confirmedAt: unknown }[] | undefined,
): { elected: readonly string[]; decided: readonly string[]; open: number } {
  const decided = decisions?.find((d) => d.contestId === r.contestId && d.confirmedAt)?.unitIds ?? [];
  return { elected: r.elected, decided, open: Math.max(0, r.unfilledSeats - decided.length) };
}

/** R6 in words, for a result whose tie for the last seats the tie-break order broke: who was equal, who won, by what. */
export function tieBreakWords(
  t: I18n['t'],
  r: Parameters<typeof tieGroup>[0],
  /** The tie-break that decided (the result's `tieBrokenBy`). */
  rule: string,
  name: (unitId: string) => string,
): string {
  return t('results.tieBreak', { ...tieGroup(r, name), rule: t(`rules.tie.${rule}` as MessageKey) });
}

/**
 * A contest's announcement in one line: the elected units, then those the head and deputy decided, and the seats
 * still empty; "nobody elected" when the contest filled none.
 */
export function seatsWords(
  t: I18n['t'],
  filled: ReturnType<typeof seatsFilled>,
  name: (unitId: string) => string,
  separator = '; ',
): string {
  const parts = [
    ...(filled.elected.length ? [filled.elected.map(name).join(separator)] : []),
    ...(filled.decided.length
      ? [t('results.decidedUnits', { units: filled.decided.map(name).join(separator) })]
      : []),
  ];
  if (!parts.length) return t('results.noneElected');
  const said = parts.join(separator);
  return filled.open > 0 ? t('period.publishUnfilled', { elected: said, n: filled.open }) : said;
}

/**
 * What the round's outcome means, in one sentence: a council's count is a count of questions; a next round
 * names the contests it is for (the seats no unit took), so the hall and the minutes say which post is still open.
 */
export function outcomeWords(
  t: I18n['t'],
  period: Pick<Period, 'kind' | 'outcome'>,
  results: { kind: string; shortfall: unknown; unfilledSeats: number; withdrawn: string | null }[],
): string | null {
  if (!period.outcome) return null;
  if (period.kind === 'COUNCIL' && period.outcome === 'COMPLETE')
    return t('results.outcome.COUNCIL_COMPLETE');
  const open = results.filter(
    (r) => r.kind !== 'APPROVAL' && r.withdrawn === null && r.shortfall && r.unfilledSeats > 0,
  );
  if (period.outcome === 'NEXT_ROUND' && open.length)
    return t('results.outcome.NEXT_ROUND_FOR', {
      contests: open.map((r) => t(`voting.contest.${r.kind}` as MessageKey)).join('; '),
    });
  return t(`results.outcome.${period.outcome}`);
}
