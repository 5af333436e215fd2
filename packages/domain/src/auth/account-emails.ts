import { createHash, randomBytes } from 'node:crypto';
import { escapeHtml } from '../notifications/unsubscribe';
import { VIETNAM_TIME_ZONE } from '../time/vietnam';
import type { Role } from './roles';

/** A link's secret: 256 random bits. Only its hash is stored, so a copy of the database opens no link. */
export function newOneTimeToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** The roles an invitation grants, as people read them. */
export const ROLE_NAMES: Record<Role, { vi: string; en: string }> = {
  PLATFORM_ADMIN: { vi: 'Quản trị hệ thống', en: 'Platform administrator' },
  NATIONAL_VIEWER: { vi: 'Người xem toàn quốc', en: 'National viewer' },
  PROVINCE_ADMIN: { vi: 'Cán bộ Sở Nội vụ (thường trực thi đua tỉnh)', en: 'Province secretariat' },
  UNIT_OFFICER: { vi: 'Cán bộ thi đua của đơn vị', en: 'Unit officer' },
  COUNCIL_MEMBER: { vi: 'Thành viên Hội đồng Thi đua – Khen thưởng', en: 'Council member' },
};

export interface AccountEmail {
  subject: string;
  text: string;
  html: string;
}

function when(instant: Date, locale: 'vi' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: VIETNAM_TIME_ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(instant);
}

/** Vietnamese first, English after; the same in text and HTML. */
function compose(subject: string, vi: string[], en: string[], link: string, button: string): AccountEmail {
  const text = [...vi, '', link, '', '—', ...en, ''].join('\n');
  const para = (lines: string[]) => lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
  const html =
    `${para(vi)}<p><a href="${escapeHtml(link)}">${escapeHtml(button)}</a></p>` +
    `<p><small>${escapeHtml(link)}</small></p><hr>${para(en)}`;
  return { subject, text, html };
}

export function renderInvitationEmail(facts: {
  fullName: string | null;
  provinceName: string;
  role: Role;
  unitName: string | null;
  invitedBy: string | null;
  link: string;
  expiresAt: Date;
}): AccountEmail {
  const role = ROLE_NAMES[facts.role];
  const where = facts.unitName ? ` – ${facts.unitName}` : '';
  const by = facts.invitedBy ? ` (${facts.invitedBy})` : '';
  return compose(
    `[Thi đua] Lời mời tham gia hệ thống Thi đua – Khen thưởng ${facts.provinceName}`,
    [
      facts.fullName ? `Kính gửi ${facts.fullName},` : 'Kính gửi anh/chị,',
      `Sở Nội vụ ${facts.provinceName}${by} mời anh/chị tham gia hệ thống Thi đua – Khen thưởng với vai trò ${role.vi}${where}.`,
      `Mở liên kết dưới đây để đặt mật khẩu của riêng anh/chị. Liên kết chỉ dùng được một lần và hết hạn lúc ${when(facts.expiresAt, 'vi')}.`,
      'Nếu anh/chị không mong đợi thư này, hãy bỏ qua nó.',
    ],
    [
      `${facts.provinceName}'s secretariat invites you to the emulation and awards platform as ${role.en}${where}.`,
      `Open the link above to set your own password. It works once and expires on ${when(facts.expiresAt, 'en')}.`,
      'If you did not expect this email, ignore it.',
    ],
    facts.link,
    'Đặt mật khẩu và bắt đầu',
  );
}

export function renderPasswordResetEmail(facts: {
  fullName: string;
  link: string;
  expiresAt: Date;
}): AccountEmail {
  return compose(
    '[Thi đua] Đặt lại mật khẩu',
    [
      `Kính gửi ${facts.fullName},`,
      'Có yêu cầu đặt lại mật khẩu cho tài khoản của anh/chị trên hệ thống Thi đua – Khen thưởng.',
      `Mở liên kết dưới đây để đặt mật khẩu mới. Liên kết chỉ dùng được một lần và hết hạn lúc ${when(facts.expiresAt, 'vi')}. Sau khi đổi, mọi phiên đăng nhập của anh/chị đều kết thúc.`,
      'Nếu không phải anh/chị yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.',
    ],
    [
      'Someone asked to reset the password of your account on the emulation and awards platform.',
      `Open the link above to choose a new password. It works once and expires on ${when(facts.expiresAt, 'en')}; every session of yours ends afterwards.`,
      'If it was not you, ignore this email: your password stays as it is.',
    ],
    facts.link,
    'Đặt mật khẩu mới',
  );
}
