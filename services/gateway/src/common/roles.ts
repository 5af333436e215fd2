/** Who may use what, by role in the request's province (global roles count everywhere). */
export const ADMINS = ['PLATFORM_ADMIN', 'PROVINCE_ADMIN'];
/** The province's own people: no national viewer (personal data, ballots, scores before publication). */
export const MEMBERS = ['PLATFORM_ADMIN', 'PROVINCE_ADMIN', 'UNIT_OFFICER', 'COUNCIL_MEMBER'];
/** Everyone who may read a province's organisational data. */
export const READERS = [...MEMBERS, 'NATIONAL_VIEWER'];
/** Who acts in a block year: the secretariat and units' officers (finer checks in the resolvers). */
export const ACTORS = ['PLATFORM_ADMIN', 'PROVINCE_ADMIN', 'UNIT_OFFICER'];
