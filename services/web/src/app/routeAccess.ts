import { hasRole, readOnlyHere, type Role, type SessionState } from './session';

/** Pages that work without a province: the ministry's and the platform operator's, and the person's own. */
const PROVINCE_FREE =
  /^\/(account|notifications\/preferences|dashboards(\/[^/]+)?|admin|platform\/audit|platform\/provinces(\/new|\/[^/]+\/accounts)?)?$/;

/**
 * The sections of a province's work (the router's first segments, App.tsx): an address in none of them is no page
 * at all, and is said to be not found rather than a province's page.
 */
const PROVINCE_SECTIONS =
  /^\/(audit|award-decisions|blocks|council|import|nominations|notifications|persons|province|units|users|voting-periods|webhooks|year-end)(\/|$)/;

const SECRETARIAT: Role[] = ['PROVINCE_ADMIN', 'PLATFORM_ADMIN'];
/** Pages only some roles can use: others get a sentence instead of a form every button of which is refused. */
const ROUTE_ROLES: [RegExp, Role[]][] = [
  [/^\/platform\/(audit|provinces\/(new|[^/]+\/accounts))$/, ['PLATFORM_ADMIN']],
  // The council's sessions: the secretariat opens them, its members read the ones they were called to.
  [/^\/council$/, ['PROVINCE_ADMIN', 'COUNCIL_MEMBER']],
  [/^\/award-decisions\/new$/, ['PROVINCE_ADMIN']],
  [/^\/(users|import|audit|webhooks|nominations|admin)$/, SECRETARIAT],
  // The secretariat's forms: a block's creation and edit, past years, the certificate blank. (The year-end page
  // is read by everyone: its actions are the secretariat's alone.)
  [/^\/(blocks\/new|blocks\/[^/]+\/edit|province\/(history|certificate))$/, SECRETARIAT],
];

/** Pages that only write (a new block, an import, a decision): nothing to read in a read-only province. */
const WRITES_ONLY = /^\/(import|award-decisions\/new|blocks\/new|blocks\/[^/]+\/edit)$/;

/**
 * Why the signed-in person cannot use the page at `location`, or null when they can: `province` when it is a
 * province's page and the session acts in none, `role` (with the roles it is for) when it is for other roles,
 * `readOnly` when it only writes and the province is read-only (a former one). The gateway refuses either way;
 * this only spares the person a page of errors.
 */
export type Refusal = { reason: 'province' } | { reason: 'role'; roles: Role[] } | { reason: 'readOnly' };

export function routeRefusal(session: SessionState, location: string): Refusal | null {
  // As the router matches: whatever the case, with or without a trailing slash.
  const path = location.toLowerCase().replace(/(.)\/$/, '$1');
  // The platform operator manages every account without a province (the gateway lists them all).
  const free = PROVINCE_FREE.test(path) || (path === '/users' && hasRole(session, 'PLATFORM_ADMIN'));
  if (!session.provinceId && !free && PROVINCE_SECTIONS.test(path)) return { reason: 'province' };
  const roles = ROUTE_ROLES.find(([route]) => route.test(path))?.[1];
  if (roles && !hasRole(session, ...roles)) return { reason: 'role', roles };
  return WRITES_ONLY.test(path) && readOnlyHere(session) ? { reason: 'readOnly' } : null;
}

/** Sections whose records open from no list page of their own: after a switch, home. */
const NO_LIST = /^\/voting-periods$/;

/**
 * Where a person who switches province lands: the same page when it is not one province's record (a list, a
 * dashboard, the year-end of a year), else the list its record belongs to. Filters are dropped: they may name
 * the old province's units.
 */
export function pageAfterSwitch(location: string): string {
  const segments = location.split('?')[0]!.split('/');
  const record = segments.findIndex((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s));
  const path = record === -1 ? segments.join('/') : segments.slice(0, record).join('/');
  return !path || NO_LIST.test(path) ? '/' : path;
}
