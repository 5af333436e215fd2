import { describe, expect, it } from 'vitest';
import { showErrors } from './errors';
import { interpolate, type I18n } from './i18n';
import vi from './vi.json';

// What a secretary reads, in Vietnamese, for the API's English refusals.
const i18n = {
  locale: 'vi',
  // As the app's: a key without words is itself.
  t: (key, params) => (key in vi ? interpolate(vi[key], params) : key),
  // As the pages show a day: 31/03/2026.
  date: (iso: string) => iso.split('-').reverse().join('/'),
} as I18n;

describe('the API’s refusals, as the secretariat reads them', () => {
  it('a council too small to vote says how many members it needs and has', () => {
    const shown = showErrors(i18n, [
      {
        message: 'The council needs at least 3 members with the COUNCIL_MEMBER role (it has 2)',
        extensions: { code: 'PRECONDITION_FAILED' },
      },
    ]);
    expect(shown.general).toBe(
      'Hội đồng cần ít nhất 3 tài khoản thành viên Hội đồng; hiện có 2. Mời thêm ở trang "Người dùng và lời mời" trước khi mở biểu quyết.',
    );
  });

  it('a province code in use (a page that skipped the check, or a province begun meanwhile) is said beside the code', () => {
    const shown = showErrors(i18n, [
      { message: 'code 01 is in use by Hà Nội', extensions: { code: 'CONFLICT' } },
    ]);
    expect(shown.fields.code).toBe('Mã 01 đã là mã của Hà Nội: mỗi tỉnh, thành phố có một mã riêng.');
  });

  it('a webhook address refused says why: a name that does not resolve, a private network, a scheme, plain http', () => {
    const url = (message: string) =>
      showErrors(i18n, [
        { message, extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'url', message }] } },
      ]).fields.url;
    expect(url('the host name does not resolve')).toBe(
      'Không tìm thấy máy chủ có tên miền này: kiểm tra lại địa chỉ (tên miền phải tra được trên Internet).',
    );
    expect(url('private: webhooks go to public endpoints only')).toMatch(
      /^Địa chỉ này thuộc mạng nội bộ hoặc dành riêng: hệ thống chỉ gửi thông báo đến địa chỉ công khai/,
    );
    expect(url('loopback: webhooks go to public endpoints only')).toBe(
      url('private: webhooks go to public endpoints only'),
    );
    expect(url('must be an http(s) URL')).toBe('Địa chỉ phải bắt đầu bằng https://.');
    expect(url('must be an https:// URL: events are not sent unencrypted')).toBe(
      'Địa chỉ http:// không được mã hóa: sự kiện chỉ được gửi qua https://. Đề nghị bên nhận cung cấp địa chỉ https://.',
    );
  });

  it('an invitation to an address with an account here, or with an invitation open, says which and what to do', () => {
    const email = (message: string) =>
      showErrors(i18n, [{ message, extensions: { code: 'CONFLICT' } }]).fields.email;
    expect(
      email('vptu.laocai@thidua.vn already has an account in this province: give it the role instead'),
    ).toMatch(/^Địa chỉ này đã có tài khoản trong tỉnh: không cần mời\./);
    expect(
      email('an invitation to a@b.vn is already open for another role or unit: revoke it first'),
    ).toMatch(/^Địa chỉ này đang có lời mời chưa được nhận, với vai trò hoặc đơn vị khác: thu hồi/);
  });

  it('a unit added to a block it is already in is told beside the unit, not as a generic conflict', () => {
    const shown = showErrors(i18n, [
      { message: 'the unit is already in a block on that date', extensions: { code: 'CONFLICT' } },
    ]);
    expect(shown).toEqual({
      general: null,
      fields: {
        unitId:
          'Đơn vị này đã là thành viên của một khối thi đua vào ngày đó (của khối này hoặc khối khác): mỗi đơn vị chỉ thuộc một khối.',
      },
    });
  });

  it('removing the province’s last secretariat role says to give it to another person first', () => {
    const shown = showErrors(i18n, [
      {
        message: 'this is the province’s last secretariat role: give the role to another person first',
        extensions: { code: 'CONFLICT' },
      },
    ]);
    expect(shown.general).toBe(
      'Đây là vai trò Sở Nội vụ cuối cùng của tỉnh: nếu gỡ, không còn ai mời cán bộ, điều hành năm thi đua hay trao lại vai trò. Hãy trao vai trò này cho một người khác trước.',
    );
  });

  it('a password made of the person’s name is refused for that, not as a common one (the policy names both)', () => {
    const policy =
      'use at least 10 characters that are not a common password and contain neither your email nor your name (a phrase of several words is long and easy to remember)';
    const refusal = (reason: string) =>
      showErrors(i18n, [
        {
          message: `newPassword: ${reason}: ${policy}`,
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [{ field: 'newPassword', message: `${reason}: ${policy}` }],
          },
        },
      ]).fields.newPassword;
    expect(refusal('must not contain your name')).toBe(
      'Mật khẩu không được chứa hoặc chỉ gồm thư điện tử, họ tên của bạn.',
    );
    expect(refusal('is a common password')).toBe('Đây là một mật khẩu phổ biến, dễ bị đoán.');
    expect(refusal('must be at least 10 characters')).toBe('Mật khẩu quá ngắn: cần ít nhất 10 ký tự.');
    expect(refusal('is a repetition or a sequence')).toBe(
      'Mật khẩu chỉ gồm vài ký tự lặp lại hoặc một dãy ký tự liên tiếp (như “aaaa…”, “abcabc…”, “123456…”), dễ bị đoán.',
    );
    expect(refusal('must differ from the current password')).toBe(
      'Mật khẩu mới phải khác mật khẩu hiện tại.',
    );
  });

  it('a title registered twice is said beside the title, as what it is', () => {
    const shown = showErrors(i18n, [
      { message: 'CSTD_PROV is already registered', extensions: { code: 'CONFLICT' } },
    ]);
    expect(shown.fields.title).toBe(
      'Danh hiệu này đã được đăng ký cho đơn vị (hoặc cá nhân) này trong năm: xem danh sách đã đăng ký bên dưới.',
    );
    expect(shown.general).toBeNull();
  });

  it('onboarding: an address that has an account, a scoring deadline before registration, head = deputy (R11)', () => {
    const field = (field: string, message: string) =>
      showErrors(i18n, [{ message, extensions: { code: 'BAD_USER_INPUT', fields: [{ field, message }] } }])
        .fields[field];
    expect(field('firstAdmin.email', 'an account with the email a@b.vn already exists')).toBe(
      'Thư điện tử này đã có tài khoản trên nền tảng: dùng địa chỉ khác.',
    );
    expect(field('scoringDeadline', 'must not be before the registration deadline 2026-03-31')).toBe(
      'Hạn nộp phiếu chấm điểm không được trước hạn đăng ký danh hiệu (31/03/2026).',
    );
    expect(field('choices.1.unitIds', 'next year’s head and deputy must be different units (R11)')).toBe(
      'Trưởng khối và Phó khối năm sau phải là hai đơn vị khác nhau: hãy chọn đơn vị khác cho Phó khối.',
    );
  });

  it("a conference's dates outside the year's season, or after R13's deadline, are said beside the date", () => {
    const field = (field: string, message: string) =>
      showErrors(i18n, [
        { message: 'bad', extensions: { code: 'BAD_USER_INPUT', fields: [{ field, message }] } },
      ]).fields[field];
    expect(field('heldOn', 'the 2026 year-end conference is held between 2026-07-01 and 2027-06-30')).toBe(
      'Hội nghị tổng kết năm 2026 họp trong khoảng từ 01/07/2026 đến 30/06/2027.',
    );
    expect(field('endedOn', 'must be on or after heldOn')).toBe('Ngày kết thúc không được trước ngày họp.');
    expect(field('endedOn', 'must be on or before 2027-06-30')).toBe('Ngày không được sau 30/06/2027.');
    expect(
      field(
        'heldOn',
        "the province's dossier deadline (R13: 10/12/2026) falls before the conference ends on 2026-12-15: hold it by 2026-12-10, or ask the secretariat to set the deadline as days after the conference or a day of 2027",
      ),
    ).toBe(
      'Hạn nộp hồ sơ của tỉnh sớm hơn ngày kết thúc hội nghị: cần họp xong chậm nhất ngày 10/12/2026, hoặc đề nghị Sở Nội vụ đặt hạn tính theo số ngày sau hội nghị hoặc một ngày của năm sau.',
    );
  });

  it("a year before the merger: the statistics are the former provinces', said in Vietnamese", () => {
    const message =
      'Năm 2024 thuộc các tỉnh cũ Lào Cai, Yên Bái: biểu thống kê của năm đó lập tại tỉnh cũ (chọn tỉnh cũ ở đầu trang). ' +
      "The year 2024 belongs to the former provinces Lào Cai, Yên Bái, before Lào Cai began on 2025-07-01: that year's statistics are the former province's (choose it at the top of the page).";
    const shown = showErrors(i18n, [
      {
        message: `year: ${message}`,
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'year', message }] },
      },
    ]);
    expect(Object.values(shown.fields)[0] ?? shown.general).toBe(
      'Năm 2024 thuộc các tỉnh cũ Lào Cai, Yên Bái: biểu thống kê của năm đó lập tại tỉnh cũ (chọn tỉnh cũ ở đầu trang).',
    );
  });

  it('a past decision recorded twice names the number and the year already recorded', () => {
    const shown = showErrors(i18n, [
      { message: 'decision 1520/QĐ-UBND of 2025 is already recorded', extensions: { code: 'CONFLICT' } },
    ]);
    expect(shown.fields.numberText).toBe(
      'Quyết định số 1520/QĐ-UBND năm 2025 đã được ghi nhận: kiểm tra lại số trên văn bản.',
    );
  });

  it('minutes asked for before the results are published say why they cannot be printed yet', () => {
    const shown = showErrors(i18n, [
      {
        message: 'The count is not published yet: only those who chair it may print its minutes',
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
    expect(shown.general).toBe(
      'Kết quả chưa được công bố: đến khi công bố, chỉ đơn vị chủ trì kiểm phiếu được in biên bản.',
    );
  });

  it('nominations of two years in one council session are refused beside the list', () => {
    const shown = showErrors(i18n, [
      {
        message: 'bad input',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            {
              field: 'nominationIds',
              message:
                'A council session decides the nominations of one emulation year; these are of 2025, 2026',
            },
          ],
        },
      },
    ]);
    expect(shown.fields.nominationIds).toBe(
      'Một phiên họp Hội đồng chỉ xét đề nghị của một năm thi đua; các đề nghị đã chọn thuộc các năm 2025, 2026.',
    );
  });

  it('more seats than the units left on the ballot, once deferred units are left off, says how many are on it', () => {
    const shown = showErrors(i18n, [
      {
        message: 'bad input',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'contests.1.seats', message: 'more seats than the 2 candidates' }],
        },
      },
    ]);
    expect(shown.fields['contests.1.seats']).toBe('Nhiều hơn số đơn vị có tên trong phiếu (2).');
  });

  it('a ballot entered on a unit’s behalf: a missing reason, a unit not voting, one already voted, each beside its field', () => {
    const shown = showErrors(i18n, [
      {
        message: 'bad input',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            {
              field: 'onBehalfReason',
              message:
                "the secretariat enters this for the unit only on its behalf: say why (e.g. the unit's written request)",
            },
            { field: 'unitId', message: 'not a member unit voting in this period' },
          ],
        },
      },
    ]);
    expect(shown).toEqual({
      general: null,
      fields: {
        onBehalfReason: 'Vui lòng ghi lý do (ít nhất 5 ký tự).',
        unitId: 'Đơn vị này không có trong danh sách bỏ phiếu của phiên này.',
      },
    });
    expect(
      showErrors(i18n, [
        { message: 'This unit has already voted in this period', extensions: { code: 'CONFLICT' } },
      ]),
    ).toEqual({
      general: null,
      fields: { unitId: 'Đơn vị này đã bỏ phiếu trong phiên này: mỗi đơn vị chỉ có một phiếu.' },
    });
  });

  it('a nomination already before another unpublished council session is refused beside the list', () => {
    const shown = showErrors(i18n, [
      {
        message: 'bad input',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            {
              field: 'nominationIds',
              message:
                'nomination 6f1c2a8e-0000-4000-8000-000000000001 is already before a council session whose results are not published',
            },
          ],
        },
      },
    ]);
    expect(shown.fields.nominationIds).toBe(
      'Một đề nghị đã chọn đang trong một phiên biểu quyết khác chưa công bố kết quả: mỗi đề nghị chỉ vào một phiên.',
    );
  });

  it('a file the import cannot take says what is wrong with it, not that the file is invalid', () => {
    const refusal = (message: string) =>
      showErrors(i18n, [
        {
          message: 'bad input',
          extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'file', message }] },
        },
      ]).fields.file;
    expect(
      refusal(
        'Tệp trống (0 byte): hãy chọn tệp đã điền dữ liệu. The file is empty: choose the filled-in file.',
      ),
    ).toBe('Tệp trống (0 byte): hãy chọn tệp đã điền dữ liệu.');
    expect(
      refusal(
        'Không đọc được tệp như một bảng tính Excel (.xlsx): tệp hỏng hoặc không phải tệp Excel. ' +
          'Mở tệp bằng Excel rồi lưu lại dưới dạng .xlsx, hoặc lưu dưới dạng CSV (UTF-8). ' +
          'The file could not be read as an Excel workbook (.xlsx): it is damaged or not an Excel file. ' +
          'Open it in Excel and save it again as .xlsx, or save it as CSV (UTF-8).',
      ),
    ).toBe(
      'Không đọc được tệp như một bảng tính Excel (.xlsx): tệp hỏng hoặc không phải tệp Excel. ' +
        'Mở tệp bằng Excel rồi lưu lại dưới dạng .xlsx, hoặc lưu dưới dạng CSV (UTF-8).',
    );
    expect(
      refusal('Tệp có hơn 10.000 dòng: chia thành nhiều tệp. The file has more than 10000 rows: split it.'),
    ).toBe('Tệp có hơn 10.000 dòng: chia thành nhiều tệp.');
    expect(refusal('something else')).toBe('Tệp không hợp lệ.');
  });
});

describe('an award decision’s number from the register', () => {
  it('a number another decision has is refused beside the number, naming it and its year', () => {
    const shown = showErrors(i18n, [
      {
        message: 'number: 1520/QĐ-UBND of 2028 is already recorded',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'number', message: '1520/QĐ-UBND of 2028 is already recorded' }],
        },
      },
    ]);
    expect(shown.fields.number).toBe(
      'Số 1520/QĐ-UBND năm 2028 đã có quyết định khác. Kiểm tra lại sổ đăng ký văn bản.',
    );
  });

  it('a duplicate name names the unit, block or cluster it matches; a past block recorded anew points to the one that exists', () => {
    const same = (what: string) =>
      showErrors(i18n, [
        {
          message: `Tên trùng với x đã có "Sở Tài chính" (1). The name is the same as the existing ${what} "Sở Tài chính" (9b2c): names that differ only in accents…`,
          extensions: { code: 'CONFLICT' },
        },
      ]).fields.name;
    expect(same('unit')).toBe(
      'Tên này trùng với đơn vị “Sở Tài chính” đã có (khác nhau chỉ ở dấu, chữ hoa hoặc khoảng trắng cũng tính là trùng).',
    );
    expect(same('block')).toMatch(/^Tên này trùng với khối “Sở Tài chính” đã có/);
    expect(same('cluster')).toMatch(/^Tên này trùng với cụm “Sở Tài chính” đã có/);
    const exists = showErrors(i18n, [
      {
        message: 'a block named "Khối các sở, ngành" already exists: give its blockId',
        extensions: { code: 'CONFLICT' },
      },
    ]);
    expect(exists.fields['newBlock.name']).toBe(
      'Đã có khối “Khối các sở, ngành”: chọn khối đó trong danh sách “Khối, cụm thi đua” thay vì tạo khối mới.',
    );
  });

  it('a field is never named by the API’s path: a year out of range and a unit ended before it began, in words', () => {
    const field = (name: string, message: string) =>
      showErrors(i18n, [
        {
          message: 'Argument Validation Error',
          extensions: { code: 'BAD_USER_INPUT', fields: [{ field: name, message }] },
        },
      ]).fields[name];
    expect(field('input.0.year', 'must be 1990 to 2026')).toBe('Nhập năm từ 1990 đến 2026.');
    expect(field('validTo', 'must not be before validFrom (2025-07-01)')).toBe(
      'Ngày kết thúc không được trước ngày bắt đầu (01/07/2025).',
    );
    expect(
      field('decisionDate', 'must be on or after the conference of 2023 (2023-12-01) that proposed'),
    ).toBe(
      'Ngày ký trước ngày hội nghị tổng kết năm 2023 (01/12/2023), hội nghị đã đề nghị các hồ sơ này: kiểm tra lại ngày ký.',
    );
    expect(field('input.3.unitId', 'something new')).toBe('Đơn vị không hợp lệ.');
    expect(field('input.3.weight', 'something new')).toBe('Giá trị đã nhập không hợp lệ.');
  });
});
