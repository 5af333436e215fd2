import { GLOBAL_ROLES, readableProvinces, type Role } from '@thidua/domain';
import type { Province, SessionPrincipal } from '@thidua/db';

/** What the signed-in user may do in the province this request acts in. */
export interface ProvinceAccess {
  provinceId: string;
  province: Province;
  roles: ReadonlySet<Role>;
  /** Units the user is an officer of, in this province. */
  officerOf: ReadonlySet<string>;
  /** Why writes are refused here, or null: former provinces are history, and absorbed ones are read via lineage. */
  readOnlyReason: string | null;
  /**
   * May record the province's history from documents (recordPastYear): the platform admin; in a province in force
   * its secretariat; in a former province the secretariat of a province that absorbed it, though read-only otherwise.
   */
  recordsHistory: boolean;
}

export function provinceAccess(
  principal: SessionPrincipal,
  province: Province,
  lineage: { predecessorId: string; successorId: string }[],
  today: string,
): ProvinceAccess | null {
  const global = principal.roles.filter((r) => GLOBAL_ROLES.includes(r.role)).map((r) => r.role);
  const direct = principal.roles.filter((r) => r.provinceId === province.id);
  const roles = new Set<Role>([...global, ...direct.map((r) => r.role)]);
  let readOnlyReason: string | null = null;
  let successorAdmin = false;

  if (!direct.length && !global.length) {
    // Not a member here: maybe a successor's member, who may read the absorbed province's history.
    const via = principal.roles.filter(
      (r) => r.provinceId && readableProvinces([r.provinceId], lineage).has(province.id),
    );
    if (!via.length) return null;
    via.forEach((r) => roles.add(r.role));
    successorAdmin = via.some((r) => r.role === 'PROVINCE_ADMIN');
    readOnlyReason = `${province.name} was absorbed by a province you work in: its data is read-only for you`;
  }
  const ended = !!province.validTo && province.validTo < today;
  if (ended && !roles.has('PLATFORM_ADMIN')) {
    readOnlyReason ??= `${province.name} (${province.code}) ended on ${province.validTo}: its data is read-only`;
  }
  return {
    provinceId: province.id,
    province,
    roles,
    officerOf: new Set(direct.filter((r) => r.unitId).map((r) => r.unitId!)),
    readOnlyReason,
    recordsHistory:
      roles.has('PLATFORM_ADMIN') ||
      (ended ? successorAdmin : readOnlyReason === null && roles.has('PROVINCE_ADMIN')),
  };
}
