import { auditRepository, type AuditEvent } from '@thidua/db';
import type { OnBehalfActName } from '@thidua/domain';
import { enqueueJob, jobId, notifyEvent } from '@thidua/jobs';
import type { GraphQLContext } from '../context';

/** Appends to the request province's hash-chained audit log, as the signed-in user. */
export async function audit(
  ctx: GraphQLContext,
  action: string,
  entityType: string,
  entityId: string,
  change: { before?: object | null; after?: object | null } = {},
): Promise<AuditEvent> {
  return auditRepository.append({
    actorUserId: ctx.principal!.userId,
    action,
    entityType,
    entityId,
    requestId: ctx.requestId,
    ...change,
  });
}

/**
 * A unit's own act (its signature, registration, score sheet, ballot), audited as `act`; entered by the secretariat
 * for the unit (`onBehalfReason` given), audited as `<act>_on_behalf` with the reason in `after`, and the unit's
 * officers are told (on_behalf.entered: the worker reads what and why from this entry, the payload names only it).
 */
export async function auditUnitAct(
  ctx: GraphQLContext,
  act: OnBehalfActName,
  unitId: string,
  onBehalfReason: string | null,
  entity: { type: string; id: string },
  change: { before?: object | null; after?: object | null } = {},
): Promise<void> {
  if (!onBehalfReason) {
    await audit(ctx, act, entity.type, entity.id, change);
    return;
  }
  const entry = await audit(ctx, `${act}_on_behalf`, entity.type, entity.id, {
    ...change,
    after: { ...change.after, unitId, onBehalfReason },
  });
  const provinceId = ctx.access!.provinceId;
  await enqueueJob(
    'notify',
    { ...notifyEvent(provinceId, 'on_behalf.entered', entity.id, entry.seq), unitIds: [unitId] },
    { jobId: jobId('notify', 'on_behalf.entered', provinceId, entry.seq) },
  );
}
