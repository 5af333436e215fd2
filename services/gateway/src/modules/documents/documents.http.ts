import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  certificates,
  conferenceMinutes,
  councilMinutes,
  councilSubmission,
  decision,
  renderDocx,
  renderPdf,
  submission,
  voteMinutes,
  type DocumentModel,
} from '@thidua/documents';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { appError } from '../../common/errors';
import { MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { inProvince, readRouteRequest, sendRouteFailure } from '../../http/authorized-request';
import { attachmentDisposition } from '../../http/content-disposition';
import { HttpFailure } from '../../http/request-context';
import type { GatewayServices } from '../../services';
import {
  certificatesData,
  conferenceMinutesData,
  councilMinutesData,
  councilSubmissionData,
  decisionData,
  sampleCertificatesData,
  submissionData,
  voteMinutesData,
} from './gather';

/** Each document: what it is made from (read in the province's transaction). */
const DOCUMENTS: Record<
  string,
  (ctx: GraphQLContext, id: string, query: URLSearchParams) => Promise<DocumentModel>
> = {
  'vote-minutes': async (ctx, id) => voteMinutes(await voteMinutesData(ctx, id)),
  'conference-minutes': async (ctx, id) => conferenceMinutes(await conferenceMinutesData(ctx, id)),
  submission: async (ctx, id) => submission(await submissionData(ctx, id)),
  'council-minutes': async (ctx, id) => councilMinutes(await councilMinutesData(ctx, id)),
  // The Department's submission to the Chairman: the proposals the council passed, from the same record, with
  // the number and date a decision answering it records (councilSubmissionData).
  'council-submission': async (ctx, id) => councilSubmission(await councilSubmissionData(ctx, id)),
  decision: async (ctx, id) => decision(await decisionData(ctx, id)),
  // ?form=FLAG_PROVINCE: one form's pages, for its own blank.
  // `sample`: sample words on the province's blank, to print before its first decision.
  certificates: async (ctx, id, query) =>
    certificates(
      await (id === 'sample'
        ? sampleCertificatesData(ctx, query.get('form'))
        : certificatesData(ctx, id, query.get('form'))),
    ),
};

const TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/**
 *   GET /documents/<kind>/<id>.pdf | .docx
 * with `Authorization: Bearer …` and `x-province-id`, as /graphql (never a cookie, so no other site can fetch
 * one for the person). Kinds: vote-minutes (a block vote's period), conference-minutes (a conference),
 * submission (a block year), council-minutes
 * and council-submission (a council period), decision and certificates (an award decision, or `sample`; `?form=` one form's). Another province's
 * record is 404.
 */
export function documentRoutes(opts: { services: GatewayServices; dataSource: DataSource; logger: Logger }) {
  const { services, dataSource } = opts;
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    const log = opts.logger.child({ requestId });
    try {
      if (req.method !== 'GET') throw new HttpFailure(405, appError('BAD_REQUEST', 'Use GET'));
      const match = /^\/documents\/([a-z-]+)\/([^/]+)\.(pdf|docx)$/.exec(url.pathname);
      const doc = match && DOCUMENTS[match[1]!];
      if (!match || !doc)
        throw new HttpFailure(
          404,
          appError(
            'NOT_FOUND',
            `No document at ${url.pathname}: /documents/<${Object.keys(DOCUMENTS).join('|')}>/<id>.pdf|docx`,
          ),
        );
      const format = match[3] as keyof typeof TYPES;
      const r = await readRouteRequest(services, req, requestId, opts.logger);
      // The data is read inside the province's transaction; the rendering (CPU only) after it, holding no connection.
      const model = await inProvince(services, dataSource, r, { roles: MEMBERS, writes: false }, (ctx) =>
        doc(ctx, match[2]!, url.searchParams),
      );
      const bytes = format === 'pdf' ? await renderPdf(model) : await renderDocx(model);
      // Saved under the document's own title ("Biên bản kiểm phiếu bình xét thi đua năm 2026 – Khối …"): a
      // folder of them reads as a register. A slash (a decision's number) cannot be in a file's name.
      const name = `${model.title.replace(/[/\\]/g, '-')}.${format}`;
      res.statusCode = 200;
      res.setHeader('content-type', TYPES[format]);
      res.setHeader('content-length', String(bytes.length));
      res.setHeader('content-disposition', attachmentDisposition(name));
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      res.end(bytes);
      log.info({ document: match[1], format, bytes: bytes.length }, 'document generated');
    } catch (e) {
      sendRouteFailure(res, e, log);
    }
  };
}
