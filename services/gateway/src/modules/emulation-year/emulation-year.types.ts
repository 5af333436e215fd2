import { graphqlEnum } from '../../common/enums';
import { CROSS_SCORERS, SCORING_METHODS, TITLES, YEAR_STATES } from '@thidua/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsUrl,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';

export const YearState = graphqlEnum(YEAR_STATES, 'YearState');
export const TitleEnum = graphqlEnum(
  TITLES,
  'Title',
  'Emulation titles a unit registers for itself or its people.',
);
export const ScoringMethod = graphqlEnum(SCORING_METHODS, 'ScoringMethod');
export const CrossScorers = graphqlEnum(CROSS_SCORERS, 'CrossScorers');
export const SheetKind = graphqlEnum(['SELF', 'CROSS'] as const, 'SheetKind');

@ObjectType('EmulationYear', { description: "A block's emulation year (năm thi đua)." })
export class EmulationYearType {
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, { nullable: true }) theme!: string | null;
  @Field(() => YearState) state!: string;
  @Field(() => LocalDateResolver, { nullable: true }) registrationDeadline!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) scoringDeadline!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: "R2 for this block and year, set by the secretariat; null: the province's quota.",
  })
  flagQuotaOverride!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: "R3 for this block and year, set by the secretariat; null: the province's quota.",
  })
  meritQuotaOverride!: number | null;
  @Field(() => Boolean, {
    description: 'Recorded afterwards from its documents (recordPastYear), not run on the platform.',
  })
  recordedFromDocuments!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'For a documents year: the minutes, decision or article.',
  })
  sourceReference!: string | null;
}

@ObjectType('CovenantItem')
export class CovenantItemType {
  @Field(() => Int) position!: number;
  @Field(() => String) text!: string;
}

@ObjectType('CovenantSignature')
export class CovenantSignatureType {
  @Field(() => ID) unitId!: string;
  @Field(() => ID) signedBy!: string;
  @Field(() => DateTimeISOResolver) signedAt!: Date;
  @Field(() => String, {
    nullable: true,
    description: 'Set when the secretariat entered it on the unit’s behalf: why (the user is recorded).',
  })
  onBehalfReason!: string | null;
}

@ObjectType('TitleRegistration')
export class TitleRegistrationType {
  @Field(() => ID) id!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => TitleEnum) title!: string;
  @Field(() => ID, { nullable: true }) personId!: string | null;
  @Field(() => DateTimeISOResolver) registeredAt!: Date;
  @Field(() => ID, { description: 'Who entered it.' }) registeredBy!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Set when the secretariat entered it on the unit’s behalf: why (the user is recorded).',
  })
  onBehalfReason!: string | null;
}

@ObjectType('MissingSheets', {
  description:
    'A member still missing sheets while scoring runs, and whose: no points, only who has not sent.',
})
export class MissingSheetsType {
  @Field(() => ID) unitId!: string;
  @Field(() => [ID], {
    description:
      'The units whose sheet is missing: the member itself for its self-assessment, its cross-scorers.',
  })
  from!: string[];
}

@ObjectType('MemberScore', {
  description: 'A final score: the mean of the sheets the method uses, bonus capped.',
})
export class MemberScoreType {
  @Field(() => Float) base!: number;
  @Field(() => Float) bonus!: number;
  @Field(() => Float) deductions!: number;
  @Field(() => Float, { nullable: true, description: 'Null while a needed sheet is missing.' }) final!:
    number | null;
  @Field(() => Int, { nullable: true, description: 'Shared on a tie of score and of bonus − deductions.' })
  rank!: number | null;
  @Field(() => Int) position!: number;
  @Field(() => [ID], { description: 'Units whose sheet for this member is still missing.' })
  missingSheetsFrom!: string[];
}

@ObjectType('WomenFacts', {
  description: "R6's women rule: a woman at the unit's head, or a collective of at least 70% women.",
})
export class WomenFactsType {
  @Field(() => Boolean, { description: "The unit's recorded head is a woman." }) headIsWoman!: boolean;
  @Field(() => Float, { description: "Women among the unit's recorded people, 0 to 1." }) share!: number;
  @Field(() => Boolean, { description: 'The rule favours the unit in a tie.' }) meetsRule!: boolean;
}

@ObjectType('YearMember')
export class YearMemberType {
  @Field(() => ID) unitId!: string;
  @Field(() => DateTimeISOResolver, { nullable: true }) signedAt!: Date | null;
  @Field(() => MemberScoreType, {
    nullable: true,
    description:
      "Visible to the block's members once scores are locked; the secretariat sees it while scoring runs.",
  })
  score!: MemberScoreType | null;
}

@ObjectType('ScoreEntry')
export class ScoreEntryType {
  @Field(() => String) code!: string;
  @Field(() => Float) points!: number;
}

@ObjectType('Evidence')
export class EvidenceType {
  @Field(() => String) code!: string;
  @Field(() => String) text!: string;
  @Field(() => [String]) links!: string[];
}

@ObjectType('ScoreSheet')
export class ScoreSheetType {
  @Field(() => ID) id!: string;
  @Field(() => SheetKind) kind!: string;
  @Field(() => ID) scorerUnitId!: string;
  @Field(() => ID) targetUnitId!: string;
  @Field(() => Int, { description: 'Pass it back as expectedVersion to replace the sheet.' })
  version!: number;
  @Field(() => DateTimeISOResolver) submittedAt!: Date;
  @Field(() => ID, { description: 'Who entered it.' }) submittedBy!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Set when the secretariat entered it on the unit’s behalf: why (the user is recorded).',
  })
  onBehalfReason!: string | null;
  @Field(() => [EvidenceType]) evidence!: EvidenceType[];
}

@ObjectType('ScoreSheetDraftEntry')
export class ScoreSheetDraftEntryType {
  @Field(() => String) code!: string;
  @Field(() => String, { description: 'As typed: it may not be a valid number yet.' }) points!: string;
  @Field(() => String) text!: string;
  @Field(() => String) link!: string;
}

@ObjectType('ScoreSheetDraft', {
  description:
    'A score sheet as the signed-in person typed it and has not sent: theirs alone, on any device. Sending the sheet removes the sender’s own; locking the scores removes every one.',
})
export class ScoreSheetDraftType {
  @Field(() => ID) scorerUnitId!: string;
  @Field(() => ID) targetUnitId!: string;
  @Field(() => [ScoreSheetDraftEntryType]) entries!: ScoreSheetDraftEntryType[];
  @Field(() => String) bonus!: string;
  @Field(() => String, { description: 'The secretariat’s reason when it types for the unit.' })
  reason!: string;
  @Field(() => Int, {
    nullable: true,
    description:
      'The sent version it was typed over (null: none). Another means the sheet was sent again since.',
  })
  basedOnVersion!: number | null;
  @Field(() => DateTimeISOResolver) savedAt!: Date;
}

@ObjectType('Criterion')
export class CriterionType {
  @Field(() => String) code!: string;
  @Field(() => String) title!: string;
  @Field(() => Float) maxPoints!: number;
}

@ObjectType('CriteriaGroup')
export class CriteriaGroupType {
  @Field(() => String) name!: string;
  @Field(() => [CriterionType]) criteria!: CriterionType[];
}

@ObjectType('CriteriaSet', { description: 'A scoring table (R12), versioned per year.' })
export class CriteriaSetType {
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int) version!: number;
  @Field(() => String) name!: string;
}

@InputType()
export class CriterionInput {
  @Field(() => String)
  @Length(1, 20)
  code!: string;

  @Field(() => String)
  @Length(1, 500)
  title!: string;

  @Field(() => Float)
  @Min(0.25)
  @Max(100)
  maxPoints!: number;
}

@InputType()
export class CriteriaGroupInput {
  @Field(() => String)
  @Length(1, 300)
  name!: string;

  @Field(() => [CriterionInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  criteria!: CriterionInput[];
}

@InputType({ description: 'Leave groups out to use the default 100-point table (R12).' })
export class CreateCriteriaSetInput {
  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => String)
  @Length(2, 200)
  name!: string;

  @Field(() => ScoringMethod, { defaultValue: 'MEAN_OF_CROSS' })
  @IsIn(SCORING_METHODS)
  method!: (typeof SCORING_METHODS)[number];

  @Field(() => CrossScorers, { defaultValue: 'HEAD_AND_DEPUTY' })
  @IsIn(CROSS_SCORERS)
  crossScorers!: (typeof CROSS_SCORERS)[number];

  @Field(() => Float, { nullable: true, description: 'Default 10.' })
  @IsOptional()
  @Min(0)
  @Max(100)
  bonusCap?: number;

  @Field(() => [CriteriaGroupInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  groups?: CriteriaGroupInput[];

  @Field(() => [CriterionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  deductionItems?: CriterionInput[];
}

@InputType()
export class OpenEmulationYearInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'blockId must be a block id' })
  blockId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 500)
  theme?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'headUnitId must be a unit id' })
  headUnitId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'deputyUnitId must be a unit id' })
  deputyUnitId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'criteriaSetId must be a criteria set id' })
  criteriaSetId?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day to register titles.' })
  registrationDeadline?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day to submit score sheets.' })
  scoringDeadline?: string | null;
}

@InputType()
export class RegisterTitleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'emulationYearId must be a year id' })
  emulationYearId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @Field(() => TitleEnum)
  @IsIn(TITLES)
  title!: (typeof TITLES)[number];

  @Field(() => ID, { nullable: true, description: 'Required for individual titles.' })
  @IsOptional()
  @IsUUID('all', { message: 'personId must be a person id' })
  personId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The secretariat enters this for the unit only on its behalf, saying why (kept and audited).',
  })
  @IsOptional()
  @Length(5, 1000)
  onBehalfReason?: string;
}

@InputType()
export class ScoreEntryInput {
  @Field(() => String)
  @Length(1, 20)
  code!: string;

  @Field(() => Float)
  points!: number;
}

@InputType()
export class EvidenceInput {
  @Field(() => String)
  @Length(1, 20)
  code!: string;

  @Field(() => String)
  @Length(1, 5000)
  text!: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(20)
  @IsUrl({ require_protocol: true }, { each: true, message: 'links must be http(s) URLs' })
  links!: string[];
}

@InputType()
export class ScoreSheetDraftEntryInput {
  @Field(() => String)
  @Length(1, 20)
  code!: string;

  @Field(() => String)
  @MaxLength(20)
  points!: string;

  @Field(() => String)
  @MaxLength(5000)
  text!: string;

  @Field(() => String)
  @MaxLength(2000)
  link!: string;
}

@InputType()
export class SaveScoreSheetDraftInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'emulationYearId must be a year id' })
  emulationYearId!: string;

  @Field(() => ID, { description: 'The unit scoring; for a self-assessment, the unit scored too.' })
  @IsUUID('all', { message: 'scorerUnitId must be a unit id' })
  scorerUnitId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'targetUnitId must be a unit id' })
  targetUnitId!: string;

  @Field(() => [ScoreSheetDraftEntryInput])
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  entries!: ScoreSheetDraftEntryInput[];

  @Field(() => String, { defaultValue: '' })
  @MaxLength(20)
  bonus!: string;

  @Field(() => String, { defaultValue: '' })
  @MaxLength(1000)
  reason!: string;

  @Field(() => Int, { nullable: true, description: 'The sent version typed over (null: none yet).' })
  @IsOptional()
  @IsInt()
  basedOnVersion?: number | null;
}

@InputType()
export class SubmitScoreSheetInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'emulationYearId must be a year id' })
  emulationYearId!: string;

  @Field(() => SheetKind)
  @IsIn(Object.values(SheetKind))
  kind!: 'SELF' | 'CROSS';

  @Field(() => ID, { description: 'The unit scoring; for SELF, the unit scored too.' })
  @IsUUID('all', { message: 'scorerUnitId must be a unit id' })
  scorerUnitId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'targetUnitId must be a unit id' })
  targetUnitId!: string;

  @Field(() => [ScoreEntryInput])
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  scores!: ScoreEntryInput[];

  @Field(() => Float, { defaultValue: 0, description: 'Claimed bonus points; the table caps them.' })
  bonus!: number;

  @Field(() => [ScoreEntryInput], { defaultValue: [] })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  deductions!: ScoreEntryInput[];

  @Field(() => [EvidenceInput], { defaultValue: [] })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  evidence!: EvidenceInput[];

  @Field(() => Int, {
    nullable: true,
    description: 'The version read; required to replace an existing sheet.',
  })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The secretariat enters this for the unit only on its behalf, saying why (kept and audited).',
  })
  @IsOptional()
  @Length(5, 1000)
  onBehalfReason?: string;
}

@InputType({ description: 'Only the fields given change. Head and deputy change only in DRAFT.' })
export class UpdateEmulationYearInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 500)
  theme?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'headUnitId must be a unit id' })
  headUnitId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'deputyUnitId must be a unit id' })
  deputyUnitId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'criteriaSetId must be a criteria set id' })
  criteriaSetId?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  registrationDeadline?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  scoringDeadline?: string;
}
