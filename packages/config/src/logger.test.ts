import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LOGGER = fileURLToPath(new URL('./logger.ts', import.meta.url));

/** A process that logs with createLogger, then runs `then`; its standard output, as lines, as they arrive. */
function logging(then: string) {
  const script = `
    import { createLogger } from ${JSON.stringify(LOGGER)};
    const log = createLogger({ LOG_LEVEL: 'info' }, 'logger-test');
    for (let i = 1; i <= 3; i++) log.info({ i }, 'bầu chọn ' + i);
    ${then}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; service: string });
  return { child, exited, lines };
}

describe('logs (buffered standard output)', () => {
  it('writes what is buffered when the process crashes', async () => {
    const { exited, lines } = logging(`throw new Error('sập')`);
    expect(await exited).toBe(1);
    expect(lines().map((l) => l.msg)).toEqual(['bầu chọn 1', 'bầu chọn 2', 'bầu chọn 3']);
  });

  it('writes a quiet process’s lines within a second or so, without waiting for more', async () => {
    const { child, exited, lines } = logging(`setInterval(() => {}, 60_000)`);
    try {
      await expect.poll(() => lines().length, { timeout: 10_000 }).toBe(3);
      expect(lines()[0]).toMatchObject({ service: 'logger-test', msg: 'bầu chọn 1' });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });
});
