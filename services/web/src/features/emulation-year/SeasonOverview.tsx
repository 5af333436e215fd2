import { Link } from 'wouter';
import { myUnits, readOnlyHere, useSession } from '../../app/session';
import { graphql, type ResultOf } from '../../graphql';
import { BlockKindScope, useI18n, type MessageKey } from '../../i18n/i18n';
import { missingInWords, waitingForYear } from './missing';
import { whoTakesNext, YEAR_STATES } from './NextStep';
import { runByOneOf, yearPath } from './useYear';

/**
 * Every block of the province in a year with where its year stands: the secretariat's overview, each unit's
 * own blocks, and the home page's tasks read this one query.
 */
export const SeasonQuery = graphql(`
  query Season($year: Int!, $mine: Boolean!) {
    blockYears(year: $year, mine: $mine) {
      block {
        id
        name
        kind
        members(year: $year) {
          id
        }
      }
      emulationYear {
        id
        year
        state
        nextStates
        nextStepMissing
        headUnit {
          id
          name
        }
        deputyUnit {
          id
          name
        }
        covenantSignatures {
          unitId
        }
        registrationDeadline
      }
    }
  }
`);
export type BlockYear = ResultOf<typeof SeasonQuery>['blockYears'][number];

/** A block that has not opened the year comes first: the overview puts those furthest behind on top. */
const STAGES = ['NONE', ...YEAR_STATES] as const;
type Stage = (typeof STAGES)[number];
const stageOf = (r: BlockYear): Stage => r.emulationYear?.state ?? 'NONE';
/** Items of a next step named in a row; the year's page lists them all. */
const SHOWN_MISSING = 2;

/** Where each block's year of `year` stands and what its next step waits for, one row per block. */
export function SeasonOverview({
  year,
  rows,
  title,
  admin,
}: {
  year: number;
  rows: BlockYear[];
  title: string;
  /** The secretariat, who opens a block's year. */
  admin: boolean;
}) {
  const { t } = useI18n();
  const order = (r: BlockYear) => STAGES.indexOf(stageOf(r));
  // Array.prototype.sort is stable: within a stage the blocks keep the API's order of their names.
  const sorted = [...rows].sort((a, b) => order(a) - order(b));
  const counts = STAGES.map((s) => [s, rows.filter((r) => stageOf(r) === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  const stageLabel = (s: Stage) => (s === 'NONE' ? t('season.notOpened', { year }) : t(`yearState.${s}`));
  const id = `season-${year}`;

  return (
    <section className="card season" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {counts.length > 1 && (
        <ul className="season-counts" aria-label={t('season.counts')}>
          {counts.map(([s, n]) => (
            <li key={s}>
              <span className="status">{stageLabel(s)}</span> {n}
            </li>
          ))}
        </ul>
      )}
      <ul className="season-list" aria-label={t('season.caption', { year, n: rows.length })}>
        {sorted.map((r) => (
          <li key={r.block.id}>
            <Link
              className="season-block"
              href={r.emulationYear ? yearPath(r.block.id, year) : `/blocks/${r.block.id}`}
            >
              {r.block.name}
            </Link>
            <span>
              <span className="status">{stageLabel(stageOf(r))}</span>
            </span>
            <span>
              {/* A cluster's line names its head and deputy "trưởng cụm", "phó cụm". */}
              <BlockKindScope kind={r.block.kind}>
                <NextStepLine row={r} admin={admin} />
              </BlockKindScope>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The year's next step and what it still needs, in a line or two (the year's page says it in full). */
function NextStepLine({ row, admin }: { row: BlockYear; admin: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const mine = myUnits(session);
  const y = row.emulationYear;
  // A former province (read-only) opens no more years: its stage column says the year was not opened.
  if (!y)
    return readOnlyHere(session) ? null : (
      <span className="muted">{t(admin ? 'season.open' : 'season.toOpen')}</span>
    );
  const next = y.nextStates[0];
  if (!next) return <span className="muted">{t('season.done')}</span>;
  // The head or deputy unit's officer reads which of them the secretariat sets (it takes the step, not them).
  const runner = !admin && runByOneOf(y, mine);
  const missing = y.nextStepMissing.map((m) => missingInWords(i18n, m, { forRunner: runner, year: y.year }));
  const more = missing.length - SHOWN_MISSING;
  return (
    <>
      <span className="season-goal">
        {/* The year is closed by the province's year-end closing, on its own page, not on the year's. */}
        {next === 'CLOSED' && admin ? (
          <Link href={`/year-end/${y.year}`} className="link-tap">
            {t('steps.next', { state: t('steps.goal.CLOSED') })}
          </Link>
        ) : (
          t('steps.next', { state: t(`steps.goal.${next}` as MessageKey) })
        )}
      </span>
      <span className="muted">
        {waitingForYear(i18n, y) ??
          (missing.length
            ? `${t('steps.missing')} ${missing.slice(0, SHOWN_MISSING).join('; ')}${more > 0 ? ` ${t('season.more', { n: more })}` : ''}`
            : // Closing waits on nothing after the dossier: the proposals' own steps go on after it.
              t(next === 'CLOSED' ? 'steps.readyClose' : 'steps.ready'))}
      </span>
      {!runByOneOf(y, mine) && <span className="muted season-who">{whoTakesNext(i18n, y)}</span>}
    </>
  );
}
