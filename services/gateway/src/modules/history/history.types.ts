import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { graphqlEnum } from '../../common/enums';
import { BOUNDS } from '../../common/bounds';
import { BlockKind } from '../block/block.types';

export const PAST_CONTEST_KINDS = ['FLAG', 'MERIT', 'NEXT_HEAD', 'NEXT_DEPUTY'] as const;
export const PastContestKind = graphqlEnum(
  PAST_CONTEST_KINDS,
  'PastContestKind',
  'What a past conference voted on: the flag, certificates of merit, next head, next deputy.',
);

@InputType({ description: 'A block created with the year, when the platform does not have it yet.' })
export class PastBlockInput {
  @Field(() => String)
  @Length(2, 200)
  name!: string;

  @Field(() => BlockKind, { defaultValue: BlockKind.BLOCK })
  @IsIn(Object.values(BlockKind))
  kind!: BlockKind;
}

@InputType({ description: 'The conference as the documents give it.' })
export class PastConferenceInput {
  @Field(() => LocalDateResolver, { description: 'In the year or the next (December to February, usually).' })
  heldOn!: string;

  @Field(() => LocalDateResolver, { nullable: true })
  endedOn?: string | null;

  @Field(() => String)
  @Length(2, 500)
  place!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 200)
  chairPerson?: string | null;

  @Field(() => String, { nullable: true, description: 'The minutes, or what the article reports.' })
  @IsOptional()
  @Length(1, 20000)
  minutes?: string | null;
}

@InputType({ description: "The counting committee's ballot figures, when the minutes give them." })
export class PastBallotsInput {
  @Field(() => Int) @IsInt() @Min(0) @Max(1000) issued!: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(1000) returned!: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(1000) valid!: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(1000) invalid!: number;
}

@InputType()
export class PastVoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(1000)
  votes!: number;
}

@InputType({ description: 'One contest: who was elected, and the votes when the minutes give them.' })
export class PastContestInput {
  @Field(() => PastContestKind)
  @IsIn(PAST_CONTEST_KINDS)
  kind!: (typeof PAST_CONTEST_KINDS)[number];

  @Field(() => [ID])
  @ArrayMaxSize(BOUNDS.seats)
  @IsUUID('all', { each: true, message: 'electedUnitIds must be unit ids' })
  electedUnitIds!: string[];

  @Field(() => [PastVoteInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(BOUNDS.blockMembers)
  @ValidateNested({ each: true })
  votes?: PastVoteInput[] | null;
}

@InputType({ description: 'A block year the province did not run on the platform, from its documents.' })
export class RecordPastYearInput {
  @Field(() => ID, { nullable: true, description: 'The block; or give `newBlock`.' })
  @IsOptional()
  @IsUUID('all', { message: 'blockId must be a block id' })
  blockId?: string | null;

  @Field(() => PastBlockInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  newBlock?: PastBlockInput | null;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 500)
  theme?: string | null;

  @Field(() => [ID], { description: 'The members that year, as the documents list them.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(BOUNDS.blockMembers)
  @IsUUID('all', { each: true, message: 'memberUnitIds must be unit ids' })
  memberUnitIds!: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'headUnitId must be a unit id' })
  headUnitId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'deputyUnitId must be a unit id' })
  deputyUnitId?: string | null;

  @Field(() => PastConferenceInput)
  @ValidateNested()
  conference!: PastConferenceInput;

  @Field(() => PastBallotsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  ballots?: PastBallotsInput | null;

  @Field(() => [PastContestInput], { defaultValue: [] })
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  contests!: PastContestInput[];

  @Field(() => ID, {
    nullable: true,
    description: "Next year's head, chosen otherwise than by a NEXT_HEAD vote.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'nextHeadUnitId must be a unit id' })
  nextHeadUnitId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'nextDeputyUnitId must be a unit id' })
  nextDeputyUnitId?: string | null;

  @Field(() => String, {
    description:
      'Where it comes from: "Biên bản số 05/BB-KTĐ ngày 24/01/2022", a decision, an article\'s address.',
  })
  @Length(3, 500)
  sourceReference!: string;
}

@InputType({
  description: 'An award decision of a year recorded from documents, under its number as issued.',
})
export class RecordPastDecisionInput {
  @Field(() => String, { description: 'As issued, e.g. "345/QĐ-UBND".' })
  @Matches(/^\d{1,6}\/QĐ-[A-ZĐ]{2,12}$/, { message: 'numberText must read like "345/QĐ-UBND"' })
  numberText!: string;

  @Field(() => String, { description: 'As it stands on the decision, e.g. "UBND tỉnh Ninh Thuận".' })
  @Length(5, 200)
  issuerName!: string;

  @Field(() => LocalDateResolver)
  decisionDate!: string;

  @Field(() => String)
  @Length(2, 200)
  signerName!: string;

  @Field(() => String, { defaultValue: 'Chủ tịch' })
  @Length(2, 200)
  signerTitle!: string;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'nominationIds must be nomination ids' })
  nominationIds!: string[];
}

@InputType({
  description:
    'Removes a year recorded from documents by mistake, before anything rests on it; the reason goes to the log.',
})
export class RemoveRecordedYearInput {
  @Field(() => ID)
  @IsUUID()
  emulationYearId!: string;

  @Field(() => String, { description: 'Why it is removed (e.g. "ghi nhầm khối"): kept in the audit log.' })
  @Length(5, 500)
  reason!: string;
}
