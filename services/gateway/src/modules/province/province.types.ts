import { LocalDateResolver } from 'graphql-scalars';
import { ArrayMaxSize, IsIn, IsOptional, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { AccountHolderFields } from '../user/user.types';

export enum ProvinceKind {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
}
registerEnumType(ProvinceKind, {
  name: 'ProvinceKind',
  description: 'tỉnh or thành phố trực thuộc trung ương',
});

@ObjectType('Province', {
  description: 'A province or centrally-governed city: the tenant. Never identified by name.',
})
export class ProvinceType {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    description: 'Official two-digit code; reused after the 2025 merger, so unique per validFrom.',
  })
  code!: string;
  @Field(() => String) name!: string;
  @Field(() => ProvinceKind) kind!: ProvinceKind;
  @Field(() => LocalDateResolver, { nullable: true }) validFrom!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) validTo!: string | null;
}

export const ProvinceConnection = Connection(ProvinceType, 'Province');

@InputType()
export class ProvinceFilterInput {
  @Field(() => String, { nullable: true, description: 'Part of the name, with or without diacritics.' })
  @IsOptional()
  @Length(1, 100)
  search?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: in force today; false: former provinces only.',
  })
  current?: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'code must be two digits' })
  code?: string;
}

@InputType({
  description:
    "The province's first secretariat account (PROVINCE_ADMIN in it). Without a password (the way the web application does it), the person is invited by e-mail and sets their own; with one, the account is made with it, for scripted set-ups.",
})
export class FirstAdminInput extends AccountHolderFields {
  @Field(() => String, {
    nullable: true,
    description: 'At least 10 characters; omit it to invite by e-mail.',
  })
  @IsOptional()
  @Length(10, 256, { message: 'password must be 10 to 256 characters' })
  password?: string | null;
}

@InputType()
export class CreateProvinceInput {
  @Field(() => String)
  @Matches(/^(?!00)\d{2}$/, { message: 'code must be two digits, 01 to 99' })
  code!: string;

  @Field(() => String)
  @Length(2, 100)
  name!: string;

  @Field(() => ProvinceKind)
  @IsIn(Object.values(ProvinceKind))
  kind!: ProvinceKind;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Required when the province absorbs predecessors.',
  })
  validFrom?: string | null;

  @Field(() => [ID], {
    defaultValue: [],
    description: 'Provinces merged into this one; they end the day before validFrom.',
  })
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'predecessorIds must be province ids' })
  predecessorIds!: string[];

  @Field(() => FirstAdminInput, {
    nullable: true,
    description:
      'Created or invited with the province, in the same transaction: a province is never left without its ' +
      'secretariat because the account or the invitation could not be made.',
  })
  @IsOptional()
  @ValidateNested()
  firstAdmin?: FirstAdminInput | null;
}

@InputType()
export class UpdateProvinceInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 100)
  name?: string;

  @Field(() => ProvinceKind, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ProvinceKind))
  kind?: ProvinceKind;

  @Field(() => LocalDateResolver, { nullable: true })
  validTo?: string | null;
}
