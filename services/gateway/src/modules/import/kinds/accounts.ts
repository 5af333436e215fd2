import { invitationRepository, userRepository } from '@thidua/db';
import { provinceTitle } from '@thidua/domain';
import { createInvitation, type InvitableRole } from '../../invitation/invitation.service';
import { choice, Problems, SeenKeys, text, type KindSpec } from '../check-kit';
import { unitIndex } from './persons';
import { UNIT } from './words';

/**
 * The roles as the application names them (the invitation form, the accounts list: first, and listed in the
 * template's drop-down), then the shorter or older names people write.
 */
const ROLES: Record<InvitableRole, string[]> = {
  UNIT_OFFICER: ['Cán bộ thi đua của đơn vị', 'Cán bộ đơn vị', 'Cán bộ thi đua đơn vị'],
  PROVINCE_ADMIN: [
    'Cán bộ Sở Nội vụ',
    'Cán bộ Sở Nội vụ (thường trực thi đua tỉnh)',
    'Cán bộ Sở Nội vụ (thường trực thi đua thành phố)',
    'Thường trực Hội đồng tỉnh',
    'Ban Thi đua - Khen thưởng',
    'Quản trị tỉnh',
  ],
  COUNCIL_MEMBER: ['Thành viên Hội đồng Thi đua – Khen thưởng', 'Thành viên Hội đồng'],
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Accounts become invitations (invitation.service): each person sets their own password from the emailed link.
 * Key: the address. An open invitation of the address with the same role and unit is left as it is (an expired one
 * is sent again). Checked per row against the accounts and invitations the address has: a few hundred rows.
 */
export const accounts: KindSpec = {
  kind: 'ACCOUNTS',
  title: 'Tài khoản',
  titleEn: 'Accounts (invitations)',
  columns: [
    {
      key: 'email',
      header: 'Thư điện tử',
      en: 'Email',
      required: true,
      example: 'hoa.nt@stc.laocai.gov.vn',
      note: 'Địa chỉ nhận thư mời; mỗi địa chỉ một dòng.',
    },
    {
      key: 'fullName',
      header: 'Họ và tên',
      en: 'Full name',
      required: false,
      example: 'Nguyễn Thị Hoa',
      note: 'Người được mời có thể sửa khi nhận lời mời.',
    },
    {
      key: 'role',
      header: 'Vai trò',
      en: 'Role',
      required: true,
      example: 'Cán bộ thi đua của đơn vị',
      options: ROLES,
      note: Object.values(ROLES)
        .map((l) => l[0])
        .join('; '),
    },
    {
      key: 'unit',
      header: 'Đơn vị',
      en: 'Unit',
      required: false,
      example: 'Sở Tài chính',
      note: 'Bắt buộc với cán bộ đơn vị; để trống với vai trò khác.',
    },
  ],
  async check(rows, ctx) {
    const p = new Problems(accounts);
    const unitsByName = await unitIndex();
    const seen = new SeenKeys();
    const invites: { email: string; fullName: string | null; role: InvitableRole; unitId: string | null }[] =
      [];
    let unchanged = 0;
    for (const r of rows) {
      const mark = p.count;
      const email = text(p, r, 'email', { required: true, max: 254 })?.toLowerCase() ?? null;
      if (email && !EMAIL.test(email))
        p.add(r, 'email', {
          vi: `"${email}" không phải địa chỉ thư điện tử.`,
          en: `"${email}" is not an email address.`,
        });
      const fullName = text(p, r, 'fullName', { max: 200 });
      const role = choice(p, r, 'role', ROLES);
      const unitName = text(p, r, 'unit');
      const unit = unitName ? unitsByName.resolve(p, r, 'unit', unitName, UNIT) : null;
      if (role === 'UNIT_OFFICER' && !unitName)
        p.add(r, 'unit', {
          vi: `Vai trò ${ROLES.UNIT_OFFICER[0]} cần tên đơn vị.`,
          en: `The role "${ROLES.UNIT_OFFICER[0]}" (unit officer) needs the unit's name.`,
        });
      if (role && role !== 'UNIT_OFFICER' && unitName)
        p.add(r, 'unit', {
          vi: `${ROLES[role][0]} không gắn với đơn vị: để trống.`,
          en: `The role "${ROLES[role][0]}" is not tied to a unit: leave this cell blank.`,
        });
      if (!email || p.count > mark || !role) continue;
      if (seen.repeat(p, r, 'email', email, { vi: 'địa chỉ thư', en: 'email address' })) continue;
      const user = await userRepository.byEmail(email);
      if (user && (await userRepository.rolesOf([user.id])).some((x) => x.provinceId === ctx.province.id)) {
        p.add(r, 'email', {
          vi: `${email} đã có tài khoản tại ${provinceTitle(ctx.province)}: gán vai trò trong trang người dùng.`,
          en: `${email} already has an account in ${ctx.province.name}: assign the role on the users page.`,
        });
        continue;
      }
      const open = await invitationRepository.open(ctx.province.id, email);
      if (open && (open.role !== role || open.unitId !== (unit?.id ?? null))) {
        p.add(r, 'email', {
          vi: `${email} đang có lời mời với vai trò hoặc đơn vị khác: thu hồi lời mời đó trước.`,
          en: `${email} has an open invitation with another role or unit: revoke that invitation first.`,
        });
        continue;
      }
      if (open?.status === 'PENDING') unchanged++;
      else invites.push({ email, fullName, role, unitId: unit?.id ?? null });
    }
    return {
      problems: p.list,
      counts: { created: invites.length, updated: 0, unchanged },
      async write(progress) {
        const actor = { userId: ctx.userId, requestId: ctx.requestId, ttlDays: ctx.invitationTtlDays };
        for (const [i, invite] of invites.entries()) {
          await createInvitation(actor, invite);
          if ((i + 1) % 100 === 0) await progress(i + 1);
        }
        await progress(invites.length);
      },
    };
  },
};
