import { graphqlEnum } from '../../common/enums';
import { CONTEST_KINDS } from '@thidua/domain';
import {
  ArrayMaxSize,
  ArrayUnique,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { WithinAYear } from '../../common/deadlines';
import { TieBreak } from '../awards/awards.types';

export const ContestKind = graphqlEnum(
  CONTEST_KINDS,
  'ContestKind',
  'FLAG: the leading unit(s) for the emulation flag; MERIT: certificates of merit; NEXT_HEAD/NEXT_DEPUTY.',
);
export const VotingStatus = graphqlEnum(['OPEN', 'CLOSED', 'TALLIED'] as const, 'VotingStatus');
export const VotingOutcome = graphqlEnum(
  ['COMPLETE', 'NEXT_ROUND', 'AWAITING_DECISION', 'DECIDED', 'NO_QUORUM'] as const,
  'VotingOutcome',
);
export const ThresholdMode = graphqlEnum(['MORE_THAN', 'AT_LEAST'] as const, 'ThresholdMode');
export const VotingKind = graphqlEnum(['BLOCK', 'COUNCIL'] as const, 'VotingKind');
export const CloseReason = graphqlEnum(
  ['DEADLINE', 'ALL_VOTED', 'BY_ADMIN', 'PAPER_COUNT'] as const,
  'CloseReason',
  'PAPER_COUNT: a paper round closes when its count is confirmed.',
);
export const VotingMethod = graphqlEnum(
  ['ONLINE', 'PAPER'] as const,
  'VotingMethod',
  "ONLINE: ballots cast on the platform; PAPER: paper ballots or a show of hands, entered from the counting committee's count.",
);

@ObjectType('VotingPeriod', {
  description: 'One round of secret ballots in a block year. Scheduled and actual times are kept apart.',
})
export class VotingPeriodType {
  @Field(() => ID) id!: string;
  @Field(() => VotingKind) kind!: string;
  @Field(() => ID, { nullable: true, description: 'The block year voting; null for the council.' })
  emulationYearId!: string | null;
  @Field(() => Int) round!: number;
  @Field(() => VotingMethod) method!: string;
  @Field(() => ID, { nullable: true, description: "The block's conference this round belongs to." })
  conferenceId!: string | null;
  @Field(() => String, {
    description: 'R5: who stands in the round after a tie at the last seat (TIED_ONLY or ALL_REMAINING).',
  })
  runoffCandidates!: string;
  @Field(() => VotingStatus) status!: string;
  @Field(() => VotingOutcome, {
    nullable: true,
    description:
      'What the count decided (a next round, seats left to the head and deputy): as secret as the results until ' +
      'they are published. Before that, those who run the vote learn only that the head and deputy must decide ' +
      '(R5), and when they have; others read null.',
  })
  outcome!: string | null;
  @Field(() => Float, { description: 'Percent of ALL eligible members a candidate needs.' })
  thresholdPercent!: number;
  @Field(() => ThresholdMode) thresholdMode!: string;
  @Field(() => Boolean) allowSelfVote!: boolean;
  @Field(() => Int) maxRounds!: number;
  @Field(() => DateTimeISOResolver) opensAt!: Date;
  @Field(() => DateTimeISOResolver) closesAt!: Date;
  @Field(() => DateTimeISOResolver) openedAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) extendedUntil!: Date | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) closedAt!: Date | null;
  @Field(() => CloseReason, { nullable: true }) closeReason!: string | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) talliedAt!: Date | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) resultsPublishedAt!: Date | null;
}

@ObjectType('Turnout', { description: 'How many have voted: never what they voted.' })
export class TurnoutType {
  @Field(() => ID) votingPeriodId!: string;
  @Field(() => VotingStatus) status!: string;
  @Field(() => Int) eligible!: number;
  @Field(() => Int) cast!: number;
}

@ObjectType('Voter', {
  description: 'A voter by name: a member unit in a block vote, a member in the council.',
})
export class VoterType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType('Contest')
export class ContestType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'APPROVAL contests: the nomination the council votes on.' })
  nominationId!: string | null;
  @Field(() => ContestKind) kind!: string;
  @Field(() => Int, { description: 'Choose up to this many.' }) seats!: number;
  @Field(() => [ID]) candidateUnitIds!: string[];
  @Field(() => Float, {
    nullable: true,
    description:
      "This contest's own threshold (R10: a council question on a flag needs more); null: the period's.",
  })
  thresholdPercent!: number | null;
  @Field(() => ThresholdMode, { nullable: true, description: "With thresholdPercent; null: the period's." })
  thresholdMode!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'R8: a council question whose nomination was deferred after the session opened is not voted on, and counts for nothing even if the nomination returns: the kind of process, in words.',
  })
  withdrawnReason!: string | null;
}

@ObjectType('BallotReceipt', {
  description: 'Proof that the voter voted; it says nothing of what they voted.',
})
export class BallotReceiptType {
  @Field(() => ID) votingPeriodId!: string;
  @Field(() => ID, { description: 'The member unit (a block vote) or the council member (a council vote).' })
  voterId!: string;
  @Field(() => String) receiptCode!: string;
  @Field(() => DateTimeISOResolver) castAt!: Date;
}

@ObjectType('CandidateCount')
export class CandidateCountType {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) votes!: number;
  @Field(() => Float, { description: 'Of all eligible members.' }) percent!: number;
  @Field(() => Boolean) reachedThreshold!: boolean;
}

@ObjectType('PaperFigures')
export class PaperFiguresType {
  @Field(() => Int) issued!: number;
  @Field(() => Int) returned!: number;
  @Field(() => Int) valid!: number;
  @Field(() => Int) invalid!: number;
}

@ObjectType('ContestResult', {
  description: 'What the minutes (biên bản kiểm phiếu) record for one contest.',
})
export class ContestResultType {
  @Field(() => ID) contestId!: string;
  @Field(() => ContestKind) kind!: string;
  @Field(() => Int) seats!: number;
  @Field(() => Int) eligible!: number;
  @Field(() => Int) cast!: number;
  @Field(() => Int) blank!: number;
  @Field(() => VotingMethod, {
    description: 'Whether the figures come from online ballots or a paper count.',
  })
  source!: string;
  @Field(() => PaperFiguresType, {
    nullable: true,
    description: "A paper count's ballots issued, collected, valid and invalid.",
  })
  paper!: PaperFiguresType | null;
  @Field(() => [CandidateCountType]) candidates!: CandidateCountType[];
  @Field(() => Boolean, {
    description:
      'Recorded from the documents of a year the platform did not run (recordPastYear), not counted here.',
  })
  fromDocuments!: boolean;
  @Field(() => Boolean, {
    description:
      "False when the documents gave no votes for the contest: only who was elected is known, and the candidates' counts (0) are not figures.",
  })
  votesRecorded!: boolean;
  @Field(() => [ID]) elected!: string[];
  @Field(() => Int) unfilledSeats!: number;
  @Field(() => String, { nullable: true, description: 'THRESHOLD or TIE when seats stayed empty.' })
  shortfall!: string | null;
  @Field(() => [ID]) tiedUnitIds!: string[];
  @Field(() => TieBreak, {
    nullable: true,
    description:
      'R5, R6: candidates equal on votes for the last seats were told apart by this tie-break rule instead of another round: those of them elected took the seats.',
  })
  tieBrokenBy!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'R8: the council question was taken off the session (its nomination deferred): the reason; no counts are kept.',
  })
  withdrawn!: string | null;
}

@ObjectType('HeadDeputyDecision', {
  description:
    'After the last round: proposed by the head or deputy, confirmed by the other. A different answer from the other side is a counter-proposal shown beside it; neither is confirmed until both name the same units.',
})
export class HeadDeputyDecisionType {
  @Field(() => ID) contestId!: string;
  @Field(() => [ID]) unitIds!: string[];
  @Field(() => ID) proposedByUnitId!: string;
  @Field(() => ID, { nullable: true }) confirmedByUnitId!: string | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) confirmedAt!: Date | null;
  @Field(() => [ID], { nullable: true }) counterUnitIds!: string[] | null;
  @Field(() => ID, { nullable: true }) counterByUnitId!: string | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) counterAt!: Date | null;
}

@InputType()
export class ContestInput {
  @Field(() => ContestKind)
  @IsIn(CONTEST_KINDS)
  kind!: (typeof CONTEST_KINDS)[number];

  @Field(() => Int, { defaultValue: 1 })
  @IsInt()
  @Min(1)
  @Max(20)
  seats!: number;

  @Field(() => [ID], { nullable: true, description: 'Default: every member of the block this year.' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'candidateUnitIds must be unit ids' })
  @ArrayUnique({ message: 'candidateUnitIds must not name a unit twice' })
  candidateUnitIds?: string[];
}

@InputType()
export class OpenVotingPeriodInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'emulationYearId must be a year id' })
  emulationYearId!: string;

  @Field(() => VotingMethod, { defaultValue: 'ONLINE' })
  @IsIn(['ONLINE', 'PAPER'])
  method!: 'ONLINE' | 'PAPER';

  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description:
      'When online voting closes (required online). A paper round closes when its count is confirmed.',
  })
  @IsOptional()
  @WithinAYear()
  closesAt?: Date;

  @Field(() => [ContestInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  contests!: ContestInput[];

  @Field(() => Float, {
    nullable: true,
    description: "R4; default: the province's rule set. Only the secretariat sets it for one vote.",
  })
  @IsOptional()
  @Min(1)
  @Max(100)
  thresholdPercent?: number;

  @Field(() => ThresholdMode, {
    nullable: true,
    description: "R4; default: the province's rule set. Only the secretariat sets it for one vote.",
  })
  @IsOptional()
  @IsIn(['MORE_THAN', 'AT_LEAST'])
  thresholdMode?: 'MORE_THAN' | 'AT_LEAST';

  @Field(() => Boolean, { defaultValue: true })
  allowSelfVote!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "R5; default: the province's rule set. Only the secretariat sets it for one vote.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  maxRounds?: number;

  @Field(() => [Int], {
    defaultValue: [24 * 60, 60],
    description: 'Remind non-voters this many minutes before the deadline.',
  })
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  reminderMinutes!: number[];
}

@InputType()
export class ChoiceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'contestId must be a contest id' })
  contestId!: string;

  @Field(() => [ID])
  @ArrayMaxSize(50)
  unitIds!: string[];
}

@InputType()
export class CastBallotInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'votingPeriodId must be a voting period id' })
  votingPeriodId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The voting unit; needed only by officers of several units.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The secretariat casts a ballot for the named unit only on its behalf, saying why (audited without the choices).',
  })
  @IsOptional()
  @Length(5, 1000)
  onBehalfReason?: string;

  @Field(() => [ChoiceInput], {
    defaultValue: [],
    description: 'Leave out a contest, or the whole list, to vote blank.',
  })
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  choices!: ChoiceInput[];
}

@InputType()
export class HeadDeputyDecisionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'votingPeriodId must be a voting period id' })
  votingPeriodId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'contestId must be a contest id' })
  contestId!: string;

  @Field(() => [ID])
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'unitIds must be unit ids' })
  unitIds!: string[];
}
