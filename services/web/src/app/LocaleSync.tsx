import { useEffect, useRef } from 'react';
import { useClient } from 'urql';
import { graphql } from '../graphql';
import { localeChosenHere, useI18n } from '../i18n/i18n';
import { useSession } from './session';

const SetMyLocale = graphql(`
  mutation SetMyLocale($locale: Locale!) {
    setMyLocale(locale: $locale)
  }
`);

/**
 * The account keeps the language its holder reads in, for what reaches them away from the pages (notices and
 * e-mails are written in it). A language switched on this device is the account's from then on; a device where
 * it was never switched takes the account's.
 */
export function LocaleSync() {
  const { user } = useSession();
  const { locale, setLocale } = useI18n();
  const client = useClient();
  // What the account holds, as last read or saved: a switch is saved once, not again with every render.
  const held = useRef<string | null>(null);
  useEffect(() => {
    if (!user) return;
    held.current ??= user.locale;
    if (held.current === locale) return;
    if (!localeChosenHere()) return setLocale(user.locale);
    held.current = locale;
    void client.mutation(SetMyLocale, { locale }).toPromise();
  }, [user, locale, setLocale, client]);
  return null;
}
