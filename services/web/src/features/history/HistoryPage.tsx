import { useEffect, useState, type FormEvent } from 'react';
import { recordsHistoryHere, useSession } from '../../app/session';
import { ProvinceScope } from '../../app/ProvinceScope';
import { useI18n } from '../../i18n/i18n';
import { Field, SelectField } from '../../ui/Field';
import { Alert, Page } from '../../ui/Page';
import { thisYear } from '../block/dates';
import { useFormerProvinces } from '../province/useFormerProvinces';
import { PastDecisionForm } from './PastDecisionForm';
import { PastYearForm } from './PastYearForm';
import { RecordedDecisions, RecordedYears } from './Recorded';
import { removedFrom } from './RemoveRecordedYear';

/**
 * History recorded from documents (/province/history): block years the province did not run on the platform,
 * from their minutes or the press, and the award decisions that followed. A year before a merged province began
 * belongs to the former province it continues, so the secretariat may record in one of those instead.
 */
export default function HistoryPage() {
  const { t } = useI18n();
  const session = useSession();
  const admin = !!session.provinceId && recordsHistoryHere(session);
  const provinces = useFormerProvinces();
  const [scope, setScope] = useState(session.provinceId ?? '');
  // Back from removing a year recorded wrongly: that year is shown, to be recorded again.
  const [removed] = useState(() => removedFrom(window.history.state));
  // Said once: a reload or a return to this page later does not say it again.
  useEffect(() => {
    if (removed) window.history.replaceState(null, '');
  }, [removed]);
  const [year, setYear] = useState(() => removed?.removedYear ?? thisYear() - 1);
  const [draftYear, setDraftYear] = useState(String(year));
  const [yearError, setYearError] = useState<string | null>(null);
  const [decisionYear, setDecisionYear] = useState(year);
  const province = provinces.find((p) => p.id === scope);
  // A year the chosen province did not run is recorded in the one that did (a former province before the
  // merger): said as the year is chosen, before anything is typed, since units and blocks are each province's own.
  const yearProblem = (y: number): string | null => {
    if (!province || province.runsYear(y)) return null;
    const owners = provinces.filter((p) => p.id !== scope && p.runsYear(y)).map((p) => p.label);
    return owners.length
      ? t('past.yearElsewhere', { year: y, names: owners.join('; ') })
      : t('past.yearNotRun', { year: y, name: province.label });
  };

  const viewedElsewhere = yearProblem(year);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const y = Number(draftYear.trim());
    if (!/^\d{4}$/.test(draftYear.trim()) || y < 2000) return setYearError(t('past.check.filterYear'));
    setYearError(null);
    setYear(y);
    setDecisionYear(y);
  };
  const show = (y: number) => {
    setYear(y);
    setDecisionYear(y);
    setDraftYear(String(y));
  };

  return (
    <Page title={t('past.title')} subtitle={t('past.intro')} wide>
      {!admin ? (
        <Alert>{t('past.onlySecretariat')}</Alert>
      ) : (
        <>
          <form className="filters" noValidate onSubmit={apply} aria-label={t('past.filter')}>
            {provinces.length > 1 && (
              // Applied at once, not on "Xem": the forms below (their blocks, units and issuer) are the chosen
              // province's, and a year of a former province must never be recorded with its successor's units.
              <SelectField
                label={t('past.province')}
                value={scope}
                onChange={(e) => setScope(e.target.value)}
              >
                {provinces.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </SelectField>
            )}
            <Field
              label={t('past.filterYear')}
              inputMode="numeric"
              className="num-input"
              value={draftYear}
              error={yearError}
              onChange={(e) => setDraftYear(e.target.value)}
            />
            <button type="submit" className="button button-secondary">
              {t('past.show')}
            </button>
          </form>
          {removed && (
            <Alert kind="success">
              {t('past.removed', { year: removed.removedYear, block: removed.removedBlock })}
            </Alert>
          )}
          {province?.former && <Alert kind="info">{t('past.inFormer', { name: province.label })}</Alert>}
          {viewedElsewhere && <Alert kind="info">{viewedElsewhere}</Alert>}
          <ProvinceScope key={scope} provinceId={scope}>
            <RecordedYears year={year} provinceId={scope} />
            <PastYearForm year={year} yearProblem={yearProblem} onRecorded={show} />
            <PastDecisionForm
              key={`${province?.name ?? ''}:${year}`}
              year={year}
              provinceFullName={province?.fullName ?? ''}
              // The list covers decisions signed in the year viewed and the next: one signed there stays in that view.
              onRecorded={(signedIn) => setDecisionYear(signedIn === year + 1 ? year : signedIn)}
            />
            <RecordedDecisions year={decisionYear} provinceId={scope} />
          </ProvinceScope>
        </>
      )}
    </Page>
  );
}
