import { graphql } from '../../graphql';

export const PeriodFields = graphql(`
  fragment PeriodFields on VotingPeriod {
    id
    kind
    round
    status
    method
    conference {
      heldOn
      place
    }
    emulationYearId
    emulationYear {
      year
      state
      recordedFromDocuments
      block {
        id
        name
      }
    }
    opensAt
    openedAt
    closesAt
    extendedUntil
    closedAt
    closeReason
    talliedAt
    resultsPublishedAt
    thresholdPercent
    thresholdMode
    allowSelfVote
    maxRounds
    outcome
    contests {
      id
      kind
      seats
      candidateUnitIds
      nominationId
      thresholdPercent
      thresholdMode
      withdrawnReason
    }
    turnout {
      cast
      eligible
      status
    }
  }
`);

export const PeriodQuery = graphql(
  `
    query VotingPeriodPage($id: ID!) {
      votingPeriod(id: $id) {
        ...PeriodFields
      }
    }
  `,
  [PeriodFields],
);

export const ReceiptQuery = graphql(`
  query MyBallotReceipt($id: ID!, $unitId: ID) {
    myBallotReceipt(votingPeriodId: $id, unitId: $unitId) {
      receiptCode
      castAt
      voterId
      onBehalfReason
    }
  }
`);

/**
 * A block round's voters, for the secretariat entering the ballot of a unit that has no account: the year's
 * members, who are the round's eligible voters, and those who have not voted yet (`notVoted`): the others are
 * marked in the list before anyone fills a ballot for them (what anyone voted nobody reads).
 */
export const BallotMembersQuery = graphql(`
  query BallotMembers($id: ID!) {
    votingPeriod(id: $id) {
      id
      notVoted {
        id
      }
      emulationYear {
        id
        members {
          unitId
        }
      }
    }
  }
`);

export const CastBallotMutation = graphql(`
  mutation CastBallot($input: CastBallotInput!) {
    castBallot(input: $input) {
      receiptCode
      castAt
      voterId
      votingPeriodId
      onBehalfReason
    }
  }
`);

export const TurnoutSubscription = graphql(`
  subscription HallTurnout($id: ID!) {
    votingTurnout(votingPeriodId: $id) {
      votingPeriodId
      cast
      eligible
      status
    }
  }
`);

/**
 * The minutes of one period. Kept apart from the period's own fields and lean (a candidate's share is computed
 * from its votes) because the gateway prices every list at its largest size: a council vote may have 200
 * contests of 50 candidates each.
 */
export const ResultsQuery = graphql(`
  query PeriodResults($id: ID!) {
    votingPeriod(id: $id) {
      id
      resultsPublishedAt
      results {
        contestId
        kind
        seats
        eligible
        cast
        blank
        paper {
          issued
          returned
          valid
          invalid
        }
        elected
        shortfall
        tiedUnitIds
        tieBrokenBy
        withdrawn
        unfilledSeats
        fromDocuments
        votesRecorded
        candidates {
          unitId
          votes
          reachedThreshold
        }
      }
      decisions {
        contestId
        unitIds
        proposedByUnitId
        confirmedByUnitId
        confirmedAt
      }
    }
  }
`);

export const YearRoundsQuery = graphql(`
  query YearRounds($yearId: ID!) {
    votingPeriods(emulationYearId: $yearId) {
      id
      round
      resultsPublishedAt
    }
  }
`);

export const NominationBriefQuery = graphql(`
  query NominationBrief($id: ID!) {
    nomination(id: $id) {
      id
      form
      unitId
      personId
      person {
        fullName
      }
      emulationYear {
        id
        block {
          id
          kind
        }
      }
      basis {
        round
        votes
        eligible
        decidedByHeadAndDeputy
        finalScore
        rank
        memberCount
      }
    }
  }
`);
