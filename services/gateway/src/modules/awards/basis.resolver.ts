import type { Nomination, VotingPeriod } from '@thidua/db';
import { Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../context';
import { yearMembers } from '../emulation-year/emulation-year.service';
import { canSeeResults, seesYearOutcome } from '../voting/voting.service';
import { NominationType } from './awards.types';

@ObjectType('NominationBasis', {
  description:
    "What the block's own records give for a block proposal, for the secretariat and the council to weigh: the vote that chose the unit and its final score.",
})
export class NominationBasisType {
  @Field(() => ID, {
    nullable: true,
    description: 'The round that chose the unit; null: no counted vote chose it.',
  })
  votingPeriodId!: string | null;
  @Field(() => Int, { nullable: true }) round!: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      "The unit's votes in that round's contest for the proposal's form; null when the minutes give none.",
  })
  votes!: number | null;
  @Field(() => Int, { nullable: true, description: 'Ballots cast in that round.' }) cast!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Members entitled to vote in that round (R4 counts against them).',
  })
  eligible!: number | null;
  @Field(() => Boolean, { description: "R5: chosen by the head and deputy's decision after the last round." })
  decidedByHeadAndDeputy!: boolean;
  @Field(() => Float, { nullable: true, description: 'The final score once the scores were locked.' })
  finalScore!: number | null;
  @Field(() => Int, { nullable: true }) rank!: number | null;
  @Field(() => Int) memberCount!: number;
}

/** The block contest behind each form a block proposes. */
const CONTEST_OF_FORM: Record<string, string> = { FLAG_PROVINCE: 'FLAG', MERIT_PROVINCE: 'MERIT' };

@Resolver(() => NominationType)
export class NominationBasisResolver {
  @FieldResolver(() => NominationBasisType, {
    nullable: true,
    description:
      "The block's vote and score behind a block proposal (path BLOCK); null for a proposal by streak. Readable by whoever reads the nomination, which is after the vote's results are published (or by the head unit, who counted it).",
  })
  async basis(@Root() n: Nomination, @Ctx() ctx: GraphQLContext): Promise<NominationBasisType | null> {
    const kind = CONTEST_OF_FORM[n.form];
    if (n.path !== 'BLOCK' || !kind) return null;
    const year = await ctx.loaders.emulationYear.load(n.emulationYearId);
    // The queue lists proposals to the secretariat as soon as a round is counted: before the results are
    // announced, only the counting committee (the head unit) may read what they rest on.
    if (!year || !seesYearOutcome(ctx, year)) return null;
    const [periods, results, members] = await Promise.all([
      ctx.loaders.periodsOfYear.load(year.id),
      ctx.loaders.results.load(year.id),
      yearMembers(ctx, year),
    ]);
    const score = results.find((r) => r.unitId === n.unitId);
    return {
      ...(await chosenIn(ctx, periods, kind, n.unitId)),
      finalScore: score ? Number(score.final) : null,
      rank: score?.rank ?? null,
      memberCount: members.length,
    };
  }
}

/** The counted round whose contest of `kind` elected the unit, or whose head-and-deputy decision chose it. */
async function chosenIn(ctx: GraphQLContext, periods: readonly VotingPeriod[], kind: string, unitId: string) {
  const counted = periods
    .filter((p) => p.kind === 'BLOCK' && p.status === 'TALLIED')
    .sort((a, b) => a.round - b.round);
  for (const p of counted) {
    if (!(await canSeeResults(ctx, p))) continue;
    const [contests, results, decisions] = await Promise.all([
      ctx.loaders.contests.load(p.id),
      ctx.loaders.votingResults.load(p.id),
      ctx.loaders.decisions.load(p.id),
    ]);
    for (const c of contests.filter((c) => c.kind === kind)) {
      const result = results.find((r) => r.contestId === c.id)?.result;
      const decided = !!decisions
        .find((d) => d.contestId === c.id && d.confirmedAt)
        ?.unitIds.includes(unitId);
      if (!decided && !result?.elected.includes(unitId)) continue;
      // A year recorded from minutes that name only the elected units keeps zeros for the counts it lacks.
      const uncounted = !result || (isFromDocuments(result) && result.candidates.every((x) => x.votes === 0));
      return {
        votingPeriodId: p.id,
        round: p.round,
        votes: uncounted ? null : (result.candidates.find((x) => x.unitId === unitId)?.votes ?? null),
        cast: uncounted || (isFromDocuments(result) && result.cast === 0) ? null : result.cast,
        eligible: p.eligibleVoterIds.length,
        decidedByHeadAndDeputy: decided,
      };
    }
  }
  return {
    votingPeriodId: null,
    round: null,
    votes: null,
    cast: null,
    eligible: null,
    decidedByHeadAndDeputy: false,
  };
}

const isFromDocuments = (result: object) => 'fromDocuments' in result && result.fromDocuments === true;
