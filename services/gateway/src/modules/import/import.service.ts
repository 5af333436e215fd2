import { createHash } from 'node:crypto';
import {
  auditRepository,
  importRepository,
  runInTransaction,
  type ImportCounts,
  type ImportJob,
  type ImportProblem,
} from '@thidua/db';
import { vietnamToday } from '@thidua/domain';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { appError, badInput, conflict, notFound } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { mapRows, type CheckContext, type Checked, type KindSpec } from './check-kit';
import { readSheet, TooManyRows, UnreadableFile, type SheetRow } from './import-file';
import { KINDS } from './kinds';

/** The problems a job keeps and shows (the count is complete): enough to fix a file, not a second copy of it. */
export const PROBLEMS_KEPT = 1000;
/** Imports running at once in one gateway: each holds a connection for its transaction and one for progress. */
const CONCURRENT_IMPORTS = 2;

export const checksumOf = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Reads the file (XLSX or CSV) into rows of cell texts; BAD_USER_INPUT when it cannot be read or is too long. */
export async function readFile(content: Buffer, maxRows: number, fileName = ''): Promise<SheetRow[]> {
  try {
    return await readSheet(content, maxRows, fileName);
  } catch (e) {
    if (e instanceof TooManyRows)
      throw badInput(
        'file',
        `Tệp có hơn ${maxRows.toLocaleString('vi-VN')} dòng: chia thành nhiều tệp. ` +
          `The file has more than ${maxRows} rows: split it.`,
      );
    if (e instanceof UnreadableFile && e.asExcel)
      throw badInput(
        'file',
        'Không đọc được tệp như một bảng tính Excel (.xlsx): tệp hỏng hoặc không phải tệp Excel. ' +
          'Mở tệp bằng Excel rồi lưu lại dưới dạng .xlsx, hoặc lưu dưới dạng CSV (UTF-8). ' +
          'The file could not be read as an Excel workbook (.xlsx): it is damaged or not an Excel file. ' +
          'Open it in Excel and save it again as .xlsx, or save it as CSV (UTF-8).',
      );
    if (e instanceof UnreadableFile && e.unclosedQuote)
      throw badInput(
        'file',
        'Không đọc được tệp CSV: một dấu ngoặc kép (") được mở mà không đóng, nên phần còn lại của tệp thành một ô. ' +
          'Sửa dấu ngoặc kép đó, hoặc mở tệp bằng Excel rồi lưu lại. ' +
          'The file could not be read as CSV: a quotation mark (") is opened and never closed, so the rest of the ' +
          'file would be one cell. Fix that quotation mark, or open the file in Excel and save it again.',
      );
    if (e instanceof UnreadableFile)
      throw badInput(
        'file',
        'Không đọc được tệp: lưu dưới dạng Excel (.xlsx) hoặc CSV (UTF-8). ' +
          'The file could not be read: save it as Excel (.xlsx) or CSV (UTF-8).',
      );
    throw e;
  }
}

/** Checks every row against the province's data; nothing is written. */
export async function checkRows(
  spec: KindSpec,
  sheet: SheetRow[],
  ctx: CheckContext,
): Promise<Omit<Checked, 'problems'> & { problems: ImportProblem[]; totalRows: number }> {
  const mapped = mapRows(spec, sheet, KINDS);
  const nothing = { counts: { created: 0, updated: 0, unchanged: 0 }, write: async () => undefined };
  // Every row under the header, as the person counts them in their sheet (a template's example row left in too,
  // which is said among the problems).
  const totalRows = Math.max(0, sheet.length - 1);
  // The header's problems stop here; an example row left in is said beside the other rows' problems.
  if (!mapped.rows.length)
    return {
      ...nothing,
      // Read but not checked: a file refused for its header still had them.
      totalRows,
      problems: mapped.problems.length
        ? mapped.problems
        : [
            {
              row: 2,
              column: '',
              message: 'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.',
              english: 'The file has no data rows under the header row.',
            },
          ],
    };
  const checked = await spec.check(mapped.rows, ctx);
  const problems = [...mapped.problems, ...checked.problems].sort((a, b) => a.row - b.row);
  return { ...checked, problems, totalRows };
}

/**
 * Dry run, confirmation and the import itself. The dry run stores the checked file (by its SHA-256) and the rows
 * it read from it: confirming names the job and that checksum, and the import checks exactly those rows again
 * against the data as it is then, and writes everything in one transaction or nothing.
 */
export class ImportService {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  private checkContext(ctx: GraphQLContext): CheckContext {
    return {
      province: ctx.access!.province,
      today: vietnamToday(),
      userId: ctx.principal!.userId,
      requestId: ctx.requestId,
      invitationTtlDays: ctx.services.config.INVITATION_TTL_DAYS,
    };
  }

  /** In the request's transaction. */
  async dryRun(ctx: GraphQLContext, spec: KindSpec, fileName: string, content: Buffer): Promise<ImportJob> {
    const sheet = await readFile(content, ctx.services.config.IMPORT_MAX_ROWS, fileName);
    const checked = await checkRows(spec, sheet, this.checkContext(ctx));
    return importRepository.createJob({
      kind: spec.kind,
      fileName,
      checksum: checksumOf(content),
      content,
      sheet,
      totalRows: checked.totalRows,
      problemCount: checked.problems.length,
      problems: checked.problems.slice(0, PROBLEMS_KEPT),
      plan: checked.problems.length ? null : checked.counts,
      checkedBy: ctx.principal!.userId,
    });
  }

  /**
   * In the request's transaction: marks the job running (once). The caller starts `run` after that transaction
   * commits. Confirming a job already imported answers it as it is: nothing is imported twice.
   */
  async confirm(
    ctx: GraphQLContext,
    jobId: string,
    checksum: string,
  ): Promise<{ job: ImportJob; start: boolean }> {
    const job = await importRepository.job(jobId);
    if (!job) throw notFound('ImportJob', jobId);
    if (job.checksum !== checksum)
      throw conflict(
        'Tệp đã kiểm tra không phải tệp này: hãy kiểm tra lại tệp. The checked file is not this one: check it again.',
      );
    if (job.status === 'DONE' || (job.status === 'RUNNING' && !job.stale)) return { job, start: false };
    if (job.problemCount > 0)
      throw appError(
        'PRECONDITION_FAILED',
        `Tệp còn ${job.problemCount} lỗi: sửa rồi kiểm tra lại. The file has ${job.problemCount} problems: fix them and check it again.`,
      );
    if (this.running.size >= CONCURRENT_IMPORTS)
      throw appError(
        'SERVICE_UNAVAILABLE',
        'Đang có nhiều lượt nhập: thử lại sau một phút. Other imports are running: try again in a minute.',
      );
    let started: ImportJob | null;
    try {
      started = await importRepository.start(jobId, ctx.principal!.userId);
    } catch (e) {
      if ((e as { code?: string }).code === '23505')
        throw conflict(
          'Tỉnh đang có một lượt nhập khác: chờ lượt đó xong. Another import of this province is running: wait for it.',
        );
      throw e;
    }
    if (!started) return { job: (await importRepository.job(jobId))!, start: false };
    return { job: started, start: true };
  }

  /** The import itself, after the confirmation committed; its outcome lands in the job row. */
  run(ctx: GraphQLContext, job: ImportJob): Promise<void> {
    const spec = KINDS.find((k) => k.kind === job.kind)!;
    const provinceId = ctx.access!.provinceId;
    const checkCtx = this.checkContext(ctx);
    const log = this.logger.child({ importJob: job.id, kind: job.kind });
    const work = async () => {
      let found: ImportProblem[] = [];
      try {
        await runInTransaction(this.dataSource, provinceId, async () => {
          const checked = await checkRows(spec, (await importRepository.sheet(job.id))!, checkCtx);
          if (checked.problems.length) {
            found = checked.problems;
            throw new Error('the data changed since the dry run');
          }
          await checked.write((done) =>
            importRepository.recordProgress(this.dataSource, provinceId, job.id, done),
          );
          await auditRepository.append({
            actorUserId: checkCtx.userId,
            action: 'import.confirm',
            entityType: 'ImportJob',
            entityId: job.id,
            after: importAudit(job, checked.counts),
            requestId: checkCtx.requestId,
          });
          await importRepository.finish(job.id, { status: 'DONE', result: checked.counts });
        });
      } catch (e) {
        log.warn({ err: e }, 'import failed');
        await runInTransaction(this.dataSource, provinceId, () =>
          importRepository.finish(job.id, {
            status: 'FAILED',
            ...(found.length
              ? {
                  error: 'Dữ liệu đã thay đổi từ lần kiểm tra: xem các lỗi, sửa tệp rồi kiểm tra lại.',
                  errorEnglish:
                    'The data changed since the file was checked: see the problems, correct the file, then check it again.',
                  problems: found.slice(0, PROBLEMS_KEPT),
                  problemCount: found.length,
                }
              : failureMessage(e)),
          }),
        ).catch((err) => log.error({ err }, 'import failure not recorded'));
      }
    };
    const running = work();
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
    return running;
  }

  /**
   * Waits (up to `graceMs`) for the imports under way, when the gateway stops. One still running after that is
   * rolled back with its transaction when the process ends; its job shows as interrupted and can be confirmed again.
   */
  async close(graceMs: number): Promise<void> {
    if (!this.running.size) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
  }
}

function importAudit(job: ImportJob, counts: ImportCounts) {
  return {
    kind: job.kind,
    fileName: job.fileName,
    checksum: job.checksum,
    sizeBytes: job.sizeBytes,
    rows: job.totalRows,
    checkedBy: job.checkedBy,
    ...counts,
  };
}

/** What the person reads when the database refused the import (a rule checked only there, a conflict). */
function failureMessage(e: unknown): { error: string; errorEnglish: string } {
  const code = (e as { code?: string }).code;
  if (code === '23P01' || code === '23505')
    return {
      error:
        'Dữ liệu vừa bị thay đổi cùng lúc (trùng hoặc chồng thời gian): kiểm tra lại tệp rồi nhập lại. Không có gì được ghi.',
      errorEnglish:
        'The data was changed at the same time (a duplicate or overlapping dates): check the file again, then import it. Nothing was written.',
    };
  const api = (e as { extensions?: { code?: string } }).extensions?.code;
  if (api)
    return {
      error: `${(e as Error).message} Không có gì được ghi.`,
      errorEnglish: `${(e as Error).message} Nothing was written.`,
    };
  return {
    error: 'Nhập không thành công vì lỗi hệ thống (đã ghi nhật ký). Không có gì được ghi; hãy thử lại.',
    errorEnglish: 'The import failed on a system error (it has been logged). Nothing was written; try again.',
  };
}
