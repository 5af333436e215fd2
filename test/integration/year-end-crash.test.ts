import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { currentManager, runInTenant } from '@thidua/db';
import {
  createAccount,
  createFinishedBlock,
  createLockedBlock,
  provinceId,
  startTestApp,
  startWorkerProcess,
  type Account,
  type LockedBlock,
  type TestApp,
  type WorkerProcess,
  ok,
  PROCESS_START_LIMIT_MS,
} from '@thidua/testing';

const NAMES = [
  'Văn phòng Tỉnh ủy',
  'Ban Tổ chức Tỉnh ủy',
  'Ban Tuyên giáo Tỉnh ủy',
  'Ủy ban Kiểm tra Tỉnh ủy',
  'Ban Dân vận Tỉnh ủy',
];
/** Blocks still at SCORES_LOCKED: each is judged and reported, which gives the kill a closing to land in. */
const UNFINISHED = 30;

/**
 * Short settings of this test's own, and the waits derived from them: a killed worker's jobs come back once
 * their lock has expired and the next stalled-job check has run (each JOB_LOCK_MS).
 */
const JOB_LOCK_MS = 1_500;
const RECOVERY_MS = 2 * JOB_LOCK_MS;
/** A closing's own work (a province's 32 blocks, its rollups, its notices) on a busy 2-core machine. */
const WORK_MS = 20_000;
const WORKER_ENV = { JOB_LOCK_MS: String(JOB_LOCK_MS) };

let app: TestApp;
let worker: WorkerProcess | null = null;
let interrupted: Province;
let uninterrupted: Province;

// The gateway in-process; the worker in its own process, so that it can be killed outright.
beforeAll(
  async () => {
    app = await startTestApp({ template: inject('templateDatabase'), queue: 'redis' });
    worker = await startWorkerProcess(app.config, WORKER_ENV);
    interrupted = await provinceWithBlocks('48'); // Đà Nẵng
    uninterrupted = await provinceWithBlocks('92'); // Cần Thơ
  },
  PROCESS_START_LIMIT_MS + 2 * WORK_MS,
);
afterAll(async () => {
  await worker?.kill();
  await app?.close();
});

interface Province {
  id: string;
  secretariat: Account;
  blocks: LockedBlock[];
}

async function provinceWithBlocks(code: string): Promise<Province> {
  const id = await provinceId(app.dataSource, code);
  const secretariat = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: id });
  const blocks = [
    await createFinishedBlock(app, id, NAMES, secretariat),
    await createFinishedBlock(app, id, NAMES, secretariat),
  ];
  // Nobody acts in these: no officer signs in (a password check each).
  for (let i = 0; i < UNFINISHED; i++)
    blocks.push(await createLockedBlock(app, id, NAMES, secretariat, { officers: false }));
  return { id, secretariat, blocks };
}

const sql = <T>(prov: string, query: string, params: unknown[] = []) =>
  runInTenant(app.dataSource, prov, async () => (await currentManager()).query(query, params) as Promise<T>);

async function startClosing(p: Province) {
  ok(
    await app.gql(`mutation { startYearEndClosing(year: 2026) { state } }`, undefined, {
      token: p.secretariat.token,
      provinceId: p.id,
    }),
  );
}

async function waitUntilDone(p: Province) {
  await vi.waitFor(
    async () => {
      const [c] = await sql<{ state: string }[]>(
        p.id,
        `SELECT state FROM year_end_closing WHERE year = 2026`,
      );
      expect(c?.state).toBe('DONE');
    },
    { timeout: RECOVERY_MS + WORK_MS, interval: 100 },
  );
}

/**
 * What a closing did, told without ids: per block, its outcome, and next year's head and deputy as positions
 * in the block's own unit list; how many next years and year-end notices exist.
 */
async function outcome(p: Province) {
  const rows = await sql<
    { block_id: string; status: string; reason: string | null; head: string; deputy: string }[]
  >(
    p.id,
    `SELECT c.block_id, c.status, c.reason, n.head_unit_id AS head, n.deputy_unit_id AS deputy
     FROM year_end_closing_block c LEFT JOIN emulation_year n ON n.id = c.next_year_id`,
  );
  const blocks = rows
    .map((r) => {
      const units = p.blocks.find((b) => b.blockId === r.block_id)!.units.map((u) => u.id);
      return `${r.status}|${r.reason ?? ''}|${units.indexOf(r.head)}|${units.indexOf(r.deputy)}`;
    })
    .sort();
  const [counts] = await sql<{ next_years: number; closed_notices: number; year_end_notices: number }[]>(
    p.id,
    `SELECT (SELECT count(*)::int FROM emulation_year WHERE year = 2027) AS next_years,
            (SELECT count(*)::int FROM notification WHERE event = 'year.closed') AS closed_notices,
            (SELECT count(*)::int FROM notification WHERE event = 'year_end.finished') AS year_end_notices`,
  );
  return { blocks, ...counts! };
}

describe('year-end closing survives the worker being killed', () => {
  it(
    'killed mid-closing and started again, it ends exactly as an uninterrupted closing does',
    {
      timeout: PROCESS_START_LIMIT_MS + RECOVERY_MS + 4 * WORK_MS,
    },
    async () => {
      await startClosing(interrupted);
      // Kill as soon as some blocks are done and others are not.
      let seen = { done: 0, pending: 0 };
      await vi.waitFor(
        async () => {
          const [row] = await sql<{ done: number; pending: number }[]>(
            interrupted.id,
            `SELECT count(*) FILTER (WHERE status <> 'PENDING')::int AS done,
                  count(*) FILTER (WHERE status = 'PENDING')::int AS pending
           FROM year_end_closing_block WHERE year = 2026`,
          );
          seen = row!;
          expect(seen.done).toBeGreaterThan(0);
        },
        { timeout: WORK_MS, interval: 5 },
      );
      await worker!.kill();
      expect(seen.pending).toBeGreaterThan(0);

      worker = await startWorkerProcess(app.config, WORKER_ENV);
      await waitUntilDone(interrupted);
      await startClosing(uninterrupted);
      await waitUntilDone(uninterrupted);

      const expected = await outcome(uninterrupted);
      expect(expected.blocks.filter((b) => b.startsWith('CLOSED|'))).toEqual(['CLOSED||1|4', 'CLOSED||1|4']);
      expect(expected.next_years).toBe(2);
      // The notices follow through the notifications queue.
      await vi.waitFor(async () => expect((await outcome(uninterrupted)).year_end_notices).toBe(1), {
        timeout: WORK_MS,
        interval: 100,
      });
      await vi.waitFor(async () => expect(await outcome(interrupted)).toEqual(await outcome(uninterrupted)), {
        timeout: RECOVERY_MS + WORK_MS,
        interval: 100,
      });
    },
  );
});
