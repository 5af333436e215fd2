/**
 * Runs the readiness checks side by side; one that has not answered within `timeoutMs` fails. A pool whose
 * connections are all stuck, or a paused Redis, then makes /readyz answer 503 in bounded time instead of hanging
 * like every other request.
 */
export async function readiness(
  checks: Record<string, (() => Promise<unknown>) | null>,
  timeoutMs: number,
): Promise<{ ready: boolean; checks: Record<string, string> }> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [
      name,
      check ? await outcome(check, timeoutMs) : 'not configured',
    ]),
  );
  return {
    ready: results.every(([, r]) => r === 'ok' || r === 'not configured'),
    checks: Object.fromEntries(results),
  };
}

async function outcome(check: () => Promise<unknown>, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([check().then(() => 'ok'), late]);
  } catch (e) {
    return String(e);
  } finally {
    clearTimeout(timer);
  }
}
