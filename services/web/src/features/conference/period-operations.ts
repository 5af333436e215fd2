import { graphql } from '../../graphql';

/** What the people running a round need about it: who heads the block, the count's state, the deadline. */
export const PeriodControlsQuery = graphql(`
  query PeriodControls($id: ID!) {
    votingPeriod(id: $id) {
      id
      kind
      round
      maxRounds
      method
      status
      outcome
      opensAt
      closesAt
      extendedUntil
      resultsPublishedAt
      attendancePercent
      turnout {
        cast
        eligible
      }
      notVoted {
        id
        name
      }
      contests {
        id
        kind
        seats
        nominationId
        candidateUnitIds
      }
      emulationYear {
        id
        year
        block {
          id
          name
        }
        headUnit {
          id
          name
        }
        deputyUnit {
          id
          name
        }
        conference {
          secretaryUserId
        }
      }
      paperCount {
        enteredByUnitId
        enteredAt
        confirmedAt
        contests {
          contestId
          issued
          returned
          valid
          invalid
          votes {
            unitId
            votes
          }
        }
      }
    }
  }
`);

export const ExtendMutation = graphql(`
  mutation ExtendVotingPeriod($id: ID!, $until: DateTimeISO!) {
    extendVotingPeriod(id: $id, until: $until) {
      id
      extendedUntil
    }
  }
`);

export const CloseMutation = graphql(`
  mutation CloseVotingPeriod($id: ID!) {
    closeVotingPeriod(id: $id) {
      id
      status
    }
  }
`);

export const PublishMutation = graphql(`
  mutation PublishVotingResults($id: ID!, $nextRoundClosesAt: DateTimeISO) {
    publishVotingResults(id: $id, nextRoundClosesAt: $nextRoundClosesAt) {
      id
      resultsPublishedAt
    }
  }
`);

export const EnterPaperCountMutation = graphql(`
  mutation EnterPaperCount($input: EnterPaperCountInput!) {
    enterPaperCount(input: $input) {
      votingPeriodId
      enteredAt
    }
  }
`);

export const ConfirmPaperCountMutation = graphql(`
  mutation ConfirmPaperCount($id: ID!) {
    confirmPaperCount(votingPeriodId: $id) {
      id
      status
    }
  }
`);

export const DecisionQuery = graphql(`
  query HeadDeputyDecisionPage($id: ID!) {
    votingPeriod(id: $id) {
      id
      round
      outcome
      contests {
        id
        kind
        candidateUnitIds
      }
      results {
        contestId
        kind
        seats
        elected
        unfilledSeats
        candidates {
          unitId
          votes
        }
      }
      decisions {
        contestId
        unitIds
        proposedByUnitId
        confirmedByUnitId
        confirmedAt
        counterUnitIds
        counterByUnitId
      }
      emulationYear {
        id
        year
        block {
          id
          name
        }
        headUnit {
          id
          name
        }
        deputyUnit {
          id
          name
        }
        # R6's facts beside the votes: what a tie-break would read, for the head and deputy to weigh.
        members {
          unitId
          score {
            final
            bonus
            deductions
          }
          women {
            headIsWoman
            share
            meetsRule
          }
        }
      }
    }
  }
`);

export const RecordDecisionMutation = graphql(`
  mutation RecordHeadDeputyDecision($input: HeadDeputyDecisionInput!) {
    recordHeadDeputyDecision(input: $input) {
      contestId
      unitIds
      confirmedAt
    }
  }
`);
