import type { IncomingMessage, ServerResponse } from 'node:http';
import { importRepository, runInTransaction, type ImportJob } from '@thidua/db';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { isProvinceAdmin } from '../../common/acting';
import { appError, badInput, forbidden } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { attachmentDisposition } from '../../http/content-disposition';
import { authorize, HttpFailure, newContext, parseProvince, verifyBearer } from '../../http/request-context';
import { isUuid } from '../../loaders';
import type { GatewayServices } from '../../services';
import { isXlsx } from './import-file';
import { ImportService } from './import.service';
import { kindOf } from './kinds';
import { templateCsv, templateXlsx } from './templates';

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Spreadsheet imports over plain HTTP, not GraphQL: the file is the request body as it is (no base64, a third
 * larger, nor multipart), under a limit of its own (IMPORT_MAX_BYTES) instead of the 100 kB JSON limit of
 * /graphql. Bearer token and x-province-id as on /graphql; the province's secretariat only.
 *
 *   GET  /import/templates/<kind>.xlsx|.csv   the template (no data in it: no sign-in needed)
 *   POST /import/<kind>?fileName=…            dry run of the body → the job with its problems, nothing written
 *   POST /import/jobs/<id>/confirm {checksum} → 202, the import runs; its progress is on the job
 *   GET  /import/jobs/<id>                    the job: status, progress, problems, result
 *   GET  /import/jobs                         the province's last confirmed imports, newest first (history)
 */
export function importRoutes(opts: {
  services: GatewayServices;
  dataSource: DataSource;
  logger: Logger;
  /** Seconds to wait when the client is over its rate, else 0. */
  rateLimit: (req: IncomingMessage) => number;
  clientKey: (req: IncomingMessage) => string;
}) {
  const { services, dataSource } = opts;
  const imports = new ImportService(dataSource, opts.logger);
  const maxBytes = services.config.IMPORT_MAX_BYTES;
  const megabytes = (maxBytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  const tooLarge = () =>
    new HttpFailure(
      413,
      appError(
        'BAD_USER_INPUT',
        `Tệp lớn hơn giới hạn ${megabytes} MB: chia thành nhiều tệp. The file is over the ${megabytes} MB limit: split it.`,
        { limitBytes: maxBytes, fields: [{ field: 'file', message: `over ${maxBytes} bytes` }] },
      ),
    );

  async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
    if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  /**
   * Runs `work` as the signed-in secretariat of the request's province, in one transaction; one that `writes`
   * (a check that records a job, a confirmation) is refused in a read-only (former) province.
   */
  async function asSecretariat<T>(
    req: IncomingMessage,
    requestId: string,
    work: (ctx: GraphQLContext) => Promise<T>,
    writes = true,
  ): Promise<{ ctx: GraphQLContext; result: T }> {
    const claims = await verifyBearer(services, req.headers.authorization);
    const provinceId = parseProvince(req.headers['x-province-id']);
    if (!provinceId) throw new HttpFailure(400, badInput('x-province-id', 'is required'));
    const ctx = newContext(
      services,
      requestId,
      opts.logger.child({ requestId }),
      claims,
      opts.clientKey(req),
    );
    const result = await runInTransaction(dataSource, provinceId, async () => {
      await authorize(ctx, claims, provinceId);
      if (!isProvinceAdmin(ctx))
        throw new HttpFailure(403, forbidden("Only the province's secretariat imports"));
      if (writes && ctx.access!.readOnlyReason)
        throw new HttpFailure(403, forbidden(ctx.access!.readOnlyReason));
      return work(ctx);
    });
    return { ctx, result };
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requestId: string,
  ): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    try {
      const path = url.pathname.split('/').filter(Boolean).slice(1); // after "import"
      const template = path[0] === 'templates' && /^([a-z]+)\.(xlsx|csv)$/.exec(path[1] ?? '');
      if (template && req.method === 'GET' && path.length === 2) {
        const spec = kindOf(template[1]!);
        if (!spec) throw new HttpFailure(404, appError('NOT_FOUND', `No import kind ${template[1]}`));
        res.setHeader('content-disposition', attachmentDisposition(`Mẫu nhập ${spec.title}.${template[2]}`));
        res.setHeader('content-type', template[2] === 'xlsx' ? XLSX : 'text/csv; charset=utf-8');
        res.statusCode = 200;
        return void res.end(
          template[2] === 'xlsx'
            ? await templateXlsx(spec, services.config.IMPORT_MAX_ROWS)
            : templateCsv(spec),
        );
      }

      const retryAfter = opts.rateLimit(req);
      if (retryAfter) {
        res.setHeader('retry-after', String(retryAfter));
        throw new HttpFailure(
          429,
          appError('RATE_LIMITED', `Too many requests: try again in ${retryAfter} s`),
        );
      }

      if (path[0] === 'jobs' && path.length === 1 && req.method === 'GET') {
        const { result } = await asSecretariat(
          req,
          requestId,
          () => importRepository.recentJobs(RECENT_JOBS),
          false,
        );
        // The history's lines: what was imported, when, by whom and with what result; the problems are the job's.
        return send(res, 200, {
          jobs: result.map((job) => ({ ...view(job), problems: [] })),
        });
      }
      if (path[0] === 'jobs' && path[1] && isUuid(path[1])) {
        const id = path[1];
        if (req.method === 'GET' && path.length === 2) {
          const { result } = await asSecretariat(req, requestId, () => importRepository.job(id), false);
          if (!result) throw new HttpFailure(404, appError('NOT_FOUND', `ImportJob ${id} was not found`));
          return send(res, 200, view(result));
        }
        if (req.method === 'POST' && path[2] === 'confirm' && path.length === 3) {
          const body = parseJson(await readBody(req, services.config.REQUEST_BODY_LIMIT_BYTES));
          const checksum = typeof body.checksum === 'string' ? body.checksum : '';
          if (!/^[0-9a-f]{64}$/.test(checksum))
            throw new HttpFailure(400, badInput('checksum', 'must be the SHA-256 of the checked file (hex)'));
          const { ctx, result } = await asSecretariat(req, requestId, (c) =>
            imports.confirm(c, id, checksum),
          );
          // After the confirmation committed: the import's own transaction starts now.
          if (result.start) void imports.run(ctx, result.job);
          return send(res, result.start ? 202 : 200, view(result.job));
        }
      }

      const spec = path.length === 1 ? kindOf(path[0]!) : undefined;
      if (spec && req.method === 'POST') {
        const content = await readBody(req, maxBytes);
        if (!content.length)
          throw new HttpFailure(
            400,
            badInput(
              'file',
              'Tệp trống (0 byte): hãy chọn tệp đã điền dữ liệu. The file is empty: choose the filled-in file.',
            ),
          );
        // A file sent without its name is named by what it holds (a name ending in .xlsx asks for a workbook).
        const fileName =
          (url.searchParams.get('fileName') ?? '').trim().slice(0, 255) ||
          `${spec.title}.${isXlsx(content) ? 'xlsx' : 'csv'}`;
        const { result } = await asSecretariat(req, requestId, (ctx) =>
          imports.dryRun(ctx, spec, fileName, content),
        );
        return send(res, 200, view(result));
      }
      throw new HttpFailure(404, appError('NOT_FOUND', `No route ${req.method} ${url.pathname}`));
    } catch (e) {
      const failure =
        e instanceof HttpFailure
          ? e
          : e instanceof GraphQLError && e.extensions?.code
            ? new HttpFailure(STATUS[e.extensions.code as string] ?? 400, e)
            : null;
      if (!failure) opts.logger.error({ err: e, requestId }, 'import request failed');
      const error = failure?.error ?? appError('INTERNAL_SERVER_ERROR', 'Internal error: it has been logged');
      if (failure?.status === 413) res.setHeader('connection', 'close');
      const { http: _http, ...extensions } = error.extensions;
      send(res, failure?.status ?? 500, { errors: [{ message: error.message, extensions }] });
    }
  }
  /** The gateway stops: the imports under way may finish first (ImportService.close). */
  return Object.assign(handle, { close: (graceMs: number) => imports.close(graceMs) });
}

/** The confirmed imports the history lists. */
const RECENT_JOBS = 20;

/** The job as the page reads it. */
function view(job: ImportJob) {
  const { checkedBy: _c, confirmedBy: _f, ...rest } = job;
  return { ...rest, status: job.stale ? 'FAILED' : job.status };
}

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const parsed = JSON.parse(body.toString('utf8') || '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new HttpFailure(400, appError('BAD_REQUEST', 'The request body is not valid JSON'));
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
