import type { Config } from '@thidua/config';
import {
  invitationRepository,
  passwordResetRepository,
  provinceRepository,
  runInTransaction,
  userRepository,
} from '@thidua/db';
import {
  newOneTimeToken,
  renderInvitationEmail,
  renderPasswordResetEmail,
  type AccountEmail,
} from '@thidua/domain';
import type { JobPayload } from '@thidua/jobs';
import type { DataSource } from 'typeorm';
import { transport } from './notify.job';

/**
 * Emails an invitation's or a password reset's link. The token is drawn here, its hash committed before the
 * email leaves (so the link works when it arrives), and the token itself goes only into the email: not into the
 * database, the outbox or the queue. A retry draws a new token, so only the latest email's link works. Nothing is
 * sent for an invitation no longer open, or a reset whose address has no enabled account (the person who asked
 * was told the same either way).
 */
export async function sendAccountEmail(
  p: JobPayload<'send-account-email'>,
  deps: { dataSource: DataSource; config: Config },
): Promise<{ sent: boolean }> {
  const { dataSource, config } = deps;
  const base = config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
  const { token, hash } = newOneTimeToken();
  const prepared = await runInTransaction(dataSource, null, () =>
    p.kind === 'invitation'
      ? invitationEmail(p.id, hash, `${base}/invitation?token=${token}`)
      : resetEmail(p.id, hash, `${base}/reset-password?token=${token}`),
  );
  if (!prepared) return { sent: false };
  if (!config.SMTP_URL) throw new Error('SMTP_URL is not configured');
  await transport(config.SMTP_URL).sendMail({
    from: config.MAIL_FROM,
    to: prepared.to,
    subject: prepared.email.subject,
    text: prepared.email.text,
    html: prepared.email.html,
    textEncoding: 'base64',
  });
  return { sent: true };
}

async function invitationEmail(
  id: string,
  hash: Buffer,
  link: string,
): Promise<{ to: string; email: AccountEmail } | null> {
  const invitation = await invitationRepository.find({ id });
  if (!invitation || !(await invitationRepository.setToken(id, invitation.sends, hash))) return null;
  const [province] = await provinceRepository.byIds([invitation.provinceId]);
  const [inviter] = invitation.invitedBy ? await userRepository.byIds([invitation.invitedBy]) : [];
  const inviterRoles = inviter ? await userRepository.rolesOf([inviter.id]) : [];
  const operator =
    inviterRoles.some((r) => r.role === 'PLATFORM_ADMIN') &&
    !inviterRoles.some((r) => r.role === 'PROVINCE_ADMIN' && r.provinceId === invitation.provinceId);
  // An existing account is greeted by its holder's name, not the one the inviter typed (it may be a guess).
  const account = await userRepository.byEmail(invitation.email);
  return {
    to: invitation.email,
    email: renderInvitationEmail({
      fullName: account?.fullName ?? invitation.fullName,
      province: province ?? { name: '', kind: 'PROVINCE' },
      role: invitation.role,
      unitName: invitation.unitName,
      invitedBy: operator ? null : (inviter?.fullName ?? null),
      invitedByOperator: operator,
      hasAccount: !!account,
      link,
      expiresAt: invitation.expiresAt,
    }),
  };
}

async function resetEmail(
  id: string,
  hash: Buffer,
  link: string,
): Promise<{ to: string; email: AccountEmail } | null> {
  const reset = await passwordResetRepository.byId(id);
  if (!reset) return null;
  const user = await userRepository.byEmail(reset.email);
  if (!user || user.disabledAt || !(await passwordResetRepository.setToken(id, user.id, hash))) return null;
  return {
    to: user.email,
    email: renderPasswordResetEmail({ fullName: user.fullName, link, expiresAt: reset.expiresAt }),
  };
}
