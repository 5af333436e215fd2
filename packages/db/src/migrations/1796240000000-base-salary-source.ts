import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 2026 base salary row named, as its source, a copy of the decree's text in a personal repository: no source
 * an official reading the page could rely on. The row keeps its amount and legal basis, says it is still to be
 * checked against the official gazette, and links nothing until the platform admin records the gazette's copy.
 */
export class BaseSalarySource1796240000000 implements MigrationInterface {
  name = 'BaseSalarySource1796240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE base_salary SET source_url = NULL, legal_basis = replace(legal_basis, $1, $2)
        WHERE effective_from = '2026-07-01' AND source_url LIKE 'https://github.com/%'`,
      [
        'Văn bản đọc từ một bản sao công khai (nguồn bên dưới), chưa đối chiếu với Công báo.',
        'Chưa đối chiếu với Công báo.',
      ],
    );
  }

  async down(): Promise<void> {
    // The personal copy is not linked again.
  }
}
