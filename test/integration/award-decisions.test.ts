import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentManager, runInTenant } from '@thidua/db';
import {
  createAccount,
  createLockedBlock,
  ok,
  ownerQuery,
  provinceId,
  startTestApp,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';

let app: TestApp;
let province: string;
let admin: Account;
let approved: { id: string; unitId: string }[];

const NAMES = [
  'Sở Nội vụ',
  'Sở Tài chính',
  'Sở Tư pháp',
  'Sở Y tế',
  'Sở Xây dựng',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
];
const ISSUE = `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { id number numberText issuerName recordedFromDocuments baseSalary { effectiveFrom amountVnd } items { unitId form prizeVnd } } }`;

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  province = await provinceId(app.dataSource, '46'); // Huế
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  const blocks: LockedBlock[] = [];
  for (let i = 0; i < 4; i++) blocks.push(await createLockedBlock(app, province, NAMES, admin));
  // Nominations the council has approved (the council vote itself is exercised elsewhere).
  approved = await runInTenant(app.dataSource, province, async () => {
    const m = await currentManager();
    const rows = [];
    for (const b of blocks) {
      for (const [i, u] of b.units.entries()) {
        const [row] = await m.query(
          `INSERT INTO nomination (province_id, emulation_year_id, unit_id, form, status, explanation)
           VALUES ($1, $2, $3, $4, 'COUNCIL_APPROVED', '[]') RETURNING id, unit_id AS "unitId"`,
          [province, b.yearId, u.id, i === 0 ? 'FLAG_PROVINCE' : 'MERIT_PROVINCE'],
        );
        rows.push(row);
      }
    }
    return rows;
  });
});
afterAll(() => app?.close());

const issue = (nominationIds: string[], decisionDate = '2027-01-15', number?: number) =>
  app.gql<{
    issueAwardDecision: {
      number: number;
      numberText: string;
      issuerName: string;
      recordedFromDocuments: boolean;
      baseSalary: { effectiveFrom: string; amountVnd: number } | null;
      items: { form: string; prizeVnd: number }[];
    };
  }>(
    ISSUE,
    {
      v: {
        issuerName: 'UBND thành phố Huế',
        decisionDate,
        signerName: 'Nguyễn Văn Phương',
        nominationIds,
        number,
      },
    },
    { token: admin.token, provinceId: province },
  );

describe('award decisions', () => {
  it('20 concurrent decisions for one issuer take 20 consecutive numbers, none twice', async () => {
    const results = await Promise.all(approved.slice(0, 20).map((n) => issue([n.id])));
    expect(results.map((r) => r.errors)).toEqual(results.map(() => undefined));
    const numbers = results.map((r) => r.data!.issueAwardDecision.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(results.map((r) => r.data!.issueAwardDecision.numberText)).toContain('12/QĐ-UBND');
    // The audit log names each decision by its number, not by an id.
    const named = await app.gql<{ auditEvents: { nodes: { entityName: string | null }[] } }>(
      `{ auditEvents(first: 100, filter: { action: "decision.issue" }) { nodes { entityName } } }`,
      {},
      { token: admin.token, provinceId: province },
    );
    expect(named.data!.auditEvents.nodes.map((e) => e.entityName)).toContain('12/QĐ-UBND');
  });

  it('keeps the issuer name as issued and pays multiplier × base salary in force on the decision date', async () => {
    const res = await issue([approved[20]!.id, approved[21]!.id]);
    const d = res.data!.issueAwardDecision;
    // Issued here, not recorded from documents.
    expect(d).toMatchObject({ number: 21, issuerName: 'UBND thành phố Huế', recordedFromDocuments: false });
    // Dated 15 January 2027: the base salary of 2,530,000 from 1 July 2026 (Decree 161/2026) applies. A flag is
    // 8.0 × 2,530,000; a certificate of merit 3.0 × 2,530,000.
    // Listed as the annex lists them, the higher award first, whatever order they were chosen in.
    expect(d.items.map((i) => [i.form, i.prizeVnd])).toEqual([
      ['FLAG_PROVINCE', 20_240_000],
      ['MERIT_PROVINCE', 7_590_000],
    ]);
    // The decision names the row it counted on, for a reader to check the prizes against the decree.
    expect(d.baseSalary).toEqual({ effectiveFrom: '2026-07-01', amountVnd: 2_530_000 });
  });

  it('a decided nomination names its decision; one not decided yet, none', async () => {
    const NOMINATION = `query($id: ID!) { nomination(id: $id) { status decision { numberText decisionDate } } }`;
    const read = (id: string) =>
      app.gql<{ nomination: { status: string; decision: unknown } }>(
        NOMINATION,
        { id },
        { token: admin.token, provinceId: province },
      );
    // Its year's results are out (a nomination does not exist for others before).
    await ownerQuery(
      app.db,
      province,
      `UPDATE emulation_year SET state = 'DOSSIER_SUBMITTED'
        WHERE id = (SELECT emulation_year_id FROM nomination WHERE id = '${approved[27]!.id}')`,
    );
    const before = await read(approved[27]!.id);
    expect(before.data?.nomination).toEqual({ status: 'COUNCIL_APPROVED', decision: null });
    const numberText = (await issue([approved[27]!.id], '2027-02-03')).data!.issueAwardDecision.numberText;
    expect((await read(approved[27]!.id)).data?.nomination).toEqual({
      status: 'DECIDED',
      decision: { numberText, decisionDate: '2027-02-03' },
    });
  });

  it('a new calendar year starts a new series', async () => {
    const res = await issue([approved[22]!.id], '2028-01-05');
    expect(res.data!.issueAwardDecision.numberText).toBe('1/QĐ-UBND');
  });

  it("takes the number the committee's register gave; the series goes on after it, and a number taken is refused on its field", async () => {
    // The committee numbers all its decisions: this one was 1520 in its register for 2028.
    const res = await issue([approved[23]!.id], '2028-03-02', 1520);
    expect(res.data!.issueAwardDecision).toMatchObject({ number: 1520, numberText: '1520/QĐ-UBND' });
    const next = await issue([approved[24]!.id], '2028-03-03');
    expect(next.data!.issueAwardDecision.numberText).toBe('1521/QĐ-UBND');
    const taken = await issue([approved[25]!.id], '2028-04-01', 1520);
    expect(taken.errors?.[0]).toMatchObject({
      message: 'number: 1520/QĐ-UBND of 2028 is already recorded',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const zero = await issue([approved[25]!.id], '2028-04-01', 0);
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // A decision of 2029 recorded from its documents as 40/QĐ-UBND: the series' next number passes it.
    await runInTenant(app.dataSource, province, async () =>
      (await currentManager()).query(
        `INSERT INTO award_decision (province_id, issuer_code, issuer_name, year, number, number_text,
           decision_date, signer_name, signer_title, created_by, recorded_from_documents)
         VALUES ($1, 'UBND', 'UBND thành phố Huế', 2029, 40, '40/QĐ-UBND', '2029-02-01', 'Nguyễn Văn Phương',
           'Chủ tịch', gen_random_uuid(), true)`,
        [province],
      ),
    );
    // Said before issuing: the number the series gives next, past the one recorded; a made-up code is refused.
    const nextOf = (issuerCode: string, year: number) =>
      app.gql<{ nextDecisionNumber: number }>(
        `query($c: String!, $y: Int!) { nextDecisionNumber(issuerCode: $c, year: $y) }`,
        { c: issuerCode, y: year },
        { token: admin.token, provinceId: province },
      );
    expect((await nextOf('UBND', 2029)).data!.nextDecisionNumber).toBe(41);
    expect((await nextOf('UBND', 2028)).data!.nextDecisionNumber).toBe(1522);
    expect((await nextOf('UBND', 2031)).data!.nextDecisionNumber).toBe(1);
    expect((await nextOf('ubnd', 2029)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await issue([approved[25]!.id], '2029-03-01');
    expect(after.data!.issueAwardDecision.numberText).toBe('41/QĐ-UBND');
  });

  it('refuses a nomination that is not council-approved, or already decided, naming the field', async () => {
    const res = await issue([approved[0]!.id]);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/^nominationIds: .* is DECIDED, not COUNCIL_APPROVED/);
  });

  it("cites the Department's submission by number and date, both or neither, dated before the decision", async () => {
    const cite = (submissionNumber: string | null, submissionDate: string | null) =>
      app.gql<{ issueAwardDecision: { id: string; submissionNumber: string; submissionDate: string } }>(
        `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { id submissionNumber submissionDate } }`,
        {
          v: {
            issuerName: 'UBND thành phố Huế',
            decisionDate: '2027-01-20',
            signerName: 'Nguyễn Văn Phương',
            nominationIds: [approved[26]!.id],
            submissionNumber,
            submissionDate,
          },
        },
        { token: admin.token, provinceId: province },
      );
    const field = (r: Awaited<ReturnType<typeof cite>>) =>
      (r.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.[0]?.field;
    expect(field(await cite('15/TTr-SNV', null))).toBe('submissionDate');
    expect(field(await cite(null, '2027-01-12'))).toBe('submissionNumber');
    expect(field(await cite('15/TTr-SNV', '2027-01-21'))).toBe('submissionDate');
    expect((await cite('Tờ trình 15', '2027-01-12')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const issued = ok(await cite('15/TTr-SNV', '2027-01-12')).issueAwardDecision;
    expect(issued).toMatchObject({ submissionNumber: '15/TTr-SNV', submissionDate: '2027-01-12' });
  });

  it("revokes a decided award with a reason; the unit's history shows it", async () => {
    const target = approved[1]!;
    const revoked = await app.gql<{ revokeAward: { status: string; statusReason: string } }>(
      `mutation($id: ID!) { revokeAward(nominationId: $id, reason: "Phát hiện kê khai thành tích không đúng") { status statusReason } }`,
      { id: target.id },
      { token: admin.token, provinceId: province },
    );
    expect(revoked.data?.revokeAward).toEqual({
      status: 'REVOKED',
      statusReason: 'Phát hiện kê khai thành tích không đúng',
    });
    const history = await app.gql<{
      unitAwardHistory: { year: number; status: string; decision: { numberText: string } }[];
    }>(
      `query($u: ID!) { unitAwardHistory(unitId: $u) { year status form prizeVnd decision { numberText issuerName } } }`,
      { u: target.unitId },
      { token: admin.token, provinceId: province },
    );
    expect(history.data?.unitAwardHistory).toEqual([
      expect.objectContaining({ year: 2026, status: 'REVOKED' }),
    ]);
  });
});
