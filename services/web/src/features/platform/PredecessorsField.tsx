import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { QueryStates } from '../../ui/QueryStates';
import { placeLabel } from '../province/useFormerProvinces';

const CurrentProvinces = graphql(`
  query OnboardPredecessors {
    provinces(first: 100, filter: { current: true }) {
      nodes {
        id
        code
        name
        kind
        validTo
      }
    }
  }
`);

/**
 * The provinces in force that a new province absorbs (a merger, domain.md §5): each ends the day before it
 * starts, and its records stay readable under it.
 */
export function PredecessorsField({
  chosen,
  onChange,
  error,
}: {
  chosen: { id: string; name: string }[];
  onChange(chosen: { id: string; name: string }[]): void;
  error: string | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [res, refetch] = useQuery({ query: CurrentProvinces });
  // A city named as one ("TP. Hồ Chí Minh": the bare name is the man's), here and where the choice is read back.
  const toggle = (p: Parameters<typeof placeLabel>[1] & { id: string }, on: boolean) =>
    onChange(on ? [...chosen, { id: p.id, name: placeLabel(i18n, p) }] : chosen.filter((c) => c.id !== p.id));
  return (
    <fieldset
      className="predecessors"
      aria-describedby={error ? 'predecessors-hint predecessors-error' : 'predecessors-hint'}
    >
      <legend>{t('onboard.predecessors')}</legend>
      <p id="predecessors-hint" className="field-hint">
        {t('onboard.predecessorsHint')}
      </p>
      {error && (
        <p id="predecessors-error" className="field-error">
          {error}
        </p>
      )}
      <QueryStates error={res.error} refetch={refetch} data={res.data}>
        {(data) => (
          <div className="check-grid">
            {data.provinces.nodes.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={chosen.some((c) => c.id === p.id)}
                  aria-invalid={error ? true : undefined}
                  onChange={(e) => toggle(p, e.target.checked)}
                />
                <span>
                  {placeLabel(i18n, p)} ({p.code})
                </span>
              </label>
            ))}
          </div>
        )}
      </QueryStates>
    </fieldset>
  );
}
