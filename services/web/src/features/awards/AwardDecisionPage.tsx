import { useState } from 'react';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { canAct, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { errorCode } from '../../i18n/errors';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextAreaField } from '../../ui/Field';
import { Alert, Empty, Loading, Page } from '../../ui/Page';
import { CardTable } from '../../ui/CardTable';
import { useAction } from '../../ui/useAction';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { RevokeMutation } from './operations';
import { DocumentDownloads } from '../documents/DocumentDownloads';
import { nominee } from './nominee';
import { formName } from './formName';

const DecisionQuery = graphql(`
  query AwardDecisionPage($id: ID!) {
    awardDecision(id: $id) {
      id
      numberText
      issuerName
      decisionDate
      signerName
      signerTitle
      submissionNumber
      submissionDate
      recordedFromDocuments
      baseSalary {
        effectiveFrom
        amountVnd
        legalBasis
      }
      items {
        nominationId
        form
        unitId
        personId
        person {
          fullName
        }
        prizeVnd
        status
      }
    }
  }
`);

/**
 * An award decision as issued (its number, issuer and signer as they stand on the paper) with its annexed list
 * and prize money; the secretariat revokes an award here, after a dialog that says what revoking does.
 */
export default function AwardDecisionPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const secretariat = canAct(useSession(), 'PROVINCE_ADMIN');
  const [res, refetch] = useQuery({ query: DecisionQuery, variables: { id } });
  const d = res.data?.awardDecision;
  const { names } = useUnitNames(d ? d.items.map((i) => i.unitId) : []);
  const [revoking, setRevoking] = useState<{ nominationId: string; awardee: string } | null>(null);
  const [reason, setReason] = useState('');
  const revoke = useAction(RevokeMutation);

  // Without its number the title would read "số " and nothing: not found, as the application's unknown pages.
  if (['NOT_FOUND', 'BAD_USER_INPUT'].includes(errorCode(res.error) ?? ''))
    return (
      <Page title={t('app.notFound')}>
        <Empty>{t('decision.notFound')}</Empty>
      </Page>
    );
  if (res.error)
    return (
      <Page title={t('decisions.title')}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!d) return <Loading />;
  // What is still awarded; a revocation leaves the decision as signed (its PDF, its total) as it was.
  const standing = d.items.filter((i) => i.status !== 'REVOKED');
  const sum = (items: typeof d.items) => items.reduce((s, i) => s + i.prizeVnd, 0);
  const revokedCount = d.items.length - standing.length;

  async function confirmRevoke() {
    if (!revoking) return;
    const done = await revoke.run(
      { id: revoking.nominationId, reason: reason.trim() },
      { reason: reason.trim().length >= 3 ? null : t('decision.check.reason') },
    );
    if (done) {
      setRevoking(null);
      setReason('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Page title={t('decision.title', { number: d.numberText })} subtitle={d.issuerName} wide>
      <section className="card">
        <dl className="facts">
          <div>
            <dt>{t('decision.issuer')}</dt>
            <dd>{d.issuerName}</dd>
          </div>
          <div>
            <dt>{t('decision.date')}</dt>
            <dd>{i18n.date(d.decisionDate)}</dd>
          </div>
          <div>
            <dt>{t('decision.signer')}</dt>
            <dd>
              {d.signerTitle} {d.signerName}
            </dd>
          </div>
          {d.submissionNumber && d.submissionDate && (
            <div>
              <dt>{t('decision.submission')}</dt>
              <dd>
                {t('decision.submissionOn', {
                  number: d.submissionNumber,
                  date: i18n.date(d.submissionDate),
                })}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('decision.source')}</dt>
            <dd>{t(d.recordedFromDocuments ? 'decision.fromDocuments' : 'decision.issuedHere')}</dd>
          </div>
          <div>
            <dt>{t('decision.total')}</dt>
            <dd>
              {revokedCount
                ? t('decision.totalAfterRevoked', {
                    amount: i18n.number(sum(standing), 0),
                    n: revokedCount,
                    signed: i18n.number(sum(d.items), 0),
                  })
                : t('decision.totalAmount', { amount: i18n.number(sum(d.items), 0) })}
            </dd>
          </div>
          {/* What the prizes were counted on, so that a reader can check them against the decree. */}
          {d.baseSalary && (
            <div className="fact-wide">
              <dt>{t('decision.baseSalary')}</dt>
              <dd>
                {t('decision.baseSalaryIs', {
                  amount: i18n.number(d.baseSalary.amountVnd, 0),
                  from: i18n.date(d.baseSalary.effectiveFrom),
                })}
                <details className="decision-basis">
                  <summary>{t('decision.baseSalaryBasis')}</summary>
                  <p>{d.baseSalary.legalBasis}</p>
                </details>
              </dd>
            </div>
          )}
        </dl>
        <DocumentDownloads kind="decision" id={d.id} />
        {/* One file per form: each is printed on its own pre-printed blank; a revoked award has no certificate. */}
        {[...new Set(standing.map((i) => i.form))].map((form) => (
          <DocumentDownloads
            key={form}
            kind="certificates"
            id={d.id}
            query={`form=${form}`}
            label={t('documents.certificatesOf', {
              form: formName(i18n, form),
              n: standing.filter((i) => i.form === form).length,
            })}
          />
        ))}
        <h2 id="annex">{t('decision.annex')}</h2>
        {/* Cards on a phone: five columns squeezed the form to a word a line and cut the amounts off. */}
        <CardTable
          caption={t('decision.itemsCaption', { number: d.numberText, n: d.items.length })}
          columns={[
            t(d.items.some((i) => i.personId) ? 'decision.awardee' : 'nomination.unit'),
            t('nomination.form'),
            t('decision.prize'),
            t('nomination.status'),
            ...(secretariat ? [t('decision.actions')] : []),
          ]}
          rows={d.items.map((item, i) => {
            const awardee = nominee({ unit: { name: unitName(names, item.unitId) }, person: item.person });
            return {
              key: item.nominationId,
              heading: (
                <>
                  {i + 1}. <Link href={`/nominations/${item.nominationId}`}>{awardee}</Link>
                </>
              ),
              cells: [
                formName(i18n, item.form),
                i18n.number(item.prizeVnd, 0),
                <span key="status" className="status">
                  {t(`nomination.status.${item.status}`)}
                </span>,
                ...(secretariat
                  ? [
                      item.status === 'DECIDED' && (
                        <button
                          key="revoke"
                          type="button"
                          className="button button-secondary"
                          onClick={() => setRevoking({ nominationId: item.nominationId, awardee })}
                        >
                          {t('decision.revoke')}
                          <span className="visually-hidden"> – {awardee}</span>
                        </button>
                      ),
                    ]
                  : []),
              ],
            };
          })}
        />
      </section>
      <ConfirmDialog
        open={!!revoking}
        title={t('decision.revokeTitle')}
        confirmLabel={t('decision.revokeConfirm')}
        danger
        busy={revoke.busy}
        error={revoke.shown.general && <Alert>{revoke.shown.general}</Alert>}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => void confirmRevoke()}
      >
        {revoking && (
          <>
            <p>{t('decision.revokeBody', { unit: revoking.awardee, number: d.numberText })}</p>
            <TextAreaField
              label={t('decision.revokeReason')}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={revoke.shown.fields.reason}
            />
          </>
        )}
      </ConfirmDialog>
    </Page>
  );
}
