import { useSyncExternalStore } from 'react';
import type { ResultOf } from 'gql.tada';
import { stringifyDocument } from '@urql/core';
import { graphql } from '../graphql';
import type { ApiError } from '../i18n/errors';
import { lastEmulationYear, runsYear, thisYear, today } from '../features/block/dates';
import { removeAllDrafts } from '../features/emulation-year/sheetDraft';

/**
 * The signed-in session. The access token lives only in this module's memory; the refresh token is an
 * HttpOnly cookie the gateway sets on /auth (docs/web.md): no script can read it, so an injected script
 * cannot carry the session away. A reload signs in again silently through /auth/refresh.
 */
export const MeQuery = graphql(`
  query Me {
    me {
      id
      fullName
      email
      locale
      roles {
        id
        role
        provinceId
        unitId
      }
      provinces {
        id
        name
        kind
        code
        isCurrent
        validFrom
        validTo
        predecessors {
          id
          name
          kind
          validFrom
          validTo
        }
      }
    }
  }
`);
export type Me = ResultOf<typeof MeQuery>['me'];
export type Role = Me['roles'][number]['role'];

export interface SessionState {
  /** `unreachable`: at start, the gateway could not answer whether a session goes on (it is not ended). */
  status: 'loading' | 'signed-in' | 'signed-out' | 'unreachable';
  user: Me | null;
  provinceId: string | null;
  /** Why the person is signed out: their session ended under them, or they signed out. */
  reason: 'expired' | 'signed-out' | null;
}

const PROVINCE_KEY = 'thidua.province';
const HEADERS = { 'content-type': 'application/json', 'x-thidua-web': '1' };

let state: SessionState = { status: 'loading', user: null, provinceId: null, reason: null };
let accessToken: string | null = null;
let expiresAt = 0;
const listeners = new Set<() => void>();

function set(next: Partial<SessionState>) {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

/** The signed-in person's language as just kept with their account (setMyLocale). */
export function rememberLocale(locale: Me['locale']): void {
  if (state.user && state.user.locale !== locale) set({ user: { ...state.user, locale } });
}

export function getSession(): SessionState {
  return state;
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

class AuthFailure extends Error {
  constructor(readonly errors: ApiError[] | 'network') {
    super('sign-in failed');
  }
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { ...HEADERS, ...headers },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new AuthFailure('network');
  }
  const json = (await res.json().catch(() => ({}))) as {
    accessToken?: string;
    accessTokenExpiresAt?: string;
    errors?: ApiError[];
  };
  if (!res.ok || !json.accessToken) {
    if (res.status >= 500 && !json.errors) throw new AuthFailure('network');
    throw new AuthFailure(json.errors ?? [{ message: 'failed', extensions: { code: 'UNAUTHENTICATED' } }]);
  }
  accessToken = json.accessToken;
  expiresAt = Date.parse(json.accessTokenExpiresAt ?? '') || Date.now() + 60_000;
}

/** Reads who signed in, and picks the province they act in (the last one chosen, else their first). */
async function loadUser(): Promise<void> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query: stringifyDocument(MeQuery), operationName: 'Me' }),
  });
  const json = (await res.json()) as { data?: ResultOf<typeof MeQuery>; errors?: ApiError[] };
  if (!json.data) throw new AuthFailure(json.errors ?? 'network');
  const user = json.data.me;
  let provinceId: string | null = null;
  try {
    provinceId = localStorage.getItem(PROVINCE_KEY);
  } catch {
    /* ignore */
  }
  if (!switchableProvinces(user).some((p) => p.id === provinceId)) {
    provinceId = user.provinces.find((p) => p.isCurrent)?.id ?? user.provinces[0]?.id ?? null;
  }
  set({ status: 'signed-in', user, provinceId, reason: null });
}

/** A province the session may act in: one where the person holds a role, or a former one absorbed by it. */
export interface SwitchableProvince {
  id: string;
  name: string;
  isCurrent: boolean;
  /** Read through its successor (domain.md §5): read-only, and named with when it ended. */
  absorbedUntil: string | null;
  /** For a former province, the person's province that absorbed it. */
  successorId: string | null;
  kind?: 'PROVINCE' | 'CITY';
}

/**
 * The provinces of the person's roles, each followed by the former provinces it absorbed: their data stays
 * readable under the successor (the gateway grants it by lineage), so a session may move to them (a unit's
 * predecessor followed from its page, `?province=`).
 */
export function switchableProvinces(user: Me): SwitchableProvince[] {
  const own = user.provinces.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    isCurrent: p.isCurrent,
    absorbedUntil: null,
    successorId: null,
  }));
  const absorbed = user.provinces.flatMap((p) =>
    p.predecessors
      .filter((f) => f.id !== p.id && !user.provinces.some((o) => o.id === f.id))
      .map((f) => ({
        id: f.id,
        name: f.name,
        kind: f.kind,
        isCurrent: false,
        absorbedUntil: f.validTo ?? '',
        successorId: p.id,
      })),
  );
  return [...own, ...absorbed.filter((f, i) => absorbed.findIndex((o) => o.id === f.id) === i)];
}

/** PROVINCE or CITY: the kind of the province the session acts in, whose words the pages use ("UBND thành phố"). */
export function actingProvinceKind(s: SessionState): 'PROVINCE' | 'CITY' | null {
  if (!s.user) return null;
  return switchableProvinces(s.user).find((p) => p.id === s.provinceId)?.kind ?? null;
}

/**
 * The provinces the header's switcher offers: the former ones only to the secretariat, which records their
 * history, and to platform-wide roles. A unit's officer or a council member works in today's province; a list of
 * former provinces would only take room above the ballot. The one acted in is always offered (an officer who
 * followed a predecessor there sees where they are).
 */
export function switcherProvinces(user: Me, actingIn: string | null): SwitchableProvince[] {
  const readsFormer = (provinceId: string) =>
    user.roles.some(
      (r) => r.provinceId === null || (r.provinceId === provinceId && r.role === 'PROVINCE_ADMIN'),
    );
  return switchableProvinces(user).filter(
    (p) => !p.successorId || readsFormer(p.successorId) || p.id === actingIn,
  );
}

/** Signs in; resolves with the API's errors when refused. */
export async function signIn(email: string, password: string): Promise<ApiError[] | 'network' | null> {
  try {
    await post('/auth/login', { email, password });
    await loadUser();
    return null;
  } catch (e) {
    if (e instanceof AuthFailure) return e.errors;
    return 'network';
  }
}

let refreshing: Promise<boolean> | null = null;

/**
 * Spends the refresh cookie for a new access token. Refresh tokens are single use and a reused one ends the
 * session, so tabs of the same browser take turns (Web Locks) and each reads the cookie the last one set.
 */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const run = async () => {
      try {
        await post('/auth/refresh', {});
        return true;
      } catch (e) {
        // Only a refusal ends the session: a server that failed or asks to wait keeps it for the next try.
        const refused =
          e instanceof AuthFailure &&
          e.errors !== 'network' &&
          e.errors.every((x) => x.extensions?.code === 'UNAUTHENTICATED');
        if (!refused) throw e;
        return false;
      }
    };
    try {
      return await (navigator.locks ? navigator.locks.request('thidua-refresh', run) : run());
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * At start (and when trying again): a session is resumed from the refresh cookie when there is one. Only a refusal
 * signs the person out; a gateway that cannot answer leaves the cookie for the next try.
 */
export async function resume(): Promise<void> {
  set({ status: 'loading', user: null, reason: null });
  try {
    if (await refresh()) return await loadUser();
    set({ status: 'signed-out', user: null, reason: null });
  } catch (e) {
    const refused =
      e instanceof AuthFailure &&
      e.errors !== 'network' &&
      e.errors.every((x) => x.extensions?.code === 'UNAUTHENTICATED');
    set({ status: refused ? 'signed-out' : 'unreachable', user: null, reason: null });
  }
}

/** A valid access token, refreshed a little before it expires; null once the session has ended. */
export async function getToken(): Promise<string | null> {
  if (accessToken && Date.now() < expiresAt - 30_000) return accessToken;
  try {
    if (await refresh()) return accessToken;
  } catch {
    return accessToken; // offline: let the request fail as a network error, not as a sign-out
  }
  sessionExpired();
  return null;
}

/** The session ended under the person (expired, revoked): back to sign-in, returning here afterwards. */
export function sessionExpired(): void {
  if (state.status !== 'signed-in') return;
  accessToken = null;
  set({ status: 'signed-out', user: null, reason: 'expired' });
}

export async function signOut(): Promise<void> {
  const token = accessToken;
  accessToken = null;
  expiresAt = 0;
  await fetch('/auth/logout', {
    method: 'POST',
    headers: { ...HEADERS, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: '{}',
  }).catch(() => undefined);
  removeAllDrafts();
  set({ status: 'signed-out', user: null, reason: 'signed-out' });
}

export function setProvince(provinceId: string): void {
  try {
    localStorage.setItem(PROVINCE_KEY, provinceId);
  } catch {
    /* ignore */
  }
  set({ provinceId });
}

/**
 * The roles the person holds in the province they act in (platform-wide roles count everywhere); in a former
 * province where they hold none, those of the province that absorbed it, as the gateway grants them (read-only).
 */
export function rolesHere(s: SessionState): Me['roles'] {
  const roles = s.user?.roles ?? [];
  const direct = roles.filter((r) => r.provinceId === s.provinceId);
  const successors = (s.user?.provinces ?? [])
    .filter((p) => p.predecessors.some((f) => f.id === s.provinceId))
    .map((p) => p.id);
  const global = roles.filter((r) => r.provinceId === null);
  // As the gateway's provinceAccess: the successor's roles only to whom holds none here and none platform-wide.
  const here =
    direct.length || global.length
      ? direct
      : roles.filter((r) => r.provinceId && successors.includes(r.provinceId));
  return [...global, ...here];
}

export function hasRole(s: SessionState, ...roles: Role[]): boolean {
  return rolesHere(s).some((r) => roles.includes(r.role));
}

/**
 * The ministry's viewers out of any province have no tasks: their home is the dashboards (one page, one link in
 * the menu).
 */
export function homeIsDashboards(s: SessionState): boolean {
  return !s.provinceId && hasRole(s, 'NATIONAL_VIEWER') && !hasRole(s, 'PLATFORM_ADMIN');
}

/** The day the province acted in ended, when it has (a former province, domain.md §5); else null. */
export function endedOnHere(s: SessionState): string | null {
  const provinces = (s.user?.provinces ?? []).flatMap((p) => [p, ...p.predecessors]);
  const validTo = provinces.find((p) => p.id === s.provinceId)?.validTo;
  return validTo && validTo < today() ? validTo : null;
}

/**
 * Where `year` stands against the province acted in: run here (null), before it began (its former provinces ran
 * it), or after it ended (its successor runs it). The gateway's rule (history/province-years.ts): a province ended
 * on 30 June ran the year before last; one begun on 1 July runs that year.
 */
export function yearOutsideHere(
  s: SessionState,
  year: number,
):
  | { name: string; before: true; began: string }
  | { name: string; before: false; ended: string; last: number }
  | null {
  const here = (s.user?.provinces ?? [])
    .flatMap((p) => [p, ...p.predecessors])
    .find((p) => p.id === s.provinceId);
  if (!here || runsYear(here, year)) return null;
  if (here.validFrom && year < Number(here.validFrom.slice(0, 4)))
    return { name: here.name, before: true, began: here.validFrom };
  return { name: here.name, before: false, ended: here.validTo!, last: lastEmulationYear(here.validTo!) };
}

/**
 * The emulation year the province's pages open on: this year, or a former province's last (its pages have
 * nothing after it).
 */
export function openingYearHere(s: SessionState): number {
  const ended = endedOnHere(s);
  return ended ? Math.min(thisYear(), lastEmulationYear(ended)) : thisYear();
}

/**
 * How the person reaches the province acted in, as the gateway's provinceAccess sees it: whether it has ended (a
 * former province, domain.md §5), and whether they hold no role of their own there (nor platform-wide) and read it
 * through a province that absorbed it.
 */
function reachHere(s: SessionState): { ended: boolean; viaSuccessor: boolean } {
  const roles = s.user?.roles ?? [];
  const own = roles.some((r) => r.provinceId === s.provinceId || r.provinceId === null);
  return { ended: endedOnHere(s) !== null, viaSuccessor: !!s.provinceId && !own };
}

/**
 * The province acted in is read-only to the person: reached through its successor, or ended (to all but the
 * platform admin). The pages then offer no form that the gateway would refuse.
 */
export function readOnlyHere(s: SessionState): boolean {
  const { ended, viaSuccessor } = reachHere(s);
  return viaSuccessor || (ended && !hasRole(s, 'PLATFORM_ADMIN'));
}

/** Holds one of the roles here and may act on it: the province is not read-only. */
export function canAct(s: SessionState, ...roles: Role[]): boolean {
  return hasRole(s, ...roles) && !readOnlyHere(s);
}

/**
 * May record the province's history from documents (the gateway's `recordsHistory`): the platform admin; in a
 * province in force its own secretariat; in a former province the secretariat of the province that absorbed it.
 */
export function recordsHistoryHere(s: SessionState): boolean {
  if (hasRole(s, 'PLATFORM_ADMIN')) return true;
  const { ended, viaSuccessor } = reachHere(s);
  return ended === viaSuccessor && hasRole(s, 'PROVINCE_ADMIN');
}

/** Units the person is an officer of, in the province they act in. */
export function myUnits(s: SessionState): string[] {
  return rolesHere(s)
    .filter((r) => r.role === 'UNIT_OFFICER' && r.unitId)
    .map((r) => r.unitId!);
}
