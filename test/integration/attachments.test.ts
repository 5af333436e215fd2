import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runInTenant, currentManager } from '@thidua/db';
import { LocalFileStorage } from '@thidua/files';
import { storeGeneratedDocument } from '../../services/gateway/src/modules/attachment/attachment.service';
import {
  castBlockBallots,
  cloneDatabase,
  closeBlockVote,
  createAccount,
  createLockedBlock,
  dropDatabase,
  keepDocument,
  ok,
  openBlockVote,
  pdfText,
  provinceId,
  startTestApp,
  type Account,
  type LockedBlock,
  type TestApp,
  type TestDatabase,
} from '@thidua/testing';

/** Khối các cơ quan Đảng (index 0 is the head, 1 the deputy). */
const NAMES = [
  'Ban Nội chính Tỉnh ủy',
  'Báo Lào Cai',
  'Trường Chính trị tỉnh',
  'Văn phòng Tỉnh ủy',
  'Ban Tổ chức Tỉnh ủy',
  'Ban Tuyên giáo Tỉnh ủy',
];
const LIMIT = 1024 * 1024; // 1 MB here, so an over-size file is quick to send

let db: TestDatabase;
let filesDir: string;
let app: TestApp;
let laoCai: string;
let haNoi: string;
let admin: Account;
let otherAdmin: Account;
let block: LockedBlock;
let periodId: string;
let flagNomination: string;
let conferenceId: string;

const start = () =>
  startTestApp({
    database: db,
    worker: true,
    config: { FILES_DIR: filesDir, ATTACHMENT_MAX_BYTES: String(LIMIT) },
  });
const origin = () => app.gateway.url.replace(/\/graphql$/, '');
const as = <T = Record<string, unknown>>(who: Account, q: string, v?: Record<string, unknown>, p = laoCai) =>
  app.gql<T>(q, v, { token: who.token, provinceId: p });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A small but real PDF (the header is what identifies it). */
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(64, 1),
  Buffer.from([0xff, 0xd9]),
]);

async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Bảng điểm').addRow(['Đơn vị', 'Điểm']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

interface Uploaded {
  id: string;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  downloadUrl: string;
}
async function upload(
  who: Account,
  owner: { type: string; id: string },
  name: string,
  body: Buffer,
  p = laoCai,
): Promise<{
  status: number;
  attachment?: Uploaded;
  errors?: { message: string; extensions: { code: string } }[];
}> {
  const q = new URLSearchParams({ ownerType: owner.type, ownerId: owner.id, name });
  const res = await fetch(`${origin()}/files/attachments?${q}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${who.token}`,
      'x-province-id': p,
      'content-type': 'application/octet-stream',
    },
    body,
  });
  return { status: res.status, ...((await res.json()) as object) };
}
const download = (who: Account, url: string, p = laoCai) =>
  fetch(`${origin()}${url}`, { headers: { authorization: `Bearer ${who.token}`, 'x-province-id': p } });

const FILES = `attachments { id name size contentType sha256 generated uploadedBy downloadUrl }`;

beforeAll(async () => {
  db = await cloneDatabase(inject('templateDatabase'));
  filesDir = await mkdtemp(join(tmpdir(), 'thidua-attachments-'));
  app = await start();
  laoCai = await provinceId(app.dataSource, '15');
  haNoi = await provinceId(app.dataSource, '01');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: laoCai });
  otherAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: haNoi });
  block = await createLockedBlock(app, laoCai, NAMES, admin);
  const opened = await openBlockVote(app, laoCai, block, [{ kind: 'FLAG', seats: 1 }]);
  periodId = opened.id;
  await castBlockBallots(app, laoCai, block, opened, [[3]]);
  await closeBlockVote(app, laoCai, block.officers[0]!, periodId);
  // The worker counts the vote and runs the awards engine; before publication only the head unit sees the result.
  flagNomination = await vi.waitFor(
    async () => {
      const { nominations } = ok(
        await as<{ nominations: { id: string; form: string }[] }>(
          block.officers[0]!,
          `query($y: ID!) { nominations(emulationYearId: $y) { id form } }`,
          { y: block.yearId },
        ),
      );
      const flag = nominations.find((n) => n.form === 'FLAG_PROVINCE');
      expect(flag).toBeDefined();
      return flag!.id;
    },
    { timeout: 20_000, interval: 100 },
  );
  conferenceId = ok(
    await as<{ emulationYear: { conference: { id: string } } }>(
      admin,
      `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { conference { id } } }`,
      { b: block.blockId },
    ),
  ).emulationYear.conference.id;
});
afterAll(async () => {
  await app?.close();
  if (db) await dropDatabase(db.name);
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

describe('attachments', () => {
  let report: Uploaded;
  const reportBytes = pdf('Báo cáo thành tích năm 2026 của Văn phòng Tỉnh ủy');

  it('the head unit attaches an achievement report to a proposal: its checksum is kept and it is listed', async () => {
    const res = await upload(
      block.officers[0]!,
      { type: 'NOMINATION', id: flagNomination },
      'Báo cáo thành tích Văn phòng Tỉnh ủy.pdf',
      reportBytes,
    );
    expect(res.status).toBe(201);
    report = res.attachment!;
    expect(report).toMatchObject({
      name: 'Báo cáo thành tích Văn phòng Tỉnh ủy.pdf',
      size: reportBytes.length,
      sha256: sha256(reportBytes),
      contentType: 'application/pdf',
      downloadUrl: `/files/attachments/${report.id}`,
    });
    const { nomination } = ok(
      await as<{ nomination: { attachments: Uploaded[] } }>(
        block.officers[0]!,
        `query($id: ID!) { nomination(id: $id) { ${FILES} } }`,
        { id: flagNomination },
      ),
    );
    expect(nomination.attachments).toEqual([
      expect.objectContaining({ id: report.id, sha256: sha256(reportBytes), generated: false }),
    ]);
    const audited = await runInTenant(app.dataSource, laoCai, async () =>
      (await currentManager()).query(`SELECT action FROM audit_event WHERE entity_id = $1`, [report.id]),
    );
    expect(audited).toEqual([{ action: 'attachment.upload' }]);
    // The log names the file as its uploader did, not by an id.
    const logged = ok(
      await as<{ auditEvents: { nodes: { entityName: string | null }[] } }>(
        admin,
        `query($id: String!) { auditEvents(first: 5, filter: { entityId: $id }) { nodes { entityName } } }`,
        { id: report.id },
      ),
    ).auditEvents.nodes;
    expect(logged).toEqual([{ entityName: 'Báo cáo thành tích Văn phòng Tỉnh ủy.pdf' }]);
  });

  it('is downloaded as an attachment of its stored type, never rendered or sniffed', async () => {
    const res = await download(block.officers[0]!, report.downloadUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Bao cao thanh tich Van phong Tinh uy.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo thành tích Văn phòng Tỉnh ủy.pdf')}`,
    );
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await res.arrayBuffer()).equals(reportBytes)).toBe(true);
  });

  it('a member unit cannot read a proposal’s file before the results are published, as it cannot read the proposal', async () => {
    const member = block.officers[5]!;
    const nomination = await as(member, `query($id: ID!) { nomination(id: $id) { id } }`, {
      id: flagNomination,
    });
    expect(nomination.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const res = await download(member, report.downloadUrl);
    expect(res.status).toBe(404);
    expect(
      ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('NOT_FOUND');
    // Nor may it attach anything to the block's records.
    const refused = await upload(member, { type: 'EMULATION_YEAR', id: block.yearId }, 'ảnh.png', png);
    expect(refused.status).toBe(404);

    ok(
      await as(block.officers[0]!, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, {
        id: periodId,
      }),
    );
    const after = await download(member, report.downloadUrl);
    expect(after.status).toBe(200);
    expect(sha256(Buffer.from(await after.arrayBuffer()))).toBe(report.sha256);
  });

  it('the nominated unit attaches its own achievement report to its proposal; another member may not', async () => {
    const OF = `query($id: ID!) { attachmentsOf(ownerType: NOMINATION, ownerId: $id) { canAttach deletesAny items { name } } }`;
    type Of = { attachmentsOf: { canAttach: boolean; deletesAny: boolean; items: { name: string }[] } };
    const nominated = block.officers[3]!;
    expect(ok(await as<Of>(nominated, OF, { id: flagNomination })).attachmentsOf.canAttach).toBe(true);
    const res = await upload(
      nominated,
      { type: 'NOMINATION', id: flagNomination },
      'Báo cáo thành tích (bản của đơn vị).pdf',
      pdf('Báo cáo thành tích do đơn vị được đề nghị lập'),
    );
    expect(res.status).toBe(201);
    expect(
      ok(await as<Of>(nominated, OF, { id: flagNomination })).attachmentsOf.items.map((i) => i.name),
    ).toContain('Báo cáo thành tích (bản của đơn vị).pdf');

    // It removes what it uploaded, not the head unit's file.
    const DELETE = `mutation($id: ID!) { deleteAttachment(id: $id) }`;
    expect(ok(await as<Of>(nominated, OF, { id: flagNomination })).attachmentsOf.deletesAny).toBe(false);
    expect(ok(await as<Of>(block.officers[0]!, OF, { id: flagNomination })).attachmentsOf.deletesAny).toBe(
      true,
    );
    const headsFile = await as(nominated, DELETE, { id: report.id });
    expect(headsFile.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      ok(await as<{ deleteAttachment: boolean }>(nominated, DELETE, { id: res.attachment!.id })),
    ).toEqual({
      deleteAttachment: true,
    });

    const other = block.officers[5]!;
    expect(ok(await as<Of>(other, OF, { id: flagNomination })).attachmentsOf.canAttach).toBe(false);
    const refused = await upload(other, { type: 'NOMINATION', id: flagNomination }, 'ảnh.png', png);
    expect(refused.status).toBe(403);
  });

  it('refuses an over-size file, saying the limit in Vietnamese', async () => {
    const res = await upload(
      block.officers[0]!,
      { type: 'EMULATION_YEAR', id: block.yearId },
      'Biên bản quét.pdf',
      Buffer.concat([pdf('lớn'), Buffer.alloc(LIMIT, 0x20)]),
    );
    expect(res.status).toBe(413);
    expect(res.errors![0]!.message).toMatch(/^Tệp lớn hơn giới hạn 1 MB/);
    expect(res.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a file whose content is not PDF, DOCX, XLSX, JPEG or PNG, whatever its name says', async () => {
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    const asPdf = await upload(
      block.officers[0]!,
      { type: 'EMULATION_YEAR', id: block.yearId },
      'tờ trình.pdf',
      html,
    );
    expect(asPdf.status).toBe(415);
    expect(asPdf.errors![0]!.message).toBe(
      'Chỉ nhận tệp PDF, DOCX, XLSX, JPEG, PNG; nội dung tệp “tờ trình.pdf” không thuộc các loại này.',
    );
    const renamed = await upload(
      block.officers[0]!,
      { type: 'EMULATION_YEAR', id: block.yearId },
      'ảnh.pdf',
      png,
    );
    expect(renamed.status).toBe(415);
    expect(renamed.errors![0]!.message).toMatch(/không khớp với nội dung \(tệp PNG\)/);
    const listed = ok(
      await as<{ emulationYear: { attachments: unknown[] } }>(
        admin,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { ${FILES} } }`,
        { b: block.blockId },
      ),
    );
    expect(listed.emulationYear.attachments).toEqual([]);
  });

  it("another province's people find no attachment: NOT_FOUND", async () => {
    const res = await download(otherAdmin, report.downloadUrl, haNoi);
    expect(res.status).toBe(404);
    expect(
      ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('NOT_FOUND');
    const deleted = await as(
      otherAdmin,
      `mutation($id: ID!) { deleteAttachment(id: $id) }`,
      { id: report.id },
      haNoi,
    );
    expect(deleted.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Naming the other province in the header does not help: no role there.
    expect((await download(otherAdmin, report.downloadUrl, laoCai)).status).toBe(403);
  });

  it('the secretariat attaches scanned minutes and a spreadsheet; a file is deleted while the dossier is open', async () => {
    const minutes = await upload(
      admin,
      { type: 'CONFERENCE', id: conferenceId },
      'Biên bản hội nghị.jpg',
      jpeg,
    );
    expect(minutes).toMatchObject({ status: 201, attachment: { contentType: 'image/jpeg' } });
    const sheet = await upload(
      block.officers[0]!,
      { type: 'EMULATION_YEAR', id: block.yearId },
      'Bảng điểm.xlsx',
      await xlsx(),
    );
    expect(sheet.attachment!.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const listed = ok(
      await as<{ emulationYear: { attachments: Uploaded[]; conference: { attachments: Uploaded[] } } }>(
        block.officers[2]!,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { ${FILES} conference { ${FILES} } } }`,
        { b: block.blockId },
      ),
    ).emulationYear;
    expect(listed.attachments.map((a) => a.name)).toEqual(['Bảng điểm.xlsx']);
    expect(listed.conference.attachments.map((a) => a.name)).toEqual(['Biên bản hội nghị.jpg']);
    // One record's list, as the web asks for it: who may attach, and the limit to say before uploading.
    const OF = `query($id: ID!) { attachmentsOf(ownerType: CONFERENCE, ownerId: $id) { canAttach maxBytes items { name } } }`;
    type Of = { attachmentsOf: { canAttach: boolean; maxBytes: number; items: { name: string }[] } };
    expect(ok(await as<Of>(admin, OF, { id: conferenceId })).attachmentsOf).toEqual({
      canAttach: true,
      maxBytes: LIMIT,
      items: [{ name: 'Biên bản hội nghị.jpg' }],
    });
    expect(ok(await as<Of>(block.officers[2]!, OF, { id: conferenceId })).attachmentsOf.canAttach).toBe(
      false,
    );

    ok(
      await as(block.officers[0]!, `mutation($id: ID!) { deleteAttachment(id: $id) }`, {
        id: sheet.attachment!.id,
      }),
    );
    expect((await download(admin, sheet.attachment!.downloadUrl)).status).toBe(404);
    // The stored file goes after the commit (afterCommit, not awaited by the answer): awaited, not assumed.
    await expect.poll(() => readdir(join(filesDir, laoCai))).not.toContain(sheet.attachment!.id);
  });

  it('refuses a file past the most one record may carry, saying why', async () => {
    // A block of its own, so that the other tests' lists stay as they are.
    const other = await createLockedBlock(app, laoCai, ['Sở Tài chính', 'Sở Xây dựng', 'Sở Y tế'], admin);
    const dossier = { type: 'EMULATION_YEAR', id: other.yearId };
    const head = other.officers[0]!;
    for (let i = 1; i <= 50; i++)
      expect((await upload(head, dossier, `Báo cáo thành tích ${i}.pdf`, pdf(String(i)))).status).toBe(201);
    const refused = await upload(head, dossier, 'Báo cáo thành tích 51.pdf', pdf('51'));
    expect(refused.status).toBe(409);
    expect(refused.errors![0]!.message).toBe(
      'Hồ sơ này đã có 50 tệp, mức tối đa: hãy xóa bớt tệp không cần trước.',
    );
  });

  it('once the dossier is submitted its files are final', async () => {
    ok(
      await as(block.officers[0]!, `mutation($y: ID!) { submitDossier(emulationYearId: $y) { status } }`, {
        y: block.yearId,
      }),
    );
    const late = await upload(
      block.officers[0]!,
      { type: 'NOMINATION', id: flagNomination },
      'Bổ sung.pdf',
      pdf('x'),
    );
    expect(late.status).toBe(409);
    expect(late.errors![0]!.extensions.code).toBe('CONFLICT');
    // The submission stored with the dossier lists what goes with it: the conference's scanned minutes, the
    // proposal's achievement report, and the minutes of the vote the platform drew up.
    const stored = ok(
      await as<{ emulationYear: { attachments: (Uploaded & { generated: boolean })[] } }>(
        block.officers[0]!,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { ${FILES} } }`,
        { b: block.blockId },
      ),
    ).emulationYear.attachments.find((a) => a.name === 'Tờ trình đề nghị khen thưởng.pdf')!;
    const bytes = Buffer.from(await (await download(admin, stored.downloadUrl)).arrayBuffer());
    const text = (await pdfText(await keepDocument('submission-with-attachments', bytes))).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('Hồ sơ kèm theo');
    expect(text).toContain('Biên bản hội nghị.jpg');
    expect(text).toMatch(/Báo cáo thành tích của .+: Báo cáo thành tích Văn phòng Tỉnh ủy\.pdf/);
    expect(text).toContain('Biên bản kiểm phiếu (do hệ thống lập)');
    expect(text).not.toContain('Không có tệp đính kèm');
    const deleted = await as(block.officers[0]!, `mutation($id: ID!) { deleteAttachment(id: $id) }`, {
      id: report.id,
    });
    expect(deleted.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('a proposal returned for more material takes files again, keeps what was sent, and goes back to the secretariat when sent again', async () => {
    const APPRAISE = `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`;
    const RESUBMIT = `mutation($id: ID!) { resubmitNomination(id: $id) { status statusReason } }`;
    const NOMINATION = `query($id: ID!) { nomination(id: $id) { status canResubmit } }`;
    const OF = `query($id: ID!) { attachmentsOf(ownerType: NOMINATION, ownerId: $id) { canAttach keptBefore items { id name } } }`;
    type Of = {
      attachmentsOf: { canAttach: boolean; keptBefore: string | null; items: { id: string; name: string }[] };
    };
    const [head, , , nominated, other] = block.officers as [Account, Account, Account, Account, Account];
    const owner = { type: 'NOMINATION', id: flagNomination };
    const notices = async (who: Account, words: string) =>
      ok(
        await as<{ notifications: { nodes: { body: string }[] } }>(
          who,
          `{ notifications(first: 50) { nodes { body } } }`,
        ),
      ).notifications.nodes.filter((n) => n.body.includes(words)).length;

    ok(await as(admin, APPRAISE, { v: { id: flagNomination, to: 'IN_APPRAISAL' } }));
    // Only a returned proposal is sent again.
    const early = await as(head, RESUBMIT, { id: flagNomination });
    expect(early.errors?.[0]?.extensions?.code).toBe('PRECONDITION_FAILED');
    ok(
      await as(admin, APPRAISE, {
        v: { id: flagNomination, to: 'RETURNED', reason: 'Báo cáo thành tích chưa có xác nhận của cấp trên' },
      }),
    );
    await vi.waitFor(async () => expect(await notices(nominated, 'bị trả lại để bổ sung')).toBe(1), {
      timeout: 20_000,
      interval: 100,
    });

    // The nominated unit attaches what was asked for; what was sent before the return stays.
    const of = ok(await as<Of>(nominated, OF, { id: flagNomination })).attachmentsOf;
    expect(of.canAttach).toBe(true);
    expect(of.keptBefore).not.toBeNull();
    const added = await upload(nominated, owner, 'Báo cáo thành tích có xác nhận.pdf', pdf('có xác nhận'));
    expect(added.status).toBe(201);
    // A file added since the return may be taken back, until the proposal is sent again.
    const wrong = await upload(nominated, owner, 'Nhầm tệp.pdf', pdf('nhầm'));
    expect(
      ok(
        await as<{ deleteAttachment: boolean }>(
          nominated,
          `mutation($id: ID!) { deleteAttachment(id: $id) }`,
          {
            id: wrong.attachment!.id,
          },
        ),
      ),
    ).toEqual({ deleteAttachment: true });
    const DELETE = `mutation($id: ID!) { deleteAttachment(id: $id) }`;
    expect((await as(head, DELETE, { id: report.id })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(ok(await as<Of>(head, OF, { id: flagNomination })).attachmentsOf.items.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        'Báo cáo thành tích Văn phòng Tỉnh ủy.pdf',
        'Báo cáo thành tích có xác nhận.pdf',
      ]),
    );

    // Whoever runs the block's year sends it again; the nominated unit and another member do not.
    const canResubmit = async (who: Account) =>
      ok(await as<{ nomination: { canResubmit: boolean } }>(who, NOMINATION, { id: flagNomination }))
        .nomination.canResubmit;
    expect(await canResubmit(head)).toBe(true);
    expect(await canResubmit(admin)).toBe(true);
    expect(await canResubmit(nominated)).toBe(false);
    expect((await as(other, RESUBMIT, { id: flagNomination })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(ok(await as<{ resubmitNomination: unknown }>(head, RESUBMIT, { id: flagNomination }))).toEqual({
      resubmitNomination: { status: 'SUBMITTED', statusReason: null },
    });
    // Sent again, its files are final again, and the secretariat hears of it.
    const late = await upload(nominated, owner, 'Muộn.pdf', pdf('muộn'));
    expect(late.status).toBe(409);
    await vi.waitFor(async () => expect(await notices(admin, 'đã được bổ sung và gửi lại')).toBe(1), {
      timeout: 20_000,
      interval: 100,
    });

    // Returned a second time, the unit is told again: each return is its own notice.
    ok(await as(admin, APPRAISE, { v: { id: flagNomination, to: 'IN_APPRAISAL' } }));
    ok(
      await as(admin, APPRAISE, {
        v: { id: flagNomination, to: 'RETURNED', reason: 'Thiếu bản sao quyết định công nhận danh hiệu' },
      }),
    );
    await vi.waitFor(async () => expect(await notices(nominated, 'bị trả lại để bổ sung')).toBe(2), {
      timeout: 20_000,
      interval: 100,
    });
    // R8: a complaint opened on the unit meanwhile holds the proposal until it is closed.
    const { recordDeferral } = ok(
      await as<{ recordDeferral: { id: string } }>(
        admin,
        `mutation($u: ID!) { recordDeferral(input: { unitId: $u, reason: COMPLAINT, note: "Đơn khiếu nại ngày 01/12/2026", openedOn: "2026-12-01" }) { id } }`,
        { u: block.units[3]!.id },
      ),
    );
    const held = await as(admin, RESUBMIT, { id: flagNomination });
    expect(held.errors?.[0]?.extensions?.code).toBe('PRECONDITION_FAILED');
    expect(held.errors?.[0]?.message).toMatch(/matter open since 2026-12-01/);
    ok(
      await as(admin, `mutation($id: ID!) { closeDeferral(id: $id, closedOn: "2026-12-01") { id } }`, {
        id: recordDeferral.id,
      }),
    );
    ok(await as(admin, RESUBMIT, { id: flagNomination }));
  });

  it('a document generated at submission is stored with the dossier and kept; a rolled-back one leaves no file', async () => {
    const minutes = pdf('Biên bản kiểm phiếu');
    // As the submitting request would call it: in the province's transaction, as the head unit's officer.
    const ctx = (failed: boolean) =>
      ({
        services: { files: new LocalFileStorage(filesDir) },
        principal: { userId: block.officers[0]!.id },
        requestId: 'test-generated',
        outcome: { failed },
        loaders: {},
      }) as unknown as Parameters<typeof storeGeneratedDocument>[0];
    const stored = await runInTenant(app.dataSource, laoCai, () =>
      storeGeneratedDocument(
        ctx(false),
        { emulationYearId: block.yearId },
        'Biên bản kiểm phiếu.pdf',
        minutes,
        'application/pdf',
      ),
    );
    const listed = ok(
      await as<{ emulationYear: { attachments: (Uploaded & { generated: boolean })[] } }>(
        block.officers[0]!,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { ${FILES} } }`,
        { b: block.blockId },
      ),
    ).emulationYear.attachments;
    expect(listed.find((a) => a.id === stored.id)).toMatchObject({
      generated: true,
      sha256: sha256(minutes),
    });
    const res = await download(admin, `/files/attachments/${stored.id}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(minutes)).toBe(true);
    // What was submitted stays: even the secretariat cannot delete it.
    const deleted = await as(admin, `mutation($id: ID!) { deleteAttachment(id: $id) }`, { id: stored.id });
    expect(deleted.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // A submission whose request fails: its row rolls back and its bytes are removed.
    const before = await readdir(join(filesDir, laoCai));
    await expect(
      runInTenant(app.dataSource, laoCai, async () => {
        await storeGeneratedDocument(
          ctx(true),
          { emulationYearId: block.yearId },
          'Tờ trình.pdf',
          pdf('x'),
          'application/pdf',
        );
        throw new Error('the submission failed');
      }),
    ).rejects.toThrow('the submission failed');
    expect(await readdir(join(filesDir, laoCai))).toEqual(before);
  });

  it('a file survives a restart of the gateway', async () => {
    await app.close();
    app = await start();
    const res = await download(block.officers[0]!, report.downloadUrl);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(sha256(bytes)).toBe(report.sha256);
    expect(bytes.equals(reportBytes)).toBe(true);
  });
});
