import type { Role } from '../../app/session';

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
  'ON_BEHALF_ENTERED',
  'YEAR_END_FINISHED',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

const OFFICERS_AND_COUNCIL: Role[] = ['UNIT_OFFICER', 'COUNCIL_MEMBER'];
const OFFICERS_AND_SECRETARIAT: Role[] = ['UNIT_OFFICER', 'PROVINCE_ADMIN'];

/** Who hears of each event (the worker's recipients): a person's settings list the events they can receive. */
export const EVENT_AUDIENCE: Record<NotificationEvent, Role[]> = {
  YEAR_SIGNING_OPENED: ['UNIT_OFFICER'],
  YEAR_SCORING_OPENED: ['UNIT_OFFICER'],
  VOTING_OPENED: OFFICERS_AND_COUNCIL,
  VOTING_REMINDER: OFFICERS_AND_COUNCIL,
  VOTING_CLOSED: OFFICERS_AND_COUNCIL,
  VOTING_PUBLISHED: OFFICERS_AND_COUNCIL,
  COUNCIL_ALL_VOTED: ['PROVINCE_ADMIN'],
  YEAR_DOSSIER_SUBMITTED: ['PROVINCE_ADMIN'],
  // The secretariat hears of a returned proposal sent again.
  NOMINATION_STATUS_CHANGED: OFFICERS_AND_SECRETARIAT,
  DECISION_ISSUED: OFFICERS_AND_SECRETARIAT,
  YEAR_CLOSED: OFFICERS_AND_SECRETARIAT,
  // The unit hears of what the secretariat entered for it (its signature, titles, sheets, ballot).
  ON_BEHALF_ENTERED: ['UNIT_OFFICER'],
  YEAR_END_FINISHED: ['PROVINCE_ADMIN'],
};

/** The events someone with these roles (in any province) can hear of, in the order of a year. */
export function eventsHeardBy(roles: readonly Role[]): NotificationEvent[] {
  return NOTIFICATION_EVENTS.filter((e) => EVENT_AUDIENCE[e].some((r) => roles.includes(r)));
}
