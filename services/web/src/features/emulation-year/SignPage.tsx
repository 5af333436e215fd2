import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { Link, useParams } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { MarkReadMutation } from '../notification/operations';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { ActingFor, reasonProblem, useActingFor } from './ActingFor';
import { CovenantText } from './CovenantText';
import { CovenantView } from './CovenantView';
import { TaskPage } from './TaskPage';
import { registrationOpen, yearPath, type useStanding, type Year } from './useYear';

const Sign = graphql(`
  mutation SignCovenant($id: ID!, $unitId: ID!, $reason: String) {
    signCovenant(emulationYearId: $id, unitId: $unitId, onBehalfReason: $reason) {
      unitId
      signedAt
    }
  }
`);

/** A member unit's officer reads the covenant and signs it: one screen, one checkbox, one button. */
export default function SignPage() {
  const { blockId, year } = useParams<{ blockId: string; year: string }>();
  const { t } = useI18n();
  return (
    <TaskPage blockId={blockId} year={year} title={t('sign.title')}>
      {(y, standing, reload) => <SignForm blockId={blockId} y={y} standing={standing} onSigned={reload} />}
    </TaskPage>
  );
}

function SignForm({
  blockId,
  y,
  standing,
  onSigned,
}: {
  blockId: string;
  y: Year;
  standing: ReturnType<typeof useStanding>;
  onSigned: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const acting = useActingFor(
    y,
    standing,
    standing.mine.find((u) => !y.covenantSignatures.some((s) => s.unitId === u)),
  );
  const { names } = useUnitNames(acting.unitId ? [acting.unitId] : []);
  const [agreed, setAgreed] = useState(false);
  const sign = useAction(Sign);
  const client = useClient();
  const signature = y.covenantSignatures.find((s) => s.unitId === acting.unitId);
  // Just signed: the focus goes to what comes next (registering titles), not back to the top of the page.
  const [justSigned, setJustSigned] = useState(false);
  const next = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (justSigned && signature) next.current?.focus();
  }, [justSigned, signature]);

  if (!acting.choices.length) return <Alert>{t('sign.notMember')}</Alert>;
  // Signed: what the unit committed to stays readable (a notice alone left the officer nothing to read or
  // print), with who signed when; an officer of several units can still choose another to sign for.
  if (signature)
    return (
      <>
        <ActingFor acting={acting} errors={{}} readOnly />
        <Alert kind="success">
          {t('sign.signed', { unit: unitName(names, acting.unitId), at: i18n.dateTime(signature.signedAt) })}
          {signature.onBehalfReason && ` ${t('covenant.onBehalf', { reason: signature.onBehalfReason })}`}
        </Alert>
        <p>
          <Link
            ref={next}
            href={`${yearPath(blockId, y.year)}/titles?unit=${acting.unitId}`}
            className="button button-primary"
          >
            {/* Registration closed (its last day passed, or scoring ended): the titles are read, not asked for. */}
            {registrationOpen(y) ? t('sign.next') : t('sign.seeTitles')}
          </Link>
        </p>
        <CovenantView y={y} theme />
      </>
    );
  if (!standing.writable) return <Alert kind="info">{t('app.readOnly')}</Alert>;
  if (y.state !== 'OPEN') return <Alert kind="info">{t('sign.notOpen')}</Alert>;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const done = await sign.run(
      { id: y.id, unitId: acting.unitId, reason: acting.reasonArg ?? null },
      {
        unitId: acting.unitId ? null : t('members.chooseUnit'),
        agreed: agreed ? null : t('sign.mustAgree'),
        onBehalfReason: reasonProblem(acting, t('acting.reasonShort')),
      },
    );
    if (!done) return;
    // The notice asking for the signature is done: read. Not for a signature on another unit's behalf, nor while
    // another unit of the officer's is still to sign.
    const left = standing.mine.filter(
      (u) => u !== acting.unitId && !y.covenantSignatures.some((s) => s.unitId === u),
    );
    if (!acting.reasonArg && !left.length)
      void client
        .mutation(MarkReadMutation, { subjectIds: [y.id] }, { additionalTypenames: ['Notification'] })
        .toPromise();
    setJustSigned(true);
    onSigned();
  }

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate>
      {sign.shown.general && <Alert>{sign.shown.general}</Alert>}
      <CovenantText y={y} theme />
      <ActingFor acting={acting} errors={sign.shown.fields} />
      <div className={sign.shown.fields.agreed ? 'field field-invalid' : 'field'}>
        <label className="check">
          <input
            type="checkbox"
            checked={agreed}
            aria-invalid={sign.shown.fields.agreed ? true : undefined}
            aria-describedby={sign.shown.fields.agreed ? 'agree-error' : undefined}
            onChange={(e) => {
              setAgreed(e.target.checked);
              // The refusal was about this box: it no longer holds once ticked.
              if (e.target.checked && sign.shown.fields.agreed) sign.reset();
            }}
          />
          {t('sign.agree', { unit: acting.unitId ? unitName(names, acting.unitId) : t('sign.theUnit') })}
        </label>
        {sign.shown.fields.agreed && (
          <p id="agree-error" className="field-error">
            {sign.shown.fields.agreed}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary button-large button-block" disabled={sign.busy}>
        {acting.onBehalf ? t('sign.submitOnBehalf') : t('sign.submit')}
      </button>
    </form>
  );
}
