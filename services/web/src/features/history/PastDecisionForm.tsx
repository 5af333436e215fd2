import { formName } from '../awards/formName';
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../ui/DateField';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { today } from '../block/dates';
import { QueryStates } from '../../ui/QueryStates';

const PAGE = 100;

/** Proposals waiting for their decision; those of years run on the platform are decided by issueAwardDecision. */
const WaitingNominations = graphql(`
  query PastDecisionNominations($year: Int!, $after: String) {
    nominationQueue(
      first: 100
      after: $after
      filter: { year: $year, statuses: [SUBMITTED, COUNCIL_APPROVED] }
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        form
        unit {
          id
          name
        }
        emulationYear {
          id
          recordedFromDocuments
          block {
            id
            name
          }
        }
      }
    }
  }
`);

/** A year recorded on this page brings new proposals, even into an empty list. */
const WAITING_CONTEXT = { additionalTypenames: ['EmulationYear'] };

const RecordPastDecision = graphql(`
  mutation RecordPastDecision($input: RecordPastDecisionInput!) {
    recordPastDecision(input: $input) {
      id
      numberText
      decisionDate
    }
  }
`);

/**
 * A past award decision as issued (recordPastDecision): its number and issuer as they stand on the paper, its
 * date and signer, and the proposals of years recorded from documents that it decided.
 */
export function PastDecisionForm({
  year,
  provinceFullName,
  onRecorded,
}: {
  year: number;
  provinceFullName: string;
  onRecorded: (decisionYear: number) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const pager = usePager();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [f, setF] = useState({
    numberText: '',
    issuerName: provinceFullName ? `UBND ${provinceFullName}` : '',
    decisionDate: '',
    signerName: '',
    signerTitle: 'Chủ tịch',
  });
  const [recorded, setRecorded] = useState<{ id: string; numberText: string } | null>(null);
  const [res, refetch] = useQuery({
    query: WaitingNominations,
    variables: { year, after: pager.after },
    requestPolicy: 'cache-and-network',
    context: WAITING_CONTEXT,
  });
  const record = useAction(RecordPastDecision);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const data = res.data?.nominationQueue;
  const waiting = data?.nodes.filter((n) => n.emulationYear.recordedFromDocuments) ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRecorded(null);
    // Typed as people type it: "45/qd-ubnd" is the number 45/QĐ-UBND.
    const numberText = f.numberText.trim().replace(/\s+/g, '').toUpperCase().replace('QD-', 'QĐ-');
    const done = await record.run(
      {
        input: {
          numberText,
          issuerName: f.issuerName.trim(),
          decisionDate: f.decisionDate,
          signerName: f.signerName.trim(),
          signerTitle: f.signerTitle.trim() || 'Chủ tịch',
          nominationIds: [...chosen],
        },
      },
      {
        numberText: /^\d{1,6}\/QĐ-[A-ZĐ]{2,12}$/.test(numberText) ? null : t('past.check.number'),
        issuerName:
          f.issuerName.trim().length >= 5 && f.issuerName.trim().length <= 200
            ? null
            : t('decisions.check.issuerName'),
        decisionDate: !f.decisionDate
          ? t('decisions.check.date')
          : f.decisionDate > today()
            ? t('past.check.dateFuture')
            : null,
        signerName: f.signerName.trim().length >= 2 ? null : t('decisions.check.signer'),
        nominationIds: chosen.size ? null : t('past.check.nominations'),
      },
    );
    if (done) {
      const d = done.recordPastDecision;
      setRecorded({ id: d.id, numberText: d.numberText });
      setChosen(new Set());
      setF({ ...f, numberText: '', decisionDate: '', signerName: '' });
      pager.reset();
      void refetch({ requestPolicy: 'network-only' });
      onRecorded(Number(d.decisionDate.slice(0, 4)));
    }
  };
  const err = (k: string) => record.shown.fields[k] ?? null;

  return (
    <section className="card" aria-labelledby="past-decision-title">
      <h2 id="past-decision-title">{t('past.decisionTitle')}</h2>
      <p className="muted">{t('past.decisionIntro', { year })}</p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <fieldset className="fieldset">
          <legend>{t('past.nominations', { year })}</legend>
          <QueryStates
            error={res.error}
            refetch={refetch}
            data={data}
            isEmpty={() => waiting.length === 0}
            empty={t('past.noNominations', { year })}
          >
            {() => (
              <TableWrap label={t('past.nominations', { year })}>
                <table className="table">
                  <caption>
                    {t('past.nominationsCaption', { n: waiting.length, chosen: chosen.size })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('past.nominee')}</th>
                      <th scope="col">{t('nomination.form')}</th>
                      <th scope="col">{t('past.block')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {waiting.map((n) => (
                      <tr key={n.id}>
                        <th scope="row">
                          <label className="check">
                            <input
                              type="checkbox"
                              checked={chosen.has(n.id)}
                              onChange={(e) =>
                                setChosen((s) => {
                                  const next = new Set(s);
                                  if (e.target.checked) next.add(n.id);
                                  else next.delete(n.id);
                                  return next;
                                })
                              }
                            />
                            <span>{n.unit.name}</span>
                          </label>
                        </th>
                        <td>{formName(i18n, n.form)}</td>
                        <td>{n.emulationYear.block.name}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </QueryStates>
          {err('nominationIds') && <p className="field-error">{err('nominationIds')}</p>}
          {data && data.totalCount > PAGE && (
            <Pager pager={pager} total={data.totalCount} pageInfo={data.pageInfo} label={t('queue.pages')} />
          )}
        </fieldset>
        <div className="form-row">
          <Field
            label={t('past.number')}
            hint={t('past.numberHint')}
            value={f.numberText}
            error={err('numberText')}
            onChange={set('numberText')}
          />
          <DateField
            label={t('past.decisionDate')}
            max={today()}
            value={f.decisionDate}
            error={err('decisionDate')}
            onChange={(value) => setF({ ...f, decisionDate: value })}
          />
        </div>
        <Field
          label={t('decisions.issuerName')}
          hint={t('past.issuerHint', { issuer: `UBND ${provinceFullName}` })}
          value={f.issuerName}
          error={err('issuerName')}
          onChange={set('issuerName')}
        />
        <div className="form-row">
          <Field
            label={t('decisions.signerName')}
            value={f.signerName}
            error={err('signerName')}
            onChange={set('signerName')}
          />
          <Field
            label={t('decisions.signerTitle')}
            value={f.signerTitle}
            error={err('signerTitle')}
            onChange={set('signerTitle')}
          />
        </div>
        {record.shown.general && <Alert>{record.shown.general}</Alert>}
        {recorded && (
          <Alert kind="success">
            {t('past.decisionRecorded', { number: recorded.numberText })}{' '}
            <Link href={`/award-decisions/${recorded.id}`}>{t('past.openDecision')}</Link>
          </Alert>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={record.busy}>
            {t('past.recordDecision')}
          </button>
        </div>
      </form>
    </section>
  );
}
