import { useQuery } from 'urql';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { vietnamInput } from '../../ui/vietnamTime';
import { UnitHistoryQuery } from './historyQueries';

const YEAR_MS = 365 * 86_400_000;

/**
 * The news an officer waits for after the conference and the council: the awards the Chairman's decisions of
 * the last twelve months conferred on the unit, each with its decision. The unit's full history (its people's
 * titles too) is a link away.
 */
export function RecentAwards({ unitId }: { unitId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [res] = useQuery({ query: UnitHistoryQuery, variables: { id: unitId } });
  const since = vietnamInput(new Date(Date.now() - YEAR_MS)).slice(0, 10);
  const unit = res.data?.unit.name ?? '';
  const recent = (res.data?.unitAwardHistory ?? []).filter(
    (a) => !a.personId && a.status === 'DECIDED' && a.decision.decisionDate >= since,
  );
  if (!recent.length) return null;
  const id = `awards-${unitId}`;
  return (
    <section className="card task" aria-labelledby={id}>
      <h2 id={id}>{t('home.awards', { unit })}</h2>
      <ul className="task-list">
        {recent.map((a) => (
          <li key={`${a.decision.id}:${a.form}:${a.year}`}>
            {t('home.award', { unit, form: t(`form.${a.form}`), year: a.year })}{' '}
            <Link href={`/award-decisions/${a.decision.id}`}>
              {t('home.awardDecision', {
                number: a.decision.numberText,
                date: i18n.date(a.decision.decisionDate),
              })}
            </Link>
          </li>
        ))}
      </ul>
      <Link href={`/units/${unitId}/awards`}>{t('home.awardHistory', { unit })}</Link>
    </section>
  );
}
