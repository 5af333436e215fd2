import { graphql } from '../../graphql';

/** Marks the person's notifications read: the given ones, those about the given records, or all. */
export const MarkReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $subjectIds: [ID!]) {
    markNotificationsRead(input: { ids: $ids, subjectIds: $subjectIds })
  }
`);
