import { graphql } from '../../graphql';

/**
 * The sheets a unit wrote this year, without their content (a unit sees those it wrote or that score it; the
 * secretariat, all), and those the signed-in person typed for it and has not sent. A unit writes at most one
 * sheet per member.
 */
export const SheetsQuery = graphql(`
  query ScoreSheets($blockId: ID!, $year: Int!, $scorer: ID!) {
    emulationYear(blockId: $blockId, year: $year) {
      id
      scoreSheets(scorerUnitId: $scorer, first: 50) {
        id
        kind
        targetUnitId
        version
        submittedAt
      }
      scoreSheetDrafts(scorerUnitId: $scorer, first: 50) {
        targetUnitId
        basedOnVersion
      }
    }
  }
`);

/**
 * One sheet with its content: a scorer writes one sheet for one target (the gateway prices lists at their size);
 * and what the signed-in person typed on it and has not sent.
 */
export const SheetQuery = graphql(`
  query ScoreSheet($blockId: ID!, $year: Int!, $scorer: ID!, $target: ID!) {
    emulationYear(blockId: $blockId, year: $year) {
      id
      scoreSheets(scorerUnitId: $scorer, targetUnitId: $target, first: 1) {
        id
        kind
        version
        submittedAt
        onBehalfReason
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
      scoreSheetDraft(scorerUnitId: $scorer, targetUnitId: $target) {
        entries {
          code
          points
          text
          link
        }
        bonus
        reason
        basedOnVersion
        savedAt
      }
    }
  }
`);

/** The sheets other members sent scoring a unit, with their points: read by the unit once scores are locked. */
export const ReceivedSheetsQuery = graphql(`
  query ReceivedScoreSheets($blockId: ID!, $year: Int!, $target: ID!) {
    emulationYear(blockId: $blockId, year: $year) {
      id
      scoreSheets(targetUnitId: $target, first: 50) {
        id
        kind
        scorerUnitId
        scores {
          points
        }
      }
    }
  }
`);
