import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { returning } from './sql';

export const ATTACHMENT_OWNERS = ['EMULATION_YEAR', 'CONFERENCE', 'NOMINATION', 'EVIDENCE'] as const;
export type AttachmentOwner = (typeof ATTACHMENT_OWNERS)[number];

export interface Attachment {
  provinceId: string;
  id: string;
  emulationYearId: string;
  ownerType: AttachmentOwner;
  ownerId: string;
  /**
   * A nomination's subject (unit, person, form): its files follow it through recomputes. Evidence: the criterion's
   * code (the owner is the member unit).
   */
  subject: string | null;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
  generated: boolean;
  uploadedBy: string;
  uploadedAt: Date;
}

export type NewAttachment = Omit<Attachment, 'provinceId' | 'uploadedAt'>;

const COLUMNS = `province_id AS "provinceId", id, emulation_year_id AS "emulationYearId", owner_type AS "ownerType",
  owner_id AS "ownerId", subject, name, content_type AS "contentType", size::float8 AS size, sha256,
  storage_key AS "storageKey", generated, uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt"`;

export const attachmentRepository = {
  async insert(a: NewAttachment): Promise<Attachment> {
    const [row] = await returning<Attachment>(
      await tenantManager(),
      `INSERT INTO attachment (province_id, id, emulation_year_id, owner_type, owner_id, subject, name, content_type,
         size, sha256, storage_key, generated, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
      [
        currentProvinceId(),
        a.id,
        a.emulationYearId,
        a.ownerType,
        a.ownerId,
        a.subject,
        a.name,
        a.contentType,
        a.size,
        a.sha256,
        a.storageKey,
        a.generated,
        a.uploadedBy,
      ],
    );
    return row!;
  },

  async byIds(ids: readonly string[]): Promise<Attachment[]> {
    if (!ids.length) return [];
    return (await tenantManager()).query(`SELECT ${COLUMNS} FROM attachment WHERE id = ANY($1::uuid[])`, [
      [...ids],
    ]);
  },

  /** Every file of the given block years, oldest first; callers pick a record's own. */
  async ofYears(yearIds: readonly string[]): Promise<Attachment[]> {
    if (!yearIds.length) return [];
    return (await tenantManager()).query(
      `SELECT ${COLUMNS} FROM attachment WHERE emulation_year_id = ANY($1::uuid[]) ORDER BY uploaded_at, id`,
      [[...yearIds]],
    );
  },

  /** Removes an uploaded file's row (never a generated document's); false when there was none to remove. */
  async deleteUploaded(id: string): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `DELETE FROM attachment WHERE id = $1 AND NOT generated RETURNING id`,
      [id],
    );
    return rows.length === 1;
  },
};
