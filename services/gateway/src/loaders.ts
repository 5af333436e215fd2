import DataLoader from 'dataloader';
import {
  baseSalaryRepository,
  blockRepository,
  criteriaSetRepository,
  deferralRepository,
  emulationYearRepository,
  personRepository,
  provinceRepository,
  unitRepository,
  userRepository,
  votingRepository,
  awardRepository,
  conferenceRepository,
  decisionRepository,
  webhookRepository,
} from '@thidua/db';

export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

// An id that is not a UUID names nothing: answer null (NOT_FOUND) rather than let Postgres fail the transaction.
function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = new Map((await load(ids.filter(isUuid))).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

function grouped<T>(load: (ids: readonly string[]) => Promise<T[]>, keysOf: (row: T) => string[]) {
  return new DataLoader<string, T[]>(async (ids) => {
    const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of await load(ids.filter(isUuid)))
      for (const key of keysOf(row)) groups.get(key)?.push(row);
    return ids.map((id) => groups.get(id)!);
  });
}

function addresses(kind: 'subscription' | 'delivery') {
  return new DataLoader<string, string | null>(async (ids) => {
    const urls = await webhookRepository.addressesOf(kind, ids.filter(isUuid));
    return ids.map((id) => urls.get(id) ?? null);
  });
}

/**
 * One set per request, so a list asking for a relation costs one statement, and nothing is cached across
 * requests or provinces (tenant loaders run inside the request's tenant transaction).
 */
const MAKERS = {
  province: () => byId(provinceRepository.byIds),
  lineage: () => grouped(provinceRepository.lineageOf, (l) => [l.predecessorId, l.successorId]),
  unit: () => byId(unitRepository.byIds),
  user: () => byId(userRepository.byIds),
  rolesOfUser: () => grouped(userRepository.rolesOf, (r) => [r.userId]),
  block: () => byId(blockRepository.byIds),
  membershipsOfBlock: () => grouped(blockRepository.memberships, (m) => [m.blockId]),
  membershipsOfUnit: () => grouped(blockRepository.membershipsOfUnits, (m) => [m.unitId]),
  /** Keyed `${blockId}:${year}`; the unit ids of the block's members that year. */
  membersInYear: () =>
    new DataLoader<string, string[]>(async (keys) => {
      const byYear = new Map<number, string[]>();
      for (const k of keys) {
        const [blockId, year] = k.split(':') as [string, string];
        byYear.set(Number(year), [...(byYear.get(Number(year)) ?? []), blockId]);
      }
      const found = new Map<string, string[]>();
      for (const [year, blockIds] of byYear) {
        for (const [blockId, units] of await blockRepository.membersInYear(blockIds.filter(isUuid), year)) {
          found.set(`${blockId}:${year}`, units);
        }
      }
      return keys.map((k) => found.get(k) ?? []);
    }),
  person: () => byId(personRepository.byIds),
  // R6's women facts of a unit: null when it has no people recorded.
  womenFacts: () =>
    new DataLoader(async (unitIds: readonly string[]) => {
      const facts = await personRepository.womenFacts(unitIds.filter(isUuid));
      return unitIds.map((id) => facts.get(id) ?? null);
    }),
  emulationYear: () => byId(emulationYearRepository.byIds),
  covenantItems: () => grouped(emulationYearRepository.covenantItems, (i) => [i.emulationYearId]),
  signatures: () => grouped(emulationYearRepository.signatures, (s) => [s.emulationYearId]),
  registrations: () => grouped(emulationYearRepository.registrations, (r) => [r.emulationYearId]),
  sheets: () => grouped(emulationYearRepository.sheets, (s) => [s.emulationYearId]),
  sheet: () => byId(emulationYearRepository.sheetsByIds),
  awardDecision: () => byId(decisionRepository.byIds),
  /** Keyed by a base salary row's first day: the platform's table, read once for the request. */
  baseSalary: () =>
    new DataLoader(async (days: readonly string[]) => {
      const rows = await baseSalaryRepository.list();
      return days.map((d) => rows.find((r) => r.effectiveFrom === d) ?? null);
    }),
  decisionItemsOfNomination: () => grouped(decisionRepository.itemsOfNominations, (i) => [i.nominationId]),
  results: () => grouped(emulationYearRepository.results, (r) => [r.emulationYearId]),
  criteriaSet: () => byId(criteriaSetRepository.byIds),
  deferralsOfUnit: () => grouped(deferralRepository.ofUnits, (d) => [d.unitId]),
  votingPeriod: () => byId(votingRepository.byIds),
  periodsOfYear: () =>
    grouped(votingRepository.ofYears, (p) => (p.emulationYearId ? [p.emulationYearId] : [])),
  contests: () => grouped(votingRepository.contests, (c) => [c.votingPeriodId]),
  votingResults: () => grouped(votingRepository.results, (r) => [r.votingPeriodId]),
  decisions: () => grouped(votingRepository.decisions, (d) => [d.votingPeriodId]),
  pendingCouncilSession: () => grouped(votingRepository.pendingCouncilSessions, (s) => [s.nominationId]),
  conference: () => byId(conferenceRepository.byIds),
  conferenceOfYear: () => grouped(conferenceRepository.ofYears, (c) => [c.emulationYearId]),
  paperCount: () => grouped(conferenceRepository.paperCounts, (c) => [c.votingPeriodId]),
  awardOutcome: () => grouped(awardRepository.outcomes, (o) => [o.emulationYearId]),
  nominations: () => grouped(awardRepository.nominations, (n) => [n.emulationYearId]),
  nomination: () => byId(awardRepository.nominationsByIds),
  receipts: () => grouped(votingRepository.receiptsOf, (r) => [r.votingPeriodId]),
  webhookAttempts: () => grouped(webhookRepository.attempts, (a) => [a.deliveryId]),
  lastWebhookAttempt: () =>
    new DataLoader(async (ids: readonly string[]) => {
      const last = await webhookRepository.lastAttempts(ids.filter(isUuid));
      return ids.map((id) => last.get(id) ?? null);
    }),
  /** The address a webhook receiver or delivery was for, by its id: how the audit log names them. */
  webhookAddress: () => addresses('subscription'),
  deliveryAddress: () => addresses('delivery'),
  turnout: () =>
    new DataLoader<string, number>(async (ids) => {
      const counts = await votingRepository.turnout(ids.filter(isUuid));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
};

export type Loaders = { readonly [K in keyof typeof MAKERS]: ReturnType<(typeof MAKERS)[K]> };

/**
 * Each loader is made when a request first uses it: a ballot uses one or two of the thirty, and making them all
 * was 0.4 % of a ballot's CPU (profile).
 */
const LAZY: object = Object.create(
  null,
  Object.fromEntries(
    Object.entries(MAKERS).map(([name, make]) => [
      name,
      {
        get(this: { made: Record<string, unknown> }) {
          return (this.made[name] ??= make());
        },
      },
    ]),
  ),
);

export function createLoaders(): Loaders {
  return Object.create(LAZY, { made: { value: {} } }) as Loaders;
}
