import { graphqlEnum } from '../../common/enums';
import { ROLES } from '@thidua/domain';
import { IsEmail, IsIn, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';

export const RoleEnum = graphqlEnum(ROLES, 'Role');
export const LocaleEnum = graphqlEnum(
  ['vi', 'en'] as const,
  'Locale',
  'A language the platform is read in.',
  {
    vi: 'Tiếng Việt',
    en: 'English',
  },
);

@ObjectType('RoleAssignment')
export class RoleAssignmentType {
  @Field(() => ID) id!: string;
  @Field(() => RoleEnum) role!: string;
  @Field(() => ID, { nullable: true }) provinceId!: string | null;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) fullName!: string;
  @Field(() => DateTimeISOResolver, { nullable: true }) disabledAt!: Date | null;
  @Field(() => LocaleEnum, {
    description:
      'The language the person reads in: their notices, and the e-mails that carry them, are in it (account ' +
      'e-mails, an invitation or a password reset, stay in both languages).',
  })
  locale!: 'vi' | 'en';
}

export const UserConnection = Connection(UserType, 'User');

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer …"; short-lived.' })
  accessToken!: string;
  @Field(() => DateTimeISOResolver) accessTokenExpiresAt!: Date;
  @Field(() => String, { description: 'Single use: refreshToken returns a new one.' }) refreshToken!: string;
  @Field(() => DateTimeISOResolver) refreshTokenExpiresAt!: Date;
  @Field(() => UserType) user!: UserType;
}

@InputType()
export class UserFilterInput {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the name or email, with or without diacritics.',
  })
  @IsOptional()
  @Length(1, 200)
  search?: string;

  @Field(() => RoleEnum, { nullable: true })
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];
}

/** Who a new account is for: createUser's, and createProvince's first administrator's. */
@InputType()
export class AccountHolderFields {
  @Field(() => String)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @Field(() => String)
  @Length(2, 200)
  fullName!: string;
}

/** A new account's own fields, its password included (createUser). */
@InputType()
export class NewAccountFields extends AccountHolderFields {
  @Field(() => String, { description: 'At least 10 characters.' })
  @Length(10, 256, { message: 'password must be 10 to 256 characters' })
  password!: string;
}

@InputType()
export class CreateUserInput extends NewAccountFields {
  @Field(() => RoleEnum, {
    nullable: true,
    description:
      "A first role, in the request's province (required when a province admin creates the account).",
  })
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];

  @Field(() => ID, { nullable: true, description: 'The unit, for UNIT_OFFICER.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;
}

@InputType({ description: 'The role a person takes instead of one they hold (changeRole).' })
export class ChangeRoleInput {
  @Field(() => RoleEnum)
  @IsIn(ROLES)
  role!: (typeof ROLES)[number];

  @Field(() => ID, { nullable: true, description: 'The unit, for UNIT_OFFICER.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;
}

@InputType()
export class AssignRoleInput extends ChangeRoleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'userId must be a user id' })
  userId!: string;
}
