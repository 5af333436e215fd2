import { saidIn } from '../../i18n/saidIn';
import { formName } from './formName';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { canAct, useSession } from '../../app/session';
import { graphql, type ResultOf } from '../../graphql';
import { BlockKindScope, useI18n, type MessageKey } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { CardTable } from '../../ui/CardTable';
import { Loading, Page } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { Attachments } from '../attachment/Attachments';
import { AppraisalActions } from './AppraisalActions';
import { Resubmit } from './Resubmit';
import { Basis } from './Basis';
import { nominee } from './nominee';

export const NominationQuery = graphql(`
  query NominationPage($id: ID!) {
    nomination(id: $id) {
      id
      form
      path
      status
      statusReason
      canResubmit
      councilVoteId
      attachments {
        id
      }
      decision {
        id
        numberText
        decisionDate
      }
      unitId
      personId
      person {
        fullName
      }
      updatedAt
      unit {
        id
        name
      }
      emulationYear {
        year
        block {
          id
          name
          kind
        }
      }
      explanation {
        rule
        text
        english
      }
      basis {
        votingPeriodId
        round
        votes
        cast
        eligible
        decidedByHeadAndDeputy
        finalScore
        rank
        memberCount
      }
    }
  }
`);

/**
 * A nomination (where its notices lead): the proposal, its status, and the engine's explanation line by line
 * with the rule behind each, so a secretary can defend it at the council; the secretariat appraises it here.
 */
export default function NominationPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const secretariat = canAct(useSession(), 'PROVINCE_ADMIN');
  const [res, refetch] = useQuery({ query: NominationQuery, variables: { id } });
  const n = res.data?.nomination;
  if (res.error)
    return (
      <Page title={t('nomination.title')}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!n) return <Loading />;
  // A cluster's proposal reads in its words ("Cụm bình xét", "Trưởng cụm"); the kind comes with the nomination.
  return (
    <BlockKindScope kind={n.emulationYear.block.kind}>
      <Nomination
        n={n}
        secretariat={secretariat}
        refetch={() => refetch({ requestPolicy: 'network-only' })}
      />
    </BlockKindScope>
  );
}

function Nomination({
  n,
  secretariat,
  refetch,
}: {
  n: NonNullable<ResultOf<typeof NominationQuery>['nomination']>;
  secretariat: boolean;
  refetch: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  // A council member reads a dossier from its session's page: the way back to the session and its ballot.
  const session = useSession();
  const councilMember = !secretariat && canAct(session, 'COUNCIL_MEMBER');
  const ruleText = (code: string) => {
    const key = `rule.${code}` as MessageKey;
    return t(key) === key ? code : t(key);
  };

  return (
    <Page title={t('nomination.title')} subtitle={`${nominee(n)} – ${formName(i18n, n.form)}`} wide>
      <section className="card">
        <dl className="facts">
          <div>
            <dt>{t('nomination.form')}</dt>
            <dd>{formName(i18n, n.form)}</dd>
          </div>
          <div>
            <dt>{t('nomination.unit')}</dt>
            <dd>
              <Link href={`/units/${n.unitId}/awards`}>{n.unit.name}</Link>
            </dd>
          </div>
          {n.personId && (
            <div>
              <dt>{t('nomination.person')}</dt>
              <dd>
                <Link href={`/persons/${n.personId}/awards`}>{n.person?.fullName ?? '…'}</Link>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('nomination.blockYear')}</dt>
            <dd>
              <Link href={`/blocks/${n.emulationYear.block.id}/years/${n.emulationYear.year}`}>
                {n.emulationYear.block.name} – {n.emulationYear.year}
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('nomination.status')}</dt>
            <dd>
              <span className="status">{t(`nomination.status.${n.status}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('nomination.pathLabel')}</dt>
            <dd>{t(`nomination.path.${n.path}`)}</dd>
          </div>
          <div>
            <dt>{t('nomination.updated')}</dt>
            <dd>{i18n.dateTime(n.updatedAt)}</dd>
          </div>
        </dl>
        {n.decision && (
          <p>
            <strong>{t('nomination.decision')}:</strong>{' '}
            <Link href={`/award-decisions/${n.decision.id}`} className="link-tap">
              {t('nomination.decisionOn', {
                number: n.decision.numberText,
                date: i18n.date(n.decision.decisionDate),
              })}
            </Link>
          </p>
        )}
        {/* A decided nomination recorded from documents keeps its decision's number as its note: the link says it. */}
        {n.statusReason && !(n.status === 'DECIDED' && n.decision) && (
          <p>
            <strong>{t('nomination.reason')}:</strong> {n.statusReason}
          </p>
        )}
        {/* Put to the council: the next step is the council's session, which the secretariat opens (or has). */}
        {secretariat && n.status === 'COUNCIL_REVIEW' && (
          <>
            <p>{t(n.councilVoteId ? 'nomination.inCouncilVote' : 'nomination.awaitsCouncilVote')}</p>
            <Link
              href={n.councilVoteId ? `/voting-periods/${n.councilVoteId}` : '/council'}
              className="button button-primary"
            >
              {t(n.councilVoteId ? 'nomination.toCouncilVote' : 'nomination.openCouncilVote')}
            </Link>
          </>
        )}
        {councilMember && n.status === 'COUNCIL_REVIEW' && n.councilVoteId && (
          <Link href={`/voting-periods/${n.councilVoteId}`} className="button button-secondary">
            {t('nomination.toCouncilVote')}
          </Link>
        )}
        {secretariat && n.status === 'COUNCIL_APPROVED' && (
          <Link href="/award-decisions/new" className="button button-primary">
            {t('decisions.issue')}
          </Link>
        )}
      </section>
      {secretariat && (
        <AppraisalActions
          key={n.status}
          id={n.id}
          status={n.status}
          unitId={n.unitId}
          unitName={n.unit.name}
          personal={!!n.personId}
          noReport={n.attachments.length === 0}
          onDone={refetch}
        />
      )}
      {n.status === 'RETURNED' && <Resubmit id={n.id} canResubmit={n.canResubmit} onDone={refetch} />}
      {n.basis && <Basis basis={n.basis} />}
      {n.explanation.length > 0 && (
        <section className="card" aria-labelledby="explanation">
          <h2 id="explanation">{t('nomination.explanation')}</h2>
          <TableWrap label={t('nomination.explanation')}>
            <CardTable
              caption={<span className="visually-hidden">{t('nomination.explanationCaption')}</span>}
              columns={[t('nomination.line'), t('nomination.rule'), t('nomination.because')]}
              rows={n.explanation.map((line, i) => ({
                key: String(i),
                // Said whole ("Dòng 1"): on a phone the row's card is headed by it alone, without its column.
                heading: t('nomination.lineNumber', { n: i + 1 }),
                cells: [
                  // A rule of the province's (R1–R13) by its number and words; the engine's own grounds (two
                  // years running, rotation, a year from documents) in words alone.
                  line.rule.split(/,\s*/).map((code) =>
                    /^R\d+$/.test(code) ? (
                      <span key={code} className="rule">
                        <strong>{code}</strong> <span className="muted">{ruleText(code)}</span>
                      </span>
                    ) : (
                      <span key={code} className="rule">
                        {ruleText(code)}
                      </span>
                    ),
                  ),
                  <EngineLineText key="text" line={line} />,
                ],
              }))}
            />
          </TableWrap>
        </section>
      )}
      <Attachments
        ownerType="NOMINATION"
        ownerId={n.id}
        title={t('attachment.nomination')}
        // Once the dossier is sent its files are final, unless the proposal is returned for more.
        whoAttaches={
          n.status === 'PROPOSED_BY_BLOCK'
            ? t('attachment.nominationWho')
            : n.status === 'RETURNED'
              ? t('attachment.nominationReturnedWho')
              : undefined
        }
      />
    </Page>
  );
}

/** An engine line in the reader's language, marked with the language it is shown in. */
function EngineLineText({ line }: { line: { text: string; english?: string | null } }) {
  const said = saidIn(useI18n().locale, line);
  return <span lang={said.lang}>{said.text}</span>;
}
