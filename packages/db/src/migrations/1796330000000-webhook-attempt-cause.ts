import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a webhook attempt failed, as a word (domain notifications/webhook.ts webhookFailureCause) kept beside the
 * error's text: the page says it in its reader's language and folds the text away for IT staff. Attempts logged
 * before have none; the gateway reads their cause from their text.
 */
export class WebhookAttemptCause1796330000000 implements MigrationInterface {
  name = 'WebhookAttemptCause1796330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_attempt ADD COLUMN cause text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_attempt DROP COLUMN cause`);
  }
}
