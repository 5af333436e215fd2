import {
  DISQUALIFICATIONS,
  HEAD_DEPUTY_MODES,
  LINEAGE_MODES,
  MERIT_STREAK_MODES,
  RUNOFF_CANDIDATES,
  TIE_BREAKS,
  type RunoffCandidates,
} from '@thidua/domain';
import { NOMINATION_STATUSES } from '@thidua/db';
import { ArrayMaxSize, IsIn, IsOptional, Length, ValidateNested } from 'class-validator';
import { DateTimeISOResolver, JSONResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../common/enums';
import { ThresholdMode } from '../voting/voting.types';

export const TieBreak = graphqlEnum(TIE_BREAKS, 'TieBreak');
export const DisqualificationEnum = graphqlEnum(DISQUALIFICATIONS, 'Disqualification');
export const HeadDeputyMode = graphqlEnum(HEAD_DEPUTY_MODES, 'HeadDeputyMode');
export const QuotaKind = graphqlEnum(
  ['COUNT', 'SHARE'] as const,
  'QuotaKind',
  'COUNT: a number per block; SHARE: a percent of members, rounded down.',
);
export const MeritStreakMode = graphqlEnum(
  MERIT_STREAK_MODES,
  'MeritStreakMode',
  'PROPOSE: two consecutive excellent years earn a merit proposal beside the block quota; EXPLAIN: only stated.',
);
export const LineageMode = graphqlEnum(
  LINEAGE_MODES,
  'LineageMode',
  'For years before a merger: the merged unit held a title when all (or any) of its predecessors did.',
);
export const ProposalPath = graphqlEnum(
  ['BLOCK', 'STREAK'] as const,
  'ProposalPath',
  "BLOCK: the block's review within its quota; STREAK: two consecutive years as an Excellent Labour Collective.",
);
export const NominationStatus = graphqlEnum(NOMINATION_STATUSES, 'NominationStatus');
export const ProposalForm = graphqlEnum(
  ['FLAG_PROVINCE', 'MERIT_PROVINCE', 'CSTD_PROV'] as const,
  'ProposalForm',
  "Flags and certificates of merit for units; the provincial Emulation Fighter title for a unit's person.",
);

@ObjectType('Quota')
export class QuotaType {
  @Field(() => QuotaKind) kind!: string;
  @Field(() => Float, { description: 'The count, or the percent of members.' }) value!: number;
}

export const DossierDeadlineKind = graphqlEnum(
  ['DAYS_AFTER_CONFERENCE', 'FIXED_DAY'] as const,
  'DossierDeadlineKind',
  "R13. DAYS_AFTER_CONFERENCE: `days` after the block's conference (its last day); FIXED_DAY: `day`/`month` of the emulation year (yearOffset 0) or of the year after (yearOffset 1).",
);
export const RunoffCandidatesEnum = graphqlEnum(
  RUNOFF_CANDIDATES,
  'RunoffCandidates',
  'R5. After a tie at the last seat, the next round is among the tied units (TIED_ONLY) or all candidates not yet elected (ALL_REMAINING).',
);

@ObjectType('DossierDeadline', { description: "R13: when a block year's dossier is due." })
export class DossierDeadlineType {
  @Field(() => DossierDeadlineKind) kind!: string;
  @Field(() => Int, { nullable: true }) days!: number | null;
  @Field(() => Int, { nullable: true }) month!: number | null;
  @Field(() => Int, { nullable: true }) day!: number | null;
  @Field(() => Int, { nullable: true }) yearOffset!: number | null;
}

@InputType({
  description: 'R13: DAYS_AFTER_CONFERENCE needs `days`; FIXED_DAY needs `month`, `day` and `yearOffset`.',
})
export class DossierDeadlineInput {
  @Field(() => DossierDeadlineKind) kind!: 'DAYS_AFTER_CONFERENCE' | 'FIXED_DAY';
  @Field(() => Int, { nullable: true }) days?: number;
  @Field(() => Int, { nullable: true }) month?: number;
  @Field(() => Int, { nullable: true }) day?: number;
  @Field(() => Int, { nullable: true }) yearOffset?: number;
}

@ObjectType('AwardRules', { description: 'domain.md §3, R2–R13, as this province configures them.' })
export class AwardRulesType {
  @Field(() => QuotaType) flagQuota!: QuotaType;
  @Field(() => QuotaType) meritQuota!: QuotaType;
  @Field(() => Float) voteThresholdPercent!: number;
  @Field(() => ThresholdMode) voteThresholdMode!: string;
  @Field(() => Int) maxRounds!: number;
  @Field(() => RunoffCandidatesEnum) runoffCandidates!: string;
  @Field(() => [TieBreak]) tieBreaks!: string[];
  @Field(() => [DisqualificationEnum]) disqualifications!: string[];
  @Field(() => Float, { nullable: true }) minimumScore!: number | null;
  @Field(() => Float) councilFlagPercent!: number;
  @Field(() => Float) councilCstdProvPercent!: number;
  @Field(() => Float) councilAttendancePercent!: number;
  @Field(() => HeadDeputyMode) headDeputyMode!: string;
  @Field(() => MeritStreakMode) meritStreak!: string;
  @Field(() => LineageMode) lineageMode!: string;
  @Field(() => DossierDeadlineType) dossierDeadline!: DossierDeadlineType;
  @Field(() => JSONResolver, {
    description: 'Award form → multiplier of the base salary (the platform table, query baseSalaries).',
  })
  prizeMultipliers!: unknown;
}

@ObjectType('AwardRuleSet')
export class AwardRuleSetType {
  @Field(() => Int, {
    nullable: true,
    description: 'Null when no version was set: the defaults of domain.md apply.',
  })
  effectiveYear!: number | null;
  @Field(() => AwardRulesType) rules!: AwardRulesType;
}

@InputType()
export class QuotaInput {
  @Field(() => QuotaKind)
  @IsIn(['COUNT', 'SHARE'])
  kind!: 'COUNT' | 'SHARE';

  @Field(() => Float)
  value!: number;
}

@InputType({
  description: 'Fields left out keep the value in force. Checked as a whole; each problem names its field.',
})
export class AwardRulesInput {
  @Field(() => QuotaInput, { nullable: true }) @IsOptional() @ValidateNested() flagQuota?: QuotaInput;
  @Field(() => QuotaInput, { nullable: true }) @IsOptional() @ValidateNested() meritQuota?: QuotaInput;
  @Field(() => Float, { nullable: true }) voteThresholdPercent?: number;
  @Field(() => ThresholdMode, { nullable: true }) voteThresholdMode?: 'MORE_THAN' | 'AT_LEAST';
  @Field(() => Int, { nullable: true }) maxRounds?: number;
  @Field(() => RunoffCandidatesEnum, { nullable: true }) runoffCandidates?: RunoffCandidates;
  @Field(() => [TieBreak], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  tieBreaks?: (typeof TIE_BREAKS)[number][];
  @Field(() => [DisqualificationEnum], { nullable: true })
  disqualifications?: (typeof DISQUALIFICATIONS)[number][];
  @Field(() => Float, { nullable: true }) minimumScore?: number;
  @Field(() => Float, { nullable: true }) councilFlagPercent?: number;
  @Field(() => Float, { nullable: true }) councilCstdProvPercent?: number;
  @Field(() => Float, { nullable: true }) councilAttendancePercent?: number;
  @Field(() => HeadDeputyMode, { nullable: true }) headDeputyMode?: (typeof HEAD_DEPUTY_MODES)[number];
  @Field(() => MeritStreakMode, { nullable: true }) meritStreak?: (typeof MERIT_STREAK_MODES)[number];
  @Field(() => LineageMode, { nullable: true }) lineageMode?: (typeof LINEAGE_MODES)[number];
  @Field(() => DossierDeadlineInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  dossierDeadline?: DossierDeadlineInput;
}

@ObjectType('Explanation', {
  description: 'Which rule admitted, excluded, ranked or broke a tie, in words for the council.',
})
export class ExplanationType {
  @Field(() => String) rule!: string;
  @Field(() => String, { description: 'The line in Vietnamese, as the documents print it.' }) text!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The same line in English; null for lines the engine wrote before it wrote them in English too.',
  })
  english?: string | null;
}

@ObjectType('Nomination')
export class NominationType {
  @Field(() => ID) id!: string;
  @Field(() => ID) emulationYearId!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => ID, { nullable: true, description: 'The person, for an individual title.' })
  personId!: string | null;
  @Field(() => ProposalForm) form!: string;
  @Field(() => ProposalPath) path!: string;
  @Field(() => NominationStatus) status!: string;
  @Field(() => [ExplanationType]) explanation!: ExplanationType[];
  @Field(() => DateTimeISOResolver) updatedAt!: Date;
}

@ObjectType('MemberExplanation')
export class MemberExplanationType {
  @Field(() => ID) unitId!: string;
  @Field(() => [ExplanationType]) lines!: ExplanationType[];
}

@ObjectType('TitleCheck', {
  description: 'A registered Emulation Fighter title against the streak it needs (§2).',
})
export class TitleCheckType {
  @Field(() => ID) personId!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => String) title!: string;
  @Field(() => Boolean) met!: boolean;
  @Field(() => [Int]) years!: number[];
}

@ObjectType('AwardOutcome', { description: "The engine's result for a block year." })
export class AwardOutcomeType {
  @Field(() => ID, { nullable: true }) nextHeadUnitId!: string | null;
  @Field(() => ID, { nullable: true }) nextDeputyUnitId!: string | null;
  @Field(() => [MemberExplanationType]) explanations!: MemberExplanationType[];
  @Field(() => [[ID]], { description: 'Candidates still tied after every tie-break: another round decides.' })
  unresolvedTies!: string[][];
  @Field(() => [TitleCheckType]) titleChecks!: TitleCheckType[];
  @Field(() => DateTimeISOResolver) computedAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) dossierSubmittedAt!: Date | null;
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'R13: the deadline the dossier was held to when submitted.',
  })
  dossierDeadline!: string | null;
  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description: 'A late dossier the secretariat accepted, with its reason.',
  })
  lateAcceptedAt!: Date | null;
  @Field(() => String, { nullable: true }) lateReason!: string | null;
}

@InputType()
export class AppraiseNominationInput {
  @Field(() => ID) id!: string;

  @Field(() => NominationStatus, {
    description: 'IN_APPRAISAL, then RETURNED, NOT_ELIGIBLE, DEFERRED or COUNCIL_REVIEW.',
  })
  @IsIn(['IN_APPRAISAL', 'RETURNED', 'NOT_ELIGIBLE', 'DEFERRED', 'COUNCIL_REVIEW'], {
    message: 'to must be an appraisal step',
  })
  to!: (typeof NOMINATION_STATUSES)[number];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(3, 2000)
  reason?: string;
}
