import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import {
  decision,
  renderDocx,
  renderPdf,
  voteMinutes,
  type DecisionInput,
  type DocumentModel,
  type VoteMinutesInput,
} from '@thidua/documents';
import { ms, percentile } from './stats';

/**
 * Generating documents is CPU work in the gateway's process (after the data is read): the minutes of a large
 * block's vote (30 members, three contests, two rounds) and a decision annexing 500 awardees, each as PDF and
 * DOCX. Each case runs in a fresh process so its peak resident memory (VmHWM) is its own.
 */
const RUNS = 5;
const CASES = ['minutes pdf', 'minutes docx', 'decision pdf', 'decision docx'] as const;
type Case = (typeof CASES)[number];

const UNITS = Array.from({ length: 30 }, (_, i) => `Sở Tài nguyên và Môi trường tỉnh Lào Cai số ${i + 1}`);
const PROVINCE = { name: 'Lào Cai', kind: 'PROVINCE' as const };

function minutesInput(): VoteMinutesInput {
  const round = (n: number) => ({
    round: n,
    method: 'ONLINE' as const,
    openedAt: '2026-12-18T02:00:00Z',
    closedAt: '2026-12-18T02:40:00Z',
    thresholdPercent: 50,
    thresholdMode: 'MORE_THAN' as const,
    eligible: UNITS.length,
    votesNeeded: Math.floor(UNITS.length / 2) + 1,
    contests: ['Đơn vị dẫn đầu khối', 'Đề nghị Bằng khen', 'Trưởng khối năm sau'].map((title) => ({
      title,
      seats: 3,
      issued: 30,
      returned: 30,
      valid: 29,
      invalid: 1,
      blank: 0,
      candidates: UNITS.map((name, i) => ({
        name,
        votes: 30 - i,
        percent: ((30 - i) / 30) * 100,
        reached: i < 14,
        elected: i < 3,
      })),
      unfilled: 0,
      shortfall: null,
      tied: [],
      tieBreak: null,
    })),
  });
  return {
    province: PROVINCE,
    blockName: 'Khối thi đua các sở, ban, ngành tỉnh',
    year: 2026,
    conference: {
      heldOn: '2026-12-18',
      place: 'Hội trường Ủy ban nhân dân tỉnh',
      chairUnit: UNITS[0]!,
      chairPerson: 'Nguyễn Thị Hồng Nhung',
      secretaryName: 'Lê Văn Đức',
      attendance: UNITS.map((unit) => ({
        unit,
        present: true,
        representatives: ['Phó Giám đốc Trần Văn Hùng'],
        absenceReason: null,
      })),
      committee: UNITS.slice(0, 3).map((unit, i) => ({
        name: `Phạm Thị Thu Hằng ${i + 1}`,
        role: i ? 'Thành viên' : 'Trưởng ban',
        unit,
      })),
    },
    rounds: [round(1), round(2)],
    decisions: [],
    publishedAt: '2026-12-18T03:00:00Z',
    generatedAt: '2026-12-18T03:10:00Z',
  };
}

function decisionInput(): DecisionInput {
  return {
    province: PROVINCE,
    issuerName: 'UBND tỉnh Lào Cai',
    numberText: '12/QĐ-UBND',
    decisionDate: '2027-01-15',
    signerName: 'Trịnh Xuân Trường',
    signerTitle: 'Chủ tịch',
    years: [2026],
    items: Array.from({ length: 500 }, (_, i) =>
      i % 5 === 0
        ? {
            name: `Hoàng Thị Phương Thảo ${i}`,
            unit: UNITS[i % 30]!,
            form: 'Chiến sĩ thi đua cấp tỉnh',
            prizeVnd: 11_385_000,
          }
        : {
            name: `${UNITS[i % 30]} (${i})`,
            unit: null,
            form: 'Bằng khen của Chủ tịch UBND tỉnh',
            prizeVnd: 7_590_000,
          },
    ),
  };
}

/** One case in this process: the times of each run (the first one loads the fonts) and the peak memory. */
async function runCase(c: Case) {
  const model: DocumentModel = c.startsWith('minutes')
    ? voteMinutes(minutesInput())
    : decision(decisionInput());
  const render = c.endsWith('pdf') ? renderPdf : renderDocx;
  const baseline = process.memoryUsage().rss;
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    bytes = (await render(model)).length;
    const used = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((used.user + used.system) / 1000);
  }
  // ru_maxrss: the process's peak resident set, in KiB on Linux.
  return {
    times,
    cpu,
    bytes,
    baselineMiB: baseline / 2 ** 20,
    peakMiB: process.resourceUsage().maxRSS / 1024,
  };
}

export async function benchDocuments() {
  const rows: {
    c: Case;
    times: number[];
    cpu: number[];
    bytes: number;
    baselineMiB: number;
    peakMiB: number;
  }[] = [];
  for (const c of CASES) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'test/bench/documents.bench.ts', c],
      {
        maxBuffer: 1 << 20,
      },
    );
    rows.push({ c, ...JSON.parse(stdout.trim().split('\n').pop()!) });
  }
  return rows;
}

export function reportDocuments(rows: Awaited<ReturnType<typeof benchDocuments>>): string {
  return [
    `### Generated documents (${RUNS} runs each, one process per case)`,
    '',
    '| document | size | first run | median of the rest | CPU, median of the rest | peak RSS (process) | over the loaded process |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const rest = r.times.slice(1).sort((a, b) => a - b);
      const cpu = r.cpu.slice(1).sort((a, b) => a - b);
      return `| ${r.c.replace('minutes', 'vote minutes, 30 members × 3 contests × 2 rounds').replace('decision', 'decision annexing 500 awardees')} | ${(r.bytes / 1024).toFixed(0)} KiB | ${ms(r.times[0]!)} | ${ms(percentile(rest, 50))} | ${ms(percentile(cpu, 50))} | ${r.peakMiB.toFixed(0)} MiB | ${(r.peakMiB - r.baselineMiB).toFixed(0)} MiB |`;
    }),
    '',
    `Wall times depend on the machine's load (load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} during this run); the CPU time is the work itself.`,
  ].join('\n');
}

// `npx tsx test/bench/documents.bench.ts` runs this benchmark alone; with a case, that case in this process.
if (import.meta.url === `file://${process.argv[1]}`) {
  const c = process.argv[2] as Case | undefined;
  if (c) console.log(JSON.stringify(await runCase(c)));
  else console.log(reportDocuments(await benchDocuments()));
}
