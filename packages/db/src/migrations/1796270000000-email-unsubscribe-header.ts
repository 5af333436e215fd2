import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unsubscribe address of a notice's email, kept with the delivery so the send puts it in the message's
 * List-Unsubscribe header (RFC 2369) with List-Unsubscribe-Post (RFC 8058): mail programs show their own
 * "unsubscribe" button, and the one-click POST they send is the page's own POST. Emails recorded before have none.
 */
export class EmailUnsubscribeHeader1796270000000 implements MigrationInterface {
  name = 'EmailUnsubscribeHeader1796270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_delivery ADD COLUMN unsubscribe_url text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_delivery DROP COLUMN unsubscribe_url`);
  }
}
