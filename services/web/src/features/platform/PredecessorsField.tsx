import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { QueryStates } from '../../ui/QueryStates';

const CurrentProvinces = graphql(`
  query OnboardPredecessors {
    provinces(first: 100, filter: { current: true }) {
      nodes {
        id
        code
        name
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
  const { t } = useI18n();
  const [res, refetch] = useQuery({ query: CurrentProvinces });
  const toggle = (p: { id: string; name: string }, on: boolean) =>
    onChange(on ? [...chosen, { id: p.id, name: p.name }] : chosen.filter((c) => c.id !== p.id));
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
                  {p.name} ({p.code})
                </span>
              </label>
            ))}
          </div>
        )}
      </QueryStates>
    </fieldset>
  );
}
