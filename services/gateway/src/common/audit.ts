import { auditRepository } from '@thidua/db';
import type { GraphQLContext } from '../context';

/** Appends to the request province's hash-chained audit log, as the signed-in user. */
export async function audit(
  ctx: GraphQLContext,
  action: string,
  entityType: string,
  entityId: string,
  change: { before?: object | null; after?: object | null } = {},
): Promise<void> {
  await auditRepository.append({
    actorUserId: ctx.principal!.userId,
    action,
    entityType,
    entityId,
    requestId: ctx.requestId,
    ...change,
  });
}
