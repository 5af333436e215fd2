import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import vi from './vi.json';

export type Locale = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export type Params = Record<string, string | number>;
type Messages = Record<MessageKey, string>;

const VIETNAM = 'Asia/Ho_Chi_Minh';
const STORAGE_KEY = 'thidua.locale';

/** Vietnamese is the source language and always bundled; English is loaded when someone switches to it. */
const loaded: Partial<Record<Locale, Messages>> = { vi };
async function load(locale: Locale): Promise<Messages> {
  // English has keys of its own (`#one` counts) and lacks some city variants (read as its plain words).
  return (loaded[locale] ??= (await import('./en.json')).default as unknown as Messages);
}

/** Words written to follow others ("người đứng đầu bị kỷ luật") opening a sentence, a label or a cell. */
export const sentenceCase = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

export function interpolate(text: string, params?: Params): string {
  return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
}

/**
 * A count's own words where the language has them ("1 seat", "2 seats"): the `#one` key beside the key, read when
 * `n` (a number, or as formatted) is one by the language's plural rules; Vietnamese has one form.
 */
export function singular(
  table: Partial<Record<string, string>>,
  plurals: Intl.PluralRules,
  key: string,
  params?: Params,
): string | undefined {
  const n = params?.n === undefined ? NaN : Number(String(params.n).replace(/[.,\s]/g, ''));
  return !Number.isNaN(n) && plurals.select(n) === 'one' ? table[`${key}#one`] : undefined;
}

/**
 * Where the words are read: in a centrally-governed city (`city`, the province's kind CITY) and for an emulation
 * cluster (`cluster`, a block of kind CLUSTER: "cụm", groups of localities) rather than a block ("khối").
 */
export interface Scope {
  city: boolean;
  cluster: boolean;
}

/**
 * The keys that may hold a key's words in a scope, most specific first: `key@city@cluster` (a cluster in a city,
 * for words that change with both), `key@cluster`, `key@city`; the plain key is read when none is there. A key
 * with both a city's and a cluster's words therefore has words for both together (i18n.test.ts checks it), so
 * which of the two single variants comes first never decides anything.
 */
export function variants(key: string, { city, cluster }: Scope): string[] {
  return [
    ...(city && cluster ? [`${key}@city@cluster`] : []),
    ...(cluster ? [`${key}@cluster`] : []),
    ...(city ? [`${key}@city`] : []),
  ];
}

/**
 * A key's words in a scope: its most specific variant in the table (with its `#one` form, if any), else the key's
 * own (with its `#one` form), else Vietnamese's, else the key itself.
 */
export function wordsFor(
  table: Partial<Record<string, string>>,
  plurals: Intl.PluralRules,
  scope: Scope,
  key: string,
  params?: Params,
): string {
  const variant = variants(key, scope).find((v) => table[v] !== undefined);
  if (variant) return singular(table, plurals, variant, params) ?? table[variant]!;
  return singular(table, plurals, key, params) ?? table[key] ?? (vi as Record<string, string>)[key] ?? key;
}

/** Dates as 06/02/2024 and numbers as 1.234,5 in Vietnamese (en-GB in English), always in Vietnam time. */
export function formatters(locale: Locale) {
  const tag = locale === 'vi' ? 'vi-VN' : 'en-GB';
  const date = new Intl.DateTimeFormat(tag, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: VIETNAM,
  });
  const time = new Intl.DateTimeFormat(tag, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: VIETNAM,
  });
  const seconds = new Intl.DateTimeFormat(tag, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: VIETNAM,
  });
  const numbers = new Map<number, Intl.NumberFormat>();
  return {
    /** An instant (ISO string) as its date in Vietnam, or a LocalDate "2024-02-06". */
    date(value: string | Date): string {
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        const [y, m, d] = value.split('-');
        return `${d}/${m}/${y}`;
      }
      return date.format(new Date(value));
    },
    dateTime(value: string | Date): string {
      const d = new Date(value);
      return `${time.format(d)} ${date.format(d)}`;
    },
    time(value: string | Date, withSeconds = false): string {
      return (withSeconds ? seconds : time).format(new Date(value));
    },
    number(value: number | null | undefined, maxDigits = 2): string {
      if (value === null || value === undefined || Number.isNaN(value)) return '–';
      let f = numbers.get(maxDigits);
      if (!f) numbers.set(maxDigits, (f = new Intl.NumberFormat(tag, { maximumFractionDigits: maxDigits })));
      return f.format(value);
    },
  };
}

export interface I18n extends ReturnType<typeof formatters> {
  locale: Locale;
  t(key: MessageKey, params?: Params): string;
  /**
   * `chosen`: the person switched it (the header's switch), so it is theirs to keep with their account; else the
   * page follows the account's language.
   */
  setLocale(locale: Locale, chosen?: boolean): void;
  /** The same words for a place of another kind than the session's (see ProvinceKindScope). */
  forKind(provinceKind: string | null): I18n;
  /**
   * The same words for a block of the given kind (see BlockKindScope): a CLUSTER's pages read "Trưởng cụm" where a
   * block's read "Trưởng khối". Null or undefined (not known yet, or no block): a block's words.
   */
  forBlock(blockKind: string | null | undefined): I18n;
}

const I18nContext = createContext<I18n | null>(null);

/** Whether the language was chosen on this device (its switch was used here), rather than taken by default. */
const CHOSEN_KEY = 'thidua.locale.chosen';

/**
 * Whether the language was switched on this device and not yet kept with an account (a switch before signing in
 * is the account's once signed in). Cleared once kept: a device never decides an account's language by itself.
 */
export function localeChosenHere(): boolean {
  try {
    return localStorage.getItem(CHOSEN_KEY) !== null;
  } catch {
    return false;
  }
}

export function localeKept(): void {
  try {
    localStorage.removeItem(CHOSEN_KEY);
  } catch {
    /* private mode: nothing was kept */
  }
}

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/**
 * `provinceKind`: where the session works. A centrally-governed city (CITY) confers its awards in its own name, so
 * a key with a city's words ("form.FLAG_PROVINCE@city": "Cờ thi đua của UBND thành phố") is read there instead.
 * Likewise a cluster's pages read a key's cluster words ("year.head@cluster": "Trưởng cụm"; see `variants`).
 */
export function I18nProvider({
  children,
  provinceKind = null,
}: {
  children: ReactNode;
  provinceKind?: string | null;
}) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [messages, setMessages] = useState<Messages | undefined>(loaded[locale]);

  useEffect(() => {
    let live = true;
    void load(locale).then((m) => live && setMessages(m));
    document.documentElement.lang = locale;
    return () => {
      live = false;
    };
  }, [locale]);

  const setLocale = useCallback((next: Locale, chosen = false) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
      if (chosen) localStorage.setItem(CHOSEN_KEY, '1');
    } catch {
      /* private mode: the choice lasts for the page */
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const table = messages ?? vi;
    const format = formatters(messages ? locale : 'vi');
    const plurals = new Intl.PluralRules(messages ? locale : 'vi');
    const scoped = (scope: Scope): I18n => ({
      locale,
      setLocale,
      t: (key, params) => interpolate(wordsFor(table, plurals, scope, key, params), params),
      forKind: (kind) => scoped({ ...scope, city: kind === 'CITY' }),
      forBlock: (kind) => scoped({ ...scope, cluster: kind === 'CLUSTER' }),
      ...format,
    });
    return scoped({ city: provinceKind === 'CITY', cluster: false });
  }, [locale, messages, setLocale, provinceKind]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * Words below it are those of a place of the given kind: the platform's operator, who works in no province, reads a
 * city's pages (its accounts, its invitations) in the city's words.
 */
export function ProvinceKindScope({ kind, children }: { kind: string | null; children: ReactNode }) {
  const outer = useI18n();
  const value = useMemo(() => outer.forKind(kind), [outer, kind]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * Words below it are those of a block of the given kind: a cluster's pages (its year, its vote) name its head and
 * deputy "Trưởng cụm", "Phó cụm" (a key's `@cluster` words). While the kind is not known yet, a block's words.
 */
export function BlockKindScope({ kind, children }: { kind: string | null | undefined; children: ReactNode }) {
  const outer = useI18n();
  const value = useMemo(() => outer.forBlock(kind), [outer, kind]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
