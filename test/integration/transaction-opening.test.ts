import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  APP_GROUP_ROLE,
  COMMIT_WITH_STATEMENT,
  currentManager,
  preparedQuery,
  runInTenant,
  runInTransaction,
} from '@thidua/db';
import { ownerQuery, provinceId, startTestApp, type TestApp } from '@thidua/testing';

/**
 * A tenant transaction's first prepared statement (a request's principal) travels with START TRANSACTION and the
 * tenant setting in one message. What must hold: the same rows as sent alone, the tenant set for it, failures
 * that leave no connection inside a failed transaction, and values that are not UUIDs never written as literals.
 */
let app: TestApp;
let laoCai: string;
let sent: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), onQuery: (sql) => sent.push(sql) });
  laoCai = await provinceId(app.dataSource, '15');
  // What a transaction wrote, as seen once it is over.
  await ownerQuery(
    app.db,
    null,
    `CREATE TABLE commit_probe (note text PRIMARY KEY); GRANT SELECT, INSERT ON commit_probe TO ${APP_GROUP_ROLE}`,
  );
});
afterAll(() => app?.close());

const ECHO = `SELECT $1::uuid AS id, $2::uuid AS other, current_setting('app.province_id', true) AS tenant`;
const ID = '3f1c2a4e-7b1d-4c8e-9a2f-1d2e3f4a5b6c';

/** The statements sent by `work`, PREPAREs (once per connection) apart. */
async function messages(work: () => Promise<unknown>): Promise<string[]> {
  sent = [];
  await work();
  return sent.filter((s) => !s.startsWith('PREPARE '));
}

describe('opening a tenant transaction', () => {
  it('sends the first prepared statement with START and the tenant setting, and reads its rows', async () => {
    let rows: unknown[] = [];
    const out = await messages(async () => {
      rows = await runInTenant(app.dataSource, laoCai, () => preparedQuery('opening_echo', ECHO, [ID, null]));
    });
    expect(rows).toEqual([{ id: ID, other: null, tenant: laoCai }]);
    expect(out[0]).toBe(
      `START TRANSACTION; SELECT set_config('app.province_id', '${laoCai}', true); ` +
        `EXECUTE opening_echo_at_start('${ID}', NULL)`,
    );
    expect(out.slice(1)).toEqual(['COMMIT']);
  });

  it('prepares it once per connection, and answers alike every time', async () => {
    const backends = new Set<number>();
    let prepares = 0;
    for (let i = 0; i < 8; i++) {
      sent = [];
      const [row] = await runInTenant(app.dataSource, laoCai, () =>
        preparedQuery<{ id: string; pid: number }>(
          'opening_pid',
          `SELECT $1::uuid AS id, pg_backend_pid() AS pid`,
          [ID],
        ),
      );
      expect(row!.id).toBe(ID);
      const prepared = sent.filter((s) => s.startsWith('PREPARE opening_pid_at_start AS ')).length;
      // A connection met for the first time prepares it; one met before does not.
      expect(prepared).toBe(backends.has(row!.pid) ? 0 : 1);
      backends.add(row!.pid);
      prepares += prepared;
    }
    expect(prepares).toBe(backends.size);
  });

  it('refuses a statement name that is not a plain identifier, before sending anything', async () => {
    await expect(
      runInTenant(app.dataSource, laoCai, () => preparedQuery('Opening-Echo', ECHO, [ID, null])),
    ).rejects.toThrow(/lower case, digits and _/);
  });

  it('sends values that are not UUIDs bound, as before, after START', async () => {
    const text = `SELECT $1::text AS said, current_setting('app.province_id', true) AS tenant`;
    let rows: unknown[] = [];
    const out = await messages(async () => {
      rows = await runInTenant(app.dataSource, laoCai, () =>
        preparedQuery('opening_text', text, ["'); DROP TABLE province; --"]),
      );
    });
    expect(rows).toEqual([{ said: "'); DROP TABLE province; --", tenant: laoCai }]);
    expect(out).toEqual([
      `START TRANSACTION; SELECT set_config('app.province_id', '${laoCai}', true)`,
      text,
      'COMMIT',
    ]);
  });

  it('a failing first statement fails the work and leaves no connection in a failed transaction', async () => {
    const failing = `SELECT 1 / (CASE WHEN $1::uuid IS NULL THEN 1 ELSE 0 END) AS n`;
    await expect(
      runInTenant(app.dataSource, laoCai, () => preparedQuery('opening_failing', failing, [ID])),
    ).rejects.toThrow(/division by zero/);
    // Every pooled connection still works, in a transaction of its own and outside any.
    const n = 12;
    const answers = await Promise.all(
      Array.from({ length: n }, () =>
        runInTenant(app.dataSource, laoCai, () => preparedQuery('opening_echo', ECHO, [ID, null])),
      ),
    );
    expect(answers.flat()).toEqual(Array(n).fill({ id: ID, other: null, tenant: laoCai }));
    const platform = await runInTransaction(app.dataSource, null, () =>
      preparedQuery<{ status: string }>('opening_status', `SELECT 'ok' AS status`, []),
    );
    expect(platform).toEqual([{ status: 'ok' }]);
  });

  it('two first statements asked at once: one travels with START, the other follows; both answered', async () => {
    const [a, b] = await runInTenant(app.dataSource, laoCai, () =>
      Promise.all([
        preparedQuery('opening_echo', ECHO, [ID, null]),
        preparedQuery('opening_echo_b', ECHO, [ID, ID]),
      ]),
    );
    expect(a).toEqual([{ id: ID, other: null, tenant: laoCai }]);
    expect(b).toEqual([{ id: ID, other: ID, tenant: laoCai }]);
  });
});

describe("a transaction's last statement sent with its COMMIT", () => {
  const WRITE = `INSERT INTO commit_probe (note) VALUES ($1) RETURNING note, current_setting('app.province_id', true) AS tenant`;
  const notes = async () =>
    (await ownerQuery<{ note: string }>(app.db, null, `SELECT note FROM commit_probe ORDER BY note`)).map(
      (r) => r.note,
    );

  it('travels with COMMIT, in the tenant, and nothing is sent after it', async () => {
    let rows: unknown[] = [];
    const out = await messages(async () => {
      rows = await runInTenant(app.dataSource, laoCai, () =>
        preparedQuery('probe_write', WRITE, ['first'], { tenant: true, commit: true }),
      );
    });
    expect(rows).toEqual([{ note: 'first', tenant: laoCai }]);
    expect(out).toEqual([
      `START TRANSACTION; SELECT set_config('app.province_id', '${laoCai}', true)`,
      WRITE,
      COMMIT_WITH_STATEMENT,
    ]);
    expect(await notes()).toContain('first');
  });

  it('binds its values: they are stored as sent and never written into the SQL text', async () => {
    const tricky = `O'Brien \\ '); DROP TABLE commit_probe; -- Đồng Văn`;
    let row: { note: string } | undefined;
    const out = await messages(async () => {
      [row] = await runInTenant(app.dataSource, laoCai, () =>
        preparedQuery<{ note: string }>('probe_write', WRITE, [tricky], { commit: true }),
      );
    });
    expect(row!.note).toBe(tricky);
    expect(await notes()).toContain(tricky);
    expect(out.filter((s) => s.includes('Brien'))).toEqual([]);
  });

  it('when it fails, nothing of the transaction is committed and the connection is clean', async () => {
    await expect(
      runInTenant(app.dataSource, laoCai, async () => {
        await preparedQuery('probe_write_before', WRITE, ['written before']);
        // The same note again: a unique violation.
        await preparedQuery('probe_write', WRITE, ['written before'], { commit: true });
      }),
    ).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect(await notes()).not.toContain('written before');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        runInTenant(app.dataSource, laoCai, () => preparedQuery('opening_echo', ECHO, [ID, null])),
      ),
    );
    expect(answers.flat()).toEqual(Array(12).fill({ id: ID, other: null, tenant: laoCai }));
  });

  it('refuses any statement after it: the work fails, what was committed stays', async () => {
    await expect(
      runInTenant(app.dataSource, laoCai, async () => {
        await preparedQuery('probe_write', WRITE, ['committed early'], { commit: true });
        await preparedQuery('probe_write', WRITE, ['too late']);
      }),
    ).rejects.toThrow(/committed with its last statement/);
    expect(await notes()).toEqual(expect.arrayContaining(['committed early']));
    expect(await notes()).not.toContain('too late');
  });

  it('tells onCommit when its writes are committed, also when the result then asks for a rollback', async () => {
    const told = async (note: string, commit: boolean, answer: string) => {
      let calls = 0;
      await runInTransaction(
        app.dataSource,
        laoCai,
        async () => {
          await preparedQuery('probe_write', WRITE, [note], { commit });
          return answer;
        },
        { commitIf: (a) => a === 'ok', onCommit: () => calls++ },
      );
      return calls;
    };
    expect(await told('told, committed', false, 'ok')).toBe(1);
    expect(await told('told, rolled back', false, 'failed')).toBe(0);
    // Committed with the statement: the answer's failure cannot undo it, and onCommit says so.
    expect(await told('told, committed with it', true, 'failed')).toBe(1);
    expect(await notes()).toEqual(expect.arrayContaining(['told, committed', 'told, committed with it']));
    expect(await notes()).not.toContain('told, rolled back');
  });

  it('is refused inside a savepoint, whose COMMIT would end the outer transaction', async () => {
    await expect(
      runInTenant(app.dataSource, laoCai, async () => {
        await (await currentManager()).queryRunner!.startTransaction();
        await preparedQuery('probe_write', WRITE, ['in a savepoint'], { commit: true });
      }),
    ).rejects.toThrow(/inside a savepoint/);
    expect(await notes()).not.toContain('in a savepoint');
  });
});
