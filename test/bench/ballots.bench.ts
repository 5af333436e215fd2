import { loadavg } from 'node:os';
import { loadTestEnvironment } from '@thidua/config';
import { createDataSource } from '@thidua/db';
import { TokenService } from '@thidua/gateway';
import { buildTemplateDatabase, cloneDatabase, dropDatabase } from '@thidua/testing';
import { compiledOnNode24, cpuSeconds, startGatewayProcess, TSX_HERE, type Runtime } from './gateway-process';
import { createPoster } from './http-client';
import { median, ms, percentile } from './stats';
import { buildNation } from './synthetic-nation';

// `npm run bench -- --provinces N` makes the nation smaller (each server casts the ballots of its own share).
const SHAPE = {
  provinces: 34,
  blocksPerProvince: 80,
  membersPerBlock: 10,
};
const CLIENTS = 50;
const WARM_UP = 300;
/**
 * The servers take turns, this many times, each casting a part of its share per turn (the order rotating): the
 * machine's speed drifts by up to 30 % within half an hour, so a ratio means something only between runs made
 * close together. Each server's ratio to the floor is taken per round, and the median reported.
 */
const ROUNDS = 7;
const SECRET = 'benchmark-secret-benchmark-secret-0123456789';
const CAST = `mutation($v: CastBallotInput!) { castBallot(input: $v) { receiptCode } }`;

type Voter = Awaited<ReturnType<typeof buildNation>>[number];

/**
 * One server's share of the ballots, cast from 50 keep-alive clients; its latencies and failures, and the CPU
 * time its processes spent meanwhile.
 */
async function castAll(urls: string[], voters: (Voter & { token: string })[], pids: number[] = []) {
  const cpuBefore = cpuSeconds(pids);
  const post = createPoster(CLIENTS);
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const window = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      // Each client keeps to one gateway, as behind a load balancer with keep-alive connections.
      const url = urls[client % urls.length]!;
      while (next < voters.length) {
        const v = voters[next++]!;
        const t0 = performance.now();
        const res = await post(
          url,
          { authorization: `Bearer ${v.token}`, 'x-province-id': v.provinceId },
          JSON.stringify({
            query: CAST,
            variables: {
              v: { votingPeriodId: v.periodId, choices: [{ contestId: v.contestId, unitIds: [v.choice] }] },
            },
          }),
        );
        const body = res.json as { errors?: { message: string }[] };
        latencies.push(performance.now() - t0);
        if (body.errors) failures.push(body.errors[0]!.message);
      }
    }),
  );
  const seconds = (performance.now() - window) / 1000;
  return { ballots: voters.length, seconds, cpuSeconds: cpuSeconds(pids) - cpuBefore, latencies, failures };
}

type Cast = Awaited<ReturnType<typeof castAll>>;

/** A server's rounds together: throughput over the time it cast, latencies pooled. */
function summarize(casts: Cast[]) {
  const latencies = casts.flatMap((c) => c.latencies).sort((a, b) => a - b);
  const failures = casts.flatMap((c) => c.failures);
  const ballots = casts.reduce((n, c) => n + c.ballots, 0);
  return {
    ballots,
    ballotsPerSecond: ballots / casts.reduce((t, c) => t + c.seconds, 0),
    cpuPerBallot: (casts.reduce((t, c) => t + c.cpuSeconds, 0) * 1000) / ballots,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1)!,
    failures: failures.length,
    firstFailure: failures[0] ?? null,
  };
}

/**
 * Ballot casting for a synthetic nation: every member unit of 34 × 80 blocks casts one ballot, from 50
 * concurrent HTTP clients. The blocks are shared out, in the same run and on the same database, between the
 * floor (ballot-floor.ts: the same statements without GraphQL or ORM), the gateway as run with tsx on this
 * machine's Node, and the compiled build on Node 24 (when present), each in its own process; with
 * `gatewayProcesses` > 1 only the gateway runs, in that many processes. `against` adds another build of the
 * compiled gateway: a change measured against the build before it, in the same rounds. Afterwards the database
 * must hold exactly one receipt and one ballot per unit: none lost, none doubled.
 */
export async function benchBallots(
  gatewayProcesses = 1,
  provinces = SHAPE.provinces,
  /** Another build of the compiled gateway (its main.js) to run beside this one, in the same rounds. */
  against?: string,
) {
  const env = loadTestEnvironment();
  const template = await buildTemplateDatabase();
  const db = await cloneDatabase(template);
  const started = performance.now();
  const voters = await buildNation(db.appUrl, { ...SHAPE, provinces });
  const seedSeconds = (performance.now() - started) / 1000;
  const tokens = new TokenService(SECRET, 3600);
  const signed = await Promise.all(
    voters.map(async (v) => ({ ...v, token: (await tokens.signAccess(v)).token })),
  );
  const prefix = `bench-${Date.now()}`;
  const serverEnv = (port: number) => ({
    DATABASE_URL: db.appUrl,
    DATABASE_OWNER_URL: db.ownerUrl,
    REDIS_URL: env.TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    JWT_SECRET: SECRET,
    AUDIT_HMAC_KEY: SECRET,
    UNSUBSCRIBE_SECRET: `unsubscribe-${SECRET}`,
    PORT: String(port),
    DATABASE_POOL_SIZE: '10',
    // The load comes from one address; the per-address limiter is for runaway clients, not for this.
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const compiled = compiledOnNode24();
  type Server = { label: string; start: (port: number) => ReturnType<typeof startGatewayProcess> };
  const gateway = (runtime: Runtime): Server => ({
    label: `gateway (${runtime.label})`,
    start: (port) => startGatewayProcess(serverEnv(port), runtime),
  });
  const servers: Server[] =
    gatewayProcesses > 1
      ? [gateway(TSX_HERE)]
      : [
          {
            label: `floor: node:http + pg (tsx, Node ${process.versions.node})`,
            start: (port) => startGatewayProcess(serverEnv(port), TSX_HERE, 'test/bench/ballot-floor.ts'),
          },
          // The tsx row is left out when comparing builds: fewer servers, more ballots each.
          ...(against ? [] : [gateway(TSX_HERE)]),
          ...(compiled ? [gateway(compiled)] : []),
          ...(compiled && against
            ? [
                {
                  label: `gateway (compiled, ${against})`,
                  start: (port: number) => startGatewayProcess(serverEnv(port), compiled, against),
                },
              ]
            : []),
        ];
  // Whole blocks per server (a block's members vote in one period), in the order the nation was built.
  const share = Math.ceil(signed.length / servers.length / SHAPE.membersPerBlock) * SHAPE.membersPerBlock;
  const running = [];
  for (const [i, server] of servers.entries()) {
    const processes = await Promise.all(
      Array.from({ length: gatewayProcesses }, (_, p) => server.start(4987 + i * gatewayProcesses + p)),
    );
    running.push({
      server,
      urls: processes.map((g) => g.url),
      processes,
      mine: signed.slice(i * share, (i + 1) * share),
    });
  }
  // Warm-up, not measured: the first ballots pay for lazy loading, JIT and the rules cache.
  const warm = Math.min(WARM_UP, Math.floor(share / 5));
  for (const r of running) await castAll(r.urls, r.mine.slice(0, warm));
  const casts: Cast[][] = running.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let turn = 0; turn < running.length; turn++) {
      const i = (round + turn) % running.length;
      const { urls, mine, processes } = running[i]!;
      const part = Math.ceil((mine.length - warm) / ROUNDS);
      const pids = processes.map((g) => g.pid);
      casts[i]!.push(await castAll(urls, mine.slice(warm + round * part, warm + (round + 1) * part), pids));
    }
  }
  await Promise.all(running.flatMap((r) => r.processes.map((g) => g.stop())));
  const perRound = (i: number, of: (c: Cast) => number) =>
    casts[i]!.map((c, round) => of(c) / of(casts[0]![round]!));
  const rate = (c: Cast) => c.ballots / c.seconds;
  const p99 = (c: Cast) =>
    percentile(
      [...c.latencies].sort((a, b) => a - b),
      99,
    );
  const rows = running.map((r, i) => ({
    label: r.server.label,
    ...summarize(casts[i]!),
    ratios: perRound(i, rate),
    p99Ratios: perRound(i, p99),
  }));

  // Counted per province: RLS is forced on the owner too.
  const ds = await createDataSource(db.ownerUrl, { poolSize: 1 }).initialize();
  let receipts = 0;
  let ballots = 0;
  for (const provinceId of new Set(voters.map((v) => v.provinceId))) {
    await ds.transaction(async (m) => {
      await m.query(`SELECT set_config('app.province_id', $1, true)`, [provinceId]);
      const [r] = await m.query(
        `SELECT (SELECT count(*) FROM ballot_receipt)::int AS receipts, (SELECT count(*) FROM ballot)::int AS ballots`,
      );
      receipts += r.receipts;
      ballots += r.ballots;
    });
  }
  await ds.destroy();
  await dropDatabase(db.name);
  await dropDatabase(template);

  return {
    gatewayProcesses,
    units: voters.length,
    clients: CLIENTS,
    seedSeconds,
    rows,
    compiledMissing: gatewayProcesses === 1 && !compiled,
    receipts,
    ballots,
    lostOrDoubled: Math.abs(receipts - voters.length) + Math.abs(ballots - voters.length),
  };
}

export function reportBallots(r: Awaited<ReturnType<typeof benchBallots>>): string {
  const withFloor = r.gatewayProcesses === 1;
  const lines = [
    `Ballot casting: ${r.units} units shared out between the servers below, ${r.clients} concurrent HTTP clients, ${r.gatewayProcesses} process(es) per server; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end`,
    withFloor
      ? `| server | ballots | ballots/s | CPU per ballot | p50 | p95 | p99 | max | failed | ÷ floor (ballots/s), median of ${ROUNDS} rounds (each) | p99 × floor's (each) | target ≥ 0.9, ≤ 1.3× |`
      : `| server | ballots | ballots/s | CPU per ballot | p50 | p95 | p99 | max | failed |`,
    withFloor ? `|---|---|---|---|---|---|---|---|---|---|---|---|` : `|---|---|---|---|---|---|---|---|---|`,
    ...r.rows.map((row, i) => {
      const cells = [
        row.label,
        row.ballots,
        row.ballotsPerSecond.toFixed(0),
        `${row.cpuPerBallot.toFixed(2)} ms`,
        ms(row.p50),
        ms(row.p95),
        ms(row.p99),
        ms(row.max),
        row.failures,
      ];
      if (withFloor) {
        const ratio = median(row.ratios);
        const p99 = median(row.p99Ratios);
        const spread = (xs: number[]) =>
          `${ratio === 1 ? '' : ` (${xs.map((x) => x.toFixed(2)).join(', ')})`}`;
        cells.push(
          // Three places: a median of 0.896 printed as 0.90 beside "MISSED" reads as a contradiction.
          `${ratio.toFixed(3)}${spread(row.ratios)}`,
          `${p99.toFixed(3)}${spread(row.p99Ratios)}`,
          i === 0 ? '' : ratio >= 0.9 && p99 <= 1.3 ? 'met' : 'MISSED',
        );
      }
      return `| ${cells.join(' | ')} |`;
    }),
    '',
    `Receipts ${r.receipts}, ballots ${r.ballots}, lost or doubled ${r.lostOrDoubled}.`,
    ...r.rows
      .filter((row) => row.firstFailure)
      .map((row) => `First failure (${row.label}): ${row.firstFailure}`),
    r.compiledMissing
      ? 'The compiled build on Node 24 was not run: it needs `npm run build` and Node 24 where `.ci/run` unpacks it.'
      : '',
    `(Building the nation took ${r.seedSeconds.toFixed(1)} s and is not measured.)`,
  ];
  return lines.join('\n');
}
