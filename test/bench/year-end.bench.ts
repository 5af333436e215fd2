import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadTestEnvironment } from '@thidua/config';
import { createDataSource, currentManager, runInTenant, runInTransaction } from '@thidua/db';
import { TokenService } from '@thidua/gateway';
import { beginYearEndClosing } from '@thidua/jobs';
import { buildTemplateDatabase, cloneDatabase, dropDatabase, startWorkerProcess } from '@thidua/testing';
import { FlowProducer, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { buildClosableNation } from './closable-nation';
import { compiledOnNode24, startGatewayProcess, TSX_HERE } from './gateway-process';
import { createPoster } from './http-client';
import { median, ms, percentile } from './stats';

const SHAPE = { provinces: 34, blocksPerProvince: 25, membersPerBlock: 10 };
const SECRET = 'benchmark-secret-benchmark-secret-0123456789';
const CLIENTS = 10;
const REQUESTS = 3000;
/** Servers take turns this many times; ratios are taken within a round (the machine's speed drifts). */
const ROUNDS = 3;
const COMPARISON = `{ provinceComparison(year: 2026) { metrics rows { id name code year values } } }`;

const until = async (done: () => Promise<boolean>, what: string, timeoutMs = 300_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what} did not finish in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** The floor: the same flow shape (a parent per province, a child per block) whose jobs do nothing. */
async function bareFlow(redisUrl: string, prefix: string, provinces: number): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const opts = { connection, prefix: `{${prefix}-bare}` };
  const queue = new Queue('bare', opts);
  const worker = new Worker('bare', async () => ({}), { ...opts, concurrency: 4 });
  const flows = new FlowProducer(opts);
  const t0 = performance.now();
  for (let p = 0; p < provinces; p++) {
    await flows.add({
      name: 'finish',
      queueName: 'bare',
      data: { p },
      children: Array.from({ length: SHAPE.blocksPerProvince }, (_, b) => ({
        name: 'block',
        queueName: 'bare',
        data: { b },
      })),
    });
  }
  const total = provinces * (SHAPE.blocksPerProvince + 1);
  await until(async () => ((await queue.getJobCounts('completed')).completed ?? 0) >= total, 'the bare flow');
  const seconds = (performance.now() - t0) / 1000;
  await worker.close();
  await flows.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return seconds;
}

/** `clients` keep-alive clients send `requests` requests in all; requests/s and latencies. */
async function load(url: string, headers: Record<string, string>, requests: number) {
  const post = createPoster(CLIENTS);
  const body = JSON.stringify({ query: COMPARISON });
  const latencies: number[] = [];
  let sent = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (sent++ < requests) {
        const t = performance.now();
        const res = await post(url, headers, body);
        latencies.push(performance.now() - t);
        if (res.status !== 200 || (res.json as { errors?: unknown }).errors) failures++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: requests / seconds, p99: percentile(latencies, 99), failures };
}

type Load = Awaited<ReturnType<typeof load>>;

/**
 * Year-end closing of a synthetic nation (34 provinces × 25 blocks × 10 members) by a worker in its own process,
 * against the bare BullMQ flow of the same shape; then provinceComparison at 10 concurrent clients against a
 * bare Apollo server answering the same response from memory.
 */
export async function benchYearEnd() {
  const env = loadTestEnvironment();
  const template = await buildTemplateDatabase();
  const db = await cloneDatabase(template);
  const provinces = await buildClosableNation(db.appUrl, SHAPE);
  const prefix = `bench-ye-${Date.now()}`;
  const config = {
    DATABASE_URL: db.appUrl,
    DATABASE_OWNER_URL: db.ownerUrl,
    REDIS_URL: env.TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    JWT_SECRET: SECRET,
    AUDIT_HMAC_KEY: SECRET,
    UNSUBSCRIBE_SECRET: `unsubscribe-${SECRET}`,
    OUTBOX_POLL_MS: 50,
  };
  const ds = await createDataSource(db.appUrl, { poolSize: 4 }).initialize();
  const worker = await startWorkerProcess(config);
  const t0 = performance.now();
  for (const p of provinces) await runInTenant(ds, p, () => beginYearEndClosing(p, 2026, null));
  let closedBlocks = 0;
  await until(async () => {
    let done = 0;
    closedBlocks = 0;
    for (const p of provinces) {
      const [r] = await runInTenant(ds, p, async () =>
        (await currentManager()).query(
          `SELECT (SELECT count(*) FROM year_end_closing WHERE state = 'DONE')::int AS done,
                  (SELECT count(*) FROM year_end_closing_block WHERE status = 'CLOSED')::int AS closed`,
        ),
      );
      done += r.done;
      closedBlocks += r.closed;
    }
    return done === provinces.length;
  }, 'the nation’s closing');
  const closingSeconds = (performance.now() - t0) / 1000;
  const status = readFileSync(`/proc/${worker.pid}/status`, 'utf8');
  const peakMiB = Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
  await worker.stop();
  const bareSeconds = await bareFlow(env.TEST_REDIS_URL, prefix, provinces.length);

  // A national viewer's session, and its token.
  const [userId, sessionId] = [randomUUID(), randomUUID()];
  await runInTransaction(ds, null, async () => {
    const m = await currentManager();
    await m.query(
      `INSERT INTO app_user (id, email, full_name, full_name_search, password_hash)
       VALUES ($1, 'bench-viewer@thidua.vn', 'Chuyên viên Bộ Nội vụ', 'chuyen vien bo noi vu', 'x')`,
      [userId],
    );
    await m.query(`INSERT INTO role_assignment (user_id, role) VALUES ($1, 'NATIONAL_VIEWER')`, [userId]);
    await m.query(
      `INSERT INTO auth_session (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
      [sessionId, userId],
    );
  });
  await ds.destroy();
  const { token } = await new TokenService(SECRET, 3600).signAccess({ userId, sessionId });
  const gatewayEnv = {
    DATABASE_URL: db.appUrl,
    DATABASE_OWNER_URL: db.ownerUrl,
    REDIS_URL: env.TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    AUDIT_HMAC_KEY: SECRET,
    JWT_SECRET: SECRET,
    UNSUBSCRIBE_SECRET: `unsubscribe-${SECRET}`,
    PORT: '4991',
    DATABASE_POOL_SIZE: '10',
    RATE_LIMIT_PER_MINUTE: '100000000',
  };
  const first = await startGatewayProcess(gatewayEnv);
  const headers = { authorization: `Bearer ${token}` };
  const sample = await createPoster(1)(first.url, headers, JSON.stringify({ query: COMPARISON }));
  await first.stop();
  // The same response from memory: Apollo's own floor, in a process of its own like the gateways.
  const answer = (sample.json as { data: { provinceComparison: unknown } }).data.provinceComparison;
  const answerFile = join(mkdtempSync(join(tmpdir(), 'bench-')), 'answer.json');
  writeFileSync(answerFile, JSON.stringify(answer));
  const bareReady = (base: string) =>
    createPoster(1)(`${base}/graphql`, {}, JSON.stringify({ query: '{ __typename }' })).then(
      (r) => r.status === 200,
      () => false,
    );
  const runtime = compiledOnNode24();
  const servers = [
    {
      label: `bare Apollo from memory (tsx, Node ${process.versions.node}, own process)`,
      process: await startGatewayProcess(
        { PORT: '4992' },
        TSX_HERE,
        ['test/bench/bare-apollo.ts', '4992', answerFile],
        bareReady,
      ),
      headers: {},
    },
    {
      label: `gateway (${TSX_HERE.label}, own process)`,
      process: await startGatewayProcess(gatewayEnv),
      headers,
    },
    // The compiled build on Node 24 (the production runtime), when built and fetched.
    ...(runtime
      ? [
          {
            label: `gateway (${runtime.label}, own process)`,
            process: await startGatewayProcess({ ...gatewayEnv, PORT: '4993' }, runtime),
            headers,
          },
        ]
      : []),
  ];
  // Warm-up, then rounds taking turns (the order rotating): a ratio is taken within a round.
  for (const server of servers) await load(server.process.url, server.headers, REQUESTS / 10);
  const rounds: Load[][] = servers.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let turn = 0; turn < servers.length; turn++) {
      const i = (round + turn) % servers.length;
      rounds[i]!.push(await load(servers[i]!.process.url, servers[i]!.headers, REQUESTS));
    }
  }
  await Promise.all(servers.map((s) => s.process.stop()));
  const comparison = servers.map((s, i) => ({
    label: s.label,
    rps: median(rounds[i]!.map((l) => l.rps)),
    p99: median(rounds[i]!.map((l) => l.p99)),
    failures: rounds[i]!.reduce((n, l) => n + l.failures, 0),
    ratios: rounds[i]!.map((l, round) => l.rps / rounds[0]![round]!.rps),
    p99Ratios: rounds[i]!.map((l, round) => l.p99 / rounds[0]![round]!.p99),
  }));

  await dropDatabase(db.name);
  await dropDatabase(template);
  return {
    blocks: provinces.length * SHAPE.blocksPerProvince,
    closedBlocks,
    closingSeconds,
    bareSeconds,
    peakMiB,
    rows: (answer as { rows: unknown[] }).rows.length,
    comparison,
    compiledMissing: !runtime,
  };
}

export function reportYearEnd(r: Awaited<ReturnType<typeof benchYearEnd>>): string {
  const closingVerdict =
    r.closingSeconds < 30 && r.peakMiB < 512 && r.closedBlocks === r.blocks ? 'meets' : 'MISSES';
  const versus = (row: (typeof r.comparison)[number], i: number) => {
    if (i === 0) return '1 | 1 | ';
    const [ratio, p99] = [median(row.ratios), median(row.p99Ratios)];
    const each = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
    return `${ratio.toFixed(3)} (${each(row.ratios)}) | ${p99.toFixed(3)} (${each(row.p99Ratios)}) | ${ratio >= 1 && p99 <= 1.2 ? 'met' : 'MISSED'}`;
  };
  return [
    `Year-end closing of the nation: ${r.blocks} blocks in 34 provinces (${closingVerdict} the target < 30 s, worker peak < 512 MiB)`,
    `| wall time | blocks closed | worker peak RSS | bare BullMQ flow, same shape | ours ÷ bare |`,
    `|---|---|---|---|---|`,
    `| ${r.closingSeconds.toFixed(1)} s | ${r.closedBlocks} | ${r.peakMiB.toFixed(0)} MiB | ${r.bareSeconds.toFixed(1)} s | ${(r.closingSeconds / r.bareSeconds).toFixed(1)} |`,
    '',
    `provinceComparison, ${r.rows} provinces, ${CLIENTS} concurrent clients, ${REQUESTS} requests each (target: requests/s ≥ 1.0 × the bare server's, p99 ≤ 1.2 × its p99); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end`,
    `| server | requests/s (median of ${ROUNDS} rounds) | p99 (median) | failed | ÷ bare (requests/s), median (each round) | p99 × bare's, median (each round) | target |`,
    `|---|---|---|---|---|---|---|`,
    ...r.comparison.map(
      (row, i) =>
        `| ${row.label} | ${row.rps.toFixed(0)} | ${ms(row.p99)} | ${row.failures} | ${versus(row, i)} |`,
    ),
    r.compiledMissing
      ? 'The compiled build on Node 24 was not run: it needs `npm run build` and Node 24 where `.ci/run` unpacks it.'
      : '',
  ].join('\n');
}
