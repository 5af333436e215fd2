import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * A stop that drops nothing: the listening socket closes, requests under way finish (their responses say
 * `Connection: close`, so clients take the next request elsewhere), idle keep-alive sockets are closed, and a
 * request that still arrives on an open socket meanwhile is answered 503 with Retry-After instead of being
 * half-served by a gateway whose pool is about to go.
 */
export class Drain {
  private readonly underWay = new Set<ServerResponse>();
  private draining = false;
  private settled: (() => void) | null = null;

  constructor(private readonly retryAfterSeconds: number) {}

  /** The server's request listener: counts what it serves, refuses while draining. */
  handler(handle: Handler): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      if (this.draining) return this.refuse(res);
      this.underWay.add(res);
      res.once('close', () => {
        this.underWay.delete(res);
        if (this.underWay.size === 0) this.settled?.();
      });
      void handle(req, res);
    };
  }

  /** Resolves once every socket is closed; what is still under way after `graceMs` is cut off. */
  async drain(server: Server, graceMs: number, logger: Logger): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const res of this.underWay) if (!res.headersSent) res.shouldKeepAlive = false;
    server.closeIdleConnections();
    if (!(await this.settledWithin(graceMs))) {
      logger.warn(
        { requests: this.underWay.size, graceMs },
        'requests still under way after the grace: cut off',
      );
    }
    // Sockets whose last response went out just before the drain began, and anything cut off.
    server.closeAllConnections();
    // An upgraded socket (a subscription whose client never answers the close) must not hold the stop either.
    await Promise.race([closed, delay(graceMs)]);
  }

  private settledWithin(ms: number): Promise<boolean> {
    if (this.underWay.size === 0) return Promise.resolve(true);
    return Promise.race([
      new Promise<boolean>((resolve) => (this.settled = () => resolve(true))),
      delay(ms).then(() => false),
    ]);
  }

  private refuse(res: ServerResponse): void {
    res.shouldKeepAlive = false;
    res.statusCode = 503;
    res.setHeader('retry-after', String(this.retryAfterSeconds));
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify({
        errors: [
          {
            message: `This gateway is stopping: retry in ${this.retryAfterSeconds} s`,
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          },
        ],
      }),
    );
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
