import { emulationYearRepository, type EmulationYear, type VotingPeriod } from '@thidua/db';
import {
  checkTransition,
  computeResults,
  crossScorersFor,
  SCORING_OPEN,
  type BlockRoles,
  type LatestRound,
  type MemberResult,
  type NotificationEventName,
  type ScoringRules,
  type YearActor,
  type YearFacts,
  type YearState,
  vietnamToday,
} from '@thidua/domain';
import { enqueueJob, jobId, notifyEvent } from '@thidua/jobs';
import { assertBeforeDeadline, isProvinceAdmin } from '../../common/acting';
import { audit } from '../../common/audit';
import { appError, badInput, conflict, forbidden, missingRef, notFound } from '../../common/errors';
import type { GraphQLContext } from '../../context';

export async function loadYear(
  ctx: GraphQLContext,
  id: string,
  field = 'emulationYearId',
): Promise<EmulationYear> {
  const year = await ctx.loaders.emulationYear.load(id);
  if (!year) throw field === 'id' ? notFound('EmulationYear', id) : missingRef(field, 'EmulationYear', id);
  return year;
}

export function yearMembers(ctx: GraphQLContext, year: EmulationYear): Promise<string[]> {
  return ctx.loaders.membersInYear.load(`${year.blockId}:${year.year}`);
}

export async function assertMember(
  ctx: GraphQLContext,
  year: EmulationYear,
  unitId: string,
  field: string,
): Promise<void> {
  if (!(await yearMembers(ctx, year)).includes(unitId)) {
    throw badInput(field, `the unit is not a member of the block in ${year.year}`);
  }
}

export async function scoringRules(ctx: GraphQLContext, year: EmulationYear): Promise<ScoringRules | null> {
  return year.criteriaSetId
    ? ((await ctx.loaders.criteriaSet.load(year.criteriaSetId))?.rules ?? null)
    : null;
}

/** The year's members, head and deputy: who scores whom (crossScorersFor) and how results are made. */
export async function blockRoles(ctx: GraphQLContext, year: EmulationYear): Promise<BlockRoles> {
  return {
    memberUnitIds: await yearMembers(ctx, year),
    headUnitId: year.headUnitId,
    deputyUnitId: year.deputyUnitId,
  };
}

/** Scores as they stand from the sheets submitted so far. */
export async function liveResults(ctx: GraphQLContext, year: EmulationYear): Promise<MemberResult[]> {
  const rules = await scoringRules(ctx, year);
  if (!rules) return [];
  const sheets = await ctx.loaders.sheets.load(year.id);
  return computeResults(rules, await blockRoles(ctx, year), sheets);
}

export async function facts(ctx: GraphQLContext, year: EmulationYear): Promise<YearFacts> {
  const [members, items, signatures, results, periods, outcome] = await Promise.all([
    yearMembers(ctx, year),
    ctx.loaders.covenantItems.load(year.id),
    ctx.loaders.signatures.load(year.id),
    liveResults(ctx, year),
    ctx.loaders.periodsOfYear.load(year.id),
    ctx.loaders.awardOutcome.load(year.id),
  ]);
  return {
    memberUnitIds: members,
    headUnitId: year.headUnitId,
    deputyUnitId: year.deputyUnitId,
    theme: year.theme,
    covenantItemCount: items.length,
    signedUnitIds: signatures.map((s) => s.unitId),
    criteriaSetId: year.criteriaSetId,
    yearBegun: vietnamToday() >= `${year.year}-01-01`,
    scoredUnitIds: results.filter((r) => r.complete).map((r) => r.unitId),
    votingResultsPublished: periods.some(
      (p) => p.resultsPublishedAt && (p.outcome === 'COMPLETE' || p.outcome === 'DECIDED'),
    ),
    latestRound: latestRound(periods),
    dossierSubmitted: !!outcome[0]?.dossierSubmittedAt,
  };
}

function latestRound(periods: readonly VotingPeriod[]): LatestRound | null {
  const last = periods
    .filter((p) => p.kind === 'BLOCK')
    .reduce<VotingPeriod | null>((a, p) => (!a || p.round > a.round ? p : a), null);
  return (
    last && {
      round: last.round,
      open: last.status === 'OPEN',
      published: !!last.resultsPublishedAt,
      outcome: last.outcome,
    }
  );
}

/**
 * The members hear when the year asks something of each of them (to sign, to score), the secretariat when the
 * dossier arrives, and both when the year is over.
 */
const YEAR_EVENTS: Partial<Record<YearState, NotificationEventName>> = {
  OPEN: 'year.signing_opened',
  SCORING: 'year.scoring_opened',
  DOSSIER_SUBMITTED: 'year.dossier_submitted',
  CLOSED: 'year.closed',
};

/**
 * Moves the year through its lifecycle after the domain's guards agree. Locking the scores freezes the
 * results the vote and the awards engine read.
 */
export async function transitionYear(
  ctx: GraphQLContext,
  year: EmulationYear,
  to: YearState,
  actor: YearActor,
): Promise<EmulationYear> {
  const verdict = checkTransition(year.state, to, actor, await facts(ctx, year));
  if (!verdict.allowed) {
    if (verdict.reason === 'NOT_PERMITTED') throw forbidden(verdict.message);
    if (verdict.reason === 'NO_SUCH_TRANSITION') throw badInput('to', verdict.message);
    throw appError('PRECONDITION_FAILED', verdict.message, { missing: verdict.missing });
  }
  if (to === 'SCORES_LOCKED') {
    await emulationYearRepository.saveResults(year.id, await liveResults(ctx, year));
    // Nothing typed and not sent can be sent any more.
    await emulationYearRepository.removeSheetDrafts(year.id);
  }
  if (!(await emulationYearRepository.transition(year.id, year.state, to))) {
    throw conflict(`The year changed state meanwhile: it is no longer ${year.state}`);
  }
  await audit(ctx, 'year.transition', 'EmulationYear', year.id, {
    before: { state: year.state },
    after: { state: to },
  });
  const event = YEAR_EVENTS[to];
  if (event) {
    await enqueueJob('notify', notifyEvent(ctx.access!.provinceId, event, year.id), {
      jobId: jobId('notify', event, year.id),
    });
  }
  ctx.loaders.emulationYear.clear(year.id);
  return { ...year, state: to };
}

/**
 * A sheet that may be sent now: both units members of the year, scoring open and before its deadline, and for a
 * cross sheet, the scorer one of the member's cross-scorers under the block's rules. Returns the year's rules.
 */
export async function assertSheetOpen(
  ctx: GraphQLContext,
  year: EmulationYear,
  kind: 'SELF' | 'CROSS',
  scorerUnitId: string,
  targetUnitId: string,
): Promise<ScoringRules> {
  if ((kind === 'SELF') !== (scorerUnitId === targetUnitId))
    throw badInput(
      'targetUnitId',
      kind === 'SELF' ? 'a SELF sheet scores the scorer unit itself' : 'a CROSS sheet scores another member',
    );
  await assertMember(ctx, year, scorerUnitId, 'scorerUnitId');
  await assertMember(ctx, year, targetUnitId, 'targetUnitId');
  if (!SCORING_OPEN.includes(year.state))
    throw conflict(`Sheets are accepted while the year is SCORING; it is ${year.state}`);
  assertBeforeDeadline(year.scoringDeadline, 'score sheets');
  const rules = (await scoringRules(ctx, year))!;
  if (kind === 'CROSS') {
    const allowed = crossScorersFor(rules, await blockRoles(ctx, year), targetUnitId);
    if (!allowed.includes(scorerUnitId))
      throw badInput('scorerUnitId', 'this unit does not cross-score that member under the block’s rules');
  }
  return rules;
}

/**
 * Who reads a member's own sheet, its points and evidence (files too): the secretariat, the unit's officers, and
 * the members that cross-score it under the block's rules (they check it before scoring it).
 */
export async function readsOwnSheet(
  ctx: GraphQLContext,
  year: EmulationYear,
): Promise<(unitId: string) => boolean> {
  if (isProvinceAdmin(ctx)) return () => true;
  const mine = ctx.access?.officerOf ?? new Set<string>();
  const rules = mine.size ? await scoringRules(ctx, year) : null;
  if (!rules) return (unit) => mine.has(unit);
  const roles = await blockRoles(ctx, year);
  return (unit) => mine.has(unit) || crossScorersFor(rules, roles, unit).some((u) => mine.has(u));
}
