import { graphql } from '../../graphql';

/** One award as the history lists it: its year, form and status, and the decision that conferred it. */
export const AwardFields = graphql(`
  fragment AwardHistoryFields on UnitAward @_unmask {
    year
    form
    status
    prizeVnd
    personId
    decision {
      id
      numberText
      issuerName
      decisionDate
    }
  }
`);

export const UnitHistoryQuery = graphql(
  `
    query UnitAwardHistory($id: ID!) {
      unit(id: $id) {
        id
        name
      }
      unitAwardHistory(unitId: $id, first: 200) {
        ...AwardHistoryFields
      }
    }
  `,
  [AwardFields],
);

/** A unit's proposals, its own and its people's, that have not become an award (yet, or at all). */
export const UnitProposalsQuery = graphql(`
  query UnitProposals($id: ID!) {
    unitProposals(unitId: $id, first: 200) {
      id
      form
      status
      person {
        fullName
      }
      emulationYear {
        year
        block {
          name
        }
      }
    }
  }
`);
