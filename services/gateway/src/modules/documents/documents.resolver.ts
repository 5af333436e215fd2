import { CERTIFICATE_FIELDS, type CertificateLayout } from '@thidua/documents';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Float,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { audit } from '../../common/audit';
import { graphqlEnum } from '../../common/enums';
import { forbidden } from '../../common/errors';
import { ADMINS, MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import {
  certificateLayout,
  checkLayout,
  resetCertificateLayout,
  saveCertificateLayout,
} from './certificate-layout';

const CertificateFieldEnum = graphqlEnum(
  CERTIFICATE_FIELDS,
  'CertificateField',
  'A field printed on a certificate blank.',
);
const CertificatePaper = graphqlEnum(
  ['A4', 'A3'] as const,
  'CertificatePaper',
  'The blank, always landscape.',
);
const FieldAlign = graphqlEnum(['left', 'center'] as const, 'CertificateFieldAlign');

@ObjectType('CertificateFieldPosition')
class CertificateFieldPositionType {
  @Field(() => CertificateFieldEnum) field!: string;
  @Field(() => Float, { description: "Millimetres from the blank's left edge (the centre when centred)." })
  x!: number;
  @Field(() => Float, { description: "Millimetres from the blank's top edge." }) y!: number;
  @Field(() => Float, { description: 'Points.' }) size!: number;
  @Field(() => Boolean) bold!: boolean;
  @Field(() => Boolean) italic!: boolean;
  @Field(() => FieldAlign) align!: 'left' | 'center';
  @Field(() => Float, { nullable: true, description: 'Millimetres; longer text wraps. Null: no wrapping.' })
  width!: number | null;
}

@ObjectType('CertificateLayout', {
  description: "Where the province's pre-printed certificate blank takes each field.",
})
class CertificateLayoutType {
  @Field(() => CertificatePaper) paper!: string;
  @Field(() => [CertificateFieldPositionType]) fields!: CertificateFieldPositionType[];
  @Field(() => Boolean, { description: "The platform's default: the province has not set its own." })
  isDefault!: boolean;
}

@InputType()
class CertificateFieldPositionInput {
  @Field(() => CertificateFieldEnum) field!: string;
  @Field(() => Float) x!: number;
  @Field(() => Float) y!: number;
  @Field(() => Float) size!: number;
  @Field(() => Boolean, { defaultValue: false }) bold!: boolean;
  @Field(() => Boolean, { defaultValue: false }) italic!: boolean;
  @Field(() => FieldAlign, { defaultValue: 'center' }) align!: 'left' | 'center';
  @Field(() => Float, { nullable: true }) @IsOptional() width!: number | null;
}

@InputType()
class CertificateLayoutInput {
  @Field(() => CertificatePaper) paper!: 'A4' | 'A3';
  @Field(() => [CertificateFieldPositionInput])
  @ArrayMaxSize(CERTIFICATE_FIELDS.length * 2)
  fields!: CertificateFieldPositionInput[];
}

const toApi = ({ layout, isDefault }: { layout: CertificateLayout; isDefault: boolean }) => ({
  paper: layout.paper,
  isDefault,
  fields: CERTIFICATE_FIELDS.map((field) => ({ field, ...layout.fields[field] })),
});

@Resolver()
export class DocumentsResolver {
  @Authorized(...MEMBERS)
  @Query(() => CertificateLayoutType, {
    description: "The province's certificate blank layout (or the default).",
  })
  async certificateLayout() {
    return toApi(await certificateLayout());
  }

  @Authorized(...ADMINS)
  @Mutation(() => CertificateLayoutType, {
    description:
      "Sets where the province's pre-printed blank takes each field (every field once, in mm, landscape); audited.",
  })
  async setCertificateLayout(
    @Arg('input', () => CertificateLayoutInput) input: CertificateLayoutInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (ctx.access!.readOnlyReason) throw forbidden(ctx.access!.readOnlyReason);
    const layout = checkLayout({
      paper: input.paper,
      fields: input.fields.map((f) => ({ ...f, width: f.width ?? null })),
    });
    const before = await certificateLayout();
    await saveCertificateLayout(ctx.access!.provinceId, layout, ctx.principal!.userId);
    await audit(ctx, 'certificate_layout.set', 'Province', ctx.access!.provinceId, {
      before: before.isDefault ? null : before.layout,
      after: layout,
    });
    return toApi({ layout, isDefault: false });
  }

  @Authorized(...ADMINS)
  @Mutation(() => CertificateLayoutType, {
    description: "Returns to the platform's default layout; audited.",
  })
  async resetCertificateLayout(@Ctx() ctx: GraphQLContext) {
    if (ctx.access!.readOnlyReason) throw forbidden(ctx.access!.readOnlyReason);
    const before = await certificateLayout();
    await resetCertificateLayout();
    await audit(ctx, 'certificate_layout.reset', 'Province', ctx.access!.provinceId, {
      before: before.isDefault ? null : before.layout,
    });
    return toApi(await certificateLayout());
  }
}
