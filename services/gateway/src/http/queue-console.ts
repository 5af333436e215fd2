import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { runInTransaction, sessionRepository } from '@thidua/db';
import { QUEUES, type QueueBackend } from '@thidua/jobs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { appError, forbidden, unauthenticated } from '../common/errors';
import type { GatewayServices } from '../services';
import { sendRouteFailure } from './authorized-request';
import { HttpFailure, verifyBearer } from './request-context';
import { readCookie, strictCookie, WEB_HEADER } from './web-auth';

export const QUEUE_CONSOLE_PATH = '/admin/queues';
/** The console's cookie: the platform admin's access token, sent only to the console's own path. */
export const CONSOLE_COOKIE = 'thidua_console';

/**
 * The queue console (bull-board) for platform admins, over whichever queue backend runs (Redis or PostgreSQL).
 * A browser cannot send a bearer header when it opens a page, so the web application first POSTs the access token
 * to `/admin/queues/session` (same-origin JSON with the web header, as /auth does); the answer sets it as an
 * HttpOnly, SameSite=Strict cookie limited to the console's path and living no longer than the token. Every
 * console request is then checked like a GraphQL request: a live session of an enabled user who is a platform
 * admin now. SameSite=Strict keeps other sites from using the console's buttons (retry, clean, promote).
 */
export function queueConsole(opts: {
  services: GatewayServices;
  dataSource: DataSource;
  queueBackend: QueueBackend;
  logger: Logger;
}) {
  const { services, dataSource, queueBackend } = opts;
  const adapter = new ExpressAdapter().setBasePath(QUEUE_CONSOLE_PATH);
  createBullBoard({
    queues: QUEUES.map((name) => new BullMQAdapter(queueBackend.queue(name))),
    serverAdapter: adapter,
    options: {
      uiConfig: {
        boardTitle: 'Hàng đợi công việc',
        // bull-board has no Vietnamese; the way back to the application is said in Vietnamese at least.
        miscLinks: [{ text: 'Về trang Quản trị', url: '/admin' }],
        hideDocsLink: true,
      },
    },
  });
  const router = adapter.getRouter() as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  const secure = services.config.PUBLIC_URL?.startsWith('https:') ?? false;

  async function platformAdmin(authorization: string | undefined): Promise<void> {
    const claims = await verifyBearer(services, authorization);
    if (!claims) throw new HttpFailure(401, unauthenticated('Sign in as a platform admin first'));
    const { principal } = await runInTransaction(
      dataSource,
      null,
      () => sessionRepository.principal(claims.sessionId, claims.userId),
      { autocommit: true },
    );
    if (!principal) throw new HttpFailure(401, unauthenticated('Your session has ended: sign in again'));
    if (!principal.roles.some((r) => r.role === 'PLATFORM_ADMIN'))
      throw new HttpFailure(403, forbidden('The queue console is for platform admins only'));
  }

  return async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const log = opts.logger.child({ requestId });
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    res.setHeader('cache-control', 'no-store');
    try {
      if (path === `${QUEUE_CONSOLE_PATH}/session`) {
        if (req.method !== 'POST' || req.headers[WEB_HEADER] !== '1')
          throw new HttpFailure(400, appError('BAD_REQUEST', `POST with the ${WEB_HEADER} header`));
        await platformAdmin(req.headers.authorization);
        const token = req.headers.authorization!.slice('Bearer '.length);
        // No longer than the access token may live; the session check on every request ends it sooner.
        const maxAge = services.config.ACCESS_TOKEN_TTL_SECONDS;
        res.setHeader('set-cookie', strictCookie(CONSOLE_COOKIE, token, QUEUE_CONSOLE_PATH, maxAge, secure));
        res.statusCode = 204;
        return void res.end();
      }
      const token = readCookie(req.headers.cookie, CONSOLE_COOKIE);
      await platformAdmin(token ? `Bearer ${token}` : undefined);
    } catch (e) {
      return sendRouteFailure(res, e, log);
    }
    // The console's app is written to be mounted under its path, as Express would strip it.
    req.url = req.url!.slice(QUEUE_CONSOLE_PATH.length) || '/';
    router(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  };
}
