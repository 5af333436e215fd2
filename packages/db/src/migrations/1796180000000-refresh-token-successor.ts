import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A spent refresh token remembers the token it was spent for. A browser whose refresh answer never arrived (the
 * page reloaded, the connection dropped) presents the spent one again: while the token it was spent for has not
 * been used, that is a lost answer, not a stolen copy (sessionRepository.spendRefreshToken).
 */
export class RefreshTokenSuccessor1796180000000 implements MigrationInterface {
  name = 'RefreshTokenSuccessor1796180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_token ADD COLUMN successor_hash bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_token DROP COLUMN successor_hash`);
  }
}
