import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation, useSearch } from 'wouter';
import { canAct, endedOnHere, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { thisYear } from '../block/dates';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { CardTable } from '../../ui/CardTable';
import { TableWrap } from '../../ui/TableWrap';
import { QueryStates } from '../../ui/QueryStates';

/** Decisions without their items: the list stays lean whatever a decision's annex holds. */
const DecisionsQuery = graphql(`
  query AwardDecisionList($year: Int) {
    awardDecisions(year: $year, first: 200) {
      id
      numberText
      issuerName
      decisionDate
      signerName
      recordedFromDocuments
    }
  }
`);

/** The province's award decisions of a calendar year, newest first (the year filtered on the server). */
export default function AwardDecisionsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const secretariat = canAct(session, 'PROVINCE_ADMIN');
  // Decisions are listed by the year they were signed: a former province's last is the year it ended. The year
  // chosen is the page's address (`?year=2025`), so a year's list can be linked to and Back returns to it.
  const [, navigate] = useLocation();
  const asked = new URLSearchParams(useSearch()).get('year') ?? '';
  const ended = endedOnHere(session);
  const year = /^\d{4}$/.test(asked)
    ? Number(asked)
    : ended
      ? Math.min(thisYear(), Number(ended.slice(0, 4)))
      : thisYear();
  const [text, setText] = useState(String(year));
  useEffect(() => setText(String(year)), [year]);
  const [error, setError] = useState<string | null>(null);
  const [res, refetch] = useQuery({ query: DecisionsQuery, variables: { year } });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4}$/.test(text.trim())) return setError(t('queue.check.year'));
    setError(null);
    navigate(`/award-decisions?year=${text.trim()}`);
  };
  return (
    <Page
      title={t('decisions.title')}
      wide
      actions={
        secretariat && (
          <Link href="/award-decisions/new" className="button button-primary">
            {t('decisions.issue')}
          </Link>
        )
      }
    >
      <form className="filters" onSubmit={apply} noValidate>
        <Field
          label={t('decisions.year')}
          inputMode="numeric"
          className="num-input"
          value={text}
          error={error}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button button-secondary">
          {t('queue.apply')}
        </button>
      </form>
      <QueryStates
        error={res.error}
        refetch={refetch}
        data={res.data}
        isEmpty={(data) => data.awardDecisions.length === 0}
        empty={t('decisions.none', { year })}
      >
        {(data) => (
          <TableWrap label={t('decisions.title')}>
            <CardTable
              caption={t('decisions.caption', { year })}
              columns={[
                t('decisions.number'),
                t('decision.issuer'),
                t('decision.date'),
                t('decision.signer'),
              ]}
              rows={data.awardDecisions.map((d) => ({
                key: d.id,
                heading: (
                  <>
                    <Link href={`/award-decisions/${d.id}`}>{d.numberText}</Link>
                    {d.recordedFromDocuments && (
                      <span className="item-meta"> · {t('decisions.fromDocuments')}</span>
                    )}
                  </>
                ),
                cells: [d.issuerName, i18n.date(d.decisionDate), d.signerName],
              }))}
            />
          </TableWrap>
        )}
      </QueryStates>
    </Page>
  );
}
