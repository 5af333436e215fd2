import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { KeptWhenLeftOut } from '../../common/optional';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { IsName } from '../../common/names';

export enum BlockKind {
  BLOCK = 'BLOCK',
  CLUSTER = 'CLUSTER',
}
registerEnumType(BlockKind, {
  name: 'BlockKind',
  description: 'khối thi đua (agencies) or cụm thi đua (localities)',
});

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}
registerEnumType(Gender, { name: 'Gender' });

@ObjectType('Block', { description: 'An emulation block or cluster of a province.' })
export class BlockType {
  @Field(() => ID) id!: string;
  @Field(() => BlockKind) kind!: BlockKind;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType('BlockMembership', { description: 'A unit in a block from validFrom to validTo (inclusive).' })
export class BlockMembershipType {
  @Field(() => ID) id!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => LocalDateResolver) validFrom!: string;
  @Field(() => LocalDateResolver, { nullable: true }) validTo!: string | null;
}

@ObjectType('Person', {
  description: "A unit's officer or employee, for individual titles. Never leaves its province.",
})
export class PersonType {
  @Field(() => ID) id!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => String) fullName!: string;
  @Field(() => Gender) gender!: Gender;
  @Field(() => String, { nullable: true }) position!: string | null;
  @Field(() => Boolean, {
    description: 'Heads its unit (thủ trưởng): a woman at its head counts for the women tie-break (R6).',
  })
  headsUnit!: boolean;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
}

export const BlockConnection = Connection(BlockType, 'Block');
export const PersonConnection = Connection(PersonType, 'Person');

@InputType()
export class BlockFilterInput {
  @Field(() => String, { nullable: true, description: 'Part of the name, with or without diacritics.' })
  @IsOptional()
  @Length(1, 200)
  search?: string;

  @Field(() => BlockKind, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(BlockKind))
  kind?: BlockKind;

  @Field(() => Int, { nullable: true, description: 'Blocks with a member, or a year record, in this year.' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

@InputType()
export class CreateBlockInput {
  @Field(() => String)
  @Length(2, 200)
  @IsName()
  name!: string;

  @Field(() => BlockKind)
  @IsIn(Object.values(BlockKind))
  kind!: BlockKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  description?: string | null;
}

@InputType()
export class UpdateBlockInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 200)
  @IsName()
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  description?: string | null;
}

@InputType()
export class BlockMemberInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'blockId must be a block id' })
  blockId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @Field(() => LocalDateResolver, { description: 'Joining: the first day; leaving: the last day.' })
  date!: string;
}

@InputType()
export class PersonFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  search?: string;
}

@InputType()
export class CreatePersonInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @Field(() => String)
  @Length(2, 200)
  @IsName()
  fullName!: string;

  @Field(() => Gender)
  @IsIn(Object.values(Gender))
  gender!: Gender;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  position?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Heads its unit; the unit’s previous head, if any, no longer does.',
  })
  @IsOptional()
  @IsBoolean()
  headsUnit?: boolean | null;
}

@InputType({ description: 'Only the fields given change; a null position clears it.' })
export class UpdatePersonInput {
  @Field(() => ID, { nullable: true, description: 'Moves the person to another unit of the province.' })
  @KeptWhenLeftOut()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;

  @Field(() => String, { nullable: true })
  @KeptWhenLeftOut()
  @Length(2, 200)
  @IsName()
  fullName?: string;

  @Field(() => Gender, { nullable: true })
  @KeptWhenLeftOut()
  @IsIn(Object.values(Gender))
  gender?: Gender;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  position?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Heads its unit (the previous head no longer does); a person moved to another unit does not head it unless told.',
  })
  @KeptWhenLeftOut()
  @IsBoolean()
  headsUnit?: boolean;
}
