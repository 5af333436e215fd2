import type { Role } from '@thidua/domain';
import { currentManager } from '../tenancy/tenant-context';
import { containsPattern, type Page, type PageRequest } from './pagination';
import { returning } from './sql';

export type InvitationStatus = 'PENDING' | 'EXPIRED' | 'ACCEPTED' | 'REVOKED';

export interface Invitation {
  id: string;
  provinceId: string;
  email: string;
  fullName: string | null;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  invitedBy: string | null;
  sends: number;
  expiresAt: Date;
  emailedAt: Date | null;
  createdAt: Date;
  acceptedAt: Date | null;
  userId: string | null;
  revokedAt: Date | null;
  status: InvitationStatus;
}

const COLUMNS = `id, province_id, email, full_name, role, unit_id, unit_name, invited_by, sends, expires_at, emailed_at,
  created_at, accepted_at, user_id, revoked_at,
  CASE WHEN accepted_at IS NOT NULL THEN 'ACCEPTED' WHEN revoked_at IS NOT NULL THEN 'REVOKED'
       WHEN expires_at <= now() THEN 'EXPIRED' ELSE 'PENDING' END AS status`;

type Row = Record<string, unknown>;
const toInvitation = (r: Row): Invitation => ({
  id: r.id as string,
  provinceId: r.province_id as string,
  email: r.email as string,
  fullName: (r.full_name as string | null) ?? null,
  role: r.role as Role,
  unitId: (r.unit_id as string | null) ?? null,
  unitName: (r.unit_name as string | null) ?? null,
  invitedBy: (r.invited_by as string | null) ?? null,
  sends: r.sends as number,
  expiresAt: r.expires_at as Date,
  emailedAt: (r.emailed_at as Date | null) ?? null,
  createdAt: r.created_at as Date,
  acceptedAt: (r.accepted_at as Date | null) ?? null,
  userId: (r.user_id as string | null) ?? null,
  revokedAt: (r.revoked_at as Date | null) ?? null,
  status: r.status as InvitationStatus,
});

export interface InvitationFilter {
  provinceId: string;
  status?: InvitationStatus;
  /** Part of the email or the name. */
  search?: string;
}

/**
 * Invitations (a platform table, see the migration): every read of a province's invitations names the province.
 * A row is open while neither accepted nor revoked; it can be accepted while open and not expired.
 */
export const invitationRepository = {
  /** The open invitation of this address in the province, expired or not. */
  async open(provinceId: string, email: string): Promise<Invitation | null> {
    const rows: Row[] = await (
      await currentManager()
    ).query(
      `SELECT ${COLUMNS} FROM invitation
       WHERE province_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
      [provinceId, email],
    );
    return rows[0] ? toInvitation(rows[0]) : null;
  },

  async create(input: {
    provinceId: string;
    email: string;
    fullName: string | null;
    role: Role;
    unitId: string | null;
    unitName: string | null;
    invitedBy: string;
    expiresAt: Date;
  }): Promise<Invitation> {
    const rows: Row[] = await (
      await currentManager()
    ).query(
      `INSERT INTO invitation (province_id, email, full_name, role, unit_id, unit_name, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        input.provinceId,
        input.email,
        input.fullName,
        input.role,
        input.unitId,
        input.unitName,
        input.invitedBy,
        input.expiresAt,
      ],
    );
    return toInvitation(rows[0]!);
  },

  /** In the province, or null. */
  async byId(provinceId: string, id: string): Promise<Invitation | null> {
    const rows: Row[] = await (
      await currentManager()
    ).query(`SELECT ${COLUMNS} FROM invitation WHERE province_id = $1 AND id = $2`, [provinceId, id]);
    return rows[0] ? toInvitation(rows[0]) : null;
  },

  /** Any province: the worker writing its email, the invitee opening its link (by the token's hash). */
  async find(by: { id: string } | { tokenHash: Buffer }): Promise<Invitation | null> {
    const [where, value] = 'id' in by ? ['id = $1', by.id] : ['token_hash = $1', by.tokenHash];
    const rows: Row[] = await (
      await currentManager()
    ).query(`SELECT ${COLUMNS} FROM invitation WHERE ${where}`, [value]);
    return rows[0] ? toInvitation(rows[0]) : null;
  },

  async list(filter: InvitationFilter, page: PageRequest): Promise<Page<Invitation>> {
    const params: unknown[] = [filter.provinceId];
    const where = ['province_id = $1'];
    if (filter.search) {
      params.push(containsPattern(filter.search.trim().toLowerCase()));
      where.push(`(email LIKE $${params.length} OR lower(full_name) LIKE $${params.length})`);
    }
    const rows: Row[] = await (
      await currentManager()
    ).query(
      // Counted after the status filter (status is computed in COLUMNS): the pager's total is of what is shown.
      `SELECT *, count(*) OVER () AS total FROM (SELECT ${COLUMNS} FROM invitation WHERE ${where.join(' AND ')}) i
       ${filter.status ? `WHERE status = $${params.push(filter.status)}` : ''}
       ORDER BY created_at DESC, id OFFSET $${params.push(page.offset)} LIMIT $${params.push(page.first)}`,
      params,
    );
    return { items: rows.map(toInvitation), totalCount: Number(rows[0]?.total ?? 0), offset: page.offset };
  },

  /** A new send: a new expiry, the old link dropped (the worker draws the next). Open invitations only. */
  async renew(id: string, expiresAt: Date): Promise<Invitation | null> {
    const rows = await returning<Row>(
      await currentManager(),
      `UPDATE invitation SET sends = sends + 1, expires_at = $2, token_hash = NULL
       WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id, expiresAt],
    );
    return rows[0] ? toInvitation(rows[0]) : null;
  },

  async revoke(id: string): Promise<Invitation | null> {
    const rows = await returning<Row>(
      await currentManager(),
      `UPDATE invitation SET revoked_at = now(), token_hash = NULL
       WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ? toInvitation(rows[0]) : null;
  },

  /** The worker's: the hash of the link it is about to email, for an invitation still open and unexpired. */
  async setToken(id: string, sends: number, tokenHash: Buffer): Promise<boolean> {
    const rows = await returning<Row>(
      await currentManager(),
      `UPDATE invitation SET token_hash = $3, emailed_at = now()
       WHERE id = $1 AND sends = $2 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
       RETURNING id`,
      [id, sends, tokenHash],
    );
    return rows.length > 0;
  },

  /** Spends the link: once only (two concurrent acceptances: one wins). */
  async accept(id: string, userId: string): Promise<boolean> {
    const rows = await returning<Row>(
      await currentManager(),
      `UPDATE invitation SET accepted_at = now(), user_id = $2, token_hash = NULL
       WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING id`,
      [id, userId],
    );
    return rows.length > 0;
  },
};

/** Requests to reset a password by email (platform table; see the migration). */
export const passwordResetRepository = {
  /** Requests in the last `windowSeconds` for this address, and from this client. */
  async recent(
    email: string,
    client: string,
    windowSeconds: number,
  ): Promise<{ email: number; client: number; oldest: Date | null }> {
    const [row]: { email: string; client: string; oldest: Date | null }[] = await (
      await currentManager()
    ).query(
      `SELECT count(*) FILTER (WHERE email = $1) AS email, count(*) FILTER (WHERE client = $2) AS client,
         min(requested_at) AS oldest
       FROM password_reset
       WHERE (email = $1 OR client = $2) AND requested_at > now() - make_interval(secs => $3)`,
      [email, client, windowSeconds],
    );
    return { email: Number(row?.email ?? 0), client: Number(row?.client ?? 0), oldest: row?.oldest ?? null };
  },

  async create(email: string, client: string, expiresAt: Date): Promise<string> {
    const rows: { id: string }[] = await (
      await currentManager()
    ).query(`INSERT INTO password_reset (email, client, expires_at) VALUES ($1, $2, $3) RETURNING id`, [
      email,
      client,
      expiresAt,
    ]);
    return rows[0]!.id;
  },

  async byId(
    id: string,
  ): Promise<{ id: string; email: string; expiresAt: Date; usedAt: Date | null } | null> {
    const rows: { id: string; email: string; expires_at: Date; used_at: Date | null }[] = await (
      await currentManager()
    ).query(`SELECT id, email, expires_at, used_at FROM password_reset WHERE id = $1`, [id]);
    const r = rows[0];
    return r ? { id: r.id, email: r.email, expiresAt: r.expires_at, usedAt: r.used_at } : null;
  },

  /** The worker's: the account the link is for, and the hash of the link it is about to email. */
  async setToken(id: string, userId: string, tokenHash: Buffer): Promise<boolean> {
    const rows = await returning<{ id: string }>(
      await currentManager(),
      `UPDATE password_reset SET user_id = $2, token_hash = $3, emailed_at = now()
       WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
      [id, userId, tokenHash],
    );
    return rows.length > 0;
  },

  /** The account a link resets, while the link is unspent and unexpired. */
  async usable(tokenHash: Buffer): Promise<{ id: string; userId: string } | null> {
    const rows: { id: string; user_id: string }[] = await (
      await currentManager()
    ).query(
      `SELECT id, user_id FROM password_reset
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() AND user_id IS NOT NULL`,
      [tokenHash],
    );
    return rows[0] ? { id: rows[0].id, userId: rows[0].user_id } : null;
  },

  /**
   * Spends a link, once only (of two concurrent uses one wins), and with it every other unspent link of the same
   * account, so an older email cannot be used afterwards. False when it was spent meanwhile.
   */
  async spend(id: string, userId: string): Promise<boolean> {
    const rows = await returning<{ id: string }>(
      await currentManager(),
      `UPDATE password_reset SET used_at = now()
       WHERE user_id = $1 AND used_at IS NULL RETURNING id`,
      [userId],
    );
    return rows.some((r) => r.id === id);
  },

  /** Requests older than a day are no longer needed for throttling nor usable. */
  async purgeOld(): Promise<number> {
    const result: [unknown[], number] = await (
      await currentManager()
    ).query(`DELETE FROM password_reset WHERE requested_at < now() - interval '1 day'`);
    return result[1];
  },
};
