import {
  attachmentRepository,
  type Attachment,
  type AttachmentOwner,
  type Conference,
  type EmulationYear,
  type Nomination,
} from '@thidua/db';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { auditUnitAct } from '../../common/audit';
import { assertActsFor, yearActor } from '../../common/acting';
import { conflict, forbidden, notFound } from '../../common/errors';
import { ACTORS, MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { NominationType } from '../awards/awards.types';
import { ConferenceType } from '../conference/conference.types';
import { EmulationYearType } from '../emulation-year/emulation-year.types';
import {
  assertAttaches,
  assertStillReturned,
  attaches,
  clearYearFiles,
  describe,
  filesOf,
  loadOwner,
  nominationSubject,
  ownerOf,
  readsYearFiles,
} from './attachment.service';
import { AttachmentListType, AttachmentOwnerEnum, AttachmentType } from './attachment.types';

export const downloadPath = (id: string) => `/files/attachments/${id}`;
export const api = (a: Attachment) => ({
  ...a,
  downloadUrl: downloadPath(a.id),
  criterion: a.ownerType === 'EVIDENCE' ? a.subject : null,
});

@Resolver(() => AttachmentType)
export class AttachmentResolver {
  @Authorized(...MEMBERS)
  @Query(() => AttachmentListType, {
    description:
      "One record's files (the web's attachment lists); NOT_FOUND where the record's files are not readable.",
  })
  async attachmentsOf(
    @Arg('ownerType', () => AttachmentOwnerEnum) ownerType: AttachmentOwner,
    @Arg('ownerId', () => ID, { description: 'The record; for EVIDENCE, the member unit.' }) ownerId: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('yearId', () => ID, {
      nullable: true,
      description: 'For EVIDENCE: the block year whose scoring the evidence supports.',
    })
    yearId?: string | null,
  ) {
    const owner = await loadOwner(ctx, ownerType, ownerId, yearId);
    const items = await filesOf(ctx, { ...owner, yearId: owner.year.id });
    const canAttach = await attaches(ctx, owner);
    return {
      items: items.map(api),
      canAttach,
      // A member's evidence is its own: whoever adds it removes any of it.
      deletesAny: canAttach && (ownerType === 'EVIDENCE' || yearActor(ctx, owner.year) !== null),
      keptBefore: owner.returnedAt ?? null,
      maxBytes: ctx.services.config.ATTACHMENT_MAX_BYTES,
    };
  }

  @Authorized(...ACTORS)
  @Mutation(() => Boolean, {
    description:
      "Removes an uploaded file while its record is still editable (the dossier not yet submitted, or its proposal returned for more: the files added since; evidence, while the unit may send its sheet); a document stored at submission stays. The secretariat or the head or deputy unit's officers; a nominated unit's officers, the files they uploaded to its nomination; a member's officers, its evidence.",
  })
  async deleteAttachment(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('onBehalfReason', () => String, {
      nullable: true,
      description:
        "A member's evidence file removed by the secretariat: only on the unit's behalf, saying why; audited and told to the unit.",
    })
    onBehalfReason?: string,
  ) {
    const [attachment] = isUuid(id) ? await attachmentRepository.byIds([id]) : [];
    if (!attachment) throw notFound('Attachment', id);
    const owner = await ownerOf(ctx, attachment).catch(() => {
      throw notFound('Attachment', id);
    });
    await assertAttaches(ctx, owner);
    const onBehalf =
      owner.ownerType === 'EVIDENCE' ? assertActsFor(ctx, owner.ownerId, onBehalfReason) : null;
    await assertStillReturned(owner);
    if (
      owner.ownerType !== 'EVIDENCE' &&
      !yearActor(ctx, owner.year) &&
      attachment.uploadedBy !== ctx.principal!.userId
    )
      throw forbidden('A nominated unit removes only the files it uploaded');
    // A returned proposal takes files again; what was sent before its return stays as it was sent.
    if (owner.returnedAt && attachment.uploadedAt < owner.returnedAt)
      throw conflict('This file was sent with the proposal before it was returned: it is kept');
    if (attachment.generated || !(await attachmentRepository.deleteUploaded(id)))
      throw conflict('A document stored when the dossier was submitted is kept');
    await auditUnitAct(
      ctx,
      'attachment.delete',
      owner.ownerId,
      onBehalf,
      { type: 'Attachment', id },
      { before: describe(attachment) },
    );
    // The bytes go once the removal is committed; a rollback keeps both.
    ctx.afterCommit.push(() => ctx.services.files.delete(attachment.storageKey));
    clearYearFiles(ctx, attachment.emulationYearId);
    return true;
  }
}

/** Lists on the records: empty for whoever may not read the record's files (before publication). */
async function listed(
  ctx: GraphQLContext,
  yearId: string,
  owner: { ownerType: AttachmentOwner; ownerId: string; subject: string | null },
) {
  const year = await ctx.loaders.emulationYear.load(yearId);
  if (!year || !readsYearFiles(ctx, year)) return [];
  return (await filesOf(ctx, { ...owner, yearId })).map(api);
}

@Resolver(() => EmulationYearType)
export class YearAttachmentsResolver {
  @Authorized(...MEMBERS)
  @FieldResolver(() => [AttachmentType], { description: "The dossier's files, oldest first." })
  async attachments(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    return listed(ctx, y.id, { ownerType: 'EMULATION_YEAR', ownerId: y.id, subject: null });
  }
}

@Resolver(() => ConferenceType)
export class ConferenceAttachmentsResolver {
  @Authorized(...MEMBERS)
  @FieldResolver(() => [AttachmentType], {
    description: "The conference's files (scanned minutes, photos), oldest first.",
  })
  async attachments(@Root() c: Conference, @Ctx() ctx: GraphQLContext) {
    return listed(ctx, c.emulationYearId, { ownerType: 'CONFERENCE', ownerId: c.id, subject: null });
  }
}

@Resolver(() => NominationType)
export class NominationAttachmentsResolver {
  @Authorized(...MEMBERS)
  @FieldResolver(() => [AttachmentType], {
    description: "The proposal's files (achievement reports), oldest first.",
  })
  async attachments(@Root() n: Nomination, @Ctx() ctx: GraphQLContext) {
    return listed(ctx, n.emulationYearId, {
      ownerType: 'NOMINATION',
      ownerId: n.id,
      subject: nominationSubject(n),
    });
  }
}
