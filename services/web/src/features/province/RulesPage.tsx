import { readFragment, type ResultOf } from 'gql.tada';
import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { canAct, openingYearHere, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Field } from '../../ui/Field';
import { Alert, Empty, Loading, Page } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { BaseSalaryTable } from '../base-salary/BaseSalaryTable';
import { explainRules } from './explain';
import { RulesForm } from './RulesForm';
import { formName } from '../awards/formName';

export const RulesFields = graphql(`
  fragment RulesFields on AwardRules {
    flagQuota {
      kind
      value
    }
    meritQuota {
      kind
      value
    }
    voteThresholdPercent
    voteThresholdMode
    maxRounds
    runoffCandidates
    tieBreaks
    disqualifications
    minimumScore
    councilFlagPercent
    councilCstdProvPercent
    councilAttendancePercent
    headDeputyMode
    dossierDeadline {
      kind
      days
      month
      day
      yearOffset
    }
    prizeMultipliers
  }
`);

const RulesQuery = graphql(
  `
    query ProvinceRules($year: Int!) {
      awardRuleSet(year: $year) {
        effectiveYear
        rules {
          ...RulesFields
        }
      }
      awardRuleSetVersions {
        effectiveYear
      }
    }
  `,
  [RulesFields],
);

/**
 * The province's award rules: the version in force for a year, each rule R1–R13 said in words, the versions
 * set, a form for a new version (the secretariat), the prize multipliers and the base salary they multiply.
 */
export default function RulesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const admin = canAct(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  const [year, setYear] = useState(() => openingYearHere(session));
  const [typed, setTyped] = useState(String(year));
  const [saved, setSaved] = useState<number | null>(null);
  // Said above the form, which the person has scrolled past to issue: brought into view.
  useEffect(() => {
    if (saved !== null) document.getElementById('rules-saved')?.scrollIntoView({ block: 'center' });
  }, [saved]);
  const [res, refetch] = useQuery({ query: RulesQuery, variables: { year } });
  const title = t('rules.title');
  if (res.error)
    return (
      <Page title={title}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  const set = res.data?.awardRuleSet;
  // urql keeps the previous year's answer while the next one loads: title it with the year it answers.
  const shown = res.operation?.variables.year ?? year;
  const rules = set ? readRules(readFragment(RulesFields, set.rules)) : null;
  const show = (e: FormEvent) => {
    e.preventDefault();
    const y = Number(typed);
    if (Number.isInteger(y) && y >= 2000 && y <= 2100) setYear(y);
  };
  const yearOk = /^\d{4}$/.test(typed) && Number(typed) >= 2000 && Number(typed) <= 2100;

  return (
    <Page title={title} wide>
      <form className="filters" onSubmit={show} noValidate>
        <Field
          label={t('rules.year')}
          inputMode="numeric"
          value={typed}
          error={yearOk ? null : t('rules.check.year')}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="button button-secondary">
          {t('rules.show')}
        </button>
      </form>
      {!rules || !set ? (
        <Loading />
      ) : (
        <>
          <section className="card" aria-labelledby="in-force">
            <h2 id="in-force">{t('rules.inForce', { year: shown })}</h2>
            <p>
              {set.effectiveYear ? t('rules.fromVersion', { year: set.effectiveYear }) : t('rules.defaults')}
            </p>
            <TableWrap label={t('rules.inForce', { year: shown })}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('rules.rule')}</th>
                    <th scope="col">{t('rules.meaning')}</th>
                  </tr>
                </thead>
                <tbody>
                  {explainRules(i18n, rules).map((line) => (
                    <tr key={line.rule}>
                      <th scope="row">{line.rule}</th>
                      <td>{line.text}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <h3>{t('rules.prize')}</h3>
            <TableWrap label={t('rules.prize')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('rules.prizeForm')}</th>
                    <th scope="col">{t('rules.multiplier')}</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(rules.prizeMultipliers).map(([form, m]) => (
                    <tr key={form}>
                      <th scope="row">{formName(i18n, form)}</th>
                      <td>{i18n.number(m, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </section>
          <section className="card" aria-labelledby="versions">
            <h2 id="versions">{t('rules.versions')}</h2>
            {res.data!.awardRuleSetVersions.length === 0 ? (
              <Empty>{t('rules.noVersions')}</Empty>
            ) : (
              <ul className="actions">
                {res.data!.awardRuleSetVersions.map((v) => (
                  <li key={v.effectiveYear}>
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-pressed={set.effectiveYear === v.effectiveYear}
                      onClick={() => {
                        setYear(v.effectiveYear!);
                        setTyped(String(v.effectiveYear));
                      }}
                    >
                      {t('rules.view', { year: v.effectiveYear! })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {saved !== null && (
            <Alert kind="success" id="rules-saved">
              {t('rules.saved', { year: saved })}
            </Alert>
          )}
          {admin && (
            <RulesForm
              key={`${year}:${set.effectiveYear}`}
              year={year}
              rules={rules}
              onSaved={(y) => {
                setSaved(y);
                setYear(y);
                setTyped(String(y));
                refetch({ requestPolicy: 'network-only' });
              }}
            />
          )}
        </>
      )}
      <BaseSalaryTable />
    </Page>
  );
}

/** The multipliers come as JSON: a map of award form to number. */
function readRules(r: ResultOf<typeof RulesFields>) {
  return { ...r, prizeMultipliers: (r.prizeMultipliers ?? {}) as Record<string, number> };
}
export type ReadRules = ReturnType<typeof readRules>;
