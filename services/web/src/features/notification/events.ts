/** The events a person or a webhook can hear of, in the order of a year. */
export const NOTIFICATION_EVENTS = [
  'YEAR_SIGNING_OPENED',
  'YEAR_SCORING_OPENED',
  'VOTING_OPENED',
  'VOTING_REMINDER',
  'VOTING_CLOSED',
  'VOTING_PUBLISHED',
  'COUNCIL_ALL_VOTED',
  'YEAR_DOSSIER_SUBMITTED',
  'NOMINATION_STATUS_CHANGED',
  'DECISION_ISSUED',
  'YEAR_CLOSED',
  'YEAR_END_FINISHED',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
