import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LOGGER = fileURLToPath(new URL('./logger.ts', import.meta.url));

interface Line {
  msg: string;
  /** When it was logged (pino's epoch milliseconds). */
  time: number;
  /** When it reached the reader of the pipe. */
  arrived: number;
}

/**
 * A process that logs with createLogger (`log`), runs `script`, and what it wrote, line by line, as it arrives;
 * `slowReaderMs`: the pipe is not read for that long at first, as when a log collector falls behind.
 */
function logging(script: string, slowReaderMs = 0) {
  const code = `
    import { createLogger, flushLogs } from ${JSON.stringify(LOGGER)};
    const log = createLogger({ LOG_LEVEL: 'info' }, 'logger-test');
    ${script}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (slowReaderMs) {
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), slowReaderMs);
  }
  const lines: Line[] = [];
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const complete = (partial + chunk).split('\n');
    partial = complete.pop()!;
    for (const text of complete) lines.push({ ...parse(text), arrived: Date.now() });
  });
  // 'close', not 'exit': the pipe's last bytes may still be on their way when the process has exited.
  const closed = new Promise<number | null>((resolve) =>
    child.once('close', (exitCode) => resolve(exitCode)),
  );
  const messages = () => lines.map((l) => l.msg);
  return { child, closed, lines, messages };
}

/** A line as logged, or what a torn one held (it then fails the test's comparison, by its text). */
function parse(text: string): Omit<Line, 'arrived'> {
  try {
    return JSON.parse(text) as Line;
  } catch {
    return { msg: `not a whole line: ${text.slice(0, 60)}…`, time: 0 };
  }
}

const THREE = `for (let i = 1; i <= 3; i++) log.info({ i }, 'bầu chọn ' + i);`;
/** A line waits at most a second in the buffer: 2.5 s leaves room for a loaded machine, not for a lost timer. */
const PROMPTLY_MS = 2500;

describe('logs (standard output written in blocks)', () => {
  it('writes every line when the process crashes', async () => {
    const { closed, messages } = logging(`${THREE} throw new Error('sập nguồn');`);
    expect(await closed).toBe(1);
    expect(messages()).toEqual(['bầu chọn 1', 'bầu chọn 2', 'bầu chọn 3']);
  });

  it('writes what flushLogs found buffered before a SIGTERM, which runs no exit handler (how vitest ends tests)', async () => {
    const { closed, messages } = logging(`${THREE} flushLogs(); process.kill(process.pid, 'SIGTERM');`);
    expect(await closed).toBeNull();
    expect(messages()).toEqual(['bầu chọn 1', 'bầu chọn 2', 'bầu chọn 3']);
  });

  it('writes every line, whole and in order, when it exits while its reader is behind', async () => {
    // 400 KiB, more than the pipe and the reader's buffer hold: when the process exits, blocks are still waiting.
    const { closed, messages } = logging(
      `setTimeout(() => {
         for (let i = 1; i <= 400; i++) log.info({ i, padding: 'x'.repeat(1000) }, 'dòng ' + i);
         setTimeout(() => { log.info('cuối'); process.exit(0); }, 300);
       }, 50);`,
      1500,
    );
    expect(await closed).toBe(0);
    expect(messages()).toEqual([...Array.from({ length: 400 }, (_, i) => `dòng ${i + 1}`), 'cuối']);
  });

  it('writes a quiet process’s lines within a second or so, without waiting for more', async () => {
    const { child, closed, lines } = logging(`${THREE} setInterval(() => {}, 60_000);`);
    try {
      await expect.poll(() => lines.length, { timeout: 15_000 }).toBe(3);
      for (const line of lines) expect(line.arrived - line.time).toBeLessThan(PROMPTLY_MS);
    } finally {
      child.kill('SIGKILL');
      await closed;
    }
  });

  it('writes the last line promptly after a busy stretch that began mid-block', async () => {
    const { child, closed, lines } = logging(`
      for (let i = 1; i <= 60; i++) log.info({ i, padding: 'x'.repeat(60) }, 'dòng ' + i);
      const until = Date.now() + 1500;
      while (Date.now() < until);
      log.info('cuối');
      setInterval(() => {}, 60_000);`);
    try {
      await expect.poll(() => lines.at(-1)?.msg, { timeout: 15_000 }).toBe('cuối');
      expect(lines).toHaveLength(61);
      expect(lines.at(-1)!.arrived - lines.at(-1)!.time).toBeLessThan(PROMPTLY_MS);
    } finally {
      child.kill('SIGKILL');
      await closed;
    }
  });
});
