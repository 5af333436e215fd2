import { graphql } from '../../graphql';

/** The sheets a unit wrote this year (a unit sees those it wrote or that score it; the secretariat, all). */
export const SheetsQuery = graphql(`
  query ScoreSheets($blockId: ID!, $year: Int!, $scorer: ID) {
    emulationYear(blockId: $blockId, year: $year) {
      id
      scoreSheets(scorerUnitId: $scorer) {
        id
        kind
        scorerUnitId
        targetUnitId
        version
        submittedAt
        bonus
        scores {
          code
          points
        }
        deductions {
          code
          points
        }
        evidence {
          code
          text
          links
        }
      }
    }
  }
`);
