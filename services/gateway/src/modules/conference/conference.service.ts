import { awardRepository, type Conference, type EmulationYear, type VotingPeriod } from '@thidua/db';
import { describeDossierDeadline, dossierDeadline } from '@thidua/domain';
import type { GraphQLContext } from '../../context';
import { headOrDeputySide, periodYear } from '../voting/voting.service';

/** The year's conference, when recorded. */
export async function yearConference(ctx: GraphQLContext, yearId: string): Promise<Conference | null> {
  return (await ctx.loaders.conferenceOfYear.load(yearId))[0] ?? null;
}

/**
 * Who takes part in counting a paper vote before its results are published: the head unit (which chairs the
 * count and enters it), the deputy and the conference's secretary (who confirm it).
 */
export async function countsPaper(ctx: GraphQLContext, period: VotingPeriod): Promise<boolean> {
  const year = await periodYear(ctx, period);
  if (!year) return false;
  if (headOrDeputySide(ctx, year)) return true;
  const conference = await yearConference(ctx, year.id);
  return !!conference?.secretaryUserId && conference.secretaryUserId === ctx.principal?.userId;
}

/** R13 for a block year: its deadline (null while it counts from a conference not recorded) and the rule in words. */
export async function dossierDue(
  ctx: GraphQLContext,
  year: EmulationYear,
): Promise<{ deadline: string | null; rule: string }> {
  const [{ rules }, conference] = await Promise.all([
    awardRepository.rulesFor(year.year),
    yearConference(ctx, year.id),
  ]);
  const end = conference ? (conference.endedOn ?? conference.heldOn) : null;
  const rule = describeDossierDeadline(rules, year.year);
  return {
    deadline: dossierDeadline(rules, year.year, end),
    rule: end && rules.dossierDeadline.kind === 'DAYS_AFTER_CONFERENCE' ? `${rule}, held on ${end}` : rule,
  };
}
