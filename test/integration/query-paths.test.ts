import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import ts from 'typescript';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  createAccount,
  createFinishedBlock,
  createLockedBlock,
  describeDatabase,
  ok,
  openBlockVote,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';
import { analyse, functionQueries, loadParser, statementKey, type Catalog } from './co-location';

/**
 * docs/scaling.md, "Query paths", held to the code: on Citus every tenant table is distributed by `province_id`,
 * so tenant tables that one statement combines must be tied to one another by `province_id` (an equality between
 * their `province_id` columns, or all equal to one parameter), or the statement would need a join between
 * shards. Row-level security's filter does not count: the statement's own SQL carries the tie. The rule in full,
 * and what "combined" means, is in `co-location.ts`, which checks a statement on PostgreSQL's own parse tree.
 *
 * Checked here: every SQL statement written in the services' source, every statement of the schema's SQL
 * functions, and every statement the gateway and the worker send while a province runs its year. No statement is
 * exempt.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let catalog: Catalog;
/** The schema's SQL and PL/pgSQL functions as the migrations left them. */
let functions: { name: string; language: string; source: string; definition: string }[];

beforeAll(async () => {
  await loadParser();
  const client = new pg.Client({ connectionString: describeDatabase(inject('templateDatabase')).adminUrl });
  await client.connect();
  try {
    const columns = await client.query<{ table: string; columns: string[] }>(
      `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY a.attnum) AS columns
         FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v')
        GROUP BY c.relname`,
    );
    const tenant = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND relforcerowsecurity`,
    );
    catalog = {
      columns: new Map(columns.rows.map((r) => [r.table, r.columns])),
      tenant: new Set(tenant.rows.map((r) => r.name)),
    };
    functions = (
      await client.query<{ name: string; language: string; source: string; definition: string }>(
        `SELECT p.proname AS name, l.lanname AS language, p.prosrc AS source,
                pg_get_functiondef(p.oid) AS definition
           FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
          WHERE p.pronamespace = 'public'::regnamespace AND l.lanname IN ('sql', 'plpgsql')`,
      )
    ).rows;
  } finally {
    await client.end();
  }
});

// --- SQL written in the source -----------------------------------------------------------------------------------

/** Where the services' SQL is written (migrations and seeds are not query paths of a request or a job). */
const SOURCES = [
  'packages/db/src/repositories',
  'packages/db/src/services',
  'packages/db/src/tenancy',
  'packages/jobs/src',
  'services/gateway/src',
  'services/worker/src',
];

interface SourceStatement {
  sql: string;
  where: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Where a `${…}` could not be worked out; then stood in for by what parses there (a value, nothing, a SET). */
const UNKNOWN = '\u0000';
const STAND_INS = ['NULL', '', 'unknown = NULL', 'unknown'];
const parses = (sql: string) => {
  try {
    analyse(sql, catalog);
    return true;
  } catch {
    return false;
  }
};

const SQL_START = /^\s*\(?\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\s/;

/**
 * Every string in a file that reads as a whole SQL statement, with the file's own constants and one-line helper
 * functions (`const from = (join: string) => \`… ${join} …\``) put in place of `${…}`. What cannot be put in place
 * becomes `NULL`; a statement that then does not parse is left to the recorded statements.
 */
function sqlIn(file: string): { statements: SourceStatement[]; unparsed: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const declared = new Map<string, ts.Expression | null>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      // A name declared twice in a file is not resolved (which one is meant depends on the scope).
      declared.set(node.name.text, declared.has(node.name.text) ? null : node.initializer);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);

  type Env = Map<string, string>;
  const evaluate = (e: ts.Expression, env: Env, depth = 0): string | null => {
    if (depth > 10) return null;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return evaluate(e.expression, env, depth);
    if (ts.isTemplateExpression(e)) {
      // `$${params.push(x)}` numbers a parameter.
      return e.templateSpans.reduce(
        (text, s) =>
          text +
          (evaluate(s.expression, env, depth + 1) ?? (text.endsWith('$') ? '1' : UNKNOWN)) +
          s.literal.text,
        e.head.text,
      );
    }
    if (ts.isIdentifier(e)) {
      if (env.has(e.text)) return env.get(e.text)!;
      const init = declared.get(e.text);
      return init ? evaluate(init, new Map(), depth + 1) : null;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const [l, r] = [evaluate(e.left, env, depth + 1), evaluate(e.right, env, depth + 1)];
      return l !== null && r !== null ? l + r : null;
    }
    if (ts.isConditionalExpression(e)) {
      return evaluate(e.whenTrue, env, depth + 1) ?? evaluate(e.whenFalse, env, depth + 1);
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
      const fn = declared.get(e.expression.text);
      if (!fn || !ts.isArrowFunction(fn) || ts.isBlock(fn.body)) return null;
      const bound: Env = new Map();
      fn.parameters.forEach((p, i) => {
        const arg = e.arguments[i];
        if (ts.isIdentifier(p.name)) bound.set(p.name.text, (arg && evaluate(arg, env, depth + 1)) ?? '');
      });
      return evaluate(fn.body, bound, depth + 1);
    }
    return null;
  };

  const statements: SourceStatement[] = [];
  const unparsed: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateExpression(node)) &&
      !ts.isTemplateSpan(node.parent)
    ) {
      const text = ts.isTemplateExpression(node) ? evaluate(node, new Map()) : node.text;
      if (text && SQL_START.test(text)) {
        const where = `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const sql = STAND_INS.map((s) => text.replaceAll(UNKNOWN, s)).find(parses);
        if (sql === undefined) unparsed.push(where);
        else statements.push({ sql, where });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { statements, unparsed };
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

// --- SQL sent while a province runs its year --------------------------------------------------------------------

const NAMES = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Y tế', 'Sở Giáo dục và Đào tạo'];

/**
 * A province's year through the gateway and the worker: a block votes (conference, ballots, the worker's tally,
 * results, the dossier), the secretariat appraises, the council votes and the award decision is issued; a second
 * block is left with its vote open; the worker closes the year and writes the rollups; then the pages' reads.
 */
async function runYear(app: TestApp): Promise<void> {
  const province = await provinceId(app.dataSource, '40'); // Nghệ An
  const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  const viewer = await createAccount(app, 'NATIONAL_VIEWER');
  const council = await Promise.all(
    [1, 2, 3].map(() => createAccount(app, 'COUNCIL_MEMBER', { provinceId: province })),
  );
  const as = <T = Record<string, unknown>>(who: Account, q: string, v?: Record<string, unknown>) =>
    app.gql<T>(q, v, { token: who.token, provinceId: province });

  const block = await createFinishedBlock(app, province, NAMES, admin);
  const head = block.officers[0]!;
  const unitId = block.units[0]!.id;

  // Appraisal, the council's vote and the decision.
  const proposed = ok(
    await as<{ nominations: { id: string }[] }>(
      admin,
      `query($y: ID!) { nominations(emulationYearId: $y) { id } }`,
      { y: block.yearId },
    ),
  ).nominations;
  for (const n of proposed) {
    for (const to of ['IN_APPRAISAL', 'COUNCIL_REVIEW']) {
      ok(
        await as(
          admin,
          `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`,
          {
            v: { id: n.id, to },
          },
        ),
      );
    }
  }
  const nominationIds = proposed.map((n) => n.id);
  const period = ok(
    await as<{ openCouncilVote: { id: string; contests: { id: string; candidateUnitIds: string[] }[] } }>(
      admin,
      `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id contests { id candidateUnitIds } } }`,
      { v: { nominationIds, closesAt: new Date(Date.now() + 3600_000).toISOString() } },
    ),
  ).openCouncilVote;
  for (const member of council) {
    ok(
      await as(member, `mutation($v: CastBallotInput!) { castBallot(input: $v) { voterId } }`, {
        v: {
          votingPeriodId: period.id,
          choices: period.contests.map((c) => ({ contestId: c.id, unitIds: c.candidateUnitIds })),
        },
      }),
    );
  }
  ok(await as(admin, `mutation($id: ID!) { closeVotingPeriod(id: $id) { status } }`, { id: period.id }));
  const PERIOD = `query($id: ID!) { votingPeriod(id: $id) { status results { contestId elected } } }`;
  await vi.waitFor(
    async () =>
      expect(
        ok(await as<{ votingPeriod: { status: string } }>(admin, PERIOD, { id: period.id })).votingPeriod
          .status,
      ).toBe('TALLIED'),
    { timeout: 20_000, interval: 100 },
  );
  ok(await as(admin, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, { id: period.id }));
  ok(
    await as(
      admin,
      `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { id number items { unitId prizeVnd } } }`,
      {
        v: {
          issuerName: 'UBND tỉnh Nghệ An',
          decisionDate: '2027-01-15',
          signerName: 'Nguyễn Văn Đệ',
          nominationIds,
        },
      },
    ),
  );

  // A block still voting, and the worker's closing of the year.
  const stuck = await createLockedBlock(app, province, NAMES, admin, { officers: false });
  await openBlockVote(app, province, stuck, [{ kind: 'FLAG', seats: 1 }], admin);
  ok(await as(admin, `mutation { startYearEndClosing(year: 2026) { state } }`));
  await vi.waitFor(
    async () => {
      const closing = ok(
        await as<{ yearEndClosing: { state: string } | null }>(
          admin,
          `query($p: ID!) { yearEndClosing(provinceId: $p, year: 2026) { state } }`,
          { p: province },
        ),
      ).yearEndClosing;
      expect(closing?.state).toBe('DONE');
    },
    { timeout: 30_000, interval: 100 },
  );

  // The unit absorbed the stuck block's first member (lineage, which streaks then follow).
  ok(
    await as(admin, `mutation($i: LineageInput!) { recordLineage(input: $i) { predecessorId } }`, {
      i: {
        subjectKind: 'UNIT',
        successorId: unitId,
        kind: 'MERGE',
        effectiveOn: '2026-07-01',
        predecessors: [{ id: stuck.units[0]!.id }],
      },
    }),
  );

  // What the pages read.
  const reads: [Account, string, Record<string, unknown>?][] = [
    [
      head,
      `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { id state theme nextStates nextStepMissing
         headUnit { id name } deputyUnit { id } block { id name } criteriaSet { __typename }
         members { __typename } covenantItems { __typename } covenantSignatures { __typename }
         titleRegistrations { __typename } scoreSheets(first: 50) { __typename } conference { __typename }
         awardOutcome { __typename } attachments { __typename } } }`,
      { b: block.blockId },
    ],
    [
      admin,
      `query($b: ID!) { block(id: $b) { id name members(year: 2026) { __typename } memberships(first: 50) { __typename } years(first: 10) { __typename } } }`,
      { b: block.blockId },
    ],
    [admin, `{ units(first: 20) { __typename } persons(first: 20) { __typename } }`],
    [
      admin,
      `query($u: ID!) { unit(id: $u) { __typename } unitAwardHistory(unitId: $u) { __typename } }`,
      { u: unitId },
    ],
    [
      admin,
      `query($u: ID!) { streaks(subjectId: $u, subjectKind: UNIT, year: 2026) { __typename }
         lineage(id: $u, subjectKind: UNIT) { __typename } achievements(subjectId: $u, subjectKind: UNIT) { __typename } }`,
      { u: unitId },
    ],
    [
      admin,
      `query($y: ID!) { votingPeriods(emulationYearId: $y) { id status results { contestId elected } } nominations(emulationYearId: $y) { id status } }`,
      { y: block.yearId },
    ],
    [admin, `{ nominationQueue(first: 20) { __typename } awardDecisions(first: 20) { __typename } }`],
    [admin, `{ auditEvents(first: 20) { __typename } verifyAuditChain { __typename } }`],
    [head, `{ notifications(first: 20) { __typename } unreadNotificationCount }`],
    [
      admin,
      `query($p: ID!) { yearEndClosing(provinceId: $p, year: 2026) { __typename } yearEndDryRun(year: 2026) { __typename } }`,
      { p: province },
    ],
    [
      admin,
      `query($p: ID!) { blockRanking(provinceId: $p, year: 2026) { csv } provinceTrend(provinceId: $p, fromYear: 2024, toYear: 2026) { csv } }`,
      { p: province },
    ],
    [viewer, `{ provinceComparison(year: 2026) { csv } }`],
  ];
  for (const [who, query, variables] of reads) ok(await as(who, query, variables));
  // The blocks of 2026 (a member or a year record in it), read through the year filter's subqueries: both.
  const blocks = ok(
    await as<{ blocks: { totalCount: number } }>(
      admin,
      `{ blocks(first: 20, filter: { year: 2026 }) { totalCount } }`,
    ),
  ).blocks;
  expect(blocks.totalCount).toBe(2);
  const statistics = await fetch(new URL('/reports/statistics?year=2026', app.gateway.url), {
    headers: { authorization: `Bearer ${admin.token}`, 'x-province-id': province },
  });
  expect(statistics.status).toBe(200);
}

describe('the check itself, on statements of its own', () => {
  const tables: Catalog = {
    columns: new Map([
      ['period', ['province_id', 'id', 'year_id']],
      ['contest', ['province_id', 'id', 'period_id', 'position']],
      ['year', ['province_id', 'id']],
      ['province', ['id', 'name']],
    ]),
    tenant: new Set(['period', 'contest', 'year']),
  };
  const untied = (sql: string) =>
    analyse(sql, tables).untied.map((g) => g.map((t) => t.join(', ')).join(' | '));

  it.each([
    `SELECT * FROM period p JOIN contest c ON c.province_id = p.province_id AND c.period_id = p.id`,
    `SELECT * FROM period p JOIN contest c USING (province_id) WHERE c.period_id = p.id`,
    `SELECT * FROM period p, contest c WHERE p.province_id = $1 AND c.province_id = $1 AND c.period_id = p.id`,
    `SELECT * FROM period p JOIN province v ON v.id = p.province_id JOIN year y ON y.province_id = v.id`,
    `SELECT p.id, (SELECT json_agg(c.id) FROM contest c WHERE c.province_id = p.province_id AND c.period_id = p.id)
       FROM period p WHERE p.id = $1 OR p.year_id = $2`,
    `SELECT * FROM period p WHERE (p.province_id, p.id) IN
       (SELECT c.province_id, c.period_id FROM contest c WHERE c.position = p.year_id)`,
    `WITH x AS (SELECT province_id, period_id FROM contest)
     SELECT * FROM period p JOIN x ON x.province_id = p.province_id AND x.period_id = p.id`,
    `SELECT * FROM period p JOIN (SELECT province_id, period_id FROM contest) x(pr, pe) ON x.pr = p.province_id`,
    `DELETE FROM period p USING contest c WHERE c.province_id = p.province_id AND c.period_id = p.id`,
    `INSERT INTO contest (province_id, id, period_id) SELECT p.province_id, gen_random_uuid(), p.id FROM period p`,
    // Not combined: an uncorrelated subquery, a data-modifying CTE nothing reads, the branches of a UNION.
    `SELECT * FROM period p WHERE p.id IN (SELECT period_id FROM contest) AND p.year_id = (SELECT max(id) FROM year)`,
    `WITH gone AS (DELETE FROM contest WHERE period_id = $1) SELECT count(*) FROM period WHERE id = $1`,
    `SELECT id FROM period UNION ALL SELECT id FROM contest`,
    `SELECT count(*) FROM (SELECT id FROM period UNION SELECT c.id FROM contest c JOIN year y USING (province_id)) u`,
    `SELECT * FROM year y JOIN (SELECT province_id, id FROM period UNION SELECT province_id, period_id FROM contest) u
       ON u.province_id = y.province_id`,
    `WITH RECURSIVE d(id) AS (SELECT id FROM period WHERE province_id = $1
       UNION SELECT p.id FROM period p JOIN d ON p.year_id = d.id WHERE p.province_id = $1) SELECT * FROM d`,
    `WITH r AS (INSERT INTO period (province_id, id) VALUES ($1, $2) RETURNING id)
     INSERT INTO contest (province_id, period_id) SELECT $1, r.id FROM r`,
  ])('passes %s', (sql) => expect(untied(sql)).toEqual([]));

  it.each([
    [`SELECT * FROM period p JOIN contest c ON c.period_id = p.id`, 'period p | contest c'],
    [
      `SELECT * FROM period p, contest c WHERE p.province_id = $1 AND c.province_id = $2`,
      'period p | contest c',
    ],
    [
      `SELECT * FROM period p JOIN contest c ON c.period_id = p.id WHERE p.province_id = $1 OR c.province_id = $1`,
      'period p | contest c',
    ],
    [
      `SELECT (SELECT count(*) FROM contest c WHERE c.period_id = p.id) FROM period p`,
      'period p | contest c',
    ],
    [
      `SELECT * FROM period p WHERE EXISTS (SELECT 1 FROM contest c WHERE c.period_id = p.id)`,
      'period p | contest c',
    ],
    [
      `SELECT * FROM period p, LATERAL (SELECT * FROM contest c WHERE c.period_id = p.id) c`,
      'period p | contest c',
    ],
    [
      `WITH x AS (SELECT province_id, period_id FROM contest) SELECT * FROM period p JOIN x ON x.period_id = p.id`,
      'period p | contest',
    ],
    [
      `UPDATE period p SET year_id = (SELECT max(position) FROM contest c WHERE c.period_id = p.id)`,
      'period p | contest c',
    ],
    [
      `INSERT INTO contest (province_id, id, period_id) SELECT $1, gen_random_uuid(), p.id FROM period p`,
      'contest | period p',
    ],
    [
      `SELECT * FROM period p JOIN province v ON v.id = p.province_id JOIN year y ON y.id = p.year_id`,
      'period p | year y',
    ],
    [
      `WITH RECURSIVE d(id) AS (SELECT id FROM period WHERE province_id = $1
         UNION SELECT p.id FROM period p JOIN d ON p.year_id = d.id) SELECT * FROM d`,
      'period | period p',
    ],
    [
      `SELECT * FROM year y JOIN (SELECT id FROM period UNION SELECT period_id FROM contest) u ON u.id = y.id`,
      'year y | period | contest',
    ],
  ])('fails %s', (sql, tablesNamed) => expect(untied(sql)).toEqual([tablesNamed]));
});

/** Each statement once (statements that differ only in constants are one), checked; what was covered. */
function check(statements: SourceStatement[]) {
  const distinct = new Map(statements.map((s) => [statementKey(s.sql), s]));
  const tables = new Set<string>();
  let touching = 0;
  let joins = 0;
  const untied = [...distinct.values()].flatMap(({ sql, where }) => {
    const a = analyse(sql, catalog);
    a.tenantTables.forEach((t) => tables.add(t));
    if (a.tenantTables.length) touching++;
    joins += a.joins;
    return a.untied.map(
      (groups) =>
        `${where ? `${where}: ` : ''}${groups.map((g) => g.join(', ')).join(' | ')}\n    ${oneLine(sql)}`,
    );
  });
  const unread = [...catalog.tenant].filter((t) => !tables.has(t)).sort();
  const summary =
    `${distinct.size} distinct statements, ${touching} of them on tenant tables (${tables.size} of ` +
    `${catalog.tenant.size} tables; not reached: ${unread.join(', ')}), ${joins} combining two or more`;
  return { untied, distinct: distinct.size, tables, summary };
}

describe('query paths stay within one province: no cross-shard join (docs/scaling.md)', () => {
  it('ties every combination of tenant tables in the SQL written in the source by province_id', () => {
    const found = SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir)).map(sqlIn));
    const unparsed = found.flatMap((f) => f.unparsed);
    const { untied, summary } = check(found.flatMap((f) => f.statements));
    console.log(`In the source: ${summary}; not reconstructed: ${unparsed.join(', ') || 'none'}`);
    expect(untied).toEqual([]);
    // A statement the check cannot rebuild would escape it: make its parts constants or helpers of its file.
    expect(unparsed).toEqual([]);
  });

  it('ties them in the SQL functions the migrations define, as the live schema has them', () => {
    const statements = functions.flatMap((f) =>
      (f.language === 'sql' ? [f.source] : functionQueries(f.definition)).map((sql) => ({
        sql,
        where: `function ${f.name}`,
      })),
    );
    const { untied, summary } = check(statements);
    console.log(`In ${functions.length} functions: ${summary}`);
    expect(functions.map((f) => f.name)).toContain('cast_ballot');
    expect(untied).toEqual([]);
  });

  it('ties them in every statement the gateway and the worker send through a year, from the vote to the dashboards', async () => {
    const sent: string[] = [];
    const app = await startTestApp({
      template: inject('templateDatabase'),
      worker: true,
      onQuery: (sql) => void sent.push(sql),
    });
    try {
      await runYear(app);
    } finally {
      await app.close();
    }
    const { untied, distinct, tables, summary } = check(sent.map((sql) => ({ sql, where: '' })));
    console.log(`Sent (${sent.length} statements): ${summary}`);
    // The flow keeps its reach: a flow that stopped early would pass with little checked.
    expect(distinct).toBeGreaterThan(120);
    expect(tables.size).toBeGreaterThanOrEqual(30);
    expect(untied).toEqual([]);
  });
});
