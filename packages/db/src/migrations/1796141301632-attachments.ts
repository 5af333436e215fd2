import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

/**
 * Files a block year's records carry (issue 15): the dossier's (the year's), a conference's (scanned minutes,
 * photos) and a nomination's (achievement reports). The bytes live in the file storage under `storage_key`; the
 * row keeps what was received: name, detected type, size and SHA-256.
 *
 * A nomination is recomputed (deleted and inserted again) until the dossier is submitted, so its files are tied
 * to what it proposes (`subject`: unit, person, form), not to the row's id, and survive a recompute.
 * `generated`: a document the platform produced and stored when the dossier was submitted; never deleted.
 */
export class Attachments1796141301632 implements MigrationInterface {
  name = 'Attachments1796141301632';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachment (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        emulation_year_id uuid NOT NULL,
        owner_type text NOT NULL CHECK (owner_type IN ('EMULATION_YEAR', 'CONFERENCE', 'NOMINATION')),
        -- The year, the conference, or the nomination as it was when the file was attached.
        owner_id uuid NOT NULL,
        subject text CHECK ((owner_type = 'NOMINATION') = (subject IS NOT NULL)),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        generated boolean NOT NULL DEFAULT false,
        uploaded_by uuid NOT NULL REFERENCES app_user(id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, storage_key),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id)
      );
      CREATE INDEX attachment_owner ON attachment (province_id, emulation_year_id, owner_type, uploaded_at);
    `);
    await enableTenantRls(q, 'attachment');
    await q.query(`GRANT SELECT, INSERT, DELETE ON attachment TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachment`);
  }
}
