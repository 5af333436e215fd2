import { describe, expect, it } from 'vitest';
import { onBehalfActOf, renderOnBehalfNotice, type OnBehalfNotice } from './on-behalf';

const notice: OnBehalfNotice = {
  unitName: 'Báo Lào Cai',
  blockName: 'Khối thi đua số 3',
  year: 2026,
  reason: 'Đơn vị đề nghị bằng văn bản số 15/BLC.',
  what: { act: 'title.register', title: 'CSTD_PROV', personName: 'Nguyễn Thị Hoa' },
};

describe('a notice of what the secretariat entered for a unit', () => {
  it('says what, for whom, and the reason once, without a doubled full stop', () => {
    expect(renderOnBehalfNotice(notice)).toEqual({
      title: 'Sở Nội vụ đăng ký danh hiệu thay đơn vị',
      body: 'Sở Nội vụ đã đăng ký danh hiệu Chiến sĩ thi đua cấp tỉnh cho Nguyễn Thị Hoa (Khối thi đua số 3, năm 2026) thay cho Báo Lào Cai. Lý do: Đơn vị đề nghị bằng văn bản số 15/BLC. Nếu đơn vị không yêu cầu việc này, đề nghị liên hệ Sở Nội vụ.',
    });
  });

  it("names a city's titles as the city's, in Vietnamese and in English", () => {
    const city = { ...notice, provinceKind: 'CITY' as const };
    expect(renderOnBehalfNotice(city).body).toContain(
      'danh hiệu Chiến sĩ thi đua thành phố cho Nguyễn Thị Hoa',
    );
    expect(renderOnBehalfNotice(city, 'en')).toEqual({
      title: 'Title registered for your unit',
      body: 'The Department of Home Affairs registered the title City Emulation Fighter for Nguyễn Thị Hoa (Khối thi đua số 3, 2026) on behalf of Báo Lào Cai. Reason: Đơn vị đề nghị bằng văn bản số 15/BLC. If your unit did not ask for this, please tell the Department.',
    });
  });

  it('tells a cross sheet from the unit’s own, and names the ballot’s round', () => {
    const cross = { ...notice, what: { act: 'sheet.submit' as const, targetUnitName: 'Văn phòng Tỉnh ủy' } };
    expect(renderOnBehalfNotice(cross).body).toMatch(
      /^Sở Nội vụ đã gửi phiếu chấm điểm chéo cho Văn phòng Tỉnh ủy \(Khối thi đua số 3, năm 2026\) thay cho Báo Lào Cai\./,
    );
    const own = { ...notice, what: { act: 'sheet.submit' as const, targetUnitName: null } };
    expect(renderOnBehalfNotice(own).body).toMatch(/^Sở Nội vụ đã gửi phiếu tự chấm điểm thi đua \(/);
    const ballot = { ...notice, what: { act: 'ballot.cast' as const, round: 2 } };
    expect(renderOnBehalfNotice(ballot).body).toMatch(
      /^Sở Nội vụ đã nhập phiếu bầu tại hội nghị tổng kết của Khối thi đua số 3 năm 2026 \(vòng 2\) thay cho Báo Lào Cai\./,
    );
  });

  it('names an evidence file added or removed, with its criterion, in both languages', () => {
    const file = { criterion: 'NV1', fileName: 'Báo cáo tổng kết 2026.pdf' };
    const added = { ...notice, what: { act: 'attachment.upload' as const, ...file } };
    expect(renderOnBehalfNotice(added).body).toMatch(
      /^Sở Nội vụ đã thêm tệp minh chứng “Báo cáo tổng kết 2026\.pdf” cho tiêu chí NV1 \(Khối thi đua số 3, năm 2026\) thay cho Báo Lào Cai\./,
    );
    const removed = { ...notice, what: { act: 'attachment.delete' as const, ...file } };
    expect(renderOnBehalfNotice(removed, 'en')).toMatchObject({
      title: 'Evidence file removed for your unit',
      body: expect.stringMatching(
        /^The Department of Home Affairs removed the evidence file “Báo cáo tổng kết 2026\.pdf” of criterion NV1 \(Khối thi đua số 3, 2026\) on behalf of Báo Lào Cai\./,
      ),
    });
    expect(onBehalfActOf('attachment.delete_on_behalf')).toBe('attachment.delete');
  });

  it('reads the act from its audit action, and nothing else', () => {
    expect(onBehalfActOf('ballot.cast_on_behalf')).toBe('ballot.cast');
    expect(onBehalfActOf('title.withdraw_on_behalf')).toBe('title.withdraw');
    expect(onBehalfActOf('ballot.cast')).toBeNull();
    expect(onBehalfActOf('year.transition_on_behalf')).toBeNull();
  });
});
