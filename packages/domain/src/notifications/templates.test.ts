import { describe, expect, it } from 'vitest';
import {
  renderDecisionNotice,
  renderNominationNotice,
  renderVotingNotice,
  renderYearClosedNotice,
  renderYearPhaseNotice,
} from './templates';

const notice = {
  body: 'Khối thi đua 6',
  year: 2026,
  round: 1,
  deadline: new Date('2026-12-05T09:30:00Z'),
  council: false,
};

describe('voting notices', () => {
  it('speak Vietnamese, with the deadline in Vietnam time', () => {
    expect(renderVotingNotice('voting.opened', notice)).toEqual({
      title: 'Mở bỏ phiếu',
      body: 'Khối thi đua 6 bình xét thi đua năm 2026 (vòng 1): đã mở bỏ phiếu, hạn chót 16:30 ngày 05/12/2026.',
    });
  });

  it('speak English to those who chose it, with the deadline in Vietnam time written the English way', () => {
    expect(renderVotingNotice('voting.opened', notice, 'en')).toEqual({
      title: 'Voting opened',
      body: 'Emulation vote of Khối thi đua 6 for 2026 (round 1): voting is open until 05/12/2026, 16:30.',
    });
    const second = { ...notice, round: 2, conferenceDate: '2027-02-06' };
    expect(renderVotingNotice('voting.reminder', second, 'en').body).toBe(
      'Emulation vote of Khối thi đua 6 for 2026 (round 2, conference of 06/02/2027): your unit has not voted yet; the deadline is 05/12/2026, 16:30.',
    );
    expect(renderVotingNotice('voting.opened', { ...notice, paper: true }, 'en').body).toBe(
      'Emulation vote of Khối thi đua 6 for 2026 (round 1): paper ballots at the conference; the counting committee enters the count.',
    );
  });

  it('name a further round and why it is held, and the conference day rather than the sending day', () => {
    const second = { ...notice, round: 2, conferenceDate: '2027-02-06' };
    expect(renderVotingNotice('voting.opened', second)).toEqual({
      title: 'Mở bỏ phiếu vòng 2',
      body: 'Khối thi đua 6 bình xét thi đua năm 2026 (vòng 2, hội nghị ngày 06/02/2027): đã mở bỏ phiếu vòng 2 vì vòng trước chưa đủ đơn vị trúng cử, hạn chót 16:30 ngày 05/12/2026.',
    });
    expect(renderVotingNotice('voting.opened', second, 'en').title).toBe('Round 2 opened');
    expect(renderVotingNotice('voting.opened', { ...notice, paper: true }).body).toMatch(
      /trên giấy tại hội nghị/,
    );
  });

  it('address a council member as such, never as a unit, naming the council with its province', () => {
    const council = { ...notice, body: 'Hội đồng Thi đua – Khen thưởng tỉnh Lào Cai', council: true };
    expect(renderVotingNotice('voting.opened', council)).toEqual({
      title: 'Mở phiên biểu quyết của Hội đồng',
      body: 'Phiên biểu quyết của Hội đồng Thi đua – Khen thưởng tỉnh Lào Cai về các đề nghị khen thưởng đã mở, hạn chót 16:30 ngày 05/12/2026.',
    });
    expect(renderVotingNotice('voting.reminder', council).body).toBe(
      'Phiên biểu quyết của Hội đồng Thi đua – Khen thưởng tỉnh Lào Cai về các đề nghị khen thưởng: bạn chưa biểu quyết; hạn chót 16:30 ngày 05/12/2026.',
    );
    expect(
      renderVotingNotice(
        'voting.reminder',
        { ...council, body: 'the Lào Cai Emulation and Awards Council' },
        'en',
      ).body,
    ).toBe(
      'The session of the Lào Cai Emulation and Awards Council on the award proposals: you have not voted yet; the deadline is 05/12/2026, 16:30.',
    );
  });
});

describe('nomination notices', () => {
  it("name a unit's proposal, or a person with their unit for an individual title", () => {
    const base = { unitName: 'Sở Tài chính', year: 2026, status: 'COUNCIL_APPROVED', reason: null };
    expect(renderNominationNotice({ ...base, form: 'MERIT_PROVINCE' }).body).toBe(
      'Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026 cho Sở Tài chính được Hội đồng thông qua.',
    );
    expect(
      renderNominationNotice({ ...base, form: 'CSTD_PROV', personName: 'Hồ Thị Minh Phương' }, 'en').body,
    ).toBe(
      'The proposal of the title of provincial Emulation Fighter for 2026 to Hồ Thị Minh Phương (Sở Tài chính) was approved by the council.',
    );
  });

  it('in a centrally-governed city, name its forms and its council after the city', () => {
    const base = { unitName: 'Sở Tài chính', year: 2026, reason: null, provinceKind: 'CITY' as const };
    expect(renderNominationNotice({ ...base, form: 'FLAG_PROVINCE', status: 'COUNCIL_REVIEW' }).body).toBe(
      'Đề nghị tặng Cờ thi đua của UBND thành phố năm 2026 cho Sở Tài chính được trình Hội đồng Thi đua – Khen thưởng thành phố.',
    );
    expect(
      renderNominationNotice({
        ...base,
        form: 'CSTD_PROV',
        status: 'DECIDED',
        personName: 'Hồ Thị Minh Phương',
      }).body,
    ).toBe(
      'Đề nghị tặng danh hiệu Chiến sĩ thi đua thành phố năm 2026 cho Hồ Thị Minh Phương (Sở Tài chính) đã có quyết định khen thưởng.',
    );
    // In English too: the city's flag, not a provincial one.
    expect(renderNominationNotice({ ...base, form: 'FLAG_PROVINCE', status: 'DECIDED' }, 'en').body).toBe(
      'The proposal of the city emulation flag for 2026 to Sở Tài chính has been decided: an award decision was issued.',
    );
    expect(
      renderNominationNotice({ ...base, form: 'FLAG_PROVINCE', status: 'COUNCIL_REVIEW' }, 'en').body,
    ).toBe(
      'The proposal of the city emulation flag for 2026 to Sở Tài chính has been put to the city emulation and commendation council.',
    );
  });
});

describe('year notices', () => {
  it('ask members to sign and register titles, with the last day to register when the year has one', () => {
    expect(
      renderYearPhaseNotice(
        'year.signing_opened',
        { name: 'Khối các cơ quan Đảng' },
        2027,
        'vi',
        '2027-01-31',
      ).body,
    ).toBe(
      'Khối các cơ quan Đảng đã mở năm thi đua 2027: đề nghị đơn vị ký giao ước thi đua và đăng ký danh hiệu (hạn đăng ký: hết ngày 31/01/2027).',
    );
    expect(
      renderYearPhaseNotice('year.signing_opened', { name: 'Khối các cơ quan Đảng' }, 2027).body,
    ).toMatch(/đăng ký danh hiệu\.$/);
  });

  it("name next year's head and deputy when a block year closes, and only those the conference elected", () => {
    const next = { head: 'Sở Y tế', deputy: 'Sở Tư pháp' };
    expect(renderYearClosedNotice({ name: 'Khối các cơ quan tổng hợp' }, 2026, 'vi', next).body).toBe(
      'Khối các cơ quan tổng hợp đã kết thúc năm thi đua 2026. Trưởng khối năm 2027: Sở Y tế. Phó khối năm 2027: Sở Tư pháp.',
    );
    expect(
      renderYearClosedNotice({ name: 'Khối các cơ quan tổng hợp' }, 2026, 'vi', {
        head: 'Sở Y tế',
        deputy: null,
      }).body,
    ).toBe('Khối các cơ quan tổng hợp đã kết thúc năm thi đua 2026. Trưởng khối năm 2027: Sở Y tế.');
    expect(renderYearClosedNotice({ name: 'Khối các cơ quan tổng hợp' }, 2026).body).toBe(
      'Khối các cơ quan tổng hợp đã kết thúc năm thi đua 2026.',
    );
    expect(renderYearClosedNotice({ name: 'Block 1' }, 2026, 'en', next).body).toBe(
      'Block 1 has closed its emulation year 2026. Head unit for 2027: Sở Y tế. Deputy unit for 2027: Sở Tư pháp.',
    );
  });

  it('speak of a cluster as a cluster: its head and deputy, its dossier, its proposals', () => {
    const cluster = { name: 'Cụm thi đua các xã vùng cao', kind: 'CLUSTER' as const };
    expect(
      renderYearClosedNotice(cluster, 2026, 'vi', {
        head: 'Xã Bát Xát',
        deputy: 'Xã Sa Pa',
        readerHeads: true,
      }).body,
    ).toBe(
      'Cụm thi đua các xã vùng cao đã kết thúc năm thi đua 2026. Trưởng cụm năm 2027: Xã Bát Xát. Phó cụm năm 2027: Xã Sa Pa. ' +
        'Năm thi đua 2027 đã được tạo ở bước Dự thảo: đề nghị Trưởng cụm rà soát nội dung giao ước và mở năm cho các thành viên.',
    );
    expect(renderYearPhaseNotice('year.dossier_submitted', cluster, 2026).title).toBe(
      'Cụm gửi hồ sơ đề nghị khen thưởng',
    );
    expect(
      renderNominationNotice({
        unitName: 'Xã Bát Xát',
        year: 2026,
        status: 'SUBMITTED',
        reason: null,
        form: 'FLAG_PROVINCE',
        blockKind: 'CLUSTER',
      }).body,
    ).toBe('Đề nghị tặng Cờ thi đua của UBND tỉnh năm 2026 cho Xã Bát Xát đã được Cụm gửi hồ sơ đề nghị.');
  });
});

describe('decision notices', () => {
  const decision = {
    numberText: '1520/QĐ-UBND',
    issuerName: 'UBND tỉnh Lào Cai',
    decisionDate: '2026-12-20',
    awards: 3,
  };
  it("name the reader's own awards among the decision's", () => {
    const yours = [
      { form: 'FLAG_PROVINCE' as const, unitName: 'Ban Tuyên giáo và Dân vận Tỉnh ủy', personName: null },
      {
        form: 'CSTD_PROV' as const,
        unitName: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
        personName: 'Nguyễn Thị Hoa',
      },
    ];
    expect(renderDecisionNotice({ ...decision, yours }).body).toBe(
      'UBND tỉnh Lào Cai ban hành Quyết định số 1520/QĐ-UBND ngày 20/12/2026 khen thưởng 3 trường hợp, trong đó: ' +
        'tặng Cờ thi đua của UBND tỉnh cho Ban Tuyên giáo và Dân vận Tỉnh ủy; ' +
        'tặng danh hiệu Chiến sĩ thi đua cấp tỉnh cho Nguyễn Thị Hoa (Ban Tuyên giáo và Dân vận Tỉnh ủy).',
    );
    expect(renderDecisionNotice({ ...decision, awards: 2, yours }).body).toMatch(
      /khen thưởng 2 trường hợp: tặng Cờ/,
    );
    expect(renderDecisionNotice({ ...decision, yours }, 'en').body).toMatch(
      /granting 3 awards, among them: the provincial emulation flag to Ban Tuyên giáo/,
    );
    expect(renderDecisionNotice({ ...decision, awards: 1 }, 'en').body).toMatch(/granting 1 award\.$/);
  });
  it('give the secretariat the count alone', () => {
    expect(renderDecisionNotice(decision).body).toBe(
      'UBND tỉnh Lào Cai ban hành Quyết định số 1520/QĐ-UBND ngày 20/12/2026 khen thưởng 3 trường hợp.',
    );
  });
});
