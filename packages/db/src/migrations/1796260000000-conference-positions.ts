import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conference's chair and secretary with their positions apart from their names: the minutes print "Nguyễn
 * Văn An, Chánh Văn phòng" in their text and the name alone on the signature line ("Ký, ghi rõ họ tên"). Before,
 * a position typed with the name was printed as the name. Names recorded so are left as typed.
 */
export class ConferencePositions1796260000000 implements MigrationInterface {
  name = 'ConferencePositions1796260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE conference ADD COLUMN chair_position text, ADD COLUMN secretary_position text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conference DROP COLUMN chair_position, DROP COLUMN secretary_position`);
  }
}
