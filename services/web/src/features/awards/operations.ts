import { graphql } from '../../graphql';

/** The number in each state's tab, under the queue's other filters. */
export const QueueCountsQuery = graphql(`
  query NominationQueueCounts($filter: NominationFilterInput) {
    nominationQueueCounts(filter: $filter) {
      status
      count
    }
  }
`);

export const QueueQuery = graphql(`
  query NominationQueue($filter: NominationFilterInput, $first: Int!, $after: String) {
    nominationQueue(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        form
        status
        updatedAt
        councilVoteId
        unit {
          id
          name
        }
        person {
          fullName
        }
        emulationYear {
          year
          recordedFromDocuments
          block {
            id
            name
          }
        }
      }
    }
  }
`);

export const AppraiseMutation = graphql(`
  mutation AppraiseNomination($input: AppraiseNominationInput!) {
    appraiseNomination(input: $input) {
      id
      status
      statusReason
      updatedAt
    }
  }
`);

export const ResubmitNominationMutation = graphql(`
  mutation ResubmitNomination($id: ID!) {
    resubmitNomination(id: $id) {
      id
      status
      statusReason
      canResubmit
      updatedAt
    }
  }
`);

export const OpenCouncilVoteMutation = graphql(`
  mutation OpenCouncilVote($input: OpenCouncilVoteInput!) {
    openCouncilVote(input: $input) {
      id
    }
  }
`);

/** The council's sessions: every one for the secretariat, those a member was called to for the member. */
export const CouncilSessionsQuery = graphql(`
  query CouncilSessions {
    councilSessions(first: 50) {
      id
      openedAt
      closesAt
      extendedUntil
      status
      outcome
      resultsPublishedAt
      voted
      turnout {
        cast
        eligible
      }
      contests {
        id
        withdrawnReason
      }
      results {
        contestId
        unfilledSeats
        withdrawn
      }
    }
  }
`);

export const IssueDecisionMutation = graphql(`
  mutation IssueAwardDecision($input: IssueAwardDecisionInput!) {
    issueAwardDecision(input: $input) {
      id
      numberText
    }
  }
`);

export const RevokeMutation = graphql(`
  mutation RevokeAward($id: ID!, $reason: String!) {
    revokeAward(nominationId: $id, reason: $reason) {
      id
      status
      statusReason
    }
  }
`);

/**
 * Deferring records the open process on the unit (R8) and moves the nomination in one request: the gateway
 * runs a request in one transaction, so either both happen or neither does.
 */
export const DeferMutation = graphql(`
  mutation DeferNomination($deferral: RecordDeferralInput!) {
    recordDeferral(input: $deferral) {
      id
    }
  }
`);
