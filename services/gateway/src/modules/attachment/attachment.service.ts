import { randomUUID } from 'node:crypto';
import {
  afterRelease,
  attachmentRepository,
  awardRepository,
  currentProvinceId,
  type Attachment,
  type AttachmentOwner,
  type EmulationYear,
} from '@thidua/db';
import { isAtLeast, type ScoringRules } from '@thidua/domain';
import type { StoredObject } from '@thidua/files';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { assertRunsYear, isSecretariat } from '../../common/acting';
import { audit, auditUnitAct } from '../../common/audit';
import { conflict, forbidden, notFound } from '../../common/errors';
import { MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { assertSheetOpen, readsOwnSheet, yearMembers } from '../emulation-year/emulation-year.service';
import { seesYearOutcome } from '../voting/voting.service';

/** The record a file belongs to, with the block year that decides who reads and who attaches. */
export interface OwnerRecord {
  ownerType: AttachmentOwner;
  /** The year, the conference, the nomination; for evidence, the member unit. */
  ownerId: string;
  year: EmulationYear;
  /** A nomination's subject: its files follow the proposal (unit, person, form) through recomputes. */
  subject: string | null;
  /** A nomination's unit, whose officers attach its achievement report to it; the unit whose evidence it is. */
  unitId: string | null;
  /**
   * When a nomination was returned for more material, while it is: its files are open again until it is sent
   * again, those sent before it was returned excepted.
   */
  returnedAt?: Date | null;
}

export const nominationSubject = (n: { unitId: string; personId: string | null; form: string }) =>
  `${n.unitId}/${n.personId ?? '-'}/${n.form}`;

/**
 * The record, when the user may read it; NOT_FOUND otherwise (another province's ids find nothing under RLS).
 * A block year's files are as secret as its vote: until the results are published only the head unit's
 * officers see them (the rule of the nominations and the award outcome, seesYearOutcome); then the province's
 * own people (MEMBERS: not a national viewer). A member's evidence (owner: the unit, in `yearId`'s year) is read
 * as its own sheet is (evidenceOwner).
 */
export async function loadOwner(
  ctx: GraphQLContext,
  ownerType: AttachmentOwner,
  ownerId: string,
  yearId?: string | null,
): Promise<OwnerRecord> {
  if (ownerType === 'EVIDENCE') return evidenceOwner(ctx, ownerId, yearId ?? '');
  const missing = () =>
    notFound(ownerType === 'EMULATION_YEAR' ? 'EmulationYear' : pascal(ownerType), ownerId);
  if (!isUuid(ownerId)) throw missing();
  let yearOfOwner: string | null = null;
  let subject: string | null = null;
  let unitId: string | null = null;
  let returnedAt: Date | null = null;
  if (ownerType === 'EMULATION_YEAR') yearOfOwner = ownerId;
  else if (ownerType === 'CONFERENCE')
    yearOfOwner = (await ctx.loaders.conference.load(ownerId))?.emulationYearId ?? null;
  else {
    const nomination = await ctx.loaders.nomination.load(ownerId);
    yearOfOwner = nomination?.emulationYearId ?? null;
    subject = nomination && nominationSubject(nomination);
    unitId = nomination?.unitId ?? null;
    returnedAt = nomination?.status === 'RETURNED' ? nomination.updatedAt : null;
  }
  const year = yearOfOwner && (await ctx.loaders.emulationYear.load(yearOfOwner));
  if (!year || !readsYearFiles(ctx, year)) throw missing();
  return { ownerType, ownerId, year, subject, unitId, returnedAt };
}

/**
 * The record a stored file belongs to, as the reader may see it (loadOwner): a member's evidence is its unit's; a
 * nomination's file its nomination's (its unit may remove what it uploaded), or the year's when the proposal was
 * since recomputed; any other file the year's.
 */
export function ownerOf(ctx: GraphQLContext, file: Attachment): Promise<OwnerRecord> {
  const year = () => loadOwner(ctx, 'EMULATION_YEAR', file.emulationYearId);
  if (file.ownerType === 'EVIDENCE') return loadOwner(ctx, 'EVIDENCE', file.ownerId, file.emulationYearId);
  if (file.ownerType === 'NOMINATION') return loadOwner(ctx, 'NOMINATION', file.ownerId).catch(year);
  return year();
}

export function readsYearFiles(ctx: GraphQLContext, year: EmulationYear): boolean {
  return MEMBERS.some((r) => ctx.access?.roles.has(r as never)) && seesYearOutcome(ctx, year);
}

/** A member's evidence for a year, readable as its own sheet is: the unit, its cross-scorers, the secretariat. */
async function evidenceOwner(ctx: GraphQLContext, unitId: string, yearId: string): Promise<OwnerRecord> {
  const year = isUuid(yearId) && isUuid(unitId) ? await ctx.loaders.emulationYear.load(yearId) : null;
  const reads =
    !!year && (await yearMembers(ctx, year)).includes(unitId) && (await readsOwnSheet(ctx, year))(unitId);
  if (!year || !reads) throw notFound('Evidence', unitId);
  return { ownerType: 'EVIDENCE', ownerId: unitId, year, subject: null, unitId };
}

/**
 * Who attaches and deletes: the secretariat or the head or deputy unit's officers (who run the block's year), and
 * a nominated unit's officers on its own nomination (its achievement report is theirs to write), while the dossier
 * is not yet submitted, or the nomination was returned for more. What was submitted stays as it was. A member's evidence: its officers or the secretariat,
 * while the member may still send its own sheet (scoring open, before its deadline); returns the year's scoring
 * rules then, whose criteria the files are attached to.
 */
export async function assertAttaches(ctx: GraphQLContext, owner: OwnerRecord): Promise<ScoringRules | null> {
  if (ctx.access?.readOnlyReason) throw forbidden(ctx.access.readOnlyReason);
  if (owner.ownerType === 'EVIDENCE') {
    const unitId = owner.ownerId;
    if (!(ctx.access?.officerOf.has(unitId) || isSecretariat(ctx)))
      throw forbidden("Only the unit's officers or the secretariat add the unit's evidence");
    return assertSheetOpen(ctx, owner.year, 'SELF', unitId, unitId);
  }
  if (!(owner.unitId && ctx.access?.officerOf.has(owner.unitId))) assertRunsYear(ctx, owner.year);
  // A proposal returned for more material takes files again until it is sent again.
  if (isAtLeast(owner.year.state, 'DOSSIER_SUBMITTED') && !owner.returnedAt)
    throw conflict(`The dossier is submitted (the year is ${owner.year.state}): its files are final`);
  return null;
}

/**
 * In a write to a returned proposal's files: the proposal is still returned, and stays so until the write
 * commits. A proposal sent again meanwhile has final files, whatever the earlier read saw.
 */
export async function assertStillReturned(owner: OwnerRecord): Promise<void> {
  if (owner.ownerType === 'NOMINATION' && owner.returnedAt)
    if ((await awardRepository.heldStatus(owner.ownerId)) !== 'RETURNED')
      throw conflict('The proposal was sent again meanwhile: its files are final');
}

/** Whether the user may attach to the record now (assertAttaches, as a yes or no). */
export const attaches = (ctx: GraphQLContext, owner: OwnerRecord) =>
  assertAttaches(ctx, owner).then(
    () => true,
    // A refusal is a no; anything else (the database) is the request's failure.
    (e: unknown) => (e instanceof GraphQLError ? false : Promise.reject(e)),
  );

/** A record's files, oldest first; one statement per request for all the years asked about. */
export async function filesOf(
  ctx: GraphQLContext,
  owner: Omit<OwnerRecord, 'year' | 'unitId'> & { yearId: string },
) {
  const all = await yearFiles(ctx).load(owner.yearId);
  return all.filter(
    (a) =>
      a.ownerType === owner.ownerType &&
      (a.ownerType === 'NOMINATION'
        ? a.subject === owner.subject
        : a.ownerType === 'EMULATION_YEAR' || a.ownerId === owner.ownerId),
  );
}

/** Every file of a block's year, whoever owns it (the year, a conference, a nomination, a member's evidence). */
export const filesOfYear = (ctx: GraphQLContext, yearId: string) => yearFiles(ctx).load(yearId);

const loadersOfRequest = new WeakMap<object, DataLoader<string, Attachment[]>>();
function yearFiles(ctx: GraphQLContext): DataLoader<string, Attachment[]> {
  let loader = loadersOfRequest.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader(async (yearIds) => {
      const rows = await attachmentRepository.ofYears(yearIds.filter(isUuid));
      return yearIds.map((id) => rows.filter((r) => r.emulationYearId === id));
    });
    loadersOfRequest.set(ctx.loaders, loader);
  }
  return loader;
}

/** Where a file's bytes live in the storage: under its province, by its id. */
export const storageKey = (provinceId: string, id: string) => `${provinceId}/${id}`;

/**
 * Stores a document the platform generated (the submission, the vote-count minutes…) with the block year's
 * dossier, as the signed-in user, when the dossier is submitted: "what was submitted is what stays". Such a
 * file is never deleted. Call it inside the request's transaction (the submitting mutation): the bytes are
 * written first, and removed again if the transaction does not commit.
 */
export async function storeGeneratedDocument(
  ctx: GraphQLContext,
  record: { emulationYearId: string; ownerType?: AttachmentOwner; ownerId?: string; subject?: string | null },
  name: string,
  bytes: Buffer,
  contentType: string,
): Promise<Attachment> {
  const id = randomUUID();
  const key = storageKey(currentProvinceId(), id);
  const stored = await ctx.services.files.put(key, bytes, { contentType });
  afterRelease(async () => {
    if (ctx.outcome.failed) await ctx.services.files.delete(key);
  });
  const ownerType = record.ownerType ?? 'EMULATION_YEAR';
  const saved = await recordFile(ctx, {
    id,
    key,
    owner: {
      yearId: record.emulationYearId,
      ownerType,
      ownerId: record.ownerId ?? record.emulationYearId,
      subject: ownerType === 'NOMINATION' ? (record.subject ?? null) : null,
    },
    name,
    contentType,
    stored,
    generated: true,
  });
  yearFiles(ctx).clear(record.emulationYearId);
  return saved;
}

/** The row of a file whose bytes are stored, audited as uploaded or generated. */
export async function recordFile(
  ctx: GraphQLContext,
  f: {
    id: string;
    key: string;
    owner: { yearId: string; ownerType: AttachmentOwner; ownerId: string; subject: string | null };
    name: string;
    contentType: string;
    stored: StoredObject;
    generated: boolean;
    /** An evidence file the secretariat added for the member: its reason, audited and told to the unit. */
    onBehalfReason?: string | null;
  },
): Promise<Attachment> {
  const row = await attachmentRepository.insert({
    id: f.id,
    emulationYearId: f.owner.yearId,
    ownerType: f.owner.ownerType,
    ownerId: f.owner.ownerId,
    subject: f.owner.subject,
    name: f.name,
    contentType: f.contentType,
    size: f.stored.size,
    sha256: f.stored.sha256,
    storageKey: f.key,
    generated: f.generated,
    uploadedBy: ctx.principal!.userId,
  });
  const entity = { type: 'Attachment', id: f.id };
  if (f.generated) await audit(ctx, 'attachment.generated', entity.type, entity.id, { after: describe(row) });
  else
    await auditUnitAct(ctx, 'attachment.upload', f.owner.ownerId, f.onBehalfReason ?? null, entity, {
      after: describe(row),
    });
  return row;
}

/** What the audit keeps of a file: enough to recognise it, never its content. */
export function describe(a: Attachment) {
  return {
    ownerType: a.ownerType,
    ownerId: a.ownerId,
    subject: a.subject,
    emulationYearId: a.emulationYearId,
    name: a.name,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    generated: a.generated,
  };
}

export function clearYearFiles(ctx: GraphQLContext, yearId: string): void {
  yearFiles(ctx).clear(yearId);
}

function pascal(s: string): string {
  return s.charAt(0) + s.slice(1).toLowerCase();
}
