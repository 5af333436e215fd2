import { useEffect } from 'react';
import { useClient } from 'urql';
import { graphql } from '../graphql';
import { localeChosenHere, localeKept, useI18n } from '../i18n/i18n';
import { rememberLocale, useSession } from './session';

const SetMyLocale = graphql(`
  mutation SetMyLocale($locale: Locale!) {
    setMyLocale(locale: $locale)
  }
`);

/**
 * The account keeps the language its holder reads in, for what reaches them away from the pages (notices and
 * their e-mails are written in it). The language switch (here, or before signing in) is kept with the account;
 * otherwise the page follows the account's language, whatever an earlier holder of the device chose.
 */
export function LocaleSync() {
  const { user } = useSession();
  const { locale, setLocale } = useI18n();
  const client = useClient();
  useEffect(() => {
    if (!user) return;
    if (localeChosenHere()) {
      localeKept();
      if (user.locale === locale) return;
      rememberLocale(locale);
      void client.mutation(SetMyLocale, { locale }).toPromise();
    } else if (user.locale !== locale) setLocale(user.locale);
  }, [user, locale, setLocale, client]);
  return null;
}
