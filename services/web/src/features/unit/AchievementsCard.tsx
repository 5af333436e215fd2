import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Choice } from '../../ui/Choice';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { Alert, Loading } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { thisYear } from '../block/dates';
import { formName } from '../awards/formName';

/** What the API records for each (a unit's titles are collective, a person's individual). */
const TITLES = {
  UNIT: ['FLAG_PROVINCE', 'MERIT_PROVINCE', 'COLL_EXCELLENT', 'COLL_ADVANCED', 'FLAG_GOVERNMENT'],
  PERSON: ['CSTD_NAT', 'CSTD_PROV', 'CSTD_BASE', 'LDTT'],
} as const;
type Kind = keyof typeof TITLES;
type Title = (typeof TITLES)[Kind][number];

export const AchievementsQuery = graphql(`
  query Achievements($id: ID!, $kind: SubjectKind!) {
    achievements(subjectId: $id, subjectKind: $kind, first: 200) {
      id
      title
      year
      decisionRef
    }
  }
`);

const Record = graphql(`
  mutation RecordAchievement($input: [AchievementInput!]!) {
    recordAchievements(input: $input) {
      id
    }
  }
`);

const Remove = graphql(`
  mutation RemoveAchievement($id: ID!) {
    removeAchievement(id: $id) {
      id
    }
  }
`);

/**
 * A unit's or a person's titles and awards conferred outside the platform (before it, or by other issuers),
 * recorded from their decisions: the streak rules (§2) count them.
 */
export function AchievementsCard({
  subjectKind = 'UNIT',
  subjectId,
  admin,
}: {
  subjectKind?: Kind;
  subjectId: string;
  admin: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [res, refetch] = useQuery({
    query: AchievementsQuery,
    variables: { id: subjectId, kind: subjectKind },
  });
  const record = useAction(Record);
  const remove = useAction(Remove);
  const [f, setF] = useState({
    title: subjectKind === 'UNIT' ? 'COLL_EXCELLENT' : 'CSTD_BASE',
    year: '',
    decisionRef: '',
  });
  // "new", or "updated" when the title of that year was there already (recording it again corrects its decision).
  const [recorded, setRecorded] = useState<'new' | 'updated' | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRecorded(null);
    const year = Number(f.year);
    const had = res.data?.achievements.some((a) => a.title === f.title && a.year === year);
    const done = await record.run(
      {
        input: [
          {
            subjectId,
            subjectKind,
            title: f.title as Title,
            year,
            decisionRef: f.decisionRef.trim(),
          },
        ],
      },
      {
        // An achievement already awarded: the years the gateway accepts (1990, when the registers begin, to this one).
        year:
          Number.isInteger(year) && year >= 1990 && year <= thisYear()
            ? null
            : t('unit.check.achievementYear', { last: thisYear() }),
        decisionRef: f.decisionRef.trim().length >= 5 ? null : t('unit.check.ref'),
      },
    );
    if (done) {
      setRecorded(had ? 'updated' : 'new');
      setF({ ...f, year: '', decisionRef: '' });
      reload();
    }
  };
  const err = (k: string) => record.shown.fields[k] ?? record.shown.fields[`input.0.${k}`] ?? null;
  const title = (x: string) => formName(i18n, x);
  return (
    <section className="card" aria-labelledby="achievements-title">
      <h2 id="achievements-title">{t('unit.achievements')}</h2>
      {res.error ? (
        <ApiErrorView error={res.error} />
      ) : !res.data ? (
        <Loading />
      ) : res.data.achievements.length === 0 ? (
        <p className="muted">{t('unit.noAchievements')}</p>
      ) : (
        <TableWrap label={t('unit.achievements')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('unit.achievementYear')}</th>
                <th scope="col">{t('unit.achievementTitle')}</th>
                <th scope="col">{t('unit.decisionRef')}</th>
                {admin && <th scope="col">{t('unit.remove')}</th>}
              </tr>
            </thead>
            <tbody>
              {res.data.achievements.map((a) => (
                <tr key={a.id}>
                  <th scope="row" className="short">
                    {a.year}
                  </th>
                  <td>{title(a.title)}</td>
                  <td>{a.decisionRef}</td>
                  {admin && (
                    <td>
                      <ConfirmButton
                        label={t('unit.remove')}
                        title={t('unit.removeTitle')}
                        danger
                        busy={remove.busy}
                        error={remove.shown.general && <Alert>{remove.shown.general}</Alert>}
                        action={async () => {
                          const ok = await remove.run({ id: a.id });
                          if (ok) reload();
                          return !!ok;
                        }}
                      >
                        <p>
                          {t(subjectKind === 'UNIT' ? 'unit.removeBody' : 'person.removeAchievementBody', {
                            title: title(a.title),
                            year: a.year,
                            ref: a.decisionRef,
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
      {admin && (
        <form
          className="form"
          noValidate
          onSubmit={(e) => void submit(e)}
          aria-labelledby="record-achievement"
        >
          <h3 id="record-achievement">{t('unit.record')}</h3>
          <Choice
            label={t('unit.achievementTitle')}
            prefix="form"
            options={TITLES[subjectKind]}
            value={f.title}
            error={err('title')}
            onChange={(e) => setF({ ...f, title: e.target.value })}
          />
          <Field
            label={t('unit.achievementYear')}
            inputMode="numeric"
            value={f.year}
            error={err('year')}
            onChange={(e) => setF({ ...f, year: e.target.value })}
          />
          <Field
            label={t('unit.decisionRef')}
            hint={t('unit.decisionRefHint')}
            value={f.decisionRef}
            error={err('decisionRef')}
            onChange={(e) => setF({ ...f, decisionRef: e.target.value })}
          />
          {record.shown.general && <Alert>{record.shown.general}</Alert>}
          {recorded && (
            <Alert kind="success">{t(recorded === 'new' ? 'unit.recorded' : 'unit.recordedAgain')}</Alert>
          )}
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={record.busy}>
              {t('unit.record')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
