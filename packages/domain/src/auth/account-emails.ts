import { createHash, randomBytes } from 'node:crypto';
import { escapeHtml } from '../notifications/unsubscribe';
import { placeWord, provinceTitle, type ProvinceKind, type ProvinceName } from '../province/title';
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

/** The roles an invitation grants, as people read them: a city's secretariat serves "thành phố" (as the web says). */
export function roleName(role: Role, kind?: ProvinceKind | null): { vi: string; en: string } {
  const city = kind === 'CITY';
  return {
    PLATFORM_ADMIN: { vi: 'Quản trị nền tảng', en: 'Platform administrator' },
    NATIONAL_VIEWER: { vi: 'Người xem toàn quốc', en: 'National viewer' },
    PROVINCE_ADMIN: {
      vi: `Cán bộ Sở Nội vụ (thường trực thi đua ${placeWord(kind)})`,
      en: city ? 'City secretariat' : 'Province secretariat',
    },
    UNIT_OFFICER: { vi: 'Cán bộ thi đua của đơn vị', en: 'Unit officer' },
    COUNCIL_MEMBER: { vi: 'Thành viên Hội đồng Thi đua – Khen thưởng', en: 'Council member' },
  }[role];
}

export interface AccountEmail {
  subject: string;
  text: string;
  html: string;
}

/** "07:03 ngày 12/12/2026" in Vietnam's time, as the pages write a moment; "12 December 2026 at 07:03" in English. */
function when(instant: Date, locale: 'vi' | 'en'): string {
  if (locale === 'en')
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: VIETNAM_TIME_ZONE,
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(instant);
  const part = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: VIETNAM_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${part.hour}:${part.minute} ngày ${part.day}/${part.month}/${part.year}`;
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
  province: ProvinceName;
  role: Role;
  unitName: string | null;
  invitedBy: string | null;
  /** The platform's operators invite a province's first secretariat officers: not the province's Sở Nội vụ. */
  invitedByOperator: boolean;
  /** The address already has an account: the invitation adds a role, signed in with the current password. */
  hasAccount: boolean;
  link: string;
  expiresAt: Date;
}): AccountEmail {
  const role = roleName(facts.role, facts.province.kind);
  const where = facts.unitName ? ` – ${facts.unitName}` : '';
  const by = facts.invitedBy ? ` (${facts.invitedBy})` : '';
  const province = provinceTitle(facts.province);
  const inviter = facts.invitedByOperator
    ? 'Bộ phận vận hành hệ thống Thi đua – Khen thưởng'
    : `Sở Nội vụ ${province}${by}`;
  const expires = when(facts.expiresAt, 'vi');
  return compose(
    `[Thi đua] Lời mời tham gia hệ thống Thi đua – Khen thưởng ${province}`,
    [
      facts.fullName ? `Kính gửi ${facts.fullName},` : 'Kính gửi anh/chị,',
      `${inviter} mời anh/chị tham gia hệ thống Thi đua – Khen thưởng ${province} với vai trò ${role.vi}${where}.`,
      facts.hasAccount
        ? `Anh/chị đã có tài khoản: mở liên kết dưới đây và đăng nhập bằng mật khẩu hiện tại để nhận vai trò này. Liên kết chỉ dùng được một lần và hết hạn lúc ${expires}.`
        : `Mở liên kết dưới đây để đặt mật khẩu của riêng anh/chị. Liên kết chỉ dùng được một lần và hết hạn lúc ${expires}.`,
      'Nếu anh/chị không mong đợi thư này, hãy bỏ qua nó.',
    ],
    [
      `${facts.invitedByOperator ? "The platform's operators invite" : `${facts.province.name}'s secretariat invites`} you to the emulation and awards platform of ${facts.province.name} as ${role.en}${where}.`,
      facts.hasAccount
        ? `You already have an account: open the link above and sign in with your current password to take this role. It works once and expires on ${when(facts.expiresAt, 'en')}.`
        : `Open the link above to set your own password. It works once and expires on ${when(facts.expiresAt, 'en')}.`,
      'If you did not expect this email, ignore it.',
    ],
    facts.link,
    facts.hasAccount ? 'Nhận lời mời' : 'Đặt mật khẩu và bắt đầu',
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
