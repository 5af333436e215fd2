import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { ATTACHMENT_OWNERS, attachmentRepository, type AttachmentOwner } from '@thidua/db';
import { scoreItems } from '@thidua/domain';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { BOUNDS } from '../../common/bounds';
import { appError, badInput, notFound } from '../../common/errors';
import { assertActsFor } from '../../common/acting';
import { ACTORS, MEMBERS } from '../../common/roles';
import { inProvince, readRouteRequest, sendRouteFailure } from '../../http/authorized-request';
import { HttpFailure } from '../../http/request-context';
import { isUuid } from '../../loaders';
import type { GatewayServices } from '../../services';
import { api } from './attachment.resolver';
import {
  assertAttaches,
  assertStillReturned,
  filesOf,
  loadOwner,
  ownerOf,
  recordFile,
  storageKey,
} from './attachment.service';
import { detectFileKind, FILE_TYPES, kindOfName, megabytes } from './file-types';
import { attachmentDisposition } from '../../http/content-disposition';

const ACCEPTED = 'PDF, DOCX, XLSX, JPEG, PNG';

/**
 *   POST /files/attachments?ownerType=NOMINATION&ownerId=…&name=bao-cao.pdf   body: the file's bytes
 *   POST /files/attachments?ownerType=EVIDENCE&ownerId=<unit>&yearId=…&criterion=NV1&name=…
 *     (the secretariat adding a member's evidence adds &onBehalfReason=…, as its other acts for a unit do)
 *   GET  /files/attachments/<id>
 * Both with `Authorization: Bearer …` and `x-province-id` (never a cookie: no cross-site request can use them).
 * The body is the raw file, not multipart: nothing to parse, and the size is enforced while reading.
 */
export function attachmentRoutes(opts: {
  services: GatewayServices;
  dataSource: DataSource;
  logger: Logger;
}) {
  const { services, dataSource } = opts;
  const maxBytes = services.config.ATTACHMENT_MAX_BYTES;

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    const r = await readRouteRequest(services, req, requestId, opts.logger);
    const ownerType = url.searchParams.get('ownerType') ?? '';
    const ownerId = url.searchParams.get('ownerId') ?? '';
    const yearId = url.searchParams.get('yearId');
    const criterion = url.searchParams.get('criterion') ?? '';
    const name = cleanName(url.searchParams.get('name') ?? '');
    if (!(ATTACHMENT_OWNERS as readonly string[]).includes(ownerType))
      throw new HttpFailure(400, badInput('ownerType', `must be one of ${ATTACHMENT_OWNERS.join(', ')}`));
    if (!name)
      throw new HttpFailure(400, badInput('name', 'is required (the file name, with its extension)'));
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > maxBytes) throw tooLarge(maxBytes, declared);
    const check = (ctx: Parameters<typeof loadOwner>[0]) =>
      loadOwner(ctx, ownerType as AttachmentOwner, ownerId, yearId).then(async (owner) => {
        const rules = await assertAttaches(ctx, owner);
        // A member's evidence is the unit's own: the secretariat adds a file only on its behalf, saying why.
        const onBehalfReason =
          owner.ownerType === 'EVIDENCE'
            ? assertActsFor(ctx, owner.ownerId, url.searchParams.get('onBehalfReason'))
            : null;
        // Evidence supports one criterion of the year's scoring table (or a deduction item).
        if (owner.ownerType === 'EVIDENCE') {
          if (!scoreItems(rules!).some((c) => c.code === criterion))
            throw new HttpFailure(
              400,
              badInput('criterion', `must be a criterion of the year's scoring table`),
            );
        }
        const files = await filesOf(ctx, { ...owner, yearId: owner.year.id });
        if (files.length >= BOUNDS.attachmentsPerRecord)
          throw refused(
            409,
            owner.ownerType === 'EVIDENCE'
              ? `Đơn vị đã có ${files.length} tệp minh chứng, mức tối đa: hãy xóa bớt tệp không cần trước.`
              : `Hồ sơ này đã có ${files.length} tệp, mức tối đa: hãy xóa bớt tệp không cần trước.`,
            { reason: 'TOO_MANY_FILES' },
          );
        return {
          owner: { ...owner, subject: owner.ownerType === 'EVIDENCE' ? criterion : owner.subject },
          onBehalfReason,
        };
      });
    // Refused before the body is read when the person may not attach here at all.
    await inProvince(services, dataSource, r, { roles: ACTORS, writes: true }, check);
    const bytes = await readBody(req, maxBytes);
    if (!bytes.length) throw refused(400, 'Tệp rỗng: hãy chọn lại tệp.', { reason: 'FILE_EMPTY' });
    const kind = detectFileKind(bytes);
    if (!kind)
      throw refused(415, `Chỉ nhận tệp ${ACCEPTED}; nội dung tệp “${name}” không thuộc các loại này.`, {
        reason: 'FILE_TYPE_NOT_ALLOWED',
      });
    if (kindOfName(name) !== kind)
      throw refused(415, `Tên tệp “${name}” không khớp với nội dung (tệp ${kind}): hãy đặt đúng đuôi tệp.`, {
        reason: 'FILE_NAME_MISMATCH',
      });
    const id = randomUUID();
    const key = storageKey(r.provinceId, id);
    const contentType = FILE_TYPES[kind].mime;
    // The bytes are written outside the transaction (an object store may take a while), then the record is
    // inserted after the same checks again; if that fails, the bytes are removed.
    const stored = await services.files.put(key, bytes, { contentType });
    try {
      const saved = await inProvince(
        services,
        dataSource,
        r,
        { roles: ACTORS, writes: true },
        async (ctx) => {
          const { owner, onBehalfReason } = await check(ctx);
          await assertStillReturned(owner);
          const row = await recordFile(ctx, {
            id,
            key,
            owner: { ...owner, yearId: owner.year.id },
            name,
            contentType,
            stored,
            generated: false,
            onBehalfReason,
          });
          return row;
        },
      );
      res.statusCode = 201;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end(JSON.stringify({ attachment: api(saved) }));
    } catch (e) {
      await services.files.delete(key).catch(() => undefined);
      throw e;
    }
  }

  async function download(req: IncomingMessage, res: ServerResponse, id: string, requestId: string) {
    const r = await readRouteRequest(services, req, requestId, opts.logger);
    const attachment = await inProvince(
      services,
      dataSource,
      r,
      { roles: MEMBERS, writes: false },
      async (ctx) => {
        const [found] = isUuid(id) ? await attachmentRepository.byIds([id]) : [];
        if (!found) throw notFound('Attachment', id);
        // The record's own reading rule (a nomination before publication, a member's evidence…); another
        // province's finds nothing.
        await ownerOf(ctx, found).catch(() => {
          throw notFound('Attachment', id);
        });
        return found;
      },
    );
    const body = await services.files.get(attachment.storageKey);
    if (!body) {
      r.log.error({ attachmentId: id, key: attachment.storageKey }, 'attachment bytes missing from storage');
      throw new HttpFailure(
        404,
        appError('NOT_FOUND', `The file of attachment ${id} is missing from storage`),
      );
    }
    res.statusCode = 200;
    // Served as a download of the type detected at upload, never rendered or sniffed into something else.
    res.setHeader('content-type', attachment.contentType);
    res.setHeader('content-length', String(attachment.size));
    res.setHeader('content-disposition', attachmentDisposition(attachment.name));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', "default-src 'none'; sandbox");
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('x-checksum-sha256', attachment.sha256);
    if (req.method === 'HEAD') return void res.end();
    await pipeline(body, res);
  }

  return async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requestId: string,
  ): Promise<void> {
    try {
      const match = /^\/files\/attachments(?:\/([^/]+))?$/.exec(url.pathname);
      if (match && !match[1] && req.method === 'POST') return await upload(req, res, url, requestId);
      if (match?.[1] && (req.method === 'GET' || req.method === 'HEAD'))
        return await download(req, res, match[1], requestId);
      throw new HttpFailure(404, appError('NOT_FOUND', `No route ${req.method} ${url.pathname}`));
    } catch (e) {
      // A refused upload's body is not read: close the connection rather than wait for it.
      if (req.method === 'POST' && !req.readableEnded) res.setHeader('connection', 'close');
      sendRouteFailure(res, e, opts.logger.child({ requestId }));
    }
  };
}

/**
 * A refused file, said in Vietnamese for the person who chose it (the upload form shows the message as is); the
 * field and the reason let a client say it in another language.
 */
function refused(status: number, message: string, extensions: Record<string, unknown> = {}): HttpFailure {
  return new HttpFailure(
    status,
    appError('BAD_USER_INPUT', message, { fields: [{ field: 'file', message }], ...extensions }),
  );
}

function tooLarge(limit: number, size?: number): HttpFailure {
  const which = size ? ` (tệp này ${megabytes(size)})` : '';
  return refused(413, `Tệp lớn hơn giới hạn ${megabytes(limit)}${which}: hãy nén hoặc chia nhỏ tệp.`, {
    reason: 'FILE_TOO_LARGE',
    limitBytes: limit,
  });
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The name as shown and saved: no path, no control characters, at most 255 characters. */
function cleanName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  return [...base]
    .filter((c) => c !== '"' && c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255);
}
