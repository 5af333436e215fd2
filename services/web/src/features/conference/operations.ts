import { graphql } from '../../graphql';

export const ConferenceFields = graphql(`
  fragment ConferenceFields on Conference {
    id
    heldOn
    endedOn
    place
    chairUnitId
    chairPerson
    chairPosition
    secretaryName
    secretaryPosition
    secretaryUserId
    secretaryAccountName
    attendance {
      unitId
      present
      representatives
      absenceReason
    }
    countingCommittee {
      name
      unitId
      role
    }
    minutes
    updatedAt
  }
`);

export const WorkspaceQuery = graphql(
  `
    query ConferenceWorkspace($blockId: ID!, $year: Int!) {
      block(id: $blockId) {
        id
        name
      }
      emulationYear(blockId: $blockId, year: $year) {
        id
        year
        state
        headUnit {
          id
          name
        }
        deputyUnit {
          id
          name
        }
        members {
          unitId
        }
        awardExclusions {
          unitId
          lines {
            rule
            text
            english
          }
        }
        conference {
          ...ConferenceFields
        }
        flagQuotaOverride
        meritQuotaOverride
        dossierDeadline
        awardOutcome {
          dossierSubmittedAt
          dossierDeadline
          lateAcceptedAt
        }
      }
      awardRuleSet(year: $year) {
        rules {
          flagQuota {
            kind
            value
          }
          meritQuota {
            kind
            value
          }
          voteThresholdPercent
          voteThresholdMode
          maxRounds
          runoffCandidates
        }
      }
    }
  `,
  [ConferenceFields],
);

export const RoundsQuery = graphql(`
  query ConferenceRounds($yearId: ID!) {
    votingPeriods(emulationYearId: $yearId) {
      id
      round
      method
      status
      outcome
      resultsPublishedAt
    }
    nominations(emulationYearId: $yearId) {
      id
      form
      status
      unit {
        name
      }
      attachments {
        id
      }
    }
  }
`);

export const RecordConferenceMutation = graphql(
  `
    mutation RecordConference($input: RecordConferenceInput!) {
      recordConference(input: $input) {
        ...ConferenceFields
      }
    }
  `,
  [ConferenceFields],
);

export const OpenVoteMutation = graphql(`
  mutation OpenBlockVote($input: OpenVotingPeriodInput!) {
    openVotingPeriod(input: $input) {
      id
    }
  }
`);

export const SubmitDossierMutation = graphql(`
  mutation SubmitDossier($yearId: ID!) {
    submitDossier(emulationYearId: $yearId) {
      id
      status
    }
  }
`);

export const AcceptLateDossierMutation = graphql(`
  mutation AcceptLateDossier($yearId: ID!, $reason: String!) {
    acceptLateDossier(emulationYearId: $yearId, reason: $reason) {
      lateAcceptedAt
    }
  }
`);
