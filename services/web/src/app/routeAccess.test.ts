import { describe, expect, it } from 'vitest';
import { pageAfterSwitch, routeRefusal } from './routeAccess';
import {
  canAct,
  endedOnHere,
  openingYearHere,
  readOnlyHere,
  recordsHistoryHere,
  switchableProvinces,
  switcherProvinces,
  yearOutsideHere,
  type Me,
  type Role,
  type SessionState,
} from './session';
import { thisYear } from '../features/block/dates';

const LAO_CAI = 'p-15';
const FORMER_LAO_CAI = 'p-10';

function session(roles: [Role, string | null][], provinceId: string | null): SessionState {
  const user: Me = {
    id: 'u',
    fullName: 'Nguyễn Văn Thử',
    email: 'thu@thidua.vn',
    locale: 'vi',
    roles: roles.map(([role, province], i) => ({ id: `r${i}`, role, provinceId: province, unitId: null })),
    provinces: [
      {
        id: LAO_CAI,
        name: 'Lào Cai',
        kind: 'PROVINCE',
        code: '15',
        isCurrent: true,
        validFrom: '2025-07-01',
        validTo: null,
        predecessors: [
          { id: FORMER_LAO_CAI, name: 'Lào Cai', kind: 'PROVINCE', validFrom: null, validTo: '2025-06-30' },
        ],
      },
    ],
  };
  return { status: 'signed-in', user, provinceId, reason: null };
}

describe('routeRefusal', () => {
  it('sends people who work in no province to no province’s page, but lets the operator manage accounts', () => {
    const operator = session([['PLATFORM_ADMIN', null]], null);
    expect(routeRefusal(operator, '/blocks')).toEqual({ reason: 'province' });
    expect(routeRefusal(operator, '/year-end/2025')).toEqual({ reason: 'province' });
    const accounts = `/platform/provinces/${LAO_CAI}/accounts`;
    for (const free of [
      '/',
      '/account',
      '/dashboards/trend',
      '/admin',
      '/platform/provinces/new',
      accounts,
      '/users',
    ])
      expect(routeRefusal(operator, free)).toBeNull();
    const viewer = session([['NATIONAL_VIEWER', null]], null);
    expect(routeRefusal(viewer, '/users')).toEqual({ reason: 'province' });
    expect(routeRefusal(viewer, '/platform/provinces')).toBeNull();
    expect(routeRefusal(viewer, '/platform/provinces/new')).toEqual({
      reason: 'role',
      roles: ['PLATFORM_ADMIN'],
    });
    // An address that is no page is not found, not a province's page.
    expect(routeRefusal(viewer, '/khong-ton-tai')).toBeNull();
    // Inviting a province's accounts is the operator's, not the ministry's.
    expect(routeRefusal(viewer, accounts)).toEqual({ reason: 'role', roles: ['PLATFORM_ADMIN'] });
  });

  it('says whom a page is for, whatever the case or a trailing slash', () => {
    const officer = session([['UNIT_OFFICER', LAO_CAI]], LAO_CAI);
    expect(routeRefusal(officer, '/Users/')).toEqual({
      reason: 'role',
      roles: ['PROVINCE_ADMIN', 'PLATFORM_ADMIN'],
    });
    expect(routeRefusal(officer, '/blocks')).toBeNull();
    // A form only the secretariat may send is not shown to an officer, to be refused on sending.
    for (const form of [
      '/blocks/new',
      `/blocks/${LAO_CAI}/edit`,
      '/province/history',
      '/province/certificate',
    ])
      expect(routeRefusal(officer, form)).toEqual({
        reason: 'role',
        roles: ['PROVINCE_ADMIN', 'PLATFORM_ADMIN'],
      });
    expect(routeRefusal(officer, `/blocks/${LAO_CAI}/years/2026`)).toBeNull();
    expect(routeRefusal(officer, '/year-end/2026')).toBeNull();
    expect(routeRefusal(session([['PROVINCE_ADMIN', LAO_CAI]], LAO_CAI), '/blocks/new')).toBeNull();
    // The council's sessions are the province's secretariat's, and its members' (the gateway's rule); a new
    // decision the secretariat's own.
    const operator = session([['PLATFORM_ADMIN', null]], LAO_CAI);
    expect(routeRefusal(operator, '/council')).toEqual({
      reason: 'role',
      roles: ['PROVINCE_ADMIN', 'COUNCIL_MEMBER'],
    });
    expect(routeRefusal(operator, '/award-decisions/new')).toEqual({
      reason: 'role',
      roles: ['PROVINCE_ADMIN'],
    });
    expect(routeRefusal(session([['PROVINCE_ADMIN', LAO_CAI]], LAO_CAI), '/council')).toBeNull();
    expect(routeRefusal(session([['COUNCIL_MEMBER', LAO_CAI]], LAO_CAI), '/council')).toBeNull();
  });

  it('gives the successor’s secretariat its pages in a former province it absorbed', () => {
    const secretariat = session([['PROVINCE_ADMIN', LAO_CAI]], FORMER_LAO_CAI);
    expect(routeRefusal(secretariat, '/audit')).toBeNull();
    // Holding a platform-wide role as well: the gateway then grants only that one there.
    const both = session(
      [
        ['NATIONAL_VIEWER', null],
        ['PROVINCE_ADMIN', LAO_CAI],
      ],
      FORMER_LAO_CAI,
    );
    expect(routeRefusal(both, '/audit')).toEqual({
      reason: 'role',
      roles: ['PROVINCE_ADMIN', 'PLATFORM_ADMIN'],
    });
  });
});

describe('a former province is read-only, as the gateway rules', () => {
  it('offers its successor’s secretariat no forms but the history record', () => {
    const secretariat = session([['PROVINCE_ADMIN', LAO_CAI]], FORMER_LAO_CAI);
    expect(readOnlyHere(secretariat)).toBe(true);
    expect(canAct(secretariat, 'PROVINCE_ADMIN')).toBe(false);
    expect(recordsHistoryHere(secretariat)).toBe(true);
    // Pages that only write say it is read-only; those that read stay open.
    expect(routeRefusal(secretariat, '/import')).toEqual({ reason: 'readOnly' });
    expect(routeRefusal(secretariat, '/blocks/b-1/edit')).toEqual({ reason: 'readOnly' });
    expect(routeRefusal(secretariat, '/blocks/b-1')).toBeNull();
    expect(routeRefusal(secretariat, '/council')).toBeNull();
    const home = session([['PROVINCE_ADMIN', LAO_CAI]], LAO_CAI);
    expect(readOnlyHere(home)).toBe(false);
    expect(canAct(home, 'PROVINCE_ADMIN')).toBe(true);
    expect(recordsHistoryHere(home)).toBe(true);
    expect(routeRefusal(home, '/import')).toBeNull();
  });

  it('reads a province absorbed by a merger still to come, records nothing there yet', () => {
    const secretariat = session([['PROVINCE_ADMIN', LAO_CAI]], FORMER_LAO_CAI);
    secretariat.user!.provinces[0]!.predecessors[0]!.validTo = '2099-12-31';
    expect(readOnlyHere(secretariat)).toBe(true);
    expect(canAct(secretariat, 'PROVINCE_ADMIN')).toBe(false);
    expect(recordsHistoryHere(secretariat)).toBe(false);
  });

  it('keeps the former province’s own staff to reading, and leaves the platform admin free', () => {
    const own = session([['PROVINCE_ADMIN', FORMER_LAO_CAI]], FORMER_LAO_CAI);
    own.user!.provinces.push({
      id: FORMER_LAO_CAI,
      name: 'Lào Cai',
      kind: 'PROVINCE',
      code: '10',
      isCurrent: false,
      validFrom: null,
      validTo: '2025-06-30',
      predecessors: [],
    });
    expect(canAct(own, 'PROVINCE_ADMIN')).toBe(false);
    // Only the secretariat of the province that absorbed it records its history (access.ts recordsHistory).
    expect(recordsHistoryHere(own)).toBe(false);
    const operator = session([['PLATFORM_ADMIN', null]], FORMER_LAO_CAI);
    expect(canAct(operator, 'PLATFORM_ADMIN')).toBe(true);
    expect(recordsHistoryHere(operator)).toBe(true);
  });
});

describe('the year a province’s pages open on', () => {
  it('is this year in a province in force, and a former province’s last year of emulation', () => {
    const admin = (p: string) => session([['PROVINCE_ADMIN', LAO_CAI]], p);
    expect(endedOnHere(admin(LAO_CAI))).toBeNull();
    expect(openingYearHere(admin(LAO_CAI))).toBe(thisYear());
    // Ended on 30 June 2025: its 2025 belongs to today's Lào Cai, so it opens on 2024.
    expect(endedOnHere(admin(FORMER_LAO_CAI))).toBe('2025-06-30');
    expect(openingYearHere(admin(FORMER_LAO_CAI))).toBe(2024);
  });

  it('says a year the province did not run: before it began, or after it ended', () => {
    const admin = (p: string) => session([['PROVINCE_ADMIN', LAO_CAI]], p);
    expect(yearOutsideHere(admin(LAO_CAI), 2024)).toEqual({
      name: 'Lào Cai',
      before: true,
      began: '2025-07-01',
    });
    expect(yearOutsideHere(admin(LAO_CAI), 2025)).toBeNull();
    expect(yearOutsideHere(admin(FORMER_LAO_CAI), 2024)).toBeNull();
    expect(yearOutsideHere(admin(FORMER_LAO_CAI), 2025)).toEqual({
      name: 'Lào Cai',
      before: false,
      ended: '2025-06-30',
      last: 2024,
    });
  });
});

describe('the page a province switch lands on', () => {
  const id = '0b6f5a0e-3c1d-4e7a-9f2b-5d8c7e6a1b2c';
  it.each([
    ['/dashboards/trend', '/dashboards/trend'],
    ['/nominations?status=COUNCIL_REVIEW', '/nominations'],
    ['/year-end/2026', '/year-end/2026'],
    [`/blocks/${id}/years/2026/conference`, '/blocks'],
    [`/units/${id}/awards`, '/units'],
    [`/award-decisions/${id}`, '/award-decisions'],
    [`/voting-periods/${id}/results`, '/'],
    ['/', '/'],
  ])('%s → %s', (from, to) => {
    expect(pageAfterSwitch(from)).toBe(to);
  });
});

describe('the provinces a person can switch to', () => {
  const offered = (roles: [Role, string | null][], actingIn = LAO_CAI) =>
    switcherProvinces(session(roles, actingIn).user!, actingIn).map((p) => p.id);

  it('offers the former provinces to the secretariat, which records their history, and to the platform', () => {
    expect(offered([['PROVINCE_ADMIN', LAO_CAI]])).toEqual([LAO_CAI, FORMER_LAO_CAI]);
    expect(offered([['PLATFORM_ADMIN', null]])).toEqual([LAO_CAI, FORMER_LAO_CAI]);
    expect(
      offered([
        ['UNIT_OFFICER', LAO_CAI],
        ['PROVINCE_ADMIN', LAO_CAI],
      ]),
    ).toEqual([LAO_CAI, FORMER_LAO_CAI]);
  });

  it('offers a unit officer or a council member today’s province only: nothing to choose above the ballot', () => {
    expect(offered([['UNIT_OFFICER', LAO_CAI]])).toEqual([LAO_CAI]);
    expect(offered([['COUNCIL_MEMBER', LAO_CAI]])).toEqual([LAO_CAI]);
  });

  it('still lets an officer reach a former province (a predecessor followed from the unit’s page), named while there', () => {
    const officer = session([['UNIT_OFFICER', LAO_CAI]], LAO_CAI).user!;
    expect(switchableProvinces(officer).map((p) => p.id)).toEqual([LAO_CAI, FORMER_LAO_CAI]);
    expect(offered([['UNIT_OFFICER', LAO_CAI]], FORMER_LAO_CAI)).toEqual([LAO_CAI, FORMER_LAO_CAI]);
  });
});
