import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('ConferenceAttendance', { description: 'A member unit at the conference, or absent and why.' })
export class ConferenceAttendanceType {
  @Field(() => ID) unitId!: string;
  @Field(() => Boolean) present!: boolean;
  @Field(() => [String], { description: "The unit's representatives, as the minutes name them." })
  representatives!: string[];
  @Field(() => String, { nullable: true }) absenceReason!: string | null;
}

@ObjectType('CountingCommitteeMember', {
  description: 'A member of the counting committee (ban kiểm phiếu).',
})
export class CountingCommitteeMemberType {
  @Field(() => String) name!: string;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => String, { description: 'e.g. "Trưởng ban", "Thành viên".' }) role!: string;
}

@ObjectType('Conference', {
  description:
    "A block's year-end conference (hội nghị tổng kết) as held: the minutes, results and notices show its date.",
})
export class ConferenceType {
  @Field(() => ID) id!: string;
  @Field(() => ID) emulationYearId!: string;
  @Field(() => LocalDateResolver) heldOn!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'The last day, when it ran over several.' })
  endedOn!: string | null;
  @Field(() => String) place!: string;
  @Field(() => ID, { nullable: true }) chairUnitId!: string | null;
  @Field(() => String, { nullable: true }) chairPerson!: string | null;
  @Field(() => String, { nullable: true, description: 'Printed after the name, not on the signature line.' })
  chairPosition!: string | null;
  @Field(() => String, { nullable: true }) secretaryName!: string | null;
  @Field(() => String, { nullable: true, description: 'Printed after the name, not on the signature line.' })
  secretaryPosition!: string | null;
  @Field(() => ID, { nullable: true, description: "The secretary's account, who may confirm a paper count." })
  secretaryUserId!: string | null;
  @Field(() => [ConferenceAttendanceType]) attendance!: ConferenceAttendanceType[];
  @Field(() => [CountingCommitteeMemberType]) countingCommittee!: CountingCommitteeMemberType[];
  @Field(() => String, { nullable: true }) minutes!: string | null;
  @Field(() => DateTimeISOResolver) updatedAt!: Date;
}

@InputType()
export class ConferenceAttendanceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @Field(() => Boolean) present!: boolean;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(10)
  @Length(2, 200, { each: true, message: 'each representative is 2 to 200 characters' })
  representatives!: string[];

  @Field(() => String, { nullable: true, description: 'Required when absent.' })
  @IsOptional()
  @Length(2, 500)
  absenceReason?: string;
}

@InputType()
export class CountingCommitteeMemberInput {
  @Field(() => String) @Length(2, 200) name!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;

  @Field(() => String, { defaultValue: 'Thành viên' }) @Length(2, 100) role!: string;
}

@InputType({
  description: 'The conference as held (it may be recorded after the day); recording again corrects it.',
})
export class RecordConferenceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'emulationYearId must be a year id' })
  emulationYearId!: string;

  @Field(() => LocalDateResolver) heldOn!: string;
  @Field(() => LocalDateResolver, { nullable: true }) @IsOptional() endedOn?: string;
  @Field(() => String) @Length(2, 500) place!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'chairUnitId must be a unit id' })
  chairUnitId?: string;

  @Field(() => String, { nullable: true }) @IsOptional() @Length(2, 200) chairPerson?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(2, 200) chairPosition?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(2, 200) secretaryName?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(2, 200) secretaryPosition?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'secretaryUserId must be a user id' })
  secretaryUserId?: string;

  @Field(() => [ConferenceAttendanceInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  attendance!: ConferenceAttendanceInput[];

  @Field(() => [CountingCommitteeMemberInput], { defaultValue: [] })
  @ArrayMaxSize(15)
  @ValidateNested({ each: true })
  countingCommittee!: CountingCommitteeMemberInput[];

  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50_000) minutes?: string;
}

@ObjectType('PaperVotes')
export class PaperVotesType {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) votes!: number;
}

@ObjectType('PaperContestCount', { description: 'One contest as the counting committee counted it.' })
export class PaperContestCountType {
  @Field(() => ID) contestId!: string;
  @Field(() => Int, { description: 'Ballots handed out (phiếu phát ra).' }) issued!: number;
  @Field(() => Int, { description: 'Ballots collected (phiếu thu về).' }) returned!: number;
  @Field(() => Int) valid!: number;
  @Field(() => Int) invalid!: number;
  @Field(() => [PaperVotesType]) votes!: PaperVotesType[];
}

@ObjectType('PaperCount', {
  description:
    'Entered by the head unit, confirmed by the deputy or the conference secretary: it counts once confirmed.',
})
export class PaperCountType {
  @Field(() => ID) votingPeriodId!: string;
  @Field(() => [PaperContestCountType]) contests!: PaperContestCountType[];
  @Field(() => ID) enteredByUnitId!: string;
  @Field(() => DateTimeISOResolver) enteredAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) confirmedAt!: Date | null;
}

@InputType()
export class PaperVotesInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @Field(() => Int) @IsInt() @Min(0) @Max(10_000) votes!: number;
}

@InputType()
export class PaperContestCountInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'contestId must be a contest id' })
  contestId!: string;

  @Field(() => Int) @IsInt() @Min(0) @Max(10_000) issued!: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(10_000) returned!: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(10_000) valid!: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(10_000) invalid!: number;

  @Field(() => [PaperVotesInput])
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  votes!: PaperVotesInput[];
}

@InputType()
export class EnterPaperCountInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'votingPeriodId must be a voting period id' })
  votingPeriodId!: string;

  @Field(() => [PaperContestCountInput])
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  contests!: PaperContestCountInput[];
}
