import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runInTenant } from '@thidua/db';
import { BallotRulesCache } from '@thidua/gateway/src/modules/voting/ballot-rules-cache';
import {
  createAccount,
  createLockedBlock,
  openBlockVote,
  provinceId,
  startTestApp,
  type TestApp,
} from '@thidua/testing';

/** The statement that reads a period's ballot rules (votingRepository.ballotRules). */
const READS_RULES = /allow_self_vote AS "allowSelfVote"/;

let app: TestApp;
let reads = 0;

beforeAll(async () => {
  app = await startTestApp({
    template: inject('templateDatabase'),
    worker: true,
    onQuery: (sql) => void (READS_RULES.test(sql) && reads++),
  });
});
afterAll(() => app?.close());

describe('the ballot-rules cache', () => {
  it('reads a period once when a hall of ballots arrives together (single-flight), then never again', async () => {
    const province = await provinceId(app.dataSource, '31'); // Hải Phòng
    const secretariat = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    const names = ['Sở Giao thông vận tải', 'Sở Công Thương', 'Cảng vụ Hải Phòng', 'Sở Du lịch', 'Sở Y tế'];
    const block = await createLockedBlock(app, province, names, secretariat);
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);

    const cache = new BallotRulesCache();
    reads = 0;
    // Twenty ballots' lookups at once, before any read has answered.
    const all = await runInTenant(app.dataSource, province, () =>
      Promise.all(Array.from({ length: 20 }, () => cache.get(province, period.id))),
    );
    expect(reads).toBe(1);
    expect(new Set(all).size).toBe(1);
    expect(all[0]!.contests).toHaveLength(1);

    await runInTenant(app.dataSource, province, () => cache.get(province, period.id));
    expect(reads).toBe(1);
  });
});
