import { IsEmail, IsIn, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../common/enums';
import { Connection } from '../../common/connection';
import { ProvinceKind } from '../province/province.types';
import { RoleEnum } from '../user/user.types';
import { INVITABLE_ROLES, type InvitableRole } from './invitation.service';

export const InvitationStatusEnum = graphqlEnum(
  ['PENDING', 'EXPIRED', 'ACCEPTED', 'REVOKED'] as const,
  'InvitationStatus',
  'PENDING: its link works; EXPIRED: resend it for a new link.',
);

@ObjectType('Invitation')
export class InvitationType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field(() => RoleEnum) role!: string;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => String, { nullable: true, description: 'The unit as named when invited.' })
  unitName!: string | null;
  @Field(() => InvitationStatusEnum) status!: string;
  @Field(() => Int, { description: 'How many times it was sent.' }) sends!: number;
  @Field(() => DateTimeISOResolver) expiresAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When its latest email was written.' })
  emailedAt!: Date | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) acceptedAt!: Date | null;
}

export const InvitationConnection = Connection(InvitationType, 'Invitation');

/** What the invitee's page shows before they accept (no ids). */
@ObjectType('InvitationPreview')
export class InvitationPreviewType {
  @Field(() => String) email!: string;
  @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field(() => RoleEnum) role!: string;
  @Field(() => String, { nullable: true }) unitName!: string | null;
  @Field(() => String) provinceName!: string;
  @Field(() => ProvinceKind, { description: "CITY: the role is named in the city's words." })
  provinceKind!: ProvinceKind;
  @Field(() => DateTimeISOResolver) expiresAt!: Date;
  @Field(() => Boolean, {
    description: 'The address already has an account: accepting adds the role, its password stays.',
  })
  hasAccount!: boolean;
}

@ObjectType('AcceptedInvitation')
export class AcceptedInvitationType {
  @Field(() => String, { description: 'Sign in with this address.' }) email!: string;
  @Field(() => Boolean) newAccount!: boolean;
}

@InputType()
export class CreateInvitationInput {
  @Field(() => String)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Offered on the acceptance page; the invitee may correct it.',
  })
  @IsOptional()
  @Length(2, 200)
  fullName?: string;

  @Field(() => RoleEnum, { description: 'UNIT_OFFICER, PROVINCE_ADMIN or COUNCIL_MEMBER.' })
  @IsIn(INVITABLE_ROLES)
  role!: InvitableRole;

  @Field(() => ID, { nullable: true, description: 'The unit, for UNIT_OFFICER.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;
}

@InputType()
export class InvitationFilterInput {
  @Field(() => InvitationStatusEnum, { nullable: true })
  @IsOptional()
  status?: 'PENDING' | 'EXPIRED' | 'ACCEPTED' | 'REVOKED';

  @Field(() => String, { nullable: true, description: 'Part of the email or the name.' })
  @IsOptional()
  @Length(1, 200)
  search?: string;
}
