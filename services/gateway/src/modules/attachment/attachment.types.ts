import { ATTACHMENT_OWNERS } from '@thidua/db';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../common/enums';

export const AttachmentOwnerEnum = graphqlEnum(
  ATTACHMENT_OWNERS,
  'AttachmentOwner',
  "The record a file is attached to: a block year (its dossier), its conference, a nomination, or a member's evidence for one criterion of its sheet (EVIDENCE: the owner is the member unit).",
);

@ObjectType('Attachment', {
  description:
    "A file attached to a record (achievement report, scanned minutes, photo, a member's evidence) or a document stored when the dossier was submitted. Upload: POST /files/attachments?ownerType=…&ownerId=…&name=… (evidence: also &yearId=…&criterion=…) with the bytes as the body; download: GET downloadUrl; both with the Authorization and x-province-id headers.",
})
export class AttachmentType {
  @Field(() => ID) id!: string;
  @Field(() => AttachmentOwnerEnum) ownerType!: string;
  @Field(() => ID) ownerId!: string;
  @Field(() => String, {
    nullable: true,
    description: "Evidence: the code of the criterion of the year's scoring table it supports.",
  })
  criterion!: string | null;
  @Field(() => String, { description: 'The file name as uploaded.' }) name!: string;
  @Field(() => String, { description: 'The type detected from the bytes (PDF, DOCX, XLSX, JPEG, PNG).' })
  contentType!: string;
  @Field(() => Float, { description: 'Bytes.' }) size!: number;
  @Field(() => String, { description: 'SHA-256 of the bytes, hexadecimal.' }) sha256!: string;
  @Field(() => Boolean, { description: 'A document the platform generated when the dossier was submitted.' })
  generated!: boolean;
  @Field(() => ID) uploadedBy!: string;
  @Field(() => DateTimeISOResolver) uploadedAt!: Date;
  @Field(() => String, {
    description: 'Where to GET the bytes (same origin), with the Authorization and x-province-id headers.',
  })
  downloadUrl!: string;
}

@ObjectType('AttachmentList', {
  description: "A record's files, and whether the person may attach or delete.",
})
export class AttachmentListType {
  @Field(() => [AttachmentType]) items!: AttachmentType[];
  @Field(() => Boolean, {
    description:
      "The secretariat or the head or deputy unit's officers, and a nominated unit's officers on its nomination, while the dossier is not yet submitted or the proposal is returned for more material.",
  })
  canAttach!: boolean;
  @Field(() => Boolean, {
    description:
      'Whether the person may remove any uploaded file of the list (the secretariat, the head or deputy unit); a nominated unit removes only the files it uploaded.',
  })
  deletesAny!: boolean;
  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description:
      'A proposal returned for more material: the files uploaded before it was returned were sent with the dossier and stay; null otherwise.',
  })
  keptBefore!: Date | null;
  @Field(() => Int, { description: 'The largest file accepted, in bytes (ATTACHMENT_MAX_BYTES).' })
  maxBytes!: number;
}
