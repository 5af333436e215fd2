/**
 * The audit log's codes in the reader's words. The log keeps stable codes (they are chained and searched); a
 * secretary reads what happened. A code not listed here (a new one) shows as itself.
 */
type Words = { vi: string; en: string };

const ACTIONS: Record<string, Words> = {
  'achievement.record': { vi: 'Ghi nhận thành tích', en: 'Achievement recorded' },
  'achievement.remove': { vi: 'Xóa thành tích', en: 'Achievement removed' },
  'attachment.delete': { vi: 'Xóa tệp đính kèm', en: 'File deleted' },
  'attachment.delete_on_behalf': {
    vi: 'Xóa tệp minh chứng thay đơn vị',
    en: 'Evidence file removed on behalf',
  },
  'attachment.generated': { vi: 'Lưu văn bản do hệ thống lập', en: 'Generated document stored' },
  'attachment.upload': { vi: 'Tải tệp lên', en: 'File uploaded' },
  'attachment.upload_on_behalf': {
    vi: 'Thêm tệp minh chứng thay đơn vị',
    en: 'Evidence file added on behalf',
  },
  'auth.login': { vi: 'Đăng nhập', en: 'Signed in' },
  'auth.refresh.lost_answer': { vi: 'Gia hạn phiên (mất phản hồi)', en: 'Session renewal answer lost' },
  'award.revoke': { vi: 'Thu hồi khen thưởng', en: 'Award revoked' },
  'awards.block_quota.set': { vi: 'Đặt chỉ tiêu riêng cho khối, cụm', en: 'Block or cluster quota set' },
  'awards.recompute': { vi: 'Tính lại đề nghị', en: 'Proposals computed again' },
  'awards.rules.set': { vi: 'Sửa quy tắc khen thưởng', en: 'Award rules changed' },
  'ballot.cast_on_behalf': { vi: 'Bỏ phiếu thay đơn vị', en: 'Ballot cast on behalf' },
  'base_salary.record': { vi: 'Ghi nhận lương cơ sở', en: 'Base salary recorded' },
  'block.create': { vi: 'Tạo khối, cụm thi đua', en: 'Block or cluster created' },
  'block.member.add': { vi: 'Thêm thành viên khối, cụm', en: 'Member added' },
  'block.member.remove': { vi: 'Bớt thành viên khối, cụm', en: 'Member removed' },
  'block.update': { vi: 'Sửa khối, cụm thi đua', en: 'Block or cluster changed' },
  'certificate_layout.reset': { vi: 'Đặt lại mẫu bằng khen', en: 'Certificate layout reset' },
  'certificate_layout.set': { vi: 'Sửa mẫu bằng khen', en: 'Certificate layout changed' },
  'conference.correct': { vi: 'Sửa biên bản hội nghị', en: 'Conference record corrected' },
  'conference.record': { vi: 'Ghi nhận hội nghị', en: 'Conference recorded' },
  'council.open': { vi: 'Mở biểu quyết Hội đồng', en: 'Council vote opened' },
  'covenant.set': { vi: 'Soạn giao ước', en: 'Covenant written' },
  'covenant.sign': { vi: 'Ký giao ước', en: 'Covenant signed' },
  'covenant.sign_on_behalf': { vi: 'Ký giao ước thay đơn vị', en: 'Covenant signed on behalf' },
  'criteria.create': { vi: 'Tạo bảng tiêu chí', en: 'Criteria set created' },
  'decision.issue': { vi: 'Ban hành quyết định khen thưởng', en: 'Award decision issued' },
  'decision.record_from_documents': { vi: 'Ghi quyết định đã ban hành', en: 'Past decision recorded' },
  'deferral.close': { vi: 'Khép lại vụ việc (hoãn xét)', en: 'Deferral closed' },
  'deferral.record': { vi: 'Ghi nhận vụ việc (hoãn xét)', en: 'Deferral recorded' },
  'disqualification.record': { vi: 'Ghi nhận không đủ điều kiện', en: 'Disqualification recorded' },
  'disqualification.remove': { vi: 'Xóa trường hợp không đủ điều kiện', en: 'Disqualification removed' },
  'dossier.accept_late': { vi: 'Nhận hồ sơ muộn', en: 'Late dossier accepted' },
  'dossier.submit': { vi: 'Gửi hồ sơ đề nghị', en: 'Dossier sent' },
  'import.confirm': { vi: 'Nhập dữ liệu từ tệp', en: 'Spreadsheet imported' },
  'invitation.accept': { vi: 'Nhận lời mời', en: 'Invitation accepted' },
  'invitation.create': { vi: 'Gửi lời mời', en: 'Invitation sent' },
  'invitation.resend': { vi: 'Gửi lại lời mời', en: 'Invitation sent again' },
  'invitation.revoke': { vi: 'Thu hồi lời mời', en: 'Invitation withdrawn' },
  'lineage.record': { vi: 'Ghi nhận kế thừa', en: 'Lineage recorded' },
  'lineage.remove': { vi: 'Xóa kế thừa', en: 'Lineage removed' },
  'nomination.step': { vi: 'Chuyển bước hồ sơ đề nghị', en: 'Nomination moved on' },
  'person.create': { vi: 'Thêm cá nhân', en: 'Person added' },
  'person.update': { vi: 'Sửa thông tin cá nhân', en: 'Person changed' },
  'province.create': { vi: 'Tạo tỉnh/thành', en: 'Province created' },
  'province.update': { vi: 'Sửa tỉnh/thành', en: 'Province changed' },
  'role.assign': { vi: 'Giao vai trò', en: 'Role given' },
  'role.revoke': { vi: 'Thu hồi vai trò', en: 'Role withdrawn' },
  'sheet.submit': { vi: 'Nộp phiếu chấm điểm', en: 'Score sheet sent' },
  'sheet.submit_on_behalf': { vi: 'Nộp phiếu chấm điểm thay đơn vị', en: 'Score sheet sent on behalf' },
  'title.register': { vi: 'Đăng ký danh hiệu', en: 'Title registered' },
  'title.register_on_behalf': { vi: 'Đăng ký danh hiệu thay đơn vị', en: 'Title registered on behalf' },
  'title.withdraw': { vi: 'Rút đăng ký danh hiệu', en: 'Title withdrawn' },
  'title.withdraw_on_behalf': { vi: 'Rút đăng ký danh hiệu thay đơn vị', en: 'Title withdrawn on behalf' },
  'unit.create': { vi: 'Tạo đơn vị', en: 'Unit created' },
  'unit.update': { vi: 'Sửa đơn vị', en: 'Unit changed' },
  'user.create': { vi: 'Tạo tài khoản', en: 'Account created' },
  'user.create.existing': { vi: 'Thêm vai trò cho tài khoản có sẵn', en: 'Role added to an account' },
  'user.disable': { vi: 'Khóa tài khoản', en: 'Account disabled' },
  'user.enable': { vi: 'Mở khóa tài khoản', en: 'Account enabled' },
  'user.password.change': { vi: 'Đổi mật khẩu', en: 'Password changed' },
  'user.password.reset': { vi: 'Đặt lại mật khẩu', en: 'Password reset' },
  'voting.close': { vi: 'Kết thúc bỏ phiếu', en: 'Vote closed' },
  'voting.decision': { vi: 'Trưởng, Phó khối, cụm quyết định', en: 'Head and deputy decided' },
  'voting.extend': { vi: 'Gia hạn bỏ phiếu', en: 'Vote extended' },
  'voting.open': { vi: 'Mở bỏ phiếu', en: 'Vote opened' },
  'voting.paper_count.confirm': { vi: 'Xác nhận kết quả kiểm phiếu giấy', en: 'Paper count confirmed' },
  'voting.paper_count.enter': { vi: 'Nhập kết quả kiểm phiếu giấy', en: 'Paper count entered' },
  'voting.publish': { vi: 'Công bố kết quả', en: 'Results published' },
  'webhook.retry': { vi: 'Gửi lại sự kiện sang hệ thống khác', en: 'Webhook retried' },
  'webhook.subscribe': { vi: 'Thêm địa chỉ nhận sự kiện', en: 'Webhook added' },
  'webhook.test': { vi: 'Gửi thử sự kiện tới địa chỉ nhận', en: 'Webhook test sent' },
  'webhook.unsubscribe': { vi: 'Xóa địa chỉ nhận sự kiện', en: 'Webhook removed' },
  'year.open': { vi: 'Mở năm thi đua', en: 'Year opened' },
  'year.record_from_documents': { vi: 'Ghi năm đã qua từ văn bản', en: 'Past year recorded' },
  'year.remove_recorded': { vi: 'Xóa năm đã ghi nhận từ văn bản', en: 'Recorded past year removed' },
  'year.transition': { vi: 'Chuyển bước năm thi đua', en: 'Year moved on' },
  'year.update': { vi: 'Sửa năm thi đua', en: 'Year changed' },
  'year_end.resume': { vi: 'Tiếp tục đóng năm thi đua', en: 'Year-end closing resumed' },
  'year_end.schedule': { vi: 'Đặt lịch đóng năm thi đua', en: 'Year-end closing scheduled' },
  'year_end.start': { vi: 'Bắt đầu đóng năm thi đua', en: 'Year-end closing started' },
};

const ENTITIES: Record<string, Words> = {
  Achievement: { vi: 'Thành tích', en: 'Achievement' },
  Attachment: { vi: 'Tệp đính kèm', en: 'File' },
  AwardDecision: { vi: 'Quyết định khen thưởng', en: 'Award decision' },
  AwardRuleSet: { vi: 'Quy tắc khen thưởng', en: 'Award rules' },
  BaseSalary: { vi: 'Lương cơ sở', en: 'Base salary' },
  Block: { vi: 'Khối thi đua', en: 'Block' },
  Conference: { vi: 'Hội nghị', en: 'Conference' },
  CriteriaSet: { vi: 'Bảng tiêu chí', en: 'Criteria set' },
  Deferral: { vi: 'Hoãn xét', en: 'Deferral' },
  EmulationYear: { vi: 'Năm thi đua', en: 'Emulation year' },
  ImportJob: { vi: 'Nhập dữ liệu', en: 'Import' },
  Invitation: { vi: 'Lời mời', en: 'Invitation' },
  Nomination: { vi: 'Hồ sơ đề nghị', en: 'Nomination' },
  Person: { vi: 'Cá nhân', en: 'Person' },
  Province: { vi: 'Tỉnh/thành', en: 'Province' },
  RoleAssignment: { vi: 'Vai trò', en: 'Role' },
  ScoreSheet: { vi: 'Phiếu chấm điểm', en: 'Score sheet' },
  TitleRegistration: { vi: 'Đăng ký danh hiệu', en: 'Title registration' },
  Unit: { vi: 'Đơn vị', en: 'Unit' },
  User: { vi: 'Tài khoản', en: 'Account' },
  VotingPeriod: { vi: 'Vòng bỏ phiếu', en: 'Voting round' },
  WebhookDelivery: { vi: 'Lần gửi sự kiện', en: 'Webhook delivery' },
  WebhookSubscription: { vi: 'Địa chỉ nhận sự kiện', en: 'Webhook receiver' },
};

/**
 * Written to the platform's chain only (accounts, sign-ins, provinces, the base salary): a province's log never
 * holds them, so its filter does not offer them.
 */
const PLATFORM_ONLY = new Set([
  'auth.login',
  'auth.refresh.lost_answer',
  'base_salary.record',
  'invitation.accept',
  'province.create',
  'province.update',
  'user.create',
  'user.create.existing',
  'user.disable',
  'user.enable',
  'user.password.change',
  'user.password.reset',
  'BaseSalary',
  'User',
]);

type Locale = 'vi' | 'en';

export const actionWords = (code: string, locale: Locale) => ACTIONS[code]?.[locale] ?? code;
export const entityWords = (code: string, locale: Locale) => ENTITIES[code]?.[locale] ?? code;

export interface Choice {
  code: string;
  words: string;
}

/**
 * The platform's chain: its own codes, and what it shares with a province's (platform roles given and taken, an
 * invitation accepted, provinces themselves).
 */
const ON_PLATFORM_CHAIN = new Set([
  ...PLATFORM_ONLY,
  // A province onboarded with its first administrator's invitation.
  'invitation.create',
  'role.assign',
  'role.revoke',
  'Invitation',
  'Province',
  'RoleAssignment',
]);

/** A log's codes as its filter offers them (a province's, or the platform's): in words, in alphabetical order. */
function choices(table: Record<string, Words>, locale: Locale, platform: boolean): Choice[] {
  return Object.entries(table)
    .filter(([code]) => (platform ? ON_PLATFORM_CHAIN : PLATFORM_ONLY).has(code) === platform)
    .map(([code, words]) => ({ code, words: words[locale] }))
    .sort((a, b) => a.words.localeCompare(b.words, locale) || a.code.localeCompare(b.code));
}

export const actionChoices = (locale: Locale, platform = false) => choices(ACTIONS, locale, platform);
export const entityChoices = (locale: Locale, platform = false) => choices(ENTITIES, locale, platform);

/** The web app's page of a record, by its type and id (App.tsx's routes), where there is one. */
const PAGES: Record<string, (id: string) => string> = {
  AwardDecision: (id) => `/award-decisions/${id}`,
  Block: (id) => `/blocks/${id}`,
  Nomination: (id) => `/nominations/${id}`,
  Person: (id) => `/persons/${id}`,
  Unit: (id) => `/units/${id}`,
  VotingPeriod: (id) => `/voting-periods/${id}`,
};

/** Only one record's id (an achievement's event may list several, comma-separated): no page for the others. */
const ONE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function entityHref(type: string, id: string | null | undefined): string | null {
  const page = PAGES[type];
  return page && id && ONE_ID.test(id) ? page(encodeURIComponent(id)) : null;
}

/**
 * Where an event's record is read: a block's year (or that year's conference) by its block and year, which the
 * API gives beside the year's id; any other record by its id, where the app has its page.
 */
export function eventHref(e: {
  entityType: string;
  entityId: string | null;
  blockYear?: { blockId: string; year: number } | null;
}): string | null {
  const y = e.blockYear;
  if (!y) return entityHref(e.entityType, e.entityId);
  return `/blocks/${y.blockId}/years/${y.year}${e.entityType === 'Conference' ? '/conference' : ''}`;
}

/** The message naming where a step went (a nomination's status, a year's state), for the action's words. */
export function stepKey(action: string, after: unknown): string | null {
  const to = (after ?? {}) as { status?: unknown; state?: unknown };
  if (action === 'nomination.step' && typeof to.status === 'string') return `nomination.status.${to.status}`;
  if (action === 'year.transition' && typeof to.state === 'string') return `yearState.${to.state}`;
  return null;
}

/** The keys of an event's before/after that hold a unit's id: the reader is shown the unit's name. */
export const UNIT_KEYS = ['unitId', 'scorerUnitId', 'targetUnitId', 'headUnitId', 'deputyUnitId'] as const;

/**
 * The keys of an event's before/after read in words above its JSON (i18n `audit.key.<key>`), in this order;
 * the others stay in the JSON only.
 */
export const KNOWN_KEYS = [
  ...UNIT_KEYS,
  'name',
  'year',
  'round',
  'state',
  'status',
  'title',
  'heldOn',
  'place',
  'validFrom',
  'validTo',
  'reason',
  'onBehalfReason',
  'numberText',
  'nominations',
] as const;
