import { LINEAGE_KINDS, TITLES } from '@thidua/domain';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../common/enums';

export const SubjectKind = graphqlEnum(['UNIT', 'PERSON'] as const, 'SubjectKind');
export const LineageKind = graphqlEnum(
  LINEAGE_KINDS,
  'LineageKind',
  'sáp nhập (MERGE), chia tách (SPLIT), đổi tên (RENAME), chuyển sang tỉnh/đơn vị khác (TRANSFER).',
);
export const ACHIEVEMENT_TITLES = [...TITLES, 'MERIT_PROVINCE'] as const;
export const AchievementTitle = graphqlEnum(
  ACHIEVEMENT_TITLES,
  'AchievementTitle',
  'A title, or the provincial certificate of merit, on a unit’s or person’s record.',
);
export const StreakTarget = graphqlEnum(['MERIT_PROVINCE', 'CSTD_PROV', 'CSTD_NAT'] as const, 'StreakTarget');

@ObjectType('LineageLink', {
  description: 'A unit or person and one predecessor it continues (domain.md §5).',
})
export class LineageLinkType {
  @Field(() => SubjectKind) subjectKind!: string;
  @Field(() => ID) successorId!: string;
  @Field(() => ID) predecessorProvinceId!: string;
  @Field(() => ID) predecessorId!: string;
  @Field(() => String, { description: 'As it was called when the link was recorded.' })
  predecessorName!: string;
  @Field(() => LineageKind) kind!: string;
  @Field(() => LocalDateResolver) effectiveOn!: string;
  @Field(() => DateTimeISOResolver) recordedAt!: Date;
}

@ObjectType('Achievement', { description: 'A title or award on record, with the decision as issued.' })
export class AchievementType {
  @Field(() => ID) id!: string;
  @Field(() => SubjectKind) subjectKind!: string;
  @Field(() => ID) subjectId!: string;
  @Field(() => AchievementTitle) title!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) decisionRef!: string;
  @Field(() => DateTimeISOResolver) recordedAt!: Date;
}

@ObjectType('StreakStanding', {
  description: 'Where a unit or person stands on a §2 streak this year, following lineage.',
})
export class StreakStandingType {
  @Field(() => StreakTarget) target!: string;
  @Field(() => AchievementTitle) title!: string;
  @Field(() => Int, { description: 'Consecutive years needed.' }) needed!: number;
  @Field(() => Boolean) met!: boolean;
  @Field(() => [Int], { description: 'The consecutive years counted, oldest first.' }) years!: number[];
  @Field(() => [String], { description: 'Predecessors whose record was counted.' }) via!: string[];
  @Field(() => Int, {
    nullable: true,
    description: 'Years up to the last time the target was received are used.',
  })
  lastTargetYear!: number | null;
}

@InputType()
export class PredecessorInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Its province when another one (a former province absorbed).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'provinceId must be a province id' })
  provinceId?: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a unit or person id' })
  id!: string;
}

@InputType()
export class LineageInput {
  @Field(() => SubjectKind) subjectKind!: 'UNIT' | 'PERSON';

  @Field(() => ID)
  @IsUUID('all', { message: 'successorId must be a unit or person id' })
  successorId!: string;

  @Field(() => [PredecessorInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  predecessors!: PredecessorInput[];

  @Field(() => LineageKind) kind!: (typeof LINEAGE_KINDS)[number];

  @Field(() => LocalDateResolver, { description: 'The day the change took effect.' })
  effectiveOn!: string;
}

@InputType()
export class AchievementInput {
  @Field(() => SubjectKind) subjectKind!: 'UNIT' | 'PERSON';

  @Field(() => ID)
  @IsUUID('all', { message: 'subjectId must be a unit or person id' })
  subjectId!: string;

  @Field(() => AchievementTitle) title!: (typeof ACHIEVEMENT_TITLES)[number];
  @Field(() => Int) year!: number;

  @Field(() => String, { description: 'The decision as issued: "Quyết định số 45/QĐ-UBND ngày 15/01/2024".' })
  @Length(3, 500)
  decisionRef!: string;
}
