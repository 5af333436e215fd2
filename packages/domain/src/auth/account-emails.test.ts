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
      province: { name: 'Lào Cai', kind: 'PROVINCE' },
      role: 'UNIT_OFFICER',
      unitName: 'Sở Tài chính',
      invitedBy: 'Nguyễn Văn An',
      invitedByOperator: false,
      hasAccount: false,
      link: 'https://thidua.vn/invitation?token=abc',
      expiresAt: new Date('2026-12-08T16:59:00Z'),
    });
    expect(mail.subject).toBe('[Thi đua] Lời mời tham gia hệ thống Thi đua – Khen thưởng tỉnh Lào Cai');
    expect(mail.text).toContain('Kính gửi Trần Thị <Lan>,');
    expect(mail.text).toContain('với vai trò Cán bộ thi đua của đơn vị – Sở Tài chính');
    // 16:59 UTC is 23:59 in Vietnam, written as the pages write a moment.
    expect(mail.text).toContain('hết hạn lúc 23:59 ngày 08/12/2026.');
    expect(mail.text).toContain(
      'Sở Nội vụ tỉnh Lào Cai (Nguyễn Văn An) mời anh/chị tham gia hệ thống Thi đua – Khen thưởng tỉnh Lào Cai với',
    );
    expect(mail.text).toContain('đặt mật khẩu của riêng anh/chị');
    expect(mail.text.indexOf('Kính gửi')).toBeLessThan(mail.text.indexOf('invites you'));
    expect(mail.text).toContain('https://thidua.vn/invitation?token=abc');
    expect(mail.html).toContain('Trần Thị &lt;Lan&gt;');
    expect(mail.html).not.toContain('<Lan>');
  });

  it("an operator's invitation to an address with an account: not signed as the province's Sở Nội vụ, and the current password kept", () => {
    const mail = renderInvitationEmail({
      fullName: 'Hoàng Văn Nam',
      province: { name: 'Huế', kind: 'CITY' },
      role: 'PROVINCE_ADMIN',
      unitName: null,
      invitedBy: null,
      invitedByOperator: true,
      hasAccount: true,
      link: 'https://thidua.vn/invitation?token=abc',
      expiresAt: new Date('2026-12-12T00:03:00Z'),
    });
    expect(mail.text).toContain('Bộ phận vận hành hệ thống Thi đua – Khen thưởng mời anh/chị');
    expect(mail.text).not.toContain('Sở Nội vụ thành phố Huế');
    expect(mail.subject).toBe('[Thi đua] Lời mời tham gia hệ thống Thi đua – Khen thưởng thành phố Huế');
    // A city's secretariat serves the city.
    expect(mail.text).toContain('với vai trò Cán bộ Sở Nội vụ (thường trực thi đua thành phố).');
    expect(mail.text).toContain('as City secretariat');
    expect(mail.text).toContain('đăng nhập bằng mật khẩu hiện tại');
    expect(mail.text).not.toContain('đặt mật khẩu của riêng');
    expect(mail.text).toContain('hết hạn lúc 07:03 ngày 12/12/2026.');
    expect(mail.html).toContain('>Nhận lời mời</a>');
  });

  it('a reset says every session ends and what to do when it was not the person', () => {
    const mail = renderPasswordResetEmail({
      fullName: 'Lê Văn Bình',
      link: 'https://thidua.vn/reset-password?token=xyz',
      expiresAt: new Date('2026-12-01T10:00:00Z'),
    });
    expect(mail.text).toContain('hết hạn lúc 17:00 ngày 01/12/2026.');
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
