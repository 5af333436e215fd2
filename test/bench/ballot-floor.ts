/**
 * The ballot floor (docs/benchmarks.md): a bare node:http server on a plain pg pool that does a ballot's work and
 * nothing else — verifies the token, checks session, role, province and ballot rules in JavaScript, and sends
 * exactly the gateway's statements in the same order (START TRANSACTION, the tenant setting, the principal, the
 * rules on a cache miss, the cast, COMMIT), named as the gateway names them. No GraphQL, no ORM. Run as its own
 * process: `node --import tsx test/bench/ballot-floor.ts` with DATABASE_URL, JWT_SECRET and PORT.
 */
import { createServer } from 'node:http';
import { loadConfig } from '@thidua/config';
import { BALLOT_RULES_SQL, CAST_BALLOT_SQL, PRINCIPAL_SQL, receiptCode, type BallotRules } from '@thidua/db';
// The gateway's token check itself, without loading the gateway (its schema, modules) into the floor.
import { TokenService } from '../../services/gateway/src/auth/tokens';
import pg from 'pg';

// The gateway's own configuration (the bench gives both the same environment).
const config = loadConfig();
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
const tokens = new TokenService(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS);
// Loaded once per period, concurrent first ballots sharing the read (as the gateway's cache does).
const rules = new Map<string, Promise<BallotRules | null>>();

type Body = {
  variables: { v: { votingPeriodId: string; choices: { contestId: string; unitIds: string[] }[] } };
};

class Refusal extends Error {}

async function cast(authorization: string, provinceId: string, body: Body): Promise<string> {
  const claims = await tokens.verifyAccess(authorization.slice('Bearer '.length));
  const { votingPeriodId, choices } = body.variables.v;
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    await client.query(`SELECT set_config('app.province_id', $1, true)`, [provinceId]);
    const principal = await client.query<{ role: string; province_id: string; unit_id: string | null }>({
      name: 'session_principal',
      text: PRINCIPAL_SQL,
      values: [claims.sessionId, claims.userId, provinceId],
    });
    if (!principal.rows.length) throw new Refusal('UNAUTHENTICATED');
    const officerOf = principal.rows
      .filter((r) => r.role === 'UNIT_OFFICER' && r.province_id === provinceId)
      .map((r) => r.unit_id);
    if (!officerOf.length) throw new Refusal('FORBIDDEN');
    let period = rules.get(votingPeriodId);
    if (!period) {
      period = client.query<BallotRules>(BALLOT_RULES_SQL, [votingPeriodId]).then((r) => r.rows[0] ?? null);
      rules.set(votingPeriodId, period);
    }
    const r = await period;
    if (!r || r.method !== 'ONLINE') throw new Refusal('BAD_USER_INPUT');
    const unitId = r.eligibleVoterIds.find((u) => officerOf.includes(u));
    if (!unitId) throw new Refusal('FORBIDDEN');
    for (const c of choices) {
      const contest = r.contests.find((x) => x.id === c.contestId);
      if (!contest || c.unitIds.length > contest.seats) throw new Refusal('BAD_USER_INPUT');
      if (c.unitIds.some((u) => !contest.candidates.includes(u) || (u === unitId && !r.allowSelfVote)))
        throw new Refusal('BAD_USER_INPUT');
    }
    const receipt = await client.query<{ receiptCode: string }>({
      name: 'voting_cast_ballot',
      text: CAST_BALLOT_SQL,
      values: [votingPeriodId, unitId, receiptCode(), claims.userId, JSON.stringify(choices)],
    });
    await client.query('COMMIT');
    return receipt.rows[0]!.receiptCode;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

createServer((req, res) => {
  if (req.method === 'GET') return void res.end('ready'); // /readyz, as the gateway
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const answer = (status: number, payload: unknown) => {
      const text = JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    cast(
      String(req.headers.authorization),
      String(req.headers['x-province-id']),
      JSON.parse(Buffer.concat(chunks).toString()),
    ).then(
      (receiptCode) => answer(200, { data: { castBallot: { receiptCode } } }),
      (e: Error) => answer(200, { errors: [{ message: e.message }] }),
    );
  });
}).listen(config.PORT, '127.0.0.1', () => console.log('ready'));
// Stopped by the bench: exit normally, so that a CPU profile asked for (--cpu-prof) is written.
process.once('SIGTERM', () => process.exit(0));
