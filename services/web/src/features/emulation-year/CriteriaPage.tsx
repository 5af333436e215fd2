import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useParams } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field, SelectField } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { CriteriaTable } from './CriteriaTable';
import { TaskPage } from './TaskPage';
import type { Year } from './useYear';

const Versions = graphql(`
  query CriteriaVersions($year: Int!) {
    criteriaSets(year: $year, first: 50) {
      id
      name
      version
      method
      crossScorers
      maxScore
      bonusCap
    }
  }
`);
const CreateSet = graphql(`
  mutation CreateCriteriaSet($input: CreateCriteriaSetInput!) {
    createCriteriaSet(input: $input) {
      id
      version
    }
  }
`);
const UseSet = graphql(`
  mutation UseCriteriaSet($id: ID!, $setId: ID!) {
    updateEmulationYear(id: $id, input: { criteriaSetId: $setId }) {
      id
    }
  }
`);

const METHODS = ['MEAN_OF_CROSS', 'MEAN_OF_SELF_AND_CROSS', 'SELF_ONLY'] as const;
const SCORERS = ['HEAD_AND_DEPUTY', 'ALL_OTHER_MEMBERS'] as const;

/** The secretariat chooses the year's scoring table among the year's versions, or makes a new version. */
export default function CriteriaPage() {
  const { blockId, year } = useParams<{ blockId: string; year: string }>();
  const { t } = useI18n();
  return (
    <TaskPage blockId={blockId} year={year} title={t('criteria.pageTitle')}>
      {(y, standing, reload) =>
        // The secretariat chooses the table; everyone else reads the one in force (what each criterion is worth).
        standing.admin && standing.writable ? (
          <CriteriaForm y={y} onChange={reload} />
        ) : y.criteriaSet ? (
          <CriteriaTable set={y.criteriaSet} />
        ) : (
          <Alert kind="info">{t('criteria.noneYet')}</Alert>
        )
      }
    </TaskPage>
  );
}

function CriteriaForm({ y, onChange }: { y: Year; onChange: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [versions, refetch] = useQuery({ query: Versions, variables: { year: y.year } });
  const [name, setName] = useState(t('criteria.defaultName', { year: y.year }));
  const [method, setMethod] = useState<(typeof METHODS)[number]>('MEAN_OF_CROSS');
  const [scorers, setScorers] = useState<(typeof SCORERS)[number]>('HEAD_AND_DEPUTY');
  const [bonusCap, setBonusCap] = useState('10');
  const create = useAction(CreateSet);
  const use = useAction(UseSet);
  const fixed = !['DRAFT', 'OPEN', 'COVENANT_SIGNED'].includes(y.state);

  async function choose(setId: string) {
    if (await use.run({ id: y.id, setId })) onChange();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const cap = Number(bonusCap.replace(',', '.'));
    const done = await create.run(
      { input: { year: y.year, name: name.trim(), method, crossScorers: scorers, bonusCap: cap } },
      {
        name: name.trim().length < 2 ? t('criteria.nameShort') : null,
        bonusCap: !Number.isFinite(cap) || cap < 0 || cap > 100 ? t('criteria.bonusInvalid') : null,
      },
    );
    if (done) {
      refetch({ requestPolicy: 'network-only' });
      await choose(done.createCriteriaSet.id);
    }
  }

  return (
    <>
      {y.criteriaSet && (
        <section className="card" aria-labelledby="current-set">
          <h2 id="current-set">
            {t('criteria.current', { name: y.criteriaSet.name, v: y.criteriaSet.version })}
          </h2>
          <p>
            {t(`criteria.method.${y.criteriaSet.method}`)} ·{' '}
            {t(`criteria.scorers.${y.criteriaSet.crossScorers}`)} ·{' '}
            {t('criteria.max', {
              max: i18n.number(y.criteriaSet.maxScore),
              bonus: i18n.number(y.criteriaSet.bonusCap),
            })}
          </p>
          <CriteriaTable set={y.criteriaSet} />
        </section>
      )}
      {fixed ? (
        <Alert kind="info">{t('criteria.fixed')}</Alert>
      ) : (
        <>
          <section className="card" aria-labelledby="versions">
            <h2 id="versions">{t('criteria.versions', { year: y.year })}</h2>
            {use.shown.general && <Alert>{use.shown.general}</Alert>}
            <ul className="list">
              {versions.data?.criteriaSets.map((s) => (
                <li key={s.id} className="item-head">
                  <span>
                    {t('criteria.version', { name: s.name, v: s.version })} –{' '}
                    {t(`criteria.method.${s.method}`)}
                  </span>
                  {s.id === y.criteriaSet?.id ? (
                    <strong>{t('criteria.inUse')}</strong>
                  ) : (
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => void choose(s.id)}
                    >
                      {t('criteria.use')}
                      <span className="visually-hidden">
                        {' '}
                        {t('criteria.version', { name: s.name, v: s.version })}
                      </span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="new-set">
            <h2 id="new-set">{t('criteria.new')}</h2>
            <p className="muted">{t('criteria.newIntro')}</p>
            <form className="form" onSubmit={(e) => void submit(e)} noValidate>
              {create.shown.general && <Alert>{create.shown.general}</Alert>}
              <Field
                label={t('criteria.name')}
                value={name}
                error={create.shown.fields.name}
                onChange={(e) => setName(e.target.value)}
              />
              <SelectField
                label={t('criteria.methodLabel')}
                value={method}
                onChange={(e) => setMethod(e.target.value as typeof method)}
              >
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`criteria.method.${m}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('criteria.scorersLabel')}
                value={scorers}
                onChange={(e) => setScorers(e.target.value as typeof scorers)}
              >
                {SCORERS.map((m) => (
                  <option key={m} value={m}>
                    {t(`criteria.scorers.${m}`)}
                  </option>
                ))}
              </SelectField>
              <Field
                label={t('criteria.bonusCap')}
                inputMode="decimal"
                className="num-input"
                value={bonusCap}
                error={create.shown.fields.bonusCap}
                onChange={(e) => setBonusCap(e.target.value)}
              />
              <button type="submit" className="button button-primary" disabled={create.busy || use.busy}>
                {t('criteria.create')}
              </button>
            </form>
          </section>
        </>
      )}
    </>
  );
}
