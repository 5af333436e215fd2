import { describe, expect, it } from 'vitest';
import { WEBHOOK_FAILURE_CAUSES } from '@thidua/domain';
import en from '../src/i18n/en.json';
import vi from '../src/i18n/vi.json';

/** Every cause the API gives a failed webhook attempt is said in words on the page, in both languages. */
describe('webhook failure causes', () => {
  it.each(WEBHOOK_FAILURE_CAUSES)('%s has its words in Vietnamese and in English', (cause) => {
    const key = `webhooks.cause.${cause}`;
    for (const table of [vi, en] as Record<string, string>[]) {
      expect(table[key], key).toMatch(/\S/);
      // The status answered is named where the cause is one.
      if (cause === 'HTTP_STATUS') expect(table[key]).toContain('{code}');
    }
  });
});
