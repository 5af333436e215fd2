import { loadTestEnvironment } from '@thidua/config';
import { createDataSource } from '@thidua/db';
import { TokenService } from '@thidua/gateway';
import { buildTemplateDatabase, cloneDatabase, dropDatabase } from '@thidua/testing';
import { startGatewayProcess } from './gateway-process';
import { createPoster } from './http-client';
import { ms, percentile } from './stats';
import { buildNation } from './synthetic-nation';

const SHAPE = { provinces: 34, blocksPerProvince: 25, membersPerBlock: 10 };
const CLIENTS = 50;
const SECRET = 'benchmark-secret-benchmark-secret-0123456789';
const CAST = `mutation($v: CastBallotInput!) { castBallot(input: $v) { receiptCode } }`;

/**
 * Ballot casting for a synthetic nation: every member unit of 34 × 25 blocks casts one ballot in the same
 * window, from 50 concurrent HTTP clients, against a gateway in its own process. Afterwards the database must
 * hold exactly one receipt and one ballot per unit: none lost, none doubled.
 */
export async function benchBallots(gatewayProcesses: number) {
  const env = loadTestEnvironment();
  const template = await buildTemplateDatabase();
  const db = await cloneDatabase(template);
  const started = performance.now();
  const voters = await buildNation(db.appUrl, SHAPE);
  const seedSeconds = (performance.now() - started) / 1000;

  const prefix = `bench-${Date.now()}`;
  const gateways = await Promise.all(
    Array.from({ length: gatewayProcesses }, (_, i) =>
      startGatewayProcess({
        DATABASE_URL: db.appUrl,
        DATABASE_OWNER_URL: db.ownerUrl,
        REDIS_URL: env.TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        JWT_SECRET: SECRET,
        AUDIT_HMAC_KEY: SECRET,
        UNSUBSCRIBE_SECRET: `unsubscribe-${SECRET}`,
        PORT: String(4987 + i),
        DATABASE_POOL_SIZE: '10',
        // The load comes from one address; the per-address limiter is for runaway clients, not for this.
        RATE_LIMIT_PER_MINUTE: '100000000',
      }),
    ),
  );
  const tokens = new TokenService(SECRET, 3600);
  const signed = await Promise.all(
    voters.map(async (v) => ({ ...v, token: (await tokens.signAccess(v)).token })),
  );

  const post = createPoster(CLIENTS);
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const window = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      // Each client keeps to one gateway, as behind a load balancer with keep-alive connections.
      const gateway = gateways[client % gateways.length]!;
      while (next < signed.length) {
        const v = signed[next++]!;
        const t0 = performance.now();
        const res = await post(
          gateway.url,
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
  await Promise.all(gateways.map((g) => g.stop()));

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

  latencies.sort((a, b) => a - b);
  return {
    gatewayProcesses,
    units: voters.length,
    clients: CLIENTS,
    seedSeconds,
    seconds,
    ballotsPerSecond: voters.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1)!,
    failures: failures.length,
    firstFailure: failures[0] ?? null,
    receipts,
    ballots,
    lostOrDoubled: Math.abs(receipts - voters.length) + Math.abs(ballots - voters.length),
  };
}

export function reportBallots(r: Awaited<ReturnType<typeof benchBallots>>): string {
  const verdict =
    r.ballotsPerSecond >= 500 && r.p99 < 100 && r.lostOrDoubled === 0 && r.failures === 0
      ? 'meets'
      : 'MISSES';
  return [
    `Ballot casting: ${r.units} units, ${r.clients} concurrent HTTP clients, ${r.gatewayProcesses} gateway process(es) (${verdict} the target ≥ 500/s, p99 < 100 ms, none lost or doubled)`,
    `| ballots/s | p50 | p95 | p99 | max | failed requests | receipts | ballots | lost or doubled |`,
    `|---|---|---|---|---|---|---|---|---|`,
    `| ${r.ballotsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.failures} | ${r.receipts} | ${r.ballots} | ${r.lostOrDoubled} |`,
    r.firstFailure ? `First failure: ${r.firstFailure}` : '',
    `(Building the nation took ${r.seedSeconds.toFixed(1)} s and is not measured.)`,
  ].join('\n');
}
