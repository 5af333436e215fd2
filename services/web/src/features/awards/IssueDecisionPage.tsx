import { useMemo, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation, useSearch } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { Field } from '../../ui/Field';
import { Alert, Page } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { today } from '../block/dates';
import { NominationPicker, toggled } from './NominationPicker';
import { IssueDecisionMutation } from './operations';
import { useFormerProvinces } from '../province/useFormerProvinces';
import { SalariesQuery } from '../base-salary/BaseSalaryTable';

const NextNumberQuery = graphql(`
  query NextDecisionNumber($issuerCode: String!, $year: Int!) {
    nextDecisionNumber(issuerCode: $issuerCode, year: $year)
  }
`);

/** The nominations a council session voted on: those it approved are chosen when the page is opened from it. */
const SessionNominationsQuery = graphql(`
  query SessionNominations($id: ID!) {
    votingPeriod(id: $id) {
      id
      contests {
        id
        nominationId
      }
    }
  }
`);

/**
 * Issuing an award decision (/award-decisions/new): the council-approved nominations it decides, the issuer
 * as it will stand on the paper, the date (which fixes the base salary the prize money is counted on) and the
 * signer. The number is the one the committee's register gave, or else the issuer's next in the calendar year,
 * taken when it is issued.
 */
export default function IssueDecisionPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [, navigate] = useLocation();
  // "UBND tỉnh Lào Cai", "UBND thành phố Huế": as the decision's issuer is written.
  const province = useFormerProvinces()[0]?.fullName ?? '';
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  // Opened from a published council session (?session=): its approved nominations start chosen.
  const session = new URLSearchParams(useSearch()).get('session');
  const [sessionRes] = useQuery({
    query: SessionNominationsQuery,
    variables: { id: session ?? '' },
    pause: !session,
  });
  const fromSession = useMemo(
    () =>
      new Set(
        (sessionRes.data?.votingPeriod.contests ?? []).flatMap((c) =>
          c.nominationId ? [c.nominationId] : [],
        ),
      ),
    [sessionRes.data],
  );
  const [total, setTotal] = useState<number | null>(null);
  // Until the person types one, the issuer is the province's committee (known once the province has loaded).
  const [typedIssuer, setIssuerName] = useState<string | null>(null);
  const issuerName = typedIssuer ?? (province ? `UBND ${province}` : '');
  const [issuerCode, setIssuerCode] = useState('UBND');
  const [decisionDate, setDecisionDate] = useState(today);
  const [signerName, setSignerName] = useState('');
  const [signerTitle, setSignerTitle] = useState('Chủ tịch');
  // The committee's register numbers all its decisions; empty: the platform's series gives the next number.
  const [registerNumber, setRegisterNumber] = useState('');
  const number = registerNumber.trim() ? Number(registerNumber.trim()) : null;
  // The Department's submission the decision answers, cited in it when given (both or neither).
  const [submissionNumber, setSubmissionNumber] = useState('');
  const [submissionDate, setSubmissionDate] = useState('');
  const [confirming, setConfirming] = useState(false);
  const action = useAction(IssueDecisionMutation);

  const checks = () => ({
    nominationIds: chosen.size ? null : t('decisions.check.none'),
    issuerName: issuerName.trim().length >= 5 ? null : t('decisions.check.issuerName'),
    issuerCode: /^[A-ZĐ]{2,12}$/.test(issuerCode) ? null : t('decisions.check.issuerCode'),
    decisionDate: decisionDate ? null : t('decisions.check.date'),
    signerName: signerName.trim().length >= 2 ? null : t('decisions.check.signer'),
    number:
      number === null || (Number.isInteger(number) && number >= 1 && number <= 99_999)
        ? null
        : t('decisions.check.number'),
    submissionNumber:
      !submissionNumber.trim() && submissionDate
        ? t('decisions.check.submissionNumber')
        : submissionNumber.trim() && !/^\d{1,5}\/TTr-[A-ZĐ0-9-]{2,20}$/u.test(submissionNumber.trim())
          ? t('decisions.check.submissionFormat')
          : null,
    submissionDate:
      submissionNumber.trim() && !submissionDate
        ? t('decisions.check.submissionDate')
        : submissionDate && decisionDate && submissionDate > decisionDate
          ? t('decisions.check.submissionLate')
          : null,
  });
  function review(e: FormEvent) {
    e.preventDefault();
    if (action.check(checks())) setConfirming(true);
  }
  async function issue() {
    const done = await action.run({
      input: {
        issuerName: issuerName.trim(),
        issuerCode,
        decisionDate,
        signerName: signerName.trim(),
        signerTitle: signerTitle.trim() || 'Chủ tịch',
        nominationIds: [...chosen],
        number,
        submissionNumber: submissionNumber.trim() || null,
        submissionDate: submissionDate || null,
      },
    });
    if (done) navigate(`/award-decisions/${done.issueAwardDecision.id}`);
    else setConfirming(false);
  }
  const err = (f: string) => action.shown.fields[f];
  // The number the series would give, read as the dialog opens (another decision issued first would take it).
  const nextFor = { issuerCode, year: Number(decisionDate.slice(0, 4)) };
  const [next] = useQuery({
    query: NextNumberQuery,
    variables: nextFor,
    pause: !confirming || number !== null,
    requestPolicy: 'network-only',
  });
  // Only an answer for this issuer and year, read now: an earlier one (another year, before a cancel) is not said.
  const asked = next.operation?.variables;
  const nextNumber =
    !next.fetching && !next.stale && asked?.issuerCode === nextFor.issuerCode && asked.year === nextFor.year
      ? next.data?.nextDecisionNumber
      : undefined;

  // The base salary the prizes will be counted on: the table's latest row in force on the date (oldest first).
  const [salaries] = useQuery({ query: SalariesQuery, pause: !confirming });
  const salary = salaries.data?.baseSalaries.filter((s) => s.effectiveFrom <= decisionDate).at(-1);

  return (
    <Page title={t('decisions.issueTitle')} wide>
      <form className="card form" onSubmit={review} noValidate aria-labelledby="issue-form">
        <h2 id="issue-form">{t('decisions.approved')}</h2>
        {action.shown.general && <Alert>{action.shown.general}</Alert>}
        <NominationPicker
          status="COUNCIL_APPROVED"
          label={t('decisions.approved')}
          chosen={chosen}
          onToggle={(ids, on) => setChosen((s) => toggled(s, ids, on))}
          empty={t('decisions.noneApproved')}
          preselect={fromSession}
          emptyMore={
            <p>
              {t('decisions.noneApprovedWhere')} <Link href="/council">{t('decisions.toCouncil')}</Link>
              {' · '}
              <Link href="/nominations">{t('decisions.toNominations')}</Link>
            </p>
          }
          onTotal={setTotal}
          error={err('nominationIds') && <p className="field-error">{err('nominationIds')}</p>}
        />
        {total !== 0 && (
          <>
            <div className="form-row">
              <Field
                label={t('decisions.issuerName')}
                value={issuerName}
                onChange={(e) => setIssuerName(e.target.value)}
                error={err('issuerName')}
              />
              <Field
                label={t('decisions.issuerCode')}
                hint={t('decisions.issuerCodeHint')}
                value={issuerCode}
                onChange={(e) => setIssuerCode(e.target.value.toUpperCase())}
                error={err('issuerCode')}
              />
              <Field
                label={t('decisions.registerNumber')}
                hint={t('decisions.registerNumberHint', { series: `QĐ-${issuerCode}` })}
                inputMode="numeric"
                value={registerNumber}
                onChange={(e) => setRegisterNumber(e.target.value)}
                error={err('number')}
              />
              <DateField
                label={t('decision.date')}
                hint={t('decisions.dateHint')}
                value={decisionDate}
                onChange={setDecisionDate}
                error={err('decisionDate')}
              />
            </div>
            <div className="form-row">
              <Field
                label={t('decisions.signerName')}
                value={signerName}
                onChange={(e) => setSignerName(e.target.value)}
                error={err('signerName')}
              />
              <Field
                label={t('decisions.signerTitle')}
                value={signerTitle}
                onChange={(e) => setSignerTitle(e.target.value)}
                error={err('signerTitle')}
              />
            </div>
            <div className="form-row">
              <Field
                label={t('decisions.submissionNumber')}
                hint={t('decisions.submissionNumberHint')}
                value={submissionNumber}
                onChange={(e) => setSubmissionNumber(e.target.value)}
                error={err('submissionNumber')}
              />
              <DateField
                label={t('decisions.submissionDate')}
                value={submissionDate}
                onChange={setSubmissionDate}
                error={err('submissionDate')}
              />
            </div>
            <div className="actions">
              <button type="submit" className="button button-primary">
                {t('decisions.issue')}
              </button>
            </div>
          </>
        )}
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('decisions.confirmTitle')}
        confirmLabel={t('decisions.issueNow')}
        busy={action.busy}
        error={action.shown.general && <Alert>{action.shown.general}</Alert>}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void issue()}
      >
        <p>
          {t(
            number
              ? 'decisions.confirmBodyNumbered'
              : nextNumber
                ? 'decisions.confirmBodyNext'
                : 'decisions.confirmBody',
            {
              n: chosen.size,
              number: `${number ?? nextNumber}/QĐ-${issuerCode}`,
              series: `QĐ-${issuerCode}`,
              year: decisionDate.slice(0, 4),
              date: decisionDate ? i18n.date(decisionDate) : '',
            },
          )}
        </p>
        {salaries.data &&
          (salary ? (
            <p>
              {t('decisions.baseSalaryUsed', {
                amount: i18n.number(salary.amountVnd, 0),
                from: i18n.date(salary.effectiveFrom),
              })}
            </p>
          ) : (
            <Alert>
              {t('decisions.noBaseSalary', { date: decisionDate ? i18n.date(decisionDate) : '' })}
            </Alert>
          ))}
        {/* The committee's office numbers all its decisions in one register: the platform's own series cannot
            know that register, so a number left out is said to be the platform's before it is taken for good. */}
        {number === null && (
          <Alert kind="warning">
            {t('decisions.seriesWarning', { series: `QĐ-${issuerCode}`, year: decisionDate.slice(0, 4) })}
          </Alert>
        )}
      </ConfirmDialog>
    </Page>
  );
}
