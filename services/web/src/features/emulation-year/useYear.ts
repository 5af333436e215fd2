import { useQuery } from 'urql';
import { hasRole, myUnits, readOnlyHere, useSession } from '../../app/session';
import { graphql, type ResultOf } from '../../graphql';
import { today } from '../block/dates';

/** What every screen of a block's year reads: one query, cached by urql between the year's screens. */
export const YearQuery = graphql(`
  query BlockYearWorkspace($blockId: ID!, $year: Int!) {
    block(id: $blockId) {
      id
      name
    }
    emulationYear(blockId: $blockId, year: $year) {
      id
      year
      state
      theme
      recordedFromDocuments
      sourceReference
      registrationDeadline
      scoringDeadline
      nextStates
      nextStepMissing
      missingSheets {
        unitId
        from
      }
      headUnit {
        id
        name
      }
      deputyUnit {
        id
        name
      }
      covenantItems {
        position
        text
      }
      covenantSignatures {
        unitId
        signedAt
        onBehalfReason
      }
      members {
        unitId
        signedAt
        score {
          base
          bonus
          deductions
          final
          rank
          missingSheetsFrom
        }
      }
      criteriaSet {
        id
        name
        version
        method
        crossScorers
        bonusCap
        maxScore
        groups {
          name
          criteria {
            code
            title
            maxPoints
          }
        }
        deductionItems {
          code
          title
          maxPoints
        }
      }
      titleRegistrations {
        id
        unitId
        title
        person {
          fullName
        }
        onBehalfReason
      }
      awardOutcome {
        nextHeadUnitId
        nextDeputyUnitId
      }
    }
  }
`);

export type Year = NonNullable<ResultOf<typeof YearQuery>['emulationYear']>;

export function useYear(blockId: string, year: string) {
  const [res, refetch] = useQuery({ query: YearQuery, variables: { blockId, year: Number(year) } });
  return {
    res,
    block: res.data?.block,
    y: res.data?.emulationYear ?? null,
    reload: () => refetch({ requestPolicy: 'network-only' }),
  };
}

/**
 * How the person stands toward the year: the secretariat (acts for any member, on its behalf with a reason),
 * the officer of one or more member units, and whether they run the year (secretariat or head unit's officer).
 * In a former province (read-only) they still read as such, but nobody acts: `writable` is false, nobody runs.
 */
export function useStanding(y: Year | null) {
  const session = useSession();
  const admin = hasRole(session, 'PROVINCE_ADMIN');
  const memberIds = y?.members.map((m) => m.unitId) ?? [];
  const mine = myUnits(session).filter((u) => memberIds.includes(u));
  const head = !!y?.headUnit && mine.includes(y.headUnit.id);
  const writable = !readOnlyHere(session);
  return { admin, mine, runs: writable && (admin || (!!y && runByOneOf(y, mine))), head, writable };
}

/** Whether one of `units` is the year's head or deputy unit: both run the year (domain.md §4). */
export const runByOneOf = (
  y: { headUnit?: { id: string } | null; deputyUnit?: { id: string } | null },
  units: readonly string[],
) => [y.headUnit?.id, y.deputyUnit?.id].some((u) => !!u && units.includes(u));

/** The covenant is written until the first member signs, while the year is a draft or open for signing. */
export const covenantEditable = (y: Pick<Year, 'state' | 'covenantSignatures'>) =>
  y.covenantSignatures.length === 0 && (y.state === 'DRAFT' || y.state === 'OPEN');

/** The units a unit must score: itself, and under the table's rules the members it cross-scores. */
export function sheetsToWrite(
  y: {
    criteriaSet: Pick<NonNullable<Year['criteriaSet']>, 'method' | 'crossScorers'> | null;
    members: { unitId: string }[];
    headUnit?: { id: string } | null;
    deputyUnit?: { id: string } | null;
  },
  scorer: string,
): { kind: 'SELF' | 'CROSS'; target: string }[] {
  const rules = y.criteriaSet;
  if (!rules) return [];
  const members = y.members.map((m) => m.unitId);
  const self = [{ kind: 'SELF' as const, target: scorer }];
  if (rules.method === 'SELF_ONLY') return self;
  const crossScorers =
    rules.crossScorers === 'HEAD_AND_DEPUTY'
      ? [y.headUnit?.id, y.deputyUnit?.id].filter((u): u is string => !!u)
      : members;
  if (!crossScorers.includes(scorer)) return self;
  return [
    ...self,
    ...members.filter((m) => m !== scorer).map((target) => ({ kind: 'CROSS' as const, target })),
  ];
}

export const yearPath = (blockId: string, year: number | string) => `/blocks/${blockId}/years/${year}`;

/** Stages before scoring opens: no sheet yet. From scoring on, sheets exist; after it they are read, not written. */
export const BEFORE_SCORING: Year['state'][] = ['DRAFT', 'OPEN', 'COVENANT_SIGNED'];
/** The stages in which titles are registered and withdrawn (the gateway's REGISTRATION_OPEN). */
export const REGISTRATION_OPEN: Year['state'][] = [...BEFORE_SCORING, 'SCORING'];

/** Titles can be registered now: in those stages, until the last day (Vietnam's, as the gateway counts it). */
export const registrationOpen = (y: Pick<Year, 'state' | 'registrationDeadline'>) =>
  REGISTRATION_OPEN.includes(y.state) && (!y.registrationDeadline || today() <= y.registrationDeadline);
