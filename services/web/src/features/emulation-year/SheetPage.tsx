import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useLocation, useParams } from 'wouter';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field, TextAreaField } from '../../ui/Field';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { errorCode } from '../../i18n/errors';
import { EvidenceFiles, EvidenceFilesEditor, useEvidence, type Evidence } from '../attachment/Evidence';
import { Alert, Loading } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { SheetQuery } from './sheetQueries';
import { TaskPage } from './TaskPage';
import { isUrl, withScheme } from './sheetDraft';
import { useSheetDraft, type ServerDraft } from './useSheetDraft';
import { SheetView } from './SheetView';
import { BEFORE_SCORING, sheetsToWrite, yearPath, type useStanding, type Year } from './useYear';

const Submit = graphql(`
  mutation SubmitScoreSheet($input: SubmitScoreSheetInput!) {
    submitScoreSheet(input: $input) {
      id
      version
    }
  }
`);

export type Sheet = NonNullable<ResultOf<typeof SheetQuery>['emulationYear']>['scoreSheets'][number];
interface Entry {
  points: string;
  text: string;
  link: string;
}

/** One score sheet (self or cross) on one screen: each criterion's points with its evidence, then send. */
export default function SheetPage() {
  const { blockId, year, scorer, target } = useParams<{
    blockId: string;
    year: string;
    scorer: string;
    target: string;
  }>();
  const { t } = useI18n();
  const [sheets, rereadSheet] = useQuery({
    query: SheetQuery,
    variables: { blockId, year: Number(year), scorer, target },
    requestPolicy: 'network-only',
  });
  // A cross sheet is scored against the member's own: its points and evidence, beside each criterion.
  const cross = scorer !== target;
  const [own] = useQuery({
    query: SheetQuery,
    variables: { blockId, year: Number(year), scorer: target, target },
    requestPolicy: 'network-only',
    pause: !cross,
  });
  return (
    <TaskPage
      blockId={blockId}
      year={year}
      title={scorer === target ? t('sheets.selfTitle') : t('sheets.crossTitle')}
    >
      {(y, standing, reload) =>
        sheets.error || own.error ? (
          <ApiErrorView error={(sheets.error ?? own.error)!} />
        ) : !sheets.data || (cross && !own.data) ? (
          <Loading />
        ) : (
          <SheetForm
            blockId={blockId}
            y={y}
            standing={standing}
            scorer={scorer}
            target={target}
            existing={sheets.data.emulationYear?.scoreSheets[0] ?? null}
            serverDraft={sheets.data.emulationYear?.scoreSheetDraft ?? null}
            targetOwn={cross ? (own.data?.emulationYear?.scoreSheets[0] ?? null) : null}
            onSaved={reload}
            onOvertaken={() => rereadSheet({ requestPolicy: 'network-only' })}
          />
        )
      }
    </TaskPage>
  );
}

/** Points as typed: digits with a decimal comma or point ("8,5"); anything else ("1e1", "-2", "mười") is no number. */
const parse = (s: string) => (/^\d+([.,]\d+)?$/.test(s.trim()) ? Number(s.trim().replace(',', '.')) : NaN);
/** Points typed in a box, when they are a number from 0 to `max`; anything else counts for nothing yet. */
const validPoints = (s: string, max: number): number | null => {
  const p = parse(s);
  return s.trim() && Number.isFinite(p) && p >= 0 && p <= max ? p : null;
};
/** To the hundredth, as the gateway rounds a sheet's figures: 0.1 + 0.2 reads 0,3. */
const round2 = (n: number) => Math.round(n * 100) / 100;
const sum = (values: (number | null)[]) => round2(values.reduce<number>((a, v) => a + (v ?? 0), 0));

function SheetForm({
  blockId,
  y,
  standing,
  scorer,
  target,
  existing,
  serverDraft,
  targetOwn,
  onSaved,
  onOvertaken,
}: {
  blockId: string;
  y: Year;
  standing: ReturnType<typeof useStanding>;
  scorer: string;
  target: string;
  existing: Sheet | null;
  /** What the person typed and did not send, as the gateway kept it. */
  serverDraft: ServerDraft | null;
  /** For a cross sheet: the member's own sheet, when sent. */
  targetOwn: Sheet | null;
  onSaved: () => void;
  /** The sheet was sent from elsewhere after this page read it: read it again. */
  onOvertaken: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [, navigate] = useLocation();
  const { names } = useUnitNames([scorer, target]);
  const set = y.criteriaSet;
  const criteria = set?.groups.flatMap((g) => g.criteria) ?? [];
  // The version the form was opened on: sent back as the one read, so that a sheet sent meanwhile by someone
  // else is a conflict, never overwritten (the page may read the sheet again while it is open).
  const [version] = useState(() => existing?.version ?? null);
  // Sent meanwhile from elsewhere (another device, a colleague): the page reads the sheet again and says so; what
  // was typed here stays, and sending it again replaces that newer version knowingly.
  const [overtaken, setOvertaken] = useState(false);
  const newer = overtaken && existing && existing.version !== version ? existing : null;
  // The last send was refused as a conflict: said as "sent from elsewhere" when the sheet read again is newer, and
  // as the refusal itself otherwise (the year locked meanwhile also answers CONFLICT).
  const [conflicted, setConflicted] = useState(false);
  // What the person typed and did not send: restored only over the sheet it was typed on.
  // Once told of the newer version, what is typed is kept as typed over it.
  const draft = useSheetDraft(
    { yearId: y.id, scorer, target, version: newer ? newer.version : version },
    serverDraft,
  );
  // A figure sent before, put back in its box as the person types one: "10,5" in Vietnamese.
  const asTyped = (n: number) => (i18n.locale === 'vi' ? String(n).replace('.', ',') : String(n));
  // Each criterion and deduction as sent last (empty for a new sheet).
  const initialEntries = (): Record<string, Entry> =>
    Object.fromEntries(
      [...criteria, ...(set?.deductionItems ?? [])].map((c) => {
        const scored =
          existing?.scores.find((s) => s.code === c.code) ??
          existing?.deductions.find((s) => s.code === c.code);
        const ev = existing?.evidence.find((e) => e.code === c.code);
        return [
          c.code,
          { points: scored ? asTyped(scored.points) : '', text: ev?.text ?? '', link: ev?.links[0] ?? '' },
        ];
      }),
    );
  const [entries, setEntries] = useState<Record<string, Entry>>(() => {
    const sent = initialEntries();
    // Only the criteria the table still has: a draft never adds a box nor leaves one without an entry.
    const typed = Object.entries(draft.restored?.entries ?? {}).filter(([code]) => code in sent);
    return { ...sent, ...Object.fromEntries(typed) };
  });
  const [bonus, setBonus] = useState(draft.restored?.bonus ?? (existing ? asTyped(existing.bonus) : '0'));
  const [reason, setReason] = useState(draft.restored?.reason ?? '');
  const [typed, setTyped] = useState(false);
  const { keep, expire } = draft;
  useEffect(() => {
    if (typed) keep({ entries, bonus, reason });
  }, [typed, keep, entries, bonus, reason]);
  const submit = useAction(Submit);
  const onBehalf = !standing.mine.includes(scorer);
  const kind = scorer === target ? 'SELF' : 'CROSS';
  // The gateway gives a sheet only to whom may read it (scoreSheets): one it withholds is not said unsent.
  const readable =
    standing.admin ||
    standing.mine.includes(scorer) ||
    standing.mine.includes(target) ||
    (kind === 'SELF' &&
      standing.mine.some((u) => sheetsToWrite(y, u).some((w) => w.kind === 'CROSS' && w.target === target)));
  // The member's own evidence files (read as its sheet is): its own to add on its sheet, to check beside a cross
  // sheet. A criterion whose files were touched stays open, its confirmation and upload in view.
  const evidence = useEvidence(y.id, target, {
    pause: !readable || !set || BEFORE_SCORING.includes(y.state),
  });
  const [filesTouched, setFilesTouched] = useState<ReadonlySet<string>>(new Set());
  // The secretariat reads a member's sheet before it writes anything on the unit's behalf.
  const [writing, setWriting] = useState(false);

  // Scoring over (locked, or a former province read only): nothing typed can be sent any more.
  useEffect(() => {
    if (y.state !== 'SCORING') expire();
  }, [y.state, expire]);

  if (!set) return <Alert>{t('missing.criteria')}</Alert>;
  if (BEFORE_SCORING.includes(y.state)) return <Alert kind="info">{t('sheets.notOpen')}</Alert>;
  if (!readable) return <Alert kind="info">{t('sheets.hidden')}</Alert>;
  // The sheet as sent, or that none is.
  const asSent = existing ? (
    <SheetView
      y={y}
      sheet={existing}
      scorer={scorer}
      target={target}
      evidence={kind === 'SELF' ? evidence : undefined}
    />
  ) : (
    <Alert kind="info">{t(y.state === 'SCORING' ? 'sheets.notSentYet' : 'sheets.neverSent')}</Alert>
  );
  // Past scoring, in a former province (read-only), or another unit's sheet: the sheet as sent.
  if (y.state !== 'SCORING' || !standing.writable || (onBehalf && !standing.admin)) return asSent;
  // The secretariat opening a member's sheet reads it as sent (or that none is), files included, and writes it on
  // the unit's behalf only when it chooses to; a draft it typed before opens the form at once.
  if (onBehalf && !writing && !draft.restored)
    return (
      <>
        {asSent}
        <p className="hint">{t('sheets.onBehalfHint')}</p>
        <button type="button" className="button button-secondary" onClick={() => setWriting(true)}>
          {t(existing ? 'sheets.rewriteOnBehalf' : 'sheets.writeOnBehalf')}
        </button>
      </>
    );
  const edit = (code: string, patch: Partial<Entry>) => {
    setTyped(true);
    setEntries((e) => ({ ...e, [code]: { ...e[code]!, ...patch } }));
  };
  // The sheet's figures as the ranking will count them (R12): the bonus up to the table's cap.
  const base = sum(criteria.map((c) => validPoints(entries[c.code]!.points, c.maxPoints)));
  const deducted = sum(set.deductionItems.map((c) => validPoints(entries[c.code]!.points, c.maxPoints)));
  const claimed = validPoints(bonus || '0', Number.POSITIVE_INFINITY) ?? 0;
  const counted = Math.min(claimed, set.bonusCap);
  const total = round2(base + counted - deducted);

  /** What is wrong with points typed in a box: null when nothing is (or, while `typing`, a decimal half typed). */
  const pointsProblem = (typed: string, max: number, typing = false): string | null => {
    const s = typed.trim();
    if (!s || (typing && /^\d+[.,]$/.test(s))) return null;
    const p = parse(s);
    // "-5" is a number, below the range: said as the range, not as "not a number".
    if (!Number.isFinite(p) && !Number.isFinite(parse(s.replace(/^[-−]\s*/, ''))))
      return t('sheets.notNumber');
    return !Number.isFinite(p) || p > max ? t('sheets.range', { max: i18n.number(max) }) : null;
  };

  async function send(e: FormEvent) {
    e.preventDefault();
    const checks: Record<string, string | null> = {};
    for (const c of [...criteria, ...set!.deductionItems]) {
      const entry = entries[c.code]!;
      const deduction = set!.deductionItems.includes(c);
      if (!entry.points.trim() && !deduction) checks[`scores.${c.code}`] = t('sheets.required');
      else
        checks[`${deduction ? 'deductions' : 'scores'}.${c.code}`] = pointsProblem(entry.points, c.maxPoints);
      if (entry.link.trim() && !isUrl(withScheme(entry.link)))
        checks[`link.${c.code}`] = t('sheets.linkInvalid');
      if (entry.link.trim() && !entry.text.trim()) checks[`text.${c.code}`] = t('sheets.textNeeded');
    }
    const b = parse(bonus || '0');
    if (!Number.isFinite(b) || b < 0) checks.bonus = t('sheets.bonusInvalid');
    if (onBehalf && reason.trim().length < 5) checks.onBehalfReason = t('acting.reasonShort');
    draft.hold();
    const done = await submit.run(
      {
        input: {
          emulationYearId: y.id,
          kind,
          scorerUnitId: scorer,
          targetUnitId: target,
          scores: criteria.map((c) => ({ code: c.code, points: parse(entries[c.code]!.points) })),
          deductions: set!.deductionItems
            .filter((d) => entries[d.code]!.points.trim() && parse(entries[d.code]!.points) > 0)
            .map((d) => ({ code: d.code, points: parse(entries[d.code]!.points) })),
          bonus: b,
          evidence: Object.entries(entries)
            .filter(([, v]) => v.text.trim())
            .map(([code, v]) => ({
              code,
              text: v.text.trim(),
              links: v.link.trim() ? [withScheme(v.link).trim()] : [],
            })),
          expectedVersion: newer ? newer.version : version,
          ...(onBehalf ? { onBehalfReason: reason.trim() } : {}),
        },
      },
      checks,
    );
    // Sent meanwhile from elsewhere, over the version this page read (or over none): the sheet is read again,
    // and what is typed is kept as typed over the newer version (saved once the page has it), not over the old.
    const conflict = !done && submit.lastCode() === 'CONFLICT';
    setConflicted(conflict);
    if (conflict) {
      setOvertaken(true);
      onOvertaken();
    } else draft.settled(!!done);
    if (done) {
      onSaved();
      navigate(`${yearPath(blockId, y.year)}/sheets?unit=${scorer}&sent=${target}`);
    }
  }

  const criterionFields = (c: { code: string; title: string; maxPoints: number }, deduction = false) => {
    const entry = entries[c.code]!;
    const field = `${deduction ? 'deductions' : 'scores'}.${c.code}`;
    return (
      <div key={c.code} className="criterion">
        <Field
          label={`${c.code}. ${c.title}`}
          hint={t(deduction ? 'sheets.deductMax' : 'sheets.max', { max: i18n.number(c.maxPoints) })}
          inputMode="decimal"
          autoComplete="off"
          className="num-input"
          value={entry.points}
          // Said as it is typed (over the maximum, not a number); a box left empty, once the sheet was sent.
          error={
            entry.points.trim() ? pointsProblem(entry.points, c.maxPoints, true) : submit.shown.fields[field]
          }
          onChange={(e) => edit(c.code, { points: e.target.value })}
        />
        {kind === 'CROSS' && (
          <OwnScore
            sheet={targetOwn}
            evidence={evidence}
            code={c.code}
            deduction={deduction}
            unit={unitName(names, target)}
          />
        )}
        <details
          open={
            !!(
              entry.text ||
              submit.shown.fields[`link.${c.code}`] ||
              submit.shown.fields[`text.${c.code}`] ||
              (kind === 'SELF' && (evidence.of(c.code).length || filesTouched.has(c.code)))
            )
          }
        >
          {/* On a cross sheet, the scorer's own grounds: told apart from the scored unit's evidence above. */}
          <summary>
            {t(kind === 'SELF' ? 'sheets.evidenceFor' : 'sheets.groundsFor', { code: c.code })}
          </summary>
          <TextAreaField
            label={t(kind === 'SELF' ? 'sheets.evidenceText' : 'sheets.groundsText', { code: c.code })}
            rows={2}
            value={entry.text}
            error={submit.shown.fields[`text.${c.code}`]}
            onChange={(e) => edit(c.code, { text: e.target.value })}
          />
          <Field
            label={t(kind === 'SELF' ? 'sheets.evidenceLink' : 'sheets.groundsLink', { code: c.code })}
            type="url"
            inputMode="url"
            value={entry.link}
            placeholder="https://"
            error={submit.shown.fields[`link.${c.code}`]}
            onChange={(e) => edit(c.code, { link: e.target.value })}
            onBlur={(e) =>
              e.target.value !== withScheme(e.target.value) &&
              edit(c.code, { link: withScheme(e.target.value) })
            }
          />
          {kind === 'SELF' && (
            <EvidenceFilesEditor
              evidence={evidence}
              code={c.code}
              onChanged={() => setFilesTouched((s) => new Set(s).add(c.code))}
              onBehalfReason={onBehalf ? reason : undefined}
            />
          )}
        </details>
      </div>
    );
  };

  return (
    <form className="form card" onSubmit={(e) => void send(e)} noValidate>
      <p>
        {kind === 'SELF'
          ? t('sheets.selfIntro', { unit: unitName(names, target) })
          : t('sheets.crossIntro', { scorer: unitName(names, scorer), unit: unitName(names, target) })}
      </p>
      {/* Asked first: the evidence files the secretariat adds or removes go at once, each with this reason. */}
      {onBehalf && (
        <TextAreaField
          label={t('acting.reason')}
          hint={t('acting.reasonHint')}
          rows={2}
          value={reason}
          error={submit.shown.fields.onBehalfReason}
          onChange={(e) => {
            setTyped(true);
            setReason(e.target.value);
          }}
        />
      )}
      {kind === 'SELF' && <p className="hint">{t('evidence.about')}</p>}
      {evidence.error && errorCode(evidence.error) !== 'NOT_FOUND' && (
        <ApiErrorView error={evidence.error} retry={evidence.reload} />
      )}
      {existing && <Alert kind="info">{t('sheets.replacing', { v: existing.version })}</Alert>}
      {kind === 'CROSS' && !targetOwn && (
        <Alert kind="info">{t('sheets.targetNotSent', { unit: unitName(names, target) })}</Alert>
      )}
      {draft.restored && (
        <Alert kind="info">
          <p>{t('sheets.draftRestored', { at: i18n.dateTime(draft.restored.savedAt) })}</p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              // The form stays open: only what was typed goes (a secretariat's draft opened it without the button).
              setWriting(true);
              draft.discard();
              setTyped(false);
              setEntries(initialEntries());
              setBonus(existing ? asTyped(existing.bonus) : '0');
              setReason('');
            }}
          >
            {t('sheets.draftDiscard')}
          </button>
        </Alert>
      )}
      {newer && conflicted ? (
        <Alert kind="warning">
          {t('sheets.overtaken', { v: newer.version, at: i18n.dateTime(newer.submittedAt) })}
        </Alert>
      ) : (
        (submit.shown.general ?? submit.shown.fields.scores) && (
          <Alert>{submit.shown.general ?? submit.shown.fields.scores}</Alert>
        )
      )}
      {set.groups.map((g) => (
        <fieldset key={g.name} className="fieldset">
          <legend>{g.name}</legend>
          {g.criteria.map((c) => criterionFields(c))}
        </fieldset>
      ))}
      <Field
        // A cross sheet's bonus is the scorer's figure, not a claim.
        label={t(kind === 'SELF' ? 'sheets.bonus' : 'sheets.bonusCross')}
        hint={t(claimed > set.bonusCap ? 'sheets.bonusOverCap' : 'sheets.bonusHint', {
          cap: i18n.number(set.bonusCap),
        })}
        inputMode="decimal"
        className="num-input"
        value={bonus}
        error={submit.shown.fields.bonus}
        onChange={(e) => {
          setTyped(true);
          setBonus(e.target.value);
        }}
      />
      {/* Beside it, what the scored unit claimed, as for each criterion. */}
      {kind === 'CROSS' && targetOwn && (
        <p className="own-score">
          {t('sheets.ownBonus', { unit: unitName(names, target), points: i18n.number(targetOwn.bonus) })}
        </p>
      )}
      {set.deductionItems.length > 0 && (
        <fieldset className="fieldset">
          <legend>{t('criteria.deductions')}</legend>
          {set.deductionItems.map((c) => criterionFields(c, true))}
        </fieldset>
      )}
      <div aria-live="polite">
        <p>{t('sheets.total', { total: i18n.number(base), max: i18n.number(set.maxScore) })}</p>
        <p>
          {t('sheets.sheetTotal', {
            total: i18n.number(total),
            bonus: i18n.number(counted),
            deducted: i18n.number(deducted),
          })}
        </p>
      </div>
      {draft.saved && (
        <p className="hint">
          {'at' in draft.saved
            ? t('sheets.draftSaved', { at: i18n.time(draft.saved.at) })
            : t('sheets.draftNotSaved', { why: draft.saved.failed })}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary button-large button-block"
        disabled={submit.busy}
      >
        {t('sheets.submit')}
      </button>
    </form>
  );
}

/**
 * Beside a criterion of a cross sheet: what the member gave itself for it, and its evidence to check (its words
 * and link as sent, its files as they stand).
 */
function OwnScore({
  sheet,
  evidence,
  code,
  deduction,
  unit,
}: {
  sheet: Sheet | null;
  evidence: Evidence;
  code: string;
  deduction: boolean;
  unit: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const points = sheet && (deduction ? sheet.deductions : sheet.scores).find((s) => s.code === code)?.points;
  const ev = sheet?.evidence.find((e) => e.code === code);
  const files = evidence.of(code).length > 0;
  if (!sheet && !files) return null;
  return (
    <div className="own-score">
      {sheet && (
        <p>
          {t(deduction ? 'sheets.ownDeducted' : 'sheets.ownScored', {
            unit,
            points: i18n.number(points ?? 0),
          })}
          {ev && (
            <>
              {' '}
              {t('sheets.ownEvidence', { text: ev.text })}
              {ev.links.map((link) => (
                <span key={link}>
                  {' '}
                  <a href={link} target="_blank" rel="noreferrer noopener">
                    {t('sheets.openEvidence', { code })}
                  </a>
                </span>
              ))}
            </>
          )}
        </p>
      )}
      <EvidenceFiles evidence={evidence} code={code} />
    </div>
  );
}
