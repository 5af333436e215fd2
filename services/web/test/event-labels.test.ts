import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENT_NAMES, notificationEventLabel } from '@thidua/domain';
import en from '../src/i18n/en.json';
import vi from '../src/i18n/vi.json';

/**
 * A kind of notice has one name: the settings page (the web's messages, event.*) and the unsubscribe link's page
 * (the gateway's, from the domain) say the same, for a province and for a city.
 */
describe('notification names', () => {
  const read = (table: Record<string, string>, key: string, city: boolean) =>
    (city ? table[`${key}@city`] : undefined) ?? table[key];

  it.each(NOTIFICATION_EVENT_NAMES.flatMap((e) => [[e, 'PROVINCE'] as const, [e, 'CITY'] as const]))(
    '%s in a %s reads the same on the settings page and on the unsubscribe page',
    (event, kind) => {
      const key = `event.${event.replace('.', '_').toUpperCase()}`;
      const [viName, enName] = notificationEventLabel(event, kind);
      expect(read(vi, key, kind === 'CITY')).toBe(viName);
      expect(read(en, key, kind === 'CITY')).toBe(enName);
    },
  );
});
