import { describe, expect, it } from 'vitest';
import {
  hashOneTimeToken,
  newOneTimeToken,
  renderInvitationEmail,
  renderPasswordResetEmail,
} from './account-emails';

describe('account emails', () => {
  it('an invitation: Vietnamese first, English after, the link and its expiry in Vietnam time, names escaped in HTML', () => {
    const mail = renderInvitationEmail({
      fullName: 'Trần Thị <Lan>',
      provinceName: 'Lào Cai',
      role: 'UNIT_OFFICER',
      unitName: 'Sở Tài chính',
      invitedBy: 'Nguyễn Văn An',
      link: 'https://thidua.vn/invitation?token=abc',
      expiresAt: new Date('2026-12-08T16:59:00Z'),
    });
    expect(mail.subject).toBe('[Thi đua] Lời mời tham gia hệ thống Thi đua – Khen thưởng Lào Cai');
    expect(mail.text).toContain('Kính gửi Trần Thị <Lan>,');
    expect(mail.text).toContain('với vai trò Cán bộ thi đua của đơn vị – Sở Tài chính');
    expect(mail.text).toContain('23:59'); // 16:59 UTC is 23:59 in Vietnam
    expect(mail.text.indexOf('Kính gửi')).toBeLessThan(mail.text.indexOf('invites you'));
    expect(mail.text).toContain('https://thidua.vn/invitation?token=abc');
    expect(mail.html).toContain('Trần Thị &lt;Lan&gt;');
    expect(mail.html).not.toContain('<Lan>');
  });

  it('a reset says every session ends and what to do when it was not the person', () => {
    const mail = renderPasswordResetEmail({
      fullName: 'Lê Văn Bình',
      link: 'https://thidua.vn/reset-password?token=xyz',
      expiresAt: new Date('2026-12-01T10:00:00Z'),
    });
    expect(mail.text).toContain('mọi phiên đăng nhập của anh/chị đều kết thúc');
    expect(mail.text).toContain('Nếu không phải anh/chị yêu cầu, hãy bỏ qua thư này');
    expect(mail.text).toContain('If it was not you, ignore this email');
  });

  it('tokens are 256 random bits; only the SHA-256 is kept', () => {
    const a = newOneTimeToken();
    const b = newOneTimeToken();
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash.equals(hashOneTimeToken(a.token))).toBe(true);
    expect(a.hash).toHaveLength(32);
  });
});
