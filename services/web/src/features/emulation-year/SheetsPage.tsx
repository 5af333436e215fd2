import { useQuery } from 'urql';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Alert } from '../../ui/Page';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { ActingFor, useActingFor } from './ActingFor';
import { ReceivedSheetsQuery, SheetsQuery } from './sheetQueries';
import { criteriaPoints } from './SheetView';
import { TaskPage } from './TaskPage';
import { BEFORE_SCORING, sheetsToWrite, yearPath, type useStanding, type Year } from './useYear';

/** The sheets a unit must write: its self-assessment, and the members it cross-scores; each one a screen. */
export default function SheetsPage() {
  const { blockId, year } = useParams<{ blockId: string; year: string }>();
  const { t } = useI18n();
  return (
    <TaskPage blockId={blockId} year={year} title={t('sheets.title')}>
      {(y, standing) => <SheetList blockId={blockId} y={y} standing={standing} />}
    </TaskPage>
  );
}

function SheetList({
  blockId,
  y,
  standing,
}: {
  blockId: string;
  y: Year;
  standing: ReturnType<typeof useStanding>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const search = new URLSearchParams(useSearch());
  const acting = useActingFor(y, standing, search.get('unit'));
  const [, navigate] = useLocation();
  // Back from a sheet just sent (SheetPage adds `sent`): said above the list that now reads "đã nộp", while the
  // list is the sending unit's (an officer of several units may switch to another).
  const sent = search.get('unit') === acting.unitId ? search.get('sent') : null;
  const [sheets] = useQuery({
    query: SheetsQuery,
    variables: { blockId, year: y.year, scorer: acting.unitId ?? '' },
    pause: !acting.unitId,
    requestPolicy: 'cache-and-network',
  });
  const todo = acting.unitId ? sheetsToWrite(y, acting.unitId) : [];
  const { names } = useUnitNames(y.members.map((m) => m.unitId));
  if (!acting.choices.length) return <Alert>{t('sign.notMember')}</Alert>;
  if (BEFORE_SCORING.includes(y.state)) return <Alert kind="info">{t('sheets.notOpen')}</Alert>;
  if (sheets.error) return <ApiErrorView error={sheets.error} />;
  // Once scores are locked the sheets sent are read (the appraisal checks their points and evidence).
  const locked = y.state !== 'SCORING';
  const written = sheets.data?.emulationYear?.scoreSheets ?? [];
  const drafts = sheets.data?.emulationYear?.scoreSheetDrafts ?? [];
  return (
    <>
      {locked && <Alert kind="info">{t('sheets.locked')}</Alert>}
      {!locked && sent && (
        <Alert kind="success">
          {sent === acting.unitId
            ? t('sheets.sentSelf')
            : t('sheets.sentCross', { unit: unitName(names, sent) })}
        </Alert>
      )}
      {acting.choices.length > 1 && (
        <ActingFor
          // The unit chosen is written in the address: a reload, a link sent or the way back keeps it.
          acting={{
            ...acting,
            setUnitId: (unitId) => {
              acting.setUnitId(unitId);
              const list = `${yearPath(blockId, y.year)}/sheets`;
              navigate(unitId ? `${list}?unit=${unitId}` : list, { replace: true });
            },
          }}
          errors={{}}
          readOnly
        />
      )}
      <ul className="year-tasks">
        {todo.map((s) => {
          const sheet = written.find((w) => w.kind === s.kind && w.targetUnitId === s.target);
          const label =
            s.kind === 'SELF' ? t('sheets.self') : t('sheets.cross', { unit: unitName(names, s.target) });
          if (locked && !sheet)
            return (
              <li key={s.kind + s.target}>
                <p>
                  {label} – {t('sheets.toDo')}
                </p>
              </li>
            );
          return (
            <li key={s.kind + s.target}>
              <SheetLink
                href={`${yearPath(blockId, y.year)}/sheets/${acting.unitId}/${s.target}`}
                label={label}
                sheet={sheet ?? null}
                draft={drafts.find((d) => d.targetUnitId === s.target) ?? null}
              />
            </li>
          );
        })}
      </ul>
      {locked && acting.unitId && y.criteriaSet?.method !== 'SELF_ONLY' && (
        <ReceivedSheets blockId={blockId} y={y} unitId={acting.unitId} names={names} />
      )}
    </>
  );
}

/**
 * One sheet to write: sent or not, and whether the person has changes typed on it and not sent (kept with the
 * gateway as a draft), so that "đã nộp" never hides them.
 */
function SheetLink({
  href,
  label,
  sheet,
  draft,
}: {
  href: string;
  label: string;
  sheet: { submittedAt: unknown; version: number } | null;
  draft: { basedOnVersion: number | null } | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  // Only a draft typed over the version the sheet still has is restored on its page (useSheetDraft): one typed
  // over a version a colleague has since replaced is not "changes not sent" any more.
  const unsent = !!draft && draft.basedOnVersion === (sheet?.version ?? null);
  const state = sheet
    ? t('sheets.submitted', { at: i18n.dateTime(sheet.submittedAt as string) })
    : t('sheets.toDo');
  return (
    <Link
      href={href}
      className={`button button-large button-block ${sheet && !unsent ? 'button-secondary' : 'button-primary'}`}
    >
      {label} – {state}
      {unsent && ` · ${t('sheets.unsentChanges')}`}
    </Link>
  );
}

/**
 * Once scores are locked, the cross-scores other members gave the unit, each with its criteria total and the
 * sheet behind it (the API lets a unit read the sheets that score it).
 */
function ReceivedSheets({
  blockId,
  y,
  unitId,
  names,
}: {
  blockId: string;
  y: Year;
  unitId: string;
  names: Map<string, string>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [res] = useQuery({
    query: ReceivedSheetsQuery,
    variables: { blockId, year: y.year, target: unitId },
    requestPolicy: 'cache-and-network',
  });
  const received = (res.data?.emulationYear?.scoreSheets ?? []).filter((s) => s.kind === 'CROSS');
  const unit = unitName(names, unitId);
  return (
    <section className="stack" aria-labelledby="received-sheets">
      <h2 id="received-sheets">{t('sheets.received', { unit })}</h2>
      {res.error ? (
        <ApiErrorView error={res.error} />
      ) : !res.data ? null : received.length === 0 ? (
        <p className="muted">{t('sheets.noneReceived')}</p>
      ) : (
        <ul className="year-tasks">
          {received.map((s) => (
            <li key={s.id}>
              <Link
                href={`${yearPath(blockId, y.year)}/sheets/${s.scorerUnitId}/${unitId}`}
                className="button button-large button-block button-secondary"
              >
                {t('sheets.receivedFrom', {
                  scorer: unitName(names, s.scorerUnitId),
                  total: i18n.number(criteriaPoints(s.scores)),
                })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
