import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { ProvinceLink } from '../../app/ProvinceLink';
import { ProvinceScope } from '../../app/ProvinceScope';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Choice } from '../../ui/Choice';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { SelectField } from '../../ui/Field';
import { Alert, Loading } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { thisYear } from '../block/dates';
import { useFormerProvinces, type FormerOrCurrent } from '../province/useFormerProvinces';
import { UnitChooser, type ChosenUnit } from './UnitChooser';

const LINEAGE_KINDS = ['MERGE', 'SPLIT', 'RENAME', 'TRANSFER'] as const;
type Kind = (typeof LINEAGE_KINDS)[number];

export const LineageQuery = graphql(`
  query UnitLineage($id: ID!) {
    lineage(id: $id, subjectKind: UNIT) {
      predecessorId
      predecessorProvinceId
      predecessorName
      kind
      effectiveOn
    }
  }
`);

const RecordLineage = graphql(`
  mutation RecordLineage($input: LineageInput!) {
    recordLineage(input: $input) {
      predecessorId
    }
  }
`);

const RemoveLineage = graphql(`
  mutation RemoveLineage($successorId: ID!, $predecessorId: ID!) {
    removeLineage(subjectKind: UNIT, successorId: $successorId, predecessorId: $predecessorId) {
      predecessorId
    }
  }
`);

type Predecessor = ChosenUnit & { provinceId: string };

/**
 * The units this unit continues (merger, split, rename, transfer): the streak rules (§2) count their years as
 * this unit's. The secretariat records a link from a date, choosing predecessors among the province's units,
 * ended ones included, or those of a former province it absorbed; and removes a link recorded by mistake.
 */
export function LineageCard({ unit, admin }: { unit: { id: string; name: string }; admin: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const provinces = useFormerProvinces();
  const [res, refetch] = useQuery({ query: LineageQuery, variables: { id: unit.id } });
  const remove = useAction(RemoveLineage);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const provinceName = (id: string) => provinces.find((p) => p.id === id)?.label ?? '';
  const here = provinces[0]?.id;
  return (
    <section className="card" aria-labelledby="lineage-title">
      <h2 id="lineage-title">{t('unit.lineage')}</h2>
      {res.error ? (
        <ApiErrorView error={res.error} retry={reload} />
      ) : !res.data ? (
        <Loading />
      ) : res.data.lineage.length === 0 ? (
        <p className="muted">{t('unit.noLineage')}</p>
      ) : (
        <TableWrap label={t('unit.lineage')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('lineage.predecessor')}</th>
                <th scope="col">{t('lineage.kind')}</th>
                <th scope="col">{t('lineage.effectiveOn')}</th>
                {admin && <th scope="col">{t('lineage.remove')}</th>}
              </tr>
            </thead>
            <tbody>
              {res.data.lineage.map((l) => (
                <tr key={l.predecessorId}>
                  <th scope="row">
                    <ProvinceLink href={`/units/${l.predecessorId}`} provinceId={l.predecessorProvinceId}>
                      {l.predecessorName}
                    </ProvinceLink>
                    {l.predecessorProvinceId !== here && provinceName(l.predecessorProvinceId) && (
                      <span className="muted"> – {provinceName(l.predecessorProvinceId)}</span>
                    )}
                  </th>
                  <td>{t(`lineage.kind.${l.kind}`)}</td>
                  <td>{i18n.date(l.effectiveOn)}</td>
                  {admin && (
                    <td>
                      <ConfirmButton
                        label={t('lineage.remove')}
                        title={t('lineage.removeTitle', { name: l.predecessorName })}
                        danger
                        busy={remove.busy}
                        error={remove.shown.general && <Alert>{remove.shown.general}</Alert>}
                        action={async () => {
                          const done = await remove.run({
                            successorId: unit.id,
                            predecessorId: l.predecessorId,
                          });
                          if (done) reload();
                          return !!done;
                        }}
                      >
                        <p>
                          {t('lineage.removeBody', {
                            unit: unit.name,
                            name: l.predecessorName,
                            kind: t(`lineage.kind.${l.kind}`).toLowerCase(),
                            date: i18n.date(l.effectiveOn),
                          })}
                        </p>
                      </ConfirmButton>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {admin && here && (
        <RecordLineageForm
          unit={unit}
          provinces={provinces}
          exclude={res.data?.lineage.map((l) => l.predecessorId) ?? []}
          onRecorded={reload}
        />
      )}
    </section>
  );
}

function RecordLineageForm({
  unit,
  provinces,
  exclude,
  onRecorded,
}: {
  unit: { id: string; name: string };
  provinces: FormerOrCurrent[];
  exclude: string[];
  onRecorded: () => void;
}) {
  const { t } = useI18n();
  const record = useAction(RecordLineage);
  const [kind, setKind] = useState<Kind>('MERGE');
  const [effectiveOn, setEffectiveOn] = useState('');
  const [provinceId, setProvinceId] = useState(provinces[0]!.id);
  const [chosen, setChosen] = useState<Predecessor[]>([]);
  const [recorded, setRecorded] = useState(false);
  const label = (p: Predecessor) =>
    p.provinceId === provinces[0]!.id
      ? p.name
      : `${p.name} – ${provinces.find((x) => x.id === p.provinceId)?.label ?? ''}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRecorded(false);
    const done = await record.run(
      {
        input: {
          subjectKind: 'UNIT' as const,
          successorId: unit.id,
          kind,
          effectiveOn,
          predecessors: chosen.map((p) => ({
            id: p.id,
            provinceId: p.provinceId === provinces[0]!.id ? null : p.provinceId,
          })),
        },
      },
      {
        predecessors: !chosen.length
          ? t('lineage.check.none')
          : kind !== 'MERGE' && chosen.length > 1
            ? t('lineage.check.one', { kind: t(`lineage.kind.${kind}`) })
            : null,
        effectiveOn: !/^\d{4}-\d{2}-\d{2}$/.test(effectiveOn)
          ? t('lineage.check.date')
          : effectiveOn > `${thisYear()}-12-31`
            ? t('lineage.check.future')
            : null,
      },
    );
    if (done) {
      setChosen([]);
      setRecorded(true);
      onRecorded();
    }
  };
  // The API names a predecessor's own field (predecessors.0.id, predecessors.1.provinceId): shown by the list.
  const predecessorsError =
    record.shown.fields.predecessors ??
    Object.entries(record.shown.fields).find(([k]) => k.startsWith('predecessors.'))?.[1] ??
    null;
  const err = (k: string) => record.shown.fields[k] ?? record.shown.fields[`input.${k}`] ?? null;
  const taken = new Set([unit.id, ...exclude, ...chosen.map((c) => c.id)]);

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="record-lineage">
      <h3 id="record-lineage">{t('lineage.record')}</h3>
      <p className="muted">{t('lineage.recordHint', { unit: unit.name })}</p>
      <div className="form-row">
        <Choice
          label={t('lineage.kind')}
          prefix="lineage.kind"
          options={LINEAGE_KINDS}
          value={kind}
          error={err('kind')}
          onChange={(e) => setKind(e.target.value as Kind)}
        />
        <DateField
          label={t('lineage.effectiveOn')}
          value={effectiveOn}
          error={err('effectiveOn')}
          onChange={setEffectiveOn}
        />
      </div>
      <fieldset className="fieldset">
        <legend>{t('lineage.predecessors')}</legend>
        {provinces.length > 1 && (
          <div className="form-row">
            <SelectField
              label={t('lineage.province')}
              hint={t('lineage.provinceHint')}
              value={provinceId}
              onChange={(e) => setProvinceId(e.target.value)}
            >
              {provinces.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </SelectField>
          </div>
        )}
        <ProvinceScope provinceId={provinceId}>
          <UnitChooser
            label={t('lineage.predecessor')}
            addLabel={t('lineage.add')}
            exclude={taken}
            error={predecessorsError}
            onAdd={(u) => {
              record.reset();
              setChosen((c) => [...c, { ...u, provinceId }]);
            }}
          />
        </ProvinceScope>
        {chosen.length === 0 ? (
          <p className="muted">{t('lineage.noneChosen')}</p>
        ) : (
          <ul className="list">
            {chosen.map((p) => (
              <li key={p.id} className="item-head">
                <span>{label(p)}</span>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t('lineage.unchoose', { name: p.name })}
                  onClick={() => setChosen((c) => c.filter((x) => x.id !== p.id))}
                >
                  {t('lineage.unchooseShort')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {/* A merged or renamed unit ends: one still in force would still be offered to blocks and votes. */}
        {(kind === 'MERGE' || kind === 'RENAME') &&
          chosen
            // A former province's units are read-only and offered to nothing: only this province's are ended here.
            .filter((p) => !p.validTo && p.provinceId === provinces[0]!.id)
            .map((p) => (
              <Alert key={p.id} kind="warning">
                {t('lineage.stillActive', { name: p.name, kind: t(`lineage.kind.${kind}`).toLowerCase() })}
              </Alert>
            ))}
      </fieldset>
      {record.shown.general && <Alert>{record.shown.general}</Alert>}
      {recorded && <Alert kind="success">{t('lineage.recorded')}</Alert>}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={record.busy}>
          {t('lineage.record')}
        </button>
      </div>
    </form>
  );
}
