import type { MigrationInterface, QueryRunner } from 'typeorm';
import { inEveryProvince } from './rls';

/**
 * A failed import's message in English too, for the English page (`error` stays the Vietnamese). An import cut off
 * by a stopped gateway keeps no message: the page says what that means in the reader's language (it used to be
 * stored as an English sentence, which the Vietnamese page showed as it was).
 */
export class ImportErrorEnglish1796360000000 implements MigrationInterface {
  name = 'ImportErrorEnglish1796360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_job ADD COLUMN error_english text`);
    // The failures recorded before: the interrupted ones lose their English sentence, the others (a fixed sentence
    // each, import.service.ts) gain their English.
    await q.query(
      inEveryProvince(`
        UPDATE import_job SET error = NULL
         WHERE province_id = p.id AND error = 'Interrupted: its gateway stopped';
        UPDATE import_job j SET error_english = k.english
          FROM (VALUES ${KNOWN.map(([vi, en]) => `('${vi}', '${en}')`).join(', ')}) AS k (vi, english)
         WHERE j.province_id = p.id AND j.error = k.vi;`),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The interrupted imports keep no message (the page before this read a missing one the same way).
    await q.query(`ALTER TABLE import_job DROP COLUMN error_english`);
  }
}

/** import.service.ts's fixed failure sentences, as written then, and their English. */
const KNOWN: [string, string][] = [
  [
    'Dữ liệu đã thay đổi từ lần kiểm tra: xem các lỗi, sửa tệp rồi kiểm tra lại.',
    'The data changed since the file was checked: see the problems, correct the file, then check it again.',
  ],
  [
    'Dữ liệu vừa bị thay đổi cùng lúc (trùng hoặc chồng thời gian): kiểm tra lại tệp rồi nhập lại. Không có gì được ghi.',
    'The data was changed at the same time (a duplicate or overlapping dates): check the file again, then import it. Nothing was written.',
  ],
  [
    'Nhập không thành công vì lỗi hệ thống (đã ghi nhật ký). Không có gì được ghi; hãy thử lại.',
    'The import failed on a system error (it has been logged). Nothing was written; try again.',
  ],
];
