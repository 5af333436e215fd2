import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE } from './rls';

/**
 * A year recorded from documents by mistake can be removed before anything rests on it: its block's rollup row
 * goes with it, and the province's row when no block of the year is left.
 */
export class RollupRemoval1796290000000 implements MigrationInterface {
  name = 'RollupRemoval1796290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`GRANT DELETE ON block_year_rollup, province_year_rollup TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE DELETE ON block_year_rollup, province_year_rollup FROM ${APP_GROUP_ROLE}`);
  }
}
