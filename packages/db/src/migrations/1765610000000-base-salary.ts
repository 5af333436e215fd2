import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE } from './rls';

/** Where the 2026 row's text was read: a public copy of the decree (the official gazette is out of reach here). */
const DECREE_161_COPY =
  'https://github.com/dragonboy1206/2A202600746-HoangLongVu-Day7/blob/c803151c4b3c2a8e910d1ddaf3ab6327fbfb9616/data/nghidinh161-2026.txt';

/**
 * The base salary (*mức lương cơ sở*) as platform reference data: the Government sets it by decree for the whole
 * country, so it has no province key. Prize money is a multiplier of the row in force on the decision's date.
 * The platform admin appends rows (`recordBaseSalary`, audited); the application may not change or delete one.
 * The rows below were recorded by this migration (`recorded_by` null).
 */
export class BaseSalary1765610000000 implements MigrationInterface {
  name = 'BaseSalary1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE base_salary (
        effective_from date PRIMARY KEY,
        amount_vnd bigint NOT NULL CHECK (amount_vnd > 0),
        legal_basis text NOT NULL CHECK (length(trim(legal_basis)) BETWEEN 5 AND 2000),
        source_url text CHECK (source_url ~ '^https?://'),
        recorded_by uuid REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
    `);
    await q.query(
      `INSERT INTO base_salary (effective_from, amount_vnd, legal_basis, source_url) VALUES
         ('2019-07-01', 1490000, $1, NULL),
         ('2023-07-01', 1800000, $2, NULL),
         ('2024-07-01', 2340000, $3, NULL),
         ('2026-07-01', 2530000, $4, $5)`,
      [
        'Nghị định 38/2019/NĐ-CP quy định mức lương cơ sở: 1.490.000 đồng/tháng từ 01/7/2019.',
        'Nghị định 24/2023/NĐ-CP quy định mức lương cơ sở: 1.800.000 đồng/tháng từ 01/7/2023.',
        'Nghị định 73/2024/NĐ-CP ngày 30/6/2024 quy định mức lương cơ sở: 2.340.000 đồng/tháng từ 01/7/2024.',
        'Nghị định 161/2026/NĐ-CP ngày 15/5/2026 của Chính phủ quy định mức lương cơ sở và chế độ tiền thưởng, ' +
          'khoản 2 Điều 3: "Từ ngày 01 tháng 7 năm 2026, mức lương cơ sở là 2.530.000 đồng/tháng."; Điều 6: có ' +
          'hiệu lực từ 01/7/2026, Nghị định 73/2024/NĐ-CP hết hiệu lực. Văn bản đọc từ một bản sao công khai ' +
          '(nguồn bên dưới), chưa đối chiếu với Công báo.',
        DECREE_161_COPY,
      ],
    );
    await q.query(`GRANT SELECT, INSERT ON base_salary TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE base_salary`);
  }
}
