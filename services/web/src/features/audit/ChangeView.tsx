import { useI18n, type MessageKey } from '../../i18n/i18n';
import { unitName } from '../unit/useUnitNames';
import { KNOWN_KEYS, UNIT_KEYS } from './labels';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isUnitKey = (key: string) => (UNIT_KEYS as readonly string[]).includes(key);

/** The unit ids an event's before/after names (its top-level unit keys), for their names. */
export function unitIdsIn(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value)
    .filter(([k, v]) => isUnitKey(k) && typeof v === 'string' && v)
    .map(([, v]) => v as string);
}

/**
 * One side (before or after) of an event's change: its known keys in words (a unit's name for its id, a state or a
 * title in words), then the JSON as recorded, for whoever needs the rest: folded away when there are words, since
 * a secretary has no use for keys in English and ids.
 */
export function ChangeView({
  label,
  value,
  names,
}: {
  label: string;
  value: unknown;
  names: Map<string, string>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  /** The words for a code where the messages have them, else the code. */
  const words = (key: string, code: string) => {
    const found = t(key as MessageKey);
    return found === key ? code : found;
  };
  const shown = (key: string, v: unknown): string | null => {
    // A decision's nominations are ids: their count reads, the ids stay in the JSON.
    if (key === 'nominations' && Array.isArray(v)) return t('audit.nominationCount', { n: v.length });
    if (v === null || v === undefined || v === '' || typeof v === 'object') return null;
    const s = String(v);
    // Why a vote closed is a code (ALL_VOTED): the results page's words for it.
    if (key === 'reason' && /^[A-Z_]+$/.test(s)) return words(`results.closeReason.${s}`, s);
    if (isUnitKey(key)) return unitName(names, s);
    if (key === 'state') return words(`yearState.${s}`, s);
    if (key === 'status') return words(`nomination.status.${s}`, s);
    if (key === 'title') return words(`title.${s}`, s);
    return DATE.test(s) ? i18n.date(s) : s;
  };
  const record = value && typeof value === 'object' && !Array.isArray(value) ? (value as object) : {};
  const facts = KNOWN_KEYS.flatMap((key) => {
    const v = shown(key, (record as Record<string, unknown>)[key]);
    return v === null ? [] : [{ key, label: t(`audit.key.${key}` as MessageKey), value: v }];
  });
  return (
    <div className="audit-side">
      <p className="audit-side-label">{label}</p>
      {facts.length > 0 && (
        <dl className="audit-facts">
          {facts.map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {facts.length > 0 ? (
        <details className="audit-raw">
          <summary>{t('audit.raw')}</summary>
          <pre className="audit-json">{JSON.stringify(value, null, 2)}</pre>
        </details>
      ) : (
        <pre className="audit-json">{JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  );
}
