import { graphqlEnum } from '../../common/enums';
import { UNIT_KINDS } from '@thidua/db';
import { IsIn, IsOptional, Length } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { IsName } from '../../common/names';
import { KeptWhenLeftOut } from '../../common/optional';

export const UnitKind = graphqlEnum(UNIT_KINDS, 'UnitKind');

@ObjectType('Unit', { description: 'An agency or locality of a province (cơ quan, đơn vị).' })
export class UnitType {
  @Field(() => ID) id!: string;
  @Field(() => ID) provinceId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) shortName!: string | null;
  @Field(() => UnitKind) kind!: string;
  @Field(() => LocalDateResolver, { nullable: true }) validFrom!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) validTo!: string | null;
}

export const UnitConnection = Connection(UnitType, 'Unit');

@InputType()
export class UnitFilterInput {
  @Field(() => String, { nullable: true, description: 'Part of the name, with or without diacritics.' })
  @IsOptional()
  @Length(1, 200)
  search?: string;

  @Field(() => UnitKind, { nullable: true })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: (typeof UNIT_KINDS)[number];

  @Field(() => Boolean, { nullable: true, description: 'Include units that have ended.' })
  includeFormer?: boolean;
}

@InputType()
export class CreateUnitInput {
  @Field(() => String)
  @Length(2, 200)
  @IsName()
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 50)
  @IsName()
  shortName?: string | null;

  @Field(() => UnitKind)
  @IsIn(UNIT_KINDS)
  kind!: (typeof UNIT_KINDS)[number];

  @Field(() => LocalDateResolver, { nullable: true })
  validFrom?: string | null;
}

@InputType()
export class UpdateUnitInput {
  @Field(() => String, { nullable: true })
  @KeptWhenLeftOut()
  @Length(2, 200)
  @IsName()
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 50)
  @IsName()
  shortName?: string | null;

  @Field(() => UnitKind, { nullable: true })
  @KeptWhenLeftOut()
  @IsIn(UNIT_KINDS)
  kind?: (typeof UNIT_KINDS)[number];

  @Field(() => LocalDateResolver, { nullable: true, description: 'The last day the unit exists.' })
  validTo?: string | null;
}
