/** `npm run bench`: each benchmark in turn, results as Markdown (copied into docs/benchmarks.md). */
import { benchBallots, reportBallots } from './ballots.bench';
import { benchDocuments, reportDocuments } from './documents.bench';
import { benchImport, reportImport } from './import.bench';
import { benchWeb, reportWeb } from './web.bench';
import { benchYearEnd, reportYearEnd } from './year-end.bench';

console.log(`Benchmarks, ${new Date().toISOString()}\n`);
// One gateway process, then two (one per core): the platform runs several gateways behind a load balancer.
for (const processes of [1, 2]) console.log(`${reportBallots(await benchBallots(processes))}\n`);
console.log(`${reportYearEnd(await benchYearEnd())}\n`);
console.log(`${reportImport(await benchImport())}\n`);
console.log(`${reportDocuments(await benchDocuments())}\n`);
console.log(`${reportWeb(await benchWeb())}\n`);
