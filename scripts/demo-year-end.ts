/**
 * `npm run demo:year-end`: the year-end closing of the demo provinces, on the running platform (`npm start`),
 * through its GraphQL API as the platform administrator: a dry run, the closing itself (which `npm start` has run
 * already: starting it again answers it as it is), then per block the proposals and next year's head and deputy,
 * and the comparison of provinces. `--url` points elsewhere.
 */
import { DEMO_BLOCKS, DEMO_PASSWORD } from '@thidua/db';

const urlFlag = process.argv.indexOf('--url');
const URL_ = urlFlag > 0 ? process.argv[urlFlag + 1]! : 'http://127.0.0.1:4000/graphql';

async function gql<T>(query: string, variables: Record<string, unknown> = {}, province?: string): Promise<T> {
  const res = await fetch(URL_, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(province ? { 'x-province-id': province } : {}),
    },
    body: JSON.stringify({ query, variables }),
  }).catch(() => {
    throw new Error(`No platform answers at ${URL_}: start it with \`npm start\` first.`);
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

let token = '';
token = (
  await gql<{ login: { accessToken: string } }>(
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
    { e: 'admin@thidua.vn', p: DEMO_PASSWORD },
  )
).login.accessToken;

type Closing = {
  state: string;
  durationMs: number | null;
  blocks: {
    blockId: string;
    emulationYearId: string;
    status: string;
    reason: string | null;
    nextHeadUnitId: string | null;
    nextDeputyUnitId: string | null;
  }[];
};
const CLOSING = `state durationMs blocks { blockId emulationYearId status reason nextHeadUnitId nextDeputyUnitId }`;
const FORMS: Record<string, string> = {
  FLAG_PROVINCE: 'Cờ thi đua của UBND tỉnh',
  MERIT_PROVINCE: 'Bằng khen của Chủ tịch UBND tỉnh',
};

for (const demo of DEMO_BLOCKS) {
  const { provinces } = await gql<{ provinces: { nodes: { id: string; name: string }[] } }>(
    `query($c: String!) { provinces(filter: { code: $c, current: false }) { nodes { id name } } }`,
    { c: demo.provinceCode },
  );
  const province = provinces.nodes[0]!;
  console.log(`\n${province.name} — năm thi đua ${demo.year}`);

  const dry = await gql<{ startYearEndClosing: Closing }>(
    `mutation($y: Int!) { startYearEndClosing(year: $y, dryRun: true) { ${CLOSING} } }`,
    { y: demo.year },
    province.id,
  );
  console.log(
    `  Chạy thử: ${dry.startYearEndClosing.blocks.map((b) => b.status).join(', ') || 'không có khối'}`,
  );

  await gql(`mutation($y: Int!) { startYearEndClosing(year: $y) { state } }`, { y: demo.year }, province.id);
  let closing: Closing | null = null;
  for (let waited = 0; closing?.state !== 'DONE'; waited += 200) {
    if (waited > 60_000)
      throw new Error('The closing did not finish within a minute: is the worker running?');
    await new Promise((r) => setTimeout(r, 200));
    closing = (
      await gql<{ yearEndClosing: Closing | null }>(
        `query($p: ID!, $y: Int!) { yearEndClosing(provinceId: $p, year: $y) { ${CLOSING} } }`,
        { p: province.id, y: demo.year },
        province.id,
      )
    ).yearEndClosing;
  }

  const { units } = await gql<{ units: { nodes: { id: string; name: string }[] } }>(
    `{ units(first: 100) { nodes { id name } } }`,
    {},
    province.id,
  );
  const name = (id: string | null) => (id ? (units.nodes.find((u) => u.id === id)?.name ?? id) : '—');
  const { blocks } = await gql<{ blocks: { nodes: { id: string; name: string }[] } }>(
    `{ blocks { nodes { id name } } }`,
    {},
    province.id,
  );
  for (const b of closing.blocks) {
    console.log(
      `  ${blocks.nodes.find((x) => x.id === b.blockId)?.name}: ${b.status}${b.reason ? ` (${b.reason})` : ''}`,
    );
    const { nominations } = await gql<{ nominations: { unitId: string; form: string; status: string }[] }>(
      `query($y: ID!) { nominations(emulationYearId: $y) { unitId form status } }`,
      { y: b.emulationYearId },
      province.id,
    );
    for (const n of nominations) console.log(`    Đề nghị ${FORMS[n.form] ?? n.form}: ${name(n.unitId)}`);
    console.log(`    Trưởng khối năm ${demo.year + 1}: ${name(b.nextHeadUnitId)}`);
    console.log(`    Phó khối năm ${demo.year + 1}: ${name(b.nextDeputyUnitId)}`);
  }
  console.log(`  Thời gian khóa sổ: ${closing.durationMs} ms`);
}

const METRICS = [
  'BLOCKS',
  'BLOCKS_CLOSED',
  'MEMBER_UNITS',
  'TURNOUT_PERCENT',
  'FLAG_PROPOSALS',
  'MERIT_PROPOSALS',
  'MEAN_FINAL_SCORE',
];
for (const year of [...new Set(DEMO_BLOCKS.map((d) => d.year))].sort()) {
  const { provinceComparison } = await gql<{
    provinceComparison: { rows: { province: string; values: (number | null)[] }[] };
  }>(
    `query($y: Int!, $m: [RollupMetric!]) { provinceComparison(year: $y, metrics: $m) { rows { province values } } }`,
    {
      y: year,
      m: METRICS,
    },
  );
  console.log(`\nSo sánh các tỉnh, năm ${year}`);
  console.table(
    Object.fromEntries(
      // The label tells the former Lào Cai (10, –2025) from today's (15, 2025–).
      provinceComparison.rows.map((r) => [
        r.province,
        Object.fromEntries(METRICS.map((m, i) => [m, r.values[i]])),
      ]),
    ),
  );
}
