/** `npm run bench`: each benchmark in turn, results as Markdown (copied into docs/benchmarks.md). */
import { parseArgs } from 'node:util';
import { benchBallots, reportBallots } from './ballots.bench';
import { benchDocuments, reportDocuments } from './documents.bench';
import { benchImport, reportImport } from './import.bench';
import { benchWeb, reportWeb } from './web.bench';
import { benchYearEnd, reportYearEnd } from './year-end.bench';

/**
 * `npm run bench -- --only ballots,year-end` runs only those (names below; all by default); `--provinces 20`
 * makes the ballot benchmark's nation smaller (34 provinces by default); `--against <bundle>` casts ballots
 * with another build of the compiled gateway too, in the same rounds: a change's gain is smaller than the drift
 * between runs. Copy services/gateway/dist/main.js to before.js beside it, change, build, and pass
 * `--against services/gateway/dist/before.js` (beside main.js, it finds the same files and packages).
 */
const { values } = parseArgs({
  options: { only: { type: 'string' }, provinces: { type: 'string' }, against: { type: 'string' } },
});
const only = values.only?.split(',').map((s) => s.trim());
const provinces = values.provinces ? Number(values.provinces) : undefined;
const wanted = (name: string) => !only || only.includes(name);

console.log(`Benchmarks, ${new Date().toISOString()}\n`);
// The floor, the gateway under tsx and compiled on Node 24 in one run; then the gateway in two processes (one per
// core): the platform runs several gateways behind a load balancer.
if (wanted('ballots')) console.log(`${reportBallots(await benchBallots(1, provinces, values.against))}\n`);
if (wanted('ballots-2')) console.log(`${reportBallots(await benchBallots(2, provinces))}\n`);
if (wanted('year-end')) console.log(`${reportYearEnd(await benchYearEnd())}\n`);
if (wanted('import')) console.log(`${reportImport(await benchImport())}\n`);
if (wanted('documents')) console.log(`${reportDocuments(await benchDocuments())}\n`);
if (wanted('web')) console.log(`${reportWeb(await benchWeb())}\n`);
