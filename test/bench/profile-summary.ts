/**
 * `npx tsx test/bench/profile-summary.ts <file.cpuprofile> [--top 40] [--after-ms 5000] [--callers name]`: where a
 * server's CPU went, from a V8 profile written with BENCH_CPU_PROFILE_DIR. Self time by package (node_modules'
 * package, or `(our code)`, `(node)`, the VM's own entries) and by function, as shares of the busy samples (idle
 * left out), counting only samples after `--after-ms` (module loading and warm-up excluded). `--callers name` adds
 * who called the functions of that name, Node's own frames skipped, by their samples' stacks (inclusive).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// Piped into head: stop quietly when it has read enough.
process.stdout.on('error', () => process.exit(0));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '40' },
    'after-ms': { type: 'string', default: '5000' },
    callers: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) throw new Error('Usage: profile-summary.ts <file.cpuprofile> [--top N] [--after-ms MS]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
const parents = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
const label = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.replace(/^.*node_modules\//, '')}:${frame.lineNumber + 1}` : ''}`;

function packageOf({ url, functionName }: CallFrame): string {
  if (!url) return `(${functionName || 'vm'})`;
  if (url.startsWith('node:')) return '(node)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  return '(our code)';
}

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
const byCaller = new Map<string, number>();
let busy = 0;
let elapsed = 0;
const after = Number(values['after-ms']) * 1000;
for (const [i, id] of profile.samples.entries()) {
  const delta = profile.timeDeltas[i] ?? 0;
  elapsed += delta;
  const frame = frames.get(id)!;
  if (elapsed < after || frame.functionName === '(idle)') continue;
  busy += delta;
  const name = label(frame);
  byPackage.set(packageOf(frame), (byPackage.get(packageOf(frame)) ?? 0) + delta);
  byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
  if (values.callers) {
    // The nearest frame of that name on the sample's stack, and the one that called it.
    for (let node: number | undefined = id; node !== undefined; node = parents.get(node)) {
      if (frames.get(node)!.functionName !== values.callers) continue;
      // Node's own frames skipped: the first caller outside them says who asked.
      let caller = parents.get(node);
      while (caller !== undefined && frames.get(caller)!.url.startsWith('node:'))
        caller = parents.get(caller);
      const key = caller === undefined ? '(root)' : label(frames.get(caller)!);
      byCaller.set(key, (byCaller.get(key) ?? 0) + delta);
      break;
    }
  }
}

const top = Number(values.top);
const table = (title: string, counts: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`);
};
console.log(`${file}: ${(busy / 1e6).toFixed(2)} s busy after the first ${values['after-ms']} ms`);
table('Self time by package', byPackage);
table('Self time by function', byFunction);
if (values.callers) table(`Callers of ${values.callers} (time under it)`, byCaller);
