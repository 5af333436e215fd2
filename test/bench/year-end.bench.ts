import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadTestEnvironment } from '@thidua/config';
import { createDataSource, currentManager, runInTenant, runInTransaction } from '@thidua/db';
import { TokenService } from '@thidua/gateway';
import { beginYearEndClosing } from '@thidua/jobs';
import { buildTemplateDatabase, cloneDatabase, dropDatabase, startWorkerProcess } from '@thidua/testing';
import { FlowProducer, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { buildClosableNation } from './closable-nation';
import { compiledOnNode24, startGatewayProcess } from './gateway-process';
import { createPoster } from './http-client';
import { ms, percentile } from './stats';

const SHAPE = { provinces: 34, blocksPerProvince: 25, membersPerBlock: 10 };
const SECRET = 'benchmark-secret-benchmark-secret-0123456789';
const CLIENTS = 10;
const REQUESTS = 3000;
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
async function load(url: string, headers: Record<string, string>) {
  const post = createPoster(CLIENTS);
  const body = JSON.stringify({ query: COMPARISON });
  const latencies: number[] = [];
  let sent = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (sent++ < REQUESTS) {
        const t = performance.now();
        const res = await post(url, headers, body);
        latencies.push(performance.now() - t);
        if (res.status !== 200 || (res.json as { errors?: unknown }).errors) failures++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p99: percentile(latencies, 99), failures };
}

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
  const gateway = await startGatewayProcess(gatewayEnv);
  const headers = { authorization: `Bearer ${token}` };
  const sample = await createPoster(1)(gateway.url, headers, JSON.stringify({ query: COMPARISON }));
  const ours = await load(gateway.url, headers);
  await gateway.stop();
  // The compiled build on Node 24 (the production runtime), when built and fetched.
  const runtime = compiledOnNode24();
  let compiled = null;
  if (runtime) {
    const g = await startGatewayProcess(gatewayEnv, runtime);
    compiled = { label: runtime.label, ...(await load(g.url, headers)) };
    await g.stop();
  }

  // The same response from memory: Apollo's own floor on this machine.
  const answer = (sample.json as { data: { provinceComparison: unknown } }).data.provinceComparison;
  const bare = new ApolloServer({
    typeDefs: `type Row { id: ID! name: String! code: String year: Int! values: [Float] }
      type Table { metrics: [String!]! rows: [Row!]! }
      type Query { provinceComparison(year: Int!): Table }`,
    resolvers: { Query: { provinceComparison: () => answer } },
  });
  const { url } = await startStandaloneServer(bare, { listen: { port: 4992, host: '127.0.0.1' } });
  const floor = await load(url, {});
  await bare.stop();

  await dropDatabase(db.name);
  await dropDatabase(template);
  return {
    blocks: provinces.length * SHAPE.blocksPerProvince,
    closedBlocks,
    closingSeconds,
    bareSeconds,
    peakMiB,
    rows: (answer as { rows: unknown[] }).rows.length,
    ours,
    compiled,
    floor,
  };
}

export function reportYearEnd(r: Awaited<ReturnType<typeof benchYearEnd>>): string {
  const closingVerdict =
    r.closingSeconds < 30 && r.peakMiB < 512 && r.closedBlocks === r.blocks ? 'meets' : 'MISSES';
  const versus = (o: { rps: number; p99: number }) => {
    const ratio = o.rps / r.floor.rps;
    const p99 = o.p99 / r.floor.p99;
    return `${ratio.toFixed(2)} | ${p99.toFixed(2)} | ${ratio >= 1 && p99 <= 1.2 ? 'met' : 'MISSED'}`;
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
    `| server | requests/s | p99 | failed | ÷ bare (requests/s) | p99 × bare's | target |`,
    `|---|---|---|---|---|---|---|`,
    `| gateway (tsx, Node ${process.versions.node}, own process) | ${r.ours.rps.toFixed(0)} | ${ms(r.ours.p99)} | ${r.ours.failures} | ${versus(r.ours)} |`,
    r.compiled
      ? `| gateway (${r.compiled.label}, own process) | ${r.compiled.rps.toFixed(0)} | ${ms(r.compiled.p99)} | ${r.compiled.failures} | ${versus(r.compiled)} |`
      : '| gateway compiled on Node 24 | not run: needs `npm run build` and Node 24 where `.ci/run` unpacks it | | | | | |',
    `| bare Apollo, from memory (in the load generator's process) | ${r.floor.rps.toFixed(0)} | ${ms(r.floor.p99)} | ${r.floor.failures} | 1 | 1 | |`,
  ].join('\n');
}
