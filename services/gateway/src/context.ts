import type { SessionPrincipal } from '@thidua/db';
import type { Logger } from 'pino';
import type { ProvinceAccess } from './auth/access';
import type { Loaders } from './loaders';
import type { GatewayServices } from './services';

export interface GraphQLContext {
  requestId: string;
  /** Who is asking, for sign-in throttling: the socket's remote address (not a header a client can set). */
  clientKey: string;
  logger: Logger;
  /** The signed-in user and their roles, read from the database on this request; null when anonymous. */
  principal: SessionPrincipal | null;
  sessionId: string | null;
  /** The province this request acts in (x-province-id), with what the user may do there. */
  access: ProvinceAccess | null;
  loaders: Loaders;
  services: GatewayServices;
  /**
   * Set when any error is reported, so the request's transaction rolls back. An object, not a flag: Apollo hands
   * plugins a shallow copy of the context, and only what the copy shares by reference reaches the request.
   */
  outcome: { failed: boolean };
  /**
   * Runs after the request's transaction commits (announcements that must not precede the data), without
   * holding up the answer. Work that must happen even on a rollback uses the database's `afterRelease`.
   */
  afterCommit: (() => void | Promise<void>)[];
}
