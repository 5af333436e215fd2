import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { fillDate } from './browser';

/** A condition the page reaches after the API answers: generous on a busy 2-core machine. */
export const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

/**
 * A province secretariat, on the pages, creates a block, adds `units` as members from 1 January of `year`, and
 * opens the year with its theme, head (units[0]) and deputy (units[1]). Returns the block's id.
 */
export async function createBlockOnPages(
  page: Page,
  base: string,
  block: { name: string; units: string[]; year: number; theme: string },
): Promise<string> {
  await page.goto(`${base}/blocks`);
  await page.getByRole('link', { name: 'Tạo khối, cụm thi đua' }).click();
  await page.waitForURL(/\/blocks\/new$/);
  await page.getByLabel('Tên khối').fill(block.name);
  await page.getByLabel('Loại').selectOption('BLOCK');
  await page.getByRole('button', { name: 'Tạo khối thi đua' }).click();
  await page.waitForURL(/\/blocks\/[0-9a-f-]{36}$/);
  const blockId = page.url().split('/').at(-1)!;
  await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(block.name);

  for (const unit of block.units) {
    await page.getByLabel('Tìm đơn vị theo tên').fill(unit);
    const select = page.getByLabel('Đơn vị', { exact: true });
    await poll(() => select.locator('option', { hasText: unit }).count()).toBe(1);
    await select.selectOption({ label: unit });
    await fillDate(page, 'Là thành viên từ ngày', `${block.year}-01-01`);
    await page.getByRole('button', { name: 'Thêm vào khối' }).click();
    await poll(() => page.getByRole('rowheader', { name: unit, exact: true }).count()).toBe(1);
  }

  // A unit already in the block is offered marked, and cannot be chosen a second time.
  await page.getByLabel('Tìm đơn vị theo tên').fill(block.units[0]!);
  const again = page
    .getByLabel('Đơn vị', { exact: true })
    .locator('option', { hasText: `${block.units[0]} (đã là thành viên)` });
  await poll(() => again.count()).toBe(1);
  expect(await again.isDisabled()).toBe(true);

  const open = page.getByRole('region', { name: 'Mở năm thi đua' });
  await open.getByLabel('Năm', { exact: true }).fill(String(block.year));
  await open.getByLabel('Chủ đề').fill(block.theme);
  const head = open.getByLabel('Trưởng khối');
  await poll(() => head.locator('option').count()).toBe(block.units.length + 1);
  await head.selectOption({ label: block.units[0]! });
  await open.getByLabel('Phó khối').selectOption({ label: block.units[1]! });
  await open.getByRole('button', { name: 'Mở năm thi đua' }).click();
  await page.waitForURL(new RegExp(`/blocks/${blockId}/years/${block.year}$`));
  return blockId;
}
