import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in failures counted per client as well as per email (issue 12, point 8). One table, three kinds of row:
 * (email, client) for one email from one client (the socket's address), ('', client) for one client across
 * every email, and (email, '') for one email across every client. The rows that existed become the last kind.
 */
export class LoginThrottlePerClient1765440000000 implements MigrationInterface {
  name = 'LoginThrottlePerClient1765440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE login_throttle ADD COLUMN client text NOT NULL DEFAULT '';
      ALTER TABLE login_throttle ALTER COLUMN client DROP DEFAULT;
      ALTER TABLE login_throttle DROP CONSTRAINT login_throttle_pkey;
      ALTER TABLE login_throttle ADD PRIMARY KEY (email, client);
      ALTER TABLE login_throttle ADD CONSTRAINT login_throttle_check CHECK (email <> '' OR client <> '');
      CREATE INDEX login_throttle_client ON login_throttle (client) WHERE client <> '';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM login_throttle WHERE client <> '';
      DROP INDEX login_throttle_client;
      ALTER TABLE login_throttle DROP CONSTRAINT login_throttle_check;
      ALTER TABLE login_throttle DROP CONSTRAINT login_throttle_pkey;
      ALTER TABLE login_throttle ADD PRIMARY KEY (email);
      ALTER TABLE login_throttle DROP COLUMN client;
    `);
  }
}
