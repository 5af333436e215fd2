export const ROLES = [
  'PLATFORM_ADMIN',
  'NATIONAL_VIEWER',
  'PROVINCE_ADMIN',
  'UNIT_OFFICER',
  'COUNCIL_MEMBER',
] as const;
export type Role = (typeof ROLES)[number];

/** Platform-wide roles carry no province; the others are scoped to one province, a unit officer also to a unit. */
export const GLOBAL_ROLES: readonly Role[] = ['PLATFORM_ADMIN', 'NATIONAL_VIEWER'];

export interface RoleScope {
  role: Role;
  provinceId: string | null;
  unitId: string | null;
}

/** Returns the problem with a scope, naming the field, or null when the scope fits the role. */
export function roleScopeProblem(scope: RoleScope): { field: string; message: string } | null {
  const global = GLOBAL_ROLES.includes(scope.role);
  if (global && scope.provinceId)
    return { field: 'provinceId', message: `${scope.role} is platform-wide: give no provinceId` };
  if (!global && !scope.provinceId)
    return { field: 'provinceId', message: `${scope.role} needs a provinceId` };
  if (scope.role === 'UNIT_OFFICER' && !scope.unitId)
    return { field: 'unitId', message: 'UNIT_OFFICER needs a unitId' };
  if (scope.role !== 'UNIT_OFFICER' && scope.unitId)
    return { field: 'unitId', message: `${scope.role} takes no unitId` };
  return null;
}
