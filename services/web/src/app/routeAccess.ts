import { hasRole, type Role, type SessionState } from './session';

/** Pages that work without a province: the ministry's and the platform operator's, and the person's own. */
const PROVINCE_FREE =
  /^\/(account|notifications\/preferences|dashboards(\/[^/]+)?|admin|platform\/provinces(\/new)?)?$/;

const SECRETARIAT: Role[] = ['PROVINCE_ADMIN', 'PLATFORM_ADMIN'];
/** Pages only some roles can use: others get a sentence instead of a form every button of which is refused. */
const ROUTE_ROLES: [RegExp, Role[]][] = [
  [/^\/platform\/provinces\/new$/, ['PLATFORM_ADMIN']],
  [/^\/(users|import|audit|webhooks|nominations|council|award-decisions\/new|admin)$/, SECRETARIAT],
];

/**
 * Why the signed-in person cannot use the page at `path`, or null when they can: `province` when it is a
 * province's page and the session acts in none, `role` when the page is for other roles. The gateway refuses
 * either way; this only spares the person a page of errors.
 */
export function routeRefusal(session: SessionState, path: string): 'province' | 'role' | null {
  if (!session.provinceId && !PROVINCE_FREE.test(path)) return 'province';
  const roles = ROUTE_ROLES.find(([route]) => route.test(path))?.[1];
  return roles && !hasRole(session, ...roles) ? 'role' : null;
}
