import { amountInWords, formatNumber } from '@thidua/documents';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  castBlockBallots,
  closeBlockVote,
  createAccount,
  createFinishedBlock,
  createLockedBlock,
  docxText,
  keepDocument,
  ok,
  openBlockVote,
  ownerQuery,
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfWords,
  provinceId,
  recordBlockConference,
  startTestApp,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';

/** A Lào Cai block (the demo's Party bodies), its vote finished and its dossier submitted. */
const NAMES = [
  'Văn phòng Tỉnh ủy',
  'Báo Lào Cai',
  'Ban Tuyên giáo Tỉnh ủy',
  'Ban Nội chính Tỉnh ủy',
  'Ban Tổ chức Tỉnh ủy',
  'Ủy ban Kiểm tra Tỉnh ủy',
  'Trường Chính trị tỉnh',
];
const MM = 72 / 25.4;
const CHAIR = 'Nguyễn Thị Hồng Vân';
/** The proceedings as the conference's secretary typed them, a line each. */
const MINUTES = [
  'Đồng chí Trưởng khối báo cáo tổng kết công tác thi đua, khen thưởng năm 2026 và phương hướng năm 2027.',
  'Các đơn vị thành viên thảo luận, thống nhất đánh giá kết quả chấm điểm chéo.',
];

let app: TestApp;
let laoCai: string;
let haNoi: string;
let admin: Account;
let outsider: Account;
let council: Account[];
let block: LockedBlock;
let periodId: string;
let councilPeriodId: string;
let decisionId: string;
let decision: { numberText: string; items: { unitId: string; prizeVnd: number; form: string }[] };
/** The Department's submission to the Chairman as printed before the decision answering it was issued. */
let draftSubmission: { file: string; text: string };
/** The submission the decision answers, as the Department's register numbered and dated it. */
const SUBMISSION = { number: '215/TTr-SNV', date: '2027-01-12', words: 'ngày 12 tháng 01 năm 2027' };

const as = <T = Record<string, unknown>>(who: Account, q: string, v?: Record<string, unknown>) =>
  app.gql<T>(q, v, { token: who.token, provinceId: laoCai });

/** GET /documents/… as the person, in the province (Lào Cai unless said). */
async function download(path: string, who: Account, province = laoCai) {
  const res = await fetch(app.gateway.url.replace(/\/graphql$/, path), {
    headers: { authorization: `Bearer ${who.token}`, 'x-province-id': province },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    bytes,
  };
}

/** The PDF kept under test-results/documents (with its pages as PNG), its text on one line. */
async function pdf(path: string, who: Account, name: string) {
  const got = await download(path, who);
  expect(got.status, got.bytes.toString()).toBe(200);
  expect(got.type).toBe('application/pdf');
  // Saved under the document's title: Vietnamese in filename*, without diacritics in the plain name.
  expect(got.disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''.+\.pdf$/);
  const file = await keepDocument(name, got.bytes);
  return { file, text: (await pdfText(file)).replace(/\s+/g, ' ') };
}

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  laoCai = await provinceId(app.dataSource, '15');
  haNoi = await provinceId(app.dataSource, '01');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: laoCai });
  outsider = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: haNoi });
  council = await Promise.all(
    Array.from({ length: 3 }, () => createAccount(app, 'COUNCIL_MEMBER', { provinceId: laoCai })),
  );
  // The head unit chaired the conference, in the person of its chief.
  block = await createFinishedBlock(app, laoCai, NAMES, admin, {
    beforeVote: async (b) => {
      await recordBlockConference(app, laoCai, b, {
        chairUnitId: b.units[0]!.id,
        chairPerson: CHAIR,
        chairPosition: 'Chánh Văn phòng',
        minutes: MINUTES.join('\n'),
      });
    },
  });
  periodId = ok(
    await as<{ votingPeriods: { id: string }[] }>(
      admin,
      `query($y: ID!) { votingPeriods(emulationYearId: $y) { id } }`,
      { y: block.yearId },
    ),
  ).votingPeriods[0]!.id;

  // The secretariat appraises the dossier; the council approves every nomination by secret ballot.
  const nominations = ok(
    await as<{ nominations: { id: string; status: string }[] }>(
      admin,
      `query($y: ID!) { nominations(emulationYearId: $y) { id status } }`,
      { y: block.yearId },
    ),
  ).nominations.filter((n) => n.status === 'SUBMITTED');
  for (const n of nominations)
    for (const to of ['IN_APPRAISAL', 'COUNCIL_REVIEW'])
      ok(
        await as(
          admin,
          `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`,
          { v: { id: n.id, to } },
        ),
      );
  councilPeriodId = ok(
    await as<{ openCouncilVote: { id: string } }>(
      admin,
      `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id } }`,
      {
        v: {
          nominationIds: nominations.map((n) => n.id),
          closesAt: new Date(Date.now() + 3600_000).toISOString(),
        },
      },
    ),
  ).openCouncilVote.id;
  const contests = ok(
    await as<{ votingPeriod: { contests: { id: string; candidateUnitIds: string[] }[] } }>(
      admin,
      `query($id: ID!) { votingPeriod(id: $id) { contests { id candidateUnitIds } } }`,
      { id: councilPeriodId },
    ),
  ).votingPeriod.contests;
  for (const member of council)
    ok(
      await as(member, `mutation($v: CastBallotInput!) { castBallot(input: $v) { voterId } }`, {
        v: {
          votingPeriodId: councilPeriodId,
          choices: contests.map((c) => ({ contestId: c.id, unitIds: c.candidateUnitIds })),
        },
      }),
    );
  ok(
    await as(admin, `mutation($id: ID!) { closeVotingPeriod(id: $id) { status } }`, { id: councilPeriodId }),
  );
  await vi.waitFor(
    async () =>
      expect(
        ok(
          await as<{ votingPeriod: { status: string } }>(
            admin,
            `query($id: ID!) { votingPeriod(id: $id) { status } }`,
            { id: councilPeriodId },
          ),
        ).votingPeriod.status,
      ).toBe('TALLIED'),
    { timeout: 20_000, interval: 100 },
  );
  ok(await as(admin, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, { id: councilPeriodId }));
  draftSubmission = await pdf(
    `/documents/council-submission/${councilPeriodId}.pdf`,
    admin,
    'council-submission-draft',
  );

  const issued = ok(
    await as<{
      issueAwardDecision: {
        id: string;
        numberText: string;
        items: { unitId: string; prizeVnd: number; form: string }[];
      };
    }>(
      admin,
      `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { id numberText items { unitId prizeVnd form } } }`,
      {
        v: {
          issuerName: 'UBND tỉnh Lào Cai',
          decisionDate: '2027-01-15',
          signerName: 'Trịnh Xuân Trường',
          nominationIds: nominations.map((n) => n.id),
          submissionNumber: SUBMISSION.number,
          submissionDate: SUBMISSION.date,
        },
      },
    ),
  ).issueAwardDecision;
  decisionId = issued.id;
  decision = issued;
}, 180_000);
afterAll(() => app?.close());

const unitName = (i: number) => block.units[i]!.name;

describe('generated documents', () => {
  it("prints the block vote's minutes: conference, ballots, votes and % per unit, the elected, signatures", async () => {
    const { file, text } = await pdf(
      `/documents/vote-minutes/${periodId}.pdf`,
      block.officers[0]!,
      'vote-minutes',
    );
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'BIÊN BẢN KIỂM PHIẾU',
      'UBND TỈNH LÀO CAI',
      'Hội trường Văn phòng Tỉnh ủy',
      // Seven members all voted: the flag to unit 3 with 7 of 7 (100%), the others none.
      'Số phiếu phát ra: 7; số phiếu thu về: 7; số phiếu hợp lệ: 7; số phiếu không hợp lệ: 0',
      'Ngưỡng trúng cử: trên 50% tổng số 7 thành viên (ít nhất 4 phiếu)',
      `Trúng cử: ${unitName(3)}`,
      `Trúng cử: ${unitName(1)}`,
      `Trúng cử: ${unitName(4)}`,
      'TRƯỞNG BAN',
      'kết quả đã được công bố lúc',
      // The conference's chair as recorded: its person, with the position, and unit.
      `Chủ trì hội nghị: ${CHAIR}, Chánh Văn phòng (${unitName(0)}); thư ký hội nghị:`,
      '(Ký, ghi rõ họ tên)',
    ])
      expect(text).toContain(s);
    // The row of the flag's winner (poppler reads its last cell, "Trúng cử", apart).
    expect(text).toMatch(new RegExp(`\\d ${escape(unitName(3))} 7 100 Đạt`));
    for (const n of NAMES) expect(text).toContain(n);
    const info = await pdfInfo(file);
    expect(info['Page size']).toMatch(/\(A4\)$/);
    const fonts = await pdfFonts(file);
    expect(fonts.map((f) => [f.name.replace(/^[A-Z]{6}\+/, ''), f.embedded])).toEqual(
      expect.arrayContaining([
        ['LiberationSerif', true],
        ['LiberationSerif-Bold', true],
      ]),
    );
    expect(fonts.every((f) => f.embedded)).toBe(true);
    // Decree 30 margins: the text block starts 30 mm from the left and stops 15 mm from the right.
    for (const page of await pdfWords(file)) {
      const body = page.words.filter((w) => w.yMin > 20 * MM);
      expect(Math.min(...body.map((w) => w.xMin))).toBeGreaterThanOrEqual(30 * MM - 0.5);
      expect(Math.max(...body.map((w) => w.xMax))).toBeLessThanOrEqual(page.width - 15 * MM + 0.5);
    }
  });

  it("prints the conference's own minutes: who came, the proceedings as typed, what the vote chose once announced", async () => {
    const conference = ok(
      await as<{ emulationYear: { conference: { id: string } } }>(
        admin,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { conference { id } } }`,
        { b: block.blockId },
      ),
    ).emulationYear.conference;
    const { text } = await pdf(
      `/documents/conference-minutes/${conference.id}.pdf`,
      block.officers[2]!,
      'conference-minutes',
    );
    for (const s of [
      'BIÊN BẢN',
      'Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 của',
      'Địa điểm: Hội trường Văn phòng Tỉnh ủy.',
      `Chủ trì hội nghị: ${CHAIR}, Chánh Văn phòng (${unitName(0)}).`,
      `Tổng số đơn vị thành viên: ${NAMES.length}; có mặt: ${NAMES.length}; vắng mặt: 0.`,
      ...MINUTES,
      `Đơn vị dẫn đầu khối (đề nghị Cờ thi đua của UBND tỉnh): ${unitName(3)}.`,
      'Trưởng khối năm 2027:',
      'THƯ KÝ HỘI NGHỊ',
      'CHỦ TRÌ HỘI NGHỊ',
    ])
      expect(text).toContain(s);
    // Another province's reader finds no such conference.
    expect(
      (await download(`/documents/conference-minutes/${conference.id}.pdf`, outsider, haNoi)).status,
    ).toBe(404);
    // Before any vote, the minutes name no winner and point to no count that does not exist.
    const fresh = await createLockedBlock(app, laoCai, NAMES, admin);
    const recorded = await recordBlockConference(app, laoCai, fresh);
    const early = await pdf(
      `/documents/conference-minutes/${recorded.id}.pdf`,
      fresh.officers[1]!,
      'conference-minutes-before-vote',
    );
    expect(early.text).not.toContain('chưa bỏ phiếu');
    // The results too are left to write by hand: four lines of dots after their heading.
    const results = early.text.slice(
      early.text.indexOf('IV. Kết quả'),
      early.text.indexOf('Biên bản được lập'),
    );
    expect(results.match(/\.{60,}/g)).toHaveLength(4);
    expect(early.text).not.toContain('Biên bản kiểm phiếu');
    // No proceedings typed: lines of dots to write them in by hand, not a note about the platform.
    expect(early.text).not.toContain('chưa được ghi');
    expect(early.text).toMatch(/III\. Nội dung hội nghị (\.{60,} ){6}IV\. Kết quả bình xét/);
    expect(early.text).not.toContain('Cờ thi đua');
  });

  it('gives the same minutes as DOCX', async () => {
    const got = await download(`/documents/vote-minutes/${periodId}.docx`, block.officers[0]!);
    expect(got.status).toBe(200);
    expect(got.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    await keepDocument('vote-minutes', got.bytes, 'docx');
    const text = (await docxText(got.bytes)).replace(/\s+/g, ' ');
    for (const s of ['BIÊN BẢN KIỂM PHIẾU', `Trúng cử: ${unitName(3)}`, 'Số phiếu phát ra: 7', ...NAMES])
      expect(text).toContain(s);
  });

  it("prints the head unit's submission with each proposal's grounds", async () => {
    const nominations = ok(
      await as<{ nominations: { unitId: string; explanation: { text: string }[] }[] }>(
        admin,
        `query($y: ID!) { nominations(emulationYearId: $y) { unitId explanation { text } } }`,
        { y: block.yearId },
      ),
    ).nominations;
    // Before the head unit's people name its head, the conference's chair from the head unit signs, with the
    // position the minutes give, rather than a title and a blank line.
    const byChair = await pdf(`/documents/submission/${block.yearId}.pdf`, block.officers[0]!, 'by-chair');
    expect(byChair.text).toMatch(new RegExp(`CHÁNH VĂN PHÒNG\\s+${CHAIR}`));
    expect(byChair.text).not.toContain('THỦ TRƯỞNG ĐƠN VỊ');
    // Numbered by hand in the head unit's register: "Số: …/TTr", and with its abbreviation once it records one.
    expect(byChair.text).toMatch(/\/TTr\s/);
    ok(
      await as(admin, `mutation($id: ID!) { updateUnit(id: $id, input: { shortName: "VPTU" }) { id } }`, {
        id: block.units[0]!.id,
      }),
    );
    ok(
      await as(block.officers[0]!, `mutation($v: CreatePersonInput!) { createPerson(input: $v) { id } }`, {
        v: {
          unitId: block.units[0]!.id,
          fullName: 'Nguyễn Thị Thu Hà',
          gender: 'FEMALE',
          position: 'Chánh Văn phòng',
          headsUnit: true,
        },
      }),
    );
    const { text } = await pdf(`/documents/submission/${block.yearId}.pdf`, block.officers[0]!, 'submission');
    // Signed by the head of the head unit, with the position recorded for them.
    expect(text).toMatch(/CHÁNH VĂN PHÒNG\s+Nguyễn Thị Thu Hà/);
    expect(text).not.toContain('THỦ TRƯỞNG ĐƠN VỊ');
    expect(text).toContain('TỜ TRÌNH');
    expect(text).toContain('/TTr-VPTU');
    expect(text).toContain(`${unitName(0)}, đơn vị Trưởng`);
    // The block proposes units only: "các tập thể", not "các tập thể, cá nhân".
    expect(text).toContain('khen thưởng cho các tập thể sau:');
    expect(text).not.toContain('tập thể, cá nhân');
    expect(text).toContain('Hồ sơ kèm theo');
    // The conference's minutes and the vote's, both printed from the records.
    expect(text).toContain(
      'Hồ sơ kèm theo - Biên bản hội nghị tổng kết của khối (do hệ thống lập) - Biên bản kiểm phiếu (do hệ thống lập)',
    );
    const grounds = nominations.flatMap((n) => n.explanation.map((e) => e.text));
    expect(grounds.length).toBeGreaterThan(0);
    for (const g of grounds) expect(text).toContain(g.replace(/\s+/g, ' '));
    expect(text).toContain('Cờ thi đua của UBND tỉnh');
    // The flag first, then the certificates of merit by the members' ranking: the scores in the grounds fall.
    expect(text).toMatch(/ 1\. [^:]+: Cờ thi đua của UBND tỉnh/);
    const scores = [...text.matchAll(/\(điểm ([\d,]+)\)/g)].map((m) => Number(m[1]!.replace(',', '.')));
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("prints the council's minutes: attendance, quorum and the secret ballot per nomination", async () => {
    const { file, text } = await pdf(
      `/documents/council-minutes/${councilPeriodId}.pdf`,
      admin,
      'council-minutes',
    );
    expect(text).toContain('Hội đồng Thi đua - Khen thưởng tỉnh Lào Cai');
    expect(text).toContain('Tổng số thành viên Hội đồng: 3; số thành viên tham gia biểu quyết: 3 (100%)');
    expect(text).toMatch(/phiên họp đủ điều kiện/);
    // The members by name, each marked as having voted.
    expect(text).toContain('Họ và tên thành viên Hội đồng');
    expect(text.match(/\d Nguyễn Văn Thử Có/g)).toHaveLength(3);
    expect(text).toContain(`${unitName(3)} Cờ thi đua của UBND tỉnh 3 100`);
    expect(text).toContain('Thông qua');
    // All three members approved every nomination: unanimously, and no "không thông qua 0".
    expect(text).toMatch(/Hội đồng thống nhất thông qua \d+ đề nghị\. Các đề nghị được thông qua/);
    expect(text).not.toContain('không thông qua');
    // The signatures are not alone on their page, under the publication note alone: the conclusion goes with them.
    const pages = await pdfWords(file);
    expect(pages.length).toBeGreaterThan(1);
    const last = pages[pages.length - 1]!.words.map((w) => w.text).join(' ');
    for (const s of [
      'THƯ KÝ HỘI ĐỒNG',
      'CHỦ TỊCH',
      '3. Kết luận',
      'Hội đồng thống nhất thông qua',
      'công bố lúc',
    ])
      expect(last).toContain(s);
  });

  it("prints the Department's submission to the Chairman: what the council passed, with the minutes", async () => {
    const { text } = await pdf(
      `/documents/council-submission/${councilPeriodId}.pdf`,
      admin,
      'council-submission',
    );
    expect(text).toContain('SỞ NỘI VỤ');
    expect(text).toContain('/TTr-SNV');
    expect(text).toContain('Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lào Cai.');
    expect(text).toMatch(/quyết định khen thưởng cho \d+ tập thể đã được Hội đồng thông qua/);
    expect(text).toContain(`${unitName(3)} Cờ thi đua của UBND tỉnh`);
    expect(text).toMatch(/Biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh Lào Cai ngày/);
    expect(text).toMatch(/Hồ sơ đề nghị khen thưởng năm 2026 của /);
    expect(text).not.toContain('Bản xem trước');
    // The decision answering it cites it by the number and date the register gave it: the submission prints them,
    // and no later date of its own (a dossier holding a submission dated after the one the decision cites).
    expect(text).toContain(`Số: ${SUBMISSION.number}`);
    expect(text).toContain(`Lào Cai, ${SUBMISSION.words}`);
    expect(text).not.toMatch(/\D\/TTr-SNV/);
    // Before the decision it was a draft: the number and the day left blank for the clerk, not today's date.
    expect(draftSubmission.text).toContain('/TTr-SNV');
    expect(draftSubmission.text).not.toMatch(/\d\/TTr-SNV/);
    expect(draftSubmission.text).toMatch(/Lào Cai, ngày tháng năm \d{4}/);
    expect(draftSubmission.text).not.toContain(SUBMISSION.number);
    expect(draftSubmission.text).toContain('kính trình Chủ tịch Ủy ban nhân dân tỉnh Lào Cai xem xét');
    const { text: decided } = await pdf(`/documents/decision/${decisionId}.pdf`, admin, 'decision-cited');
    expect(decided).toContain(`tại Tờ trình số ${SUBMISSION.number} ${SUBMISSION.words}`);
    // The Word file as the PDF.
    const docx = await download(`/documents/council-submission/${councilPeriodId}.docx`, admin);
    const back = (await docxText(docx.bytes)).replace(/\s+/g, ' ');
    expect(back).toContain(`Số: ${SUBMISSION.number}`);
    expect(back).toContain(`Lào Cai, ${SUBMISSION.words}`);
  });

  it('prints the decision with its number, the annexed list and each prize in figures and in words', async () => {
    const { text } = await pdf(`/documents/decision/${decisionId}.pdf`, admin, 'decision');
    expect(text).toContain(`Số: ${decision.numberText}`);
    expect(text).toContain('Lào Cai, ngày 15 tháng 01 năm 2027');
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain('Trịnh Xuân Trường');
    // Units only: the annex lists "tập thể", as Article 1 names them.
    expect(text).toContain('DANH SÁCH TẬP THỂ ĐƯỢC KHEN THƯỞNG');
    expect(text).toContain('Tặng thưởng các tập thể đã có thành tích xuất sắc');
    expect(text).not.toContain('tập thể, cá nhân');
    // The bases in force on 15 January 2027; the signer's name is printed, not asked for.
    expect(text).toContain('Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;');
    expect(text).toContain('Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;');
    expect(text).not.toContain('Ký, ghi rõ họ tên');
    for (const item of decision.items) {
      const name = block.units.find((u) => u.id === item.unitId)!.name;
      expect(text).toContain(`${name}`);
      expect(text).toContain(`${formatNumber(item.prizeVnd)} ${amountInWords(item.prizeVnd)}`);
    }
    const total = decision.items.reduce((s, i) => s + i.prizeVnd, 0);
    expect(text).toContain(
      `Tổng số tiền thưởng: ${formatNumber(total)} đồng (bằng chữ: ${amountInWords(total)})`,
    );
    const docx = await download(`/documents/decision/${decisionId}.docx`, admin);
    const saved = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(docx.disposition!)![1]!);
    expect(saved).toBe(`Quyết định số ${decision.numberText.replace('/', '-')} về việc khen thưởng.docx`);
    const back = (await docxText(docx.bytes)).replace(/\s+/g, ' ');
    expect(back).toContain(`Số: ${decision.numberText}`);
    expect(back).toContain(amountInWords(total));
  });

  it('prints one landscape certificate per awardee', async () => {
    const got = await download(`/documents/certificates/${decisionId}.pdf`, admin);
    expect(got.status).toBe(200);
    const file = await keepDocument('certificates', got.bytes);
    const info = await pdfInfo(file);
    expect(Number(info.Pages)).toBe(decision.items.length);
    expect(info['Page size']).toMatch(/^841\.8\d* x 595\.2\d* pts/);
    const text = await pdfText(file);
    for (const item of decision.items)
      expect(text).toContain(block.units.find((u) => u.id === item.unitId)!.name);
    // One form's pages, for its own blank: the flag's says the unit led its block.
    const flag = decision.items.filter((i) => i.form === 'FLAG_PROVINCE');
    const merit = decision.items.filter((i) => i.form === 'MERIT_PROVINCE');
    expect(flag.length && merit.length).toBeTruthy();
    const flagOnly = await download(`/documents/certificates/${decisionId}.pdf?form=FLAG_PROVINCE`, admin);
    const flagFile = await keepDocument('certificates-flag', flagOnly.bytes);
    expect(Number((await pdfInfo(flagFile)).Pages)).toBe(flag.length);
    // …naming the block it led.
    expect((await pdfText(flagFile)).replace(/\s+/g, ' ')).toMatch(
      /Đơn vị dẫn đầu phong trào thi đua năm \d{4} của Khối thi đua \S+/,
    );
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(flagOnly.disposition!)![1]!)).toBe(
      `Cờ thi đua của UBND tỉnh theo Quyết định số ${decision.numberText.replace('/', '-')}.pdf`,
    );
    const meritOnly = await download(`/documents/certificates/${decisionId}.pdf?form=MERIT_PROVINCE`, admin);
    const meritText = await pdfText(await keepDocument('certificates-merit', meritOnly.bytes));
    expect(meritText).not.toContain('dẫn đầu');
    for (const form of ['KHAC', 'constructor'])
      expect((await download(`/documents/certificates/${decisionId}.pdf?form=${form}`, admin)).status).toBe(
        400,
      );
    // The same pages for Word, every form's and all together: a blank's page has no margin to number pages in.
    for (const form of ['', '?form=FLAG_PROVINCE', '?form=MERIT_PROVINCE']) {
      const docx = await download(`/documents/certificates/${decisionId}.docx${form}`, admin);
      expect(docx.status, `${form} ${docx.bytes.toString().slice(0, 200)}`).toBe(200);
      expect(docx.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      await keepDocument(`certificates${form.replace('?form=', '-')}`, docx.bytes, 'docx');
      const words = await docxText(docx.bytes);
      for (const item of form === '' ? decision.items : form.endsWith('FLAG_PROVINCE') ? flag : merit)
        expect(words).toContain(block.units.find((u) => u.id === item.unitId)!.name);
    }
  });

  it('prints sample certificates for a province to try its blank before its first decision', async () => {
    // Hà Nội has no decision: its sample names it, is signed as a test print, one page per form. A
    // centrally-governed city, its bodies and awards carry "thành phố", not "tỉnh".
    const got = await download('/documents/certificates/sample.pdf', outsider, haNoi);
    expect(got.status).toBe(200);
    const file = await keepDocument('certificates-sample', got.bytes);
    expect(Number((await pdfInfo(file)).Pages)).toBe(3);
    const text = (await pdfText(file)).replace(/\s+/g, ' ');
    expect(text).toContain('Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Văn phòng Thành ủy');
    expect(text).toContain('Bản in thử');
    expect(text).toContain('Hà Nội');
    const merit = await download('/documents/certificates/sample.pdf?form=MERIT_PROVINCE', outsider, haNoi);
    const meritFile = await keepDocument('certificates-sample-merit', merit.bytes);
    const meritText = await pdfText(meritFile);
    expect(meritText).toContain('Sở Tài chính');
    expect(meritText).not.toContain('Nguyễn Thị Hồng Nhung');
    // The blank it is for, as the city's decisions name it.
    expect((await pdfInfo(meritFile)).Title).toMatch(/^Bằng khen của Chủ tịch UBND thành phố theo /);
    expect((await download('/documents/certificates/sample.pdf?form=KHAC', outsider, haNoi)).status).toBe(
      400,
    );
    const docx = await download('/documents/certificates/sample.docx', outsider, haNoi);
    expect(docx.status, docx.bytes.toString().slice(0, 200)).toBe(200);
    await keepDocument('certificates-sample', docx.bytes, 'docx');
    expect(await docxText(docx.bytes)).toContain('Bản in thử');
  });

  it("prints certificates where the province's own blank wants each field", async () => {
    const LAYOUT = `fields { field x y size bold italic align width }`;
    const current = ok(
      await as<{ certificateLayout: { isDefault: boolean; fields: Record<string, unknown>[] } }>(
        admin,
        `query { certificateLayout { isDefault ${LAYOUT} } }`,
      ),
    ).certificateLayout;
    expect(current.isDefault).toBe(true);
    // An A3 blank whose name line is printed higher, at 60 mm.
    const fields = current.fields.map((f) => (f.field === 'recipient' ? { ...f, y: 60, size: 28 } : f));
    const set = `mutation($v: CertificateLayoutInput!) { setCertificateLayout(input: $v) { isDefault paper } }`;
    const refused = await as(block.officers[0]!, set, { v: { paper: 'A3', fields } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await as(admin, set, { v: { paper: 'A3', fields: fields.slice(1) } });
    expect(missing.errors?.[0]?.message).toMatch(/^fields: place every field; missing: recipient/);
    expect(
      ok(await as<{ setCertificateLayout: unknown }>(admin, set, { v: { paper: 'A3', fields } }))
        .setCertificateLayout,
    ).toEqual({ isDefault: false, paper: 'A3' });

    const got = await download(`/documents/certificates/${decisionId}.pdf`, admin);
    const file = await keepDocument('certificates-a3', got.bytes);
    expect((await pdfInfo(file))['Page size']).toMatch(/^1190\.5\d* x 841\.8\d* pts/);
    const first = (await pdfWords(file))[0]!;
    // The first page is the flag's: the higher award first, as in the decision.
    const flag = decision.items.find((i) => i.form === 'FLAG_PROVINCE')!;
    const name = block.units.find((u) => u.id === flag.unitId)!.name.split(' ')[0]!;
    const word = first.words.find((w) => w.text === name)!;
    expect(Math.abs(word.yMin - 60 * MM)).toBeLessThan(8);
    // Hà Nội's blank is its own: still the default.
    const other = await app.gql<{ certificateLayout: { isDefault: boolean } }>(
      `query { certificateLayout { isDefault } }`,
      {},
      { token: outsider.token, provinceId: haNoi },
    );
    expect(ok(other).certificateLayout.isDefault).toBe(true);
    ok(await as(admin, `mutation { resetCertificateLayout { isDefault } }`));
  });

  it('stores the submission and the minutes with the dossier when it is submitted', async () => {
    const year = ok(
      await as<{
        emulationYear: { attachments: { name: string; generated: boolean; downloadUrl: string }[] };
      }>(
        admin,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { attachments { name generated downloadUrl } } }`,
        { b: block.blockId },
      ),
    ).emulationYear;
    const generated = year.attachments.filter((a) => a.generated);
    // Every document the submission lists as attached is stored with it.
    expect(generated.map((a) => a.name).sort()).toEqual([
      'Biên bản hội nghị tổng kết.pdf',
      'Biên bản kiểm phiếu.pdf',
      'Tờ trình đề nghị khen thưởng.pdf',
    ]);
    const record = await download(
      generated.find((a) => a.name.startsWith('Biên bản hội nghị'))!.downloadUrl,
      admin,
    );
    expect(record.status).toBe(200);
    expect(
      (await pdfText(await keepDocument('stored-conference-minutes', record.bytes))).replace(/\s+/g, ' '),
    ).toContain('BIÊN BẢN');
    const stored = await download(generated.find((a) => a.name.startsWith('Tờ trình'))!.downloadUrl, admin);
    expect(stored.status).toBe(200);
    const file = await keepDocument('stored-submission', stored.bytes);
    const text = (await pdfText(file)).replace(/\s+/g, ' ');
    expect(text).toContain('TỜ TRÌNH');
    expect(text).toContain('Biên bản kiểm phiếu (do hệ thống lập)');
  });

  it("answers 404 for another province's records, and refuses without a session", async () => {
    for (const path of [
      `/documents/vote-minutes/${periodId}.pdf`,
      `/documents/submission/${block.yearId}.docx`,
      `/documents/council-minutes/${councilPeriodId}.pdf`,
      `/documents/decision/${decisionId}.pdf`,
      `/documents/certificates/${decisionId}.docx`,
    ]) {
      const got = await download(path, outsider, haNoi);
      expect(got.status, path).toBe(404);
      expect(JSON.parse(got.bytes.toString()).errors[0].extensions.code).toBe('NOT_FOUND');
    }
    const anonymous = await fetch(
      app.gateway.url.replace(/\/graphql$/, `/documents/decision/${decisionId}.pdf`),
      {
        headers: { 'x-province-id': laoCai },
      },
    );
    expect(anonymous.status).toBe(401);
    expect((await download(`/documents/nothing/${decisionId}.pdf`, admin)).status).toBe(404);
  });

  it('prints no certificate for a revoked award; the decision as signed keeps it', async () => {
    const flag = decision.items.filter((i) => i.form === 'FLAG_PROVINCE');
    expect(flag).toHaveLength(1);
    const nominationId = ok(
      await as<{ awardDecision: { items: { nominationId: string; form: string }[] } }>(
        admin,
        `query($id: ID!) { awardDecision(id: $id) { items { nominationId form } } }`,
        { id: decisionId },
      ),
    ).awardDecision.items.find((i) => i.form === 'FLAG_PROVINCE')!.nominationId;
    ok(
      await as(
        admin,
        `mutation($id: ID!, $r: String!) { revokeAward(nominationId: $id, reason: $r) { id } }`,
        {
          id: nominationId,
          r: 'Phát hiện kê khai thành tích không đúng',
        },
      ),
    );
    const all = await download(`/documents/certificates/${decisionId}.pdf`, admin);
    const file = await keepDocument('certificates-after-revoke', all.bytes);
    expect(Number((await pdfInfo(file)).Pages)).toBe(decision.items.length - 1);
    expect((await pdfText(file)).replace(/\s+/g, ' ')).not.toContain('dẫn đầu');
    // The flag's blank has nothing left to print: said, not an empty file.
    const flagOnly = await download(`/documents/certificates/${decisionId}.pdf?form=FLAG_PROVINCE`, admin);
    expect(flagOnly.status).toBe(409);
    expect(JSON.parse(flagOnly.bytes.toString()).errors[0].extensions.code).toBe('CONFLICT');
    const { text } = await pdf(`/documents/decision/${decisionId}.pdf`, admin, 'decision-after-revoke');
    expect(text).toContain(unitName(block.units.findIndex((u) => u.id === flag[0]!.unitId)));
  });

  it('keeps an unpublished count to those who chair it', async () => {
    const other = await createLockedBlock(app, laoCai, NAMES, admin);
    const vote = await openBlockVote(app, laoCai, other, [{ kind: 'FLAG', seats: 1 }]);
    await castBlockBallots(app, laoCai, other, vote, [[2]]);
    await closeBlockVote(app, laoCai, other.officers[0]!, vote.id);
    await vi.waitFor(
      async () =>
        expect((await download(`/documents/vote-minutes/${vote.id}.pdf`, other.officers[0]!)).status).toBe(
          200,
        ),
      { timeout: 20_000, interval: 200 },
    );
    const member = await download(`/documents/vote-minutes/${vote.id}.pdf`, other.officers[3]!);
    expect(member.status).toBe(403);
    const secretariat = await download(`/documents/vote-minutes/${vote.id}.pdf`, admin);
    expect(secretariat.status).toBe(403);
    const { text } = await pdf(
      `/documents/vote-minutes/${vote.id}.pdf`,
      other.officers[0]!,
      'vote-minutes-preview',
    );
    expect(text).toContain('Bản xem trước: kết quả chưa được công bố');
  });

  it('speaks of a cluster as a cluster: its minutes, its submission, and the grounds the engine wrote', async () => {
    const cluster = await createFinishedBlock(app, laoCai, NAMES, admin, {
      beforeVote: async (b) => {
        await ownerQuery(
          app.db,
          laoCai,
          // One statement, so the memberships' kind (a foreign key to the block's) changes with it: a cluster
          // from the start, as the factory makes only blocks.
          `WITH m AS (UPDATE block_membership SET block_kind = 'CLUSTER' WHERE block_id = $1)
           UPDATE block SET kind = 'CLUSTER', name = replace(name, 'Khối', 'Cụm') WHERE id = $1`,
          [b.blockId],
        );
        await recordBlockConference(app, laoCai, b);
      },
    });
    const { id } = ok(
      await as<{ emulationYear: { conference: { id: string } } }>(
        admin,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { conference { id } } }`,
        { b: cluster.blockId },
      ),
    ).emulationYear.conference;
    const minutes = await pdf(
      `/documents/conference-minutes/${id}.pdf`,
      cluster.officers[2]!,
      'cluster-conference-minutes',
    );
    expect(minutes.text).toContain('Đơn vị dẫn đầu cụm (đề nghị Cờ thi đua của UBND tỉnh)');
    expect(minutes.text).toContain('Trưởng cụm năm 2027:');
    const submission = await pdf(
      `/documents/submission/${cluster.yearId}.pdf`,
      cluster.officers[0]!,
      'cluster-submission',
    );
    expect(submission.text).toContain('Được Cụm bình chọn là đơn vị dẫn đầu');
    expect(submission.text).toContain('Biên bản hội nghị tổng kết của cụm (do hệ thống lập)');
    expect(submission.text).toMatch(/TM\. CỤM THI ĐUA [\d-]+ TRƯỞNG CỤM/);
    const votes = await pdf(
      `/documents/vote-minutes/${
        ok(
          await as<{ votingPeriods: { id: string }[] }>(
            admin,
            `query($y: ID!) { votingPeriods(emulationYearId: $y) { id } }`,
            { y: cluster.yearId },
          ),
        ).votingPeriods[0]!.id
      }.pdf`,
      cluster.officers[0]!,
      'cluster-vote-minutes',
    );
    expect(votes.text).toContain('Đơn vị Trưởng cụm năm sau');
    for (const text of [minutes.text, submission.text, votes.text]) expect(text).not.toMatch(/khối/i);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
