import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@thidua/config';
import { startGateway, type Gateway } from '@thidua/gateway';
import {
  castBlockBallots,
  closeBlockVote,
  createAccount,
  createLockedBlock,
  openBlockVote,
  provinceId,
  startTestApp,
  type TestApp,
} from '@thidua/testing';
import { desktop, expectAccessible, launch, origin, screenshot, signInAt } from './browser';

let app: TestApp;
let browser: Browser;
let restarted: Gateway | undefined;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startTestApp({ template: inject('templateDatabase'), config: { RATE_LIMIT_PER_MINUTE: '100000' } }),
    launch(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await restarted?.close();
  // The first gateway was stopped by the test already.
  await app?.close().catch(() => undefined);
});

describe('the hall screen', () => {
  it(
    'comes back by itself after the gateway restarts, says so, and shows the turnout it missed',
    { timeout: 120_000 },
    async () => {
      const province = await provinceId(app.dataSource, '25');
      const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
      const block = await createLockedBlock(app, province, ['Sở Nội vụ', 'Sở Tài chính', 'Sở Y tế'], admin);
      const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
      const base = origin(app.gateway.url);
      const port = Number(new URL(base).port);

      const page = await (await desktop(browser)).newPage();
      await signInAt(page, base, `/voting-periods/${period.id}/hall`, block.officers[0]!.email);
      const turnout = page.getByTestId('hall-turnout');
      await expect.poll(() => turnout.textContent()).toBe('0/3');
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Trực tiếp' }).count()).toBe(1);

      // The gateway goes away (a deploy, a crash): the screen says it lost the connection…
      await app.gateway.close();
      await expect
        .poll(() => page.getByText('Mất kết nối – đang kết nối lại…').count(), { timeout: 15_000 })
        .toBe(1);
      await screenshot(page, 'hall-reconnecting-1366');
      await expectAccessible(page, 'the hall screen while reconnecting');

      // …a ballot is cast meanwhile through a new gateway on the same address, and the screen catches up.
      restarted = await startGateway({
        config: { ...app.config, PORT: port },
        dataSource: app.dataSource,
        queueBackend: app.queueBackend,
        eventBus: app.eventBus,
        logger: createLogger(app.config, 'gateway-restarted'),
      });
      await castBlockBallots(app, province, block, period, [[2]], [block.officers[1]!]);
      await expect
        .poll(() => page.getByText(/Đã kết nối lại lúc \d{2}:\d{2}:\d{2}/).count(), { timeout: 20_000 })
        .toBe(1);
      await expect.poll(() => turnout.textContent(), { timeout: 10_000 }).toBe('1/3');
      await castBlockBallots(app, province, block, period, [[2]], [block.officers[2]!]);
      await expect.poll(() => turnout.textContent(), { timeout: 10_000 }).toBe('2/3');
      await screenshot(page, 'hall-reconnected-1366');
      // All voted, the head unit closes early: the screen says when it closed, not a deadline that no longer holds.
      expect(await page.locator('.hall-sub').textContent()).toContain('Hạn chót');
      await castBlockBallots(app, province, block, period, [[2]], [block.officers[0]!]);
      await closeBlockVote(app, province, block.officers[0]!, period.id);
      await expect
        .poll(() => page.locator('.hall-sub').textContent(), { timeout: 15_000 })
        .toMatch(/Kết thúc lúc \d{2}:\d{2}/);
      expect(await page.locator('.hall-sub').textContent()).not.toContain('Hạn chót');
      await page.context().close();
    },
  );
});
