import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentManager, runInTenant } from '@thidua/db';
import {
  createAccount,
  createLockedBlock,
  openBlockVote,
  provinceId,
  startGatewayProcess,
  startTestApp,
  type Account,
  type GatewayProcess,
  type TestApp,
} from '@thidua/testing';

const NAMES = Array.from({ length: 12 }, (_, i) => `Sở thứ ${i + 1}`);
const CAST = `mutation($v: CastBallotInput!) { castBallot(input: $v) { receiptCode } }`;
const GRACE_MS = 5_000;

let app: TestApp;
let gateway: GatewayProcess | null = null;
afterAll(async () => {
  await gateway?.kill();
  await app?.close();
});

interface Answer {
  at: number;
  status: number | 'network';
  retryAfter?: string | null;
  code?: string;
  receipt?: string;
}

/** One ballot over the shared keep-alive connections; a refused or reset connection is `network`. */
async function cast(url: string, token: string, province: string, v: unknown): Promise<Answer> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-province-id': province,
      },
      body: JSON.stringify({ query: CAST, variables: { v } }),
    });
    const body = (await res.json()) as {
      data?: { castBallot?: { receiptCode: string } } | null;
      errors?: { extensions?: { code?: string } }[];
    };
    return {
      at: performance.now(),
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      code: body.errors?.[0]?.extensions?.code,
      receipt: body.data?.castBallot?.receiptCode,
    };
  } catch {
    return { at: performance.now(), status: 'network' };
  }
}

describe('stopping the gateway under load', () => {
  let province: string;
  let voters: { officer: Account; ballot: unknown }[];

  beforeAll(async () => {
    app = await startTestApp({ template: inject('templateDatabase') });
    province = await provinceId(app.dataSource, '08'); // Tuyên Quang
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    const block = await createLockedBlock(app, province, NAMES, admin);
    const vote = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    voters = block.officers.map((officer) => ({
      officer,
      ballot: {
        votingPeriodId: vote.id,
        choices: [{ contestId: vote.contests[0]!.id, unitIds: [block.units[2]!.id] }],
      },
    }));
    gateway = await startGatewayProcess(app.config, {
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      // Every client is 127.0.0.1: the per-address limiter must not answer this load 429.
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
  });

  // The stop itself takes at most the grace; the rest is the load before it.
  it(
    'on SIGTERM finishes what is under way, answers 503 meanwhile, never 500, and exits cleanly',
    { timeout: GRACE_MS + 20_000 },
    async () => {
      const answers: Answer[] = [];
      // Every voter keeps casting (the first ballot counts, the others are refused as CONFLICT) until the gateway
      // is gone: a steady load of ballot transactions over keep-alive connections.
      const clients = voters.map(async ({ officer, ballot }) => {
        for (;;) {
          const a = await cast(gateway!.url, officer.token, province, ballot);
          answers.push(a);
          if (a.status === 'network') return;
        }
      });
      while (answers.length < 4 * voters.length) await new Promise((r) => setTimeout(r, 5));
      const signalledAt = performance.now();
      const exit = await gateway!.stop('SIGTERM');
      await Promise.all(clients);

      expect(exit).toEqual({ code: 0, signal: null });
      const statuses = new Set(answers.map((a) => a.status));
      expect([...statuses].filter((s) => s !== 200 && s !== 503 && s !== 'network')).toEqual([]);
      expect(answers.filter((a) => a.status === 200 && a.code && a.code !== 'CONFLICT')).toEqual([]);
      for (const a of answers.filter((x) => x.status === 503)) expect(a.retryAfter).toMatch(/^\d+$/);
      // Requests under way when the signal came were answered, not dropped.
      expect(answers.some((a) => a.status === 200 && a.at > signalledAt)).toBe(true);

      // Each receipt a voter was given is a ballot on record, and no ballot was recorded without its answer.
      const receipts = answers.filter((a) => a.receipt).map((a) => a.receipt);
      const stored = await runInTenant(app.dataSource, province, async () =>
        (await currentManager()).query(`SELECT receipt_code FROM ballot_receipt`),
      );
      expect(stored.map((r: { receipt_code: string }) => r.receipt_code).sort()).toEqual(receipts.sort());
    },
  );
});
