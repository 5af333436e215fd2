import { formName } from '../awards/formName';
import { useEffect, useState } from 'react';
import { CombinedError, useClient, useQuery, type AnyVariables, type Client, type DocumentInput } from 'urql';
import { Link, Redirect } from 'wouter';
import { UNREAD_CONTEXT, UnreadCountQuery } from '../../app/Shell';
import { canAct, hasRole, homeIsDashboards, myUnits, useSession } from '../../app/session';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { graphql } from '../../graphql';
import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Loading, Page } from '../../ui/Page';
import { homeYears, seasonYears } from '../../ui/vietnamTime';
import { nominee } from '../awards/nominee';
import { CouncilSessionsQuery } from '../awards/operations';
import { RecentAwards } from '../awards/RecentAwards';
import { SeasonOverview, SeasonQuery } from '../emulation-year/SeasonOverview';
import { STEPS_TAKEN_HERE } from '../emulation-year/NextStep';
import { runByOneOf, sheetsToWrite } from '../emulation-year/useYear';
import { today } from '../block/dates';
import { deadline } from '../voting/rules';
import { GettingStarted } from './GettingStarted';

const PeriodsQuery = graphql(`
  query HomePeriods($yearId: ID!) {
    votingPeriods(emulationYearId: $yearId) {
      id
      round
      status
      method
      voted
      outcome
      closesAt
      extendedUntil
      resultsPublishedAt
      paperCount {
        confirmedAt
      }
      conference {
        secretaryUserId
      }
      turnout {
        cast
        eligible
      }
    }
  }
`);

const NominationsQuery = graphql(`
  query HomeNominations($yearId: ID!) {
    nominations(emulationYearId: $yearId) {
      id
      form
      status
      councilVoteId
      unit {
        name
      }
      person {
        fullName
      }
    }
  }
`);

/** Which of the block's members registered a title this year (a unit with none is asked to). */
const RegistrationsQuery = graphql(`
  query HomeRegistrations($blockId: ID!, $year: Int!) {
    emulationYear(blockId: $blockId, year: $year) {
      id
      titleRegistrations {
        unitId
      }
    }
  }
`);

/** While a block year is scored: its rules (who cross-scores), its last day, and the sheets a unit has sent. */
const HomeSheetsQuery = graphql(`
  query HomeSheets($blockId: ID!, $year: Int!, $scorer: ID!) {
    emulationYear(blockId: $blockId, year: $year) {
      id
      scoringDeadline
      criteriaSet {
        method
        crossScorers
      }
      scoreSheets(scorerUnitId: $scorer, first: 50) {
        kind
        targetUnitId
      }
    }
  }
`);

/** R13's day for a block year whose dossier is to be sent. */
const DossierDueQuery = graphql(`
  query HomeDossierDue($blockId: ID!, $year: Int!) {
    emulationYear(blockId: $blockId, year: $year) {
      id
      dossierDeadline
    }
  }
`);

/** A unit's own proposals of a block year, with whether a file (its achievement report) is attached yet. */
const OwnNominationsQuery = graphql(`
  query HomeOwnNominations($yearId: ID!) {
    nominations(emulationYearId: $yearId) {
      id
      form
      status
      unitId
      unit {
        name
      }
      person {
        fullName
      }
      attachments {
        id
      }
    }
  }
`);

interface Task {
  key: string;
  label: string;
  href: string;
  /** A cluster's task (its year, its vote), not a block's: see `groupWords`. */
  cluster?: boolean;
}
interface PeriodSteps {
  status: string;
  method?: string;
  outcome?: string | null;
  resultsPublishedAt: unknown;
  turnout: { cast: number; eligible: number } | null;
}
interface Tasks {
  votes: Task[];
  /** The secretariat's view of the province's votes under way, with their turnout. */
  openVotes: Task[];
  /** The head and deputy units' own votes under way, with their turnout, until everyone has voted (then toClose). */
  runningVotes: Task[];
  /**
   * The head and deputy units' steps: a vote everyone has cast to close, a round the rounds left undecided to
   * decide (R5), counted results to publish (the head, who chairs the count), the dossier.
   */
  toClose: Task[];
  roundDecisions: Task[];
  toPublish: Task[];
  dossiers: Task[];
  /** A paper round: the head unit enters the counting committee's figures, the deputy unit confirms them. */
  paperCounts: Task[];
  paperConfirms: Task[];
  /** The unit's own proposals without their achievement report, until the dossier is sent. */
  reports: Task[];
  /** The unit's own proposals on their way (sent, appraised, before the council or decided against), to follow. */
  proposals: Task[];
  covenants: Task[];
  /** A member's score sheets not sent yet (its own, and those it cross-scores), while the year is scored. */
  sheets: Task[];
  /** A member that has registered no title yet, while registration is open (by its deadline, when set). */
  registrations: Task[];
  appraisals: Task[];
  councilReviews: Task[];
  /** Approved by the council, waiting for the Chairman's numbered decision. */
  toDecide: Task[];
  councilVotes: Task[];
  /** A council member's sessions whose results were published lately: the outcome they voted on, one step away. */
  councilResults: Task[];
  /** The head and deputy units' year: its covenant to write, then each step taken on its page once ready. */
  yearSteps: Task[];
}

const noTasks = (): Tasks => ({
  votes: [],
  openVotes: [],
  runningVotes: [],
  toClose: [],
  roundDecisions: [],
  toPublish: [],
  dossiers: [],
  paperCounts: [],
  paperConfirms: [],
  reports: [],
  proposals: [],
  covenants: [],
  sheets: [],
  registrations: [],
  appraisals: [],
  councilReviews: [],
  toDecide: [],
  councilVotes: [],
  councilResults: [],
  yearSteps: [],
});

/**
 * One query's answer, read afresh; a query refused or unanswered throws its error, so that the page says the tasks
 * could not be gathered instead of showing fewer of them as if that were all.
 */
async function read<D, V extends AnyVariables>(
  client: Client,
  query: DocumentInput<D, V>,
  variables: V,
): Promise<D> {
  const res = await client.query(query, variables, { requestPolicy: 'network-only' }).toPromise();
  if (!res.data) throw res.error ?? new CombinedError({ networkError: new Error('No answer') });
  return res.data;
}

/** At most `n` queries at a time. */
async function pool<T, R>(items: T[], n: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * What needs this person now, gathered from the API as it is (there is no task list of its own yet): the
 * blocks their unit is in, each block year's votes, covenant and proposals, and the council's sessions.
 */
async function gatherTasks(
  client: Client,
  userId: string,
  units: string[],
  admin: boolean,
  council: boolean,
  i18n: I18n,
): Promise<Tasks> {
  const { t } = i18n;
  const label = (block: string, year: number, round: number) =>
    round
      ? `${t('home.blockYear', { block, year })} · ${t('voting.round', { n: round })}`
      : t('home.blockYear', { block, year });
  const councilLabel = (openedAt: unknown) =>
    `${t('council.title')} · ${t('voting.councilSession', { date: i18n.date(openedAt as string) })}`;
  const formLabel = (form: string) => formName(i18n, form);
  const tasks = noTasks();
  /**
   * A vote's steps, as its page offers them (PeriodControls): whoever runs it (the head or deputy unit; the
   * secretariat for the council) closes it once everyone has voted and decides a round left undecided; whoever
   * announces it (the head unit; the secretariat) publishes the count; whoever follows it (the secretariat) sees
   * its turnout.
   */
  const steps = (
    task: Task,
    p: PeriodSteps,
    who: { runs: boolean; announces: boolean; follows: boolean },
  ) => {
    const all = p.turnout !== null && p.turnout.cast === p.turnout.eligible;
    const undecided = p.outcome === 'AWAITING_DECISION';
    // A paper round's turnout is the counting committee's, not the platform's: its label says no "0/9".
    const withTurnout = {
      ...task,
      label:
        p.turnout && p.method !== 'PAPER'
          ? `${task.label} · ${t('voting.turnout', { cast: p.turnout.cast, eligible: p.turnout.eligible })}`
          : task.label,
    };
    if (who.follows && p.status === 'OPEN') tasks.openVotes.push(withTurnout);
    else if (who.runs && p.status === 'OPEN' && !all && p.method !== 'PAPER')
      tasks.runningVotes.push(withTurnout);
    if (who.runs && p.status === 'OPEN' && all) tasks.toClose.push(task);
    if (who.runs && p.status === 'TALLIED' && undecided)
      tasks.roundDecisions.push({ ...task, href: `${task.href}/decision` });
    if (who.announces && p.status === 'TALLIED' && !p.resultsPublishedAt && !undecided)
      tasks.toPublish.push(task);
  };
  for (const year of homeYears()) {
    if (!units.length && !admin) break;
    // Read afresh, like the votes below: the overview on the page shares this answer (same query and year).
    const rows = (await read(client, SeasonQuery, { year, mine: !admin })).blockYears;
    await pool(rows, 4, async ({ block: b, emulationYear: y }) => {
      if (!y) return;
      const where = `/blocks/${b.id}/years/${year}`;
      const cluster = b.kind === 'CLUSTER';
      const members = units.filter((u) => b.members.some((m) => m.id === u));
      if (y.state === 'OPEN')
        for (const u of members)
          if (!y.covenantSignatures.some((s) => s.unitId === u))
            tasks.covenants.push({
              cluster,
              key: `${y.id}:${u}`,
              label: label(b.name, year, 0),
              href: `${where}/sign`,
            });
      const by = y.registrationDeadline;
      // Once the members are told (OPEN), until the last day; without one, until scoring begins.
      const registering =
        (y.state === 'OPEN' || y.state === 'COVENANT_SIGNED' || (!!by && y.state === 'SCORING')) &&
        (!by || today() <= by);
      // Read only where it is asked: a season's every registration would make the season's query too large.
      const registered =
        registering && members.length
          ? (await read(client, RegistrationsQuery, { blockId: b.id, year })).emulationYear
              ?.titleRegistrations
          : [];
      if (registering)
        for (const u of members)
          if (!registered?.some((r) => r.unitId === u))
            tasks.registrations.push({
              cluster,
              key: `${y.id}:${u}:titles`,
              label: by
                ? `${label(b.name, year, 0)} · ${t('home.dueBy', { date: i18n.date(by) })}`
                : label(b.name, year, 0),
              href: `${where}/titles?unit=${u}`,
            });
      if (y.state === 'SCORING')
        for (const u of members) {
          const found = (await read(client, HomeSheetsQuery, { blockId: b.id, year, scorer: u }))
            .emulationYear;
          if (!found) continue;
          const rules = {
            ...y,
            criteriaSet: found.criteriaSet,
            members: b.members.map((m) => ({ unitId: m.id })),
          };
          const left = sheetsToWrite(rules, u).filter(
            (s) => !found.scoreSheets.some((w) => w.kind === s.kind && w.targetUnitId === s.target),
          ).length;
          const by = found.scoringDeadline;
          if (left)
            tasks.sheets.push({
              cluster,
              key: `${y.id}:${u}:sheets`,
              label:
                `${label(b.name, year, 0)} · ${t('home.sheetsLeft', { n: left })}` +
                (by ? ` · ${t('home.dueBy', { date: i18n.date(by) })}` : ''),
              href: `${where}/sheets?unit=${u}`,
            });
        }
      const head = units.includes(y.headUnit?.id ?? '');
      const deputy = units.includes(y.deputyUnit?.id ?? '');
      const runs = runByOneOf(y, units);
      if (runs) {
        if (y.state === 'DRAFT' && y.nextStepMissing.includes('covenant items'))
          tasks.yearSteps.push({
            cluster,
            key: `${y.id}:covenant`,
            label: `${label(b.name, year, 0)} · ${t('home.writeCovenant')}`,
            href: `${where}/covenant`,
          });
        const to = y.nextStates[0];
        if (to && STEPS_TAKEN_HERE.includes(to) && y.nextStepMissing.length === 0)
          tasks.yearSteps.push({
            cluster,
            key: `${y.id}:${to}`,
            label: `${label(b.name, year, 0)} · ${t(`steps.action.${to}` as MessageKey)}`,
            href: where,
          });
      }
      if (runs && y.state === 'RESULTS_RECORDED') {
        const due = (await read(client, DossierDueQuery, { blockId: b.id, year })).emulationYear
          ?.dossierDeadline;
        // The proposals still without their achievement report: the head unit sees whose, not only its own.
        const unreported = (await read(client, OwnNominationsQuery, { yearId: y.id })).nominations.filter(
          (n) => n.status === 'PROPOSED_BY_BLOCK' && !n.attachments.length,
        ).length;
        const notes = [
          ...(due ? [t('home.dossierDue', { date: i18n.date(due) })] : []),
          ...(unreported ? [t('home.reportsMissing', { n: unreported })] : []),
        ];
        tasks.dossiers.push({
          cluster,
          key: y.id,
          label: notes.length ? `${label(b.name, year, 0)} (${notes.join('; ')})` : label(b.name, year, 0),
          href: `${where}/conference`,
        });
      }
      // A unit proposed for an award writes its achievement report, attached before the dossier goes; then it
      // follows where its proposals stand (a unit has no list of nominations of its own) until they are decided.
      if (units.length && ['RESULTS_RECORDED', 'DOSSIER_SUBMITTED', 'CLOSED'].includes(y.state)) {
        const own = (await read(client, OwnNominationsQuery, { yearId: y.id })).nominations;
        for (const n of own) {
          if (!units.includes(n.unitId)) continue;
          const item = {
            cluster,
            key: n.id,
            label: `${nominee(n)} – ${formLabel(n.form)} · ${b.name}`,
            href: `/nominations/${n.id}`,
          };
          if (n.status === 'PROPOSED_BY_BLOCK' && !n.attachments.length) tasks.reports.push(item);
          // Decided (or revoked since, which its notice says): nothing left to follow.
          else if (!['PROPOSED_BY_BLOCK', 'DECIDED', 'REVOKED'].includes(n.status))
            tasks.proposals.push({
              ...item,
              label: `${item.label}: ${t(`nomination.status.${n.status}` as MessageKey)}`,
            });
        }
      }
      if ((units.length || admin) && (y.state === 'VOTING' || y.state === 'SCORES_LOCKED')) {
        const periods = (await read(client, PeriodsQuery, { yearId: y.id })).votingPeriods;
        for (const p of periods) {
          const task = {
            cluster,
            key: p.id,
            label: label(b.name, year, p.round),
            href: `/voting-periods/${p.id}`,
          };
          steps(task, p, { runs, announces: head, follows: admin });
          if (p.method === 'PAPER' && p.status === 'OPEN') {
            const count = { ...task, href: `/voting-periods/${p.id}/paper-count` };
            if (head && !p.paperCount) tasks.paperCounts.push(count);
            // The deputy or the conference's secretary confirms it; whoever entered the count does not, so an
            // officer of the head unit is asked to enter only (confirmPaperCount's rule).
            const secretary = p.conference?.secretaryUserId === userId;
            if ((deputy || secretary) && !head && p.paperCount && !p.paperCount.confirmedAt)
              tasks.paperConfirms.push(count);
          }
          // Null when none of the person's units votes in it; false while one of them has not voted.
          // "Bỏ phiếu" opens the ballot itself, not the vote's page with another "Bỏ phiếu" on it.
          // With its deadline, as a council member's ballot says it (a paper round is voted in the hall).
          if (p.status === 'OPEN' && p.voted === false)
            tasks.votes.push({
              ...task,
              href: `${task.href}/ballot`,
              label:
                p.method === 'PAPER'
                  ? task.label
                  : `${task.label} · ${t('voting.deadline', { when: i18n.dateTime(deadline(p)) })}`,
            });
        }
      }
      if (admin) {
        const noms = (await read(client, NominationsQuery, { yearId: y.id })).nominations;
        const toAppraise = noms.filter((n) => n.status === 'SUBMITTED' || n.status === 'IN_APPRAISAL');
        // Put to the council: waiting for a session, or in one whose results are not yet published.
        const toCouncil = noms.filter((n) => n.status === 'COUNCIL_REVIEW' && !n.councilVoteId);
        const item = (n: { id: string; form: string } & Parameters<typeof nominee>[0]) => ({
          cluster,
          key: n.id,
          label: `${nominee(n)} – ${formLabel(n.form)} · ${b.name}`,
          href: `/nominations/${n.id}`,
        });
        tasks.appraisals.push(...toAppraise.map(item));
        // Put to the council on its page, where a session is opened for the chosen nominations.
        tasks.councilReviews.push(...toCouncil.map((n) => ({ ...item(n), href: '/council' })));
        tasks.toDecide.push(
          ...noms
            .filter((n) => n.status === 'COUNCIL_APPROVED')
            .map((n) => ({ ...item(n), href: '/award-decisions/new' })),
        );
      }
    });
  }
  // The secretariat runs the council's sessions as the head unit runs a block's vote; members vote in them.
  if (admin || council) {
    const found = (await read(client, CouncilSessionsQuery, {})).councilSessions;
    for (const p of found) {
      const task = { key: p.id, label: councilLabel(p.openedAt), href: `/voting-periods/${p.id}` };
      if (admin && !p.resultsPublishedAt) steps(task, p, { runs: true, announces: true, follows: true });
      // A member's ballot waits until the deadline, which the task says.
      if (council && p.status === 'OPEN' && p.voted === false)
        tasks.councilVotes.push({
          ...task,
          href: `${task.href}/ballot`,
          label: `${task.label} · ${t('voting.deadline', { when: i18n.dateTime(deadline(p)) })}`,
        });
      if (
        council &&
        p.resultsPublishedAt &&
        Date.now() - Date.parse(p.resultsPublishedAt as string) < RESULTS_NEWS_MS
      )
        tasks.councilResults.push({ ...task, href: `${task.href}/results` });
    }
  }
  return tasks;
}

/** How long a council session's published results stay on its members' home pages (older ones: the council's page). */
const RESULTS_NEWS_MS = 30 * 24 * 3600_000;

/**
 * A group's title in the words of its tasks' blocks: a cluster's ("Việc của Trưởng cụm, Phó cụm…") when every task in
 * it is a cluster's, else a block's (the secretariat's groups can hold both; a unit is in one block or cluster).
 */
const groupWords = (i18n: I18n, list: readonly Pick<Task, 'cluster'>[]) =>
  i18n.forBlock(list.length > 0 && list.every((task) => task.cluster) ? 'CLUSTER' : 'BLOCK');

export default function HomePage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const client = useClient();
  const [unread] = useQuery({
    query: UnreadCountQuery,
    pause: !session.provinceId,
    context: UNREAD_CONTEXT,
  });
  const [tasks, setTasks] = useState<Tasks | null>(null);
  const [failed, setFailed] = useState<CombinedError | null>(null);
  // Bumped by "Thử lại" after a failure: gathers the tasks again.
  const [attempt, setAttempt] = useState(0);
  const units = myUnits(session);
  // An officer is told which unit they act for (the pages act for it without saying so elsewhere).
  const { names: unitNames } = useUnitNames(units);
  const admin = hasRole(session, 'PROVINCE_ADMIN');
  const council = hasRole(session, 'COUNCIL_MEMBER');
  const viewer = hasRole(session, 'NATIONAL_VIEWER', 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  const unitKey = units.join();
  const userId = session.user?.id ?? '';

  useEffect(() => {
    let live = true;
    if (!session.provinceId) {
      setTasks(noTasks());
      return;
    }
    setFailed(null);
    gatherTasks(client, userId, unitKey ? unitKey.split(',') : [], admin, council, i18n).then(
      (found) => live && setTasks(found),
      (error: unknown) =>
        live &&
        setFailed(
          error instanceof CombinedError ? error : new CombinedError({ networkError: error as Error }),
        ),
    );
    return () => {
      live = false;
    };
  }, [client, userId, unitKey, admin, council, session.provinceId, i18n, attempt]);

  const groups: { key: keyof Tasks; title: MessageKey; action: string }[] = [
    { key: 'votes', title: 'home.votes', action: t('home.voteNow') },
    { key: 'councilVotes', title: 'home.councilVotes', action: t('home.voteNow') },
    { key: 'councilResults', title: 'home.councilResults', action: t('home.seeResults') },
    { key: 'toClose', title: 'home.toClose', action: t('home.close') },
    { key: 'roundDecisions', title: 'home.roundDecisions', action: t('home.decideRound') },
    { key: 'toPublish', title: 'home.toPublish', action: t('home.publish') },
    { key: 'paperCounts', title: 'home.paperCounts', action: t('home.enterCount') },
    { key: 'paperConfirms', title: 'home.paperConfirms', action: t('home.confirmCount') },
    { key: 'dossiers', title: 'home.dossiers', action: t('home.submitDossier') },
    { key: 'reports', title: 'home.reports', action: t('home.attachReport') },
    { key: 'proposals', title: 'home.proposals', action: t('home.see') },
    { key: 'openVotes', title: 'home.openVotes', action: t('home.follow') },
    { key: 'runningVotes', title: 'home.runningVotes', action: t('home.follow') },
    { key: 'yearSteps', title: 'home.yearSteps', action: t('home.doStep') },
    { key: 'covenants', title: 'home.covenants', action: t('home.sign') },
    { key: 'registrations', title: 'home.registrations', action: t('home.register') },
    { key: 'sheets', title: 'home.sheets', action: t('home.score') },
    { key: 'appraisals', title: 'home.appraisals', action: t('home.appraise') },
    { key: 'councilReviews', title: 'home.councilReviews', action: t('home.toCouncil') },
    { key: 'toDecide', title: 'home.toDecide', action: t('home.decide') },
  ];
  const shown = tasks ? groups.filter((g) => tasks[g.key].length > 0) : [];
  const count = unread.data?.unreadNotificationCount ?? 0;

  if (homeIsDashboards(session)) return <Redirect to="/dashboards" replace />;
  return (
    <Page
      title={t('home.title')}
      subtitle={
        units.length
          ? t('home.greetingOfficer', {
              name: session.user?.fullName ?? '',
              units: units.map((u) => unitName(unitNames, u)).join('; '),
            })
          : t('home.greeting', { name: session.user?.fullName ?? '' })
      }
      wide
    >
      {session.provinceId && canAct(session, 'PROVINCE_ADMIN') && <GettingStarted />}
      {failed ? (
        <ApiErrorView error={failed} retry={() => setAttempt((n) => n + 1)} />
      ) : !tasks ? (
        <Loading />
      ) : (
        <div className="tasks">
          {shown.map((g) => (
            <section key={g.key} className="card task" aria-labelledby={`task-${g.key}`}>
              <p className="task-count" aria-hidden="true">
                {tasks[g.key].length}
              </p>
              <h2 id={`task-${g.key}`}>
                {groupWords(i18n, tasks[g.key]).t(g.title)}{' '}
                <span className="visually-hidden">({t('home.count', { n: tasks[g.key].length })})</span>
              </h2>
              <ul className="task-list">
                {tasks[g.key].slice(0, 8).map((task) => (
                  <li key={task.key}>
                    <Link href={task.href}>
                      {g.action}: {task.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {units.map((u) => (
            <RecentAwards key={u} unitId={u} />
          ))}
          {count > 0 && (
            <section className="card task" aria-labelledby="task-unread">
              <p className="task-count" aria-hidden="true">
                {count}
              </p>
              <h2 id="task-unread">{t('home.unread')}</h2>
              <Link href="/notifications">{t('app.notifications')}</Link>
            </section>
          )}
          {/* The operator's own work, from the home page: the provinces, and onboarding a new one. */}
          {hasRole(session, 'PLATFORM_ADMIN') && (
            <section className="card task" aria-labelledby="task-platform">
              <h2 id="task-platform">{t('admin.platform')}</h2>
              <p className="muted">{t('admin.platformHint')}</p>
              <ul className="task-list">
                <li>
                  <Link href="/platform/provinces">{t('platform.title')}</Link>
                </li>
                <li>
                  <Link href="/platform/provinces/new">{t('platform.onboard')}</Link>
                </li>
              </ul>
            </section>
          )}
          {viewer && (
            <section className="card task" aria-labelledby="task-dash">
              <h2 id="task-dash">{t('dash.title')}</h2>
              <Link href="/dashboards">{t('home.dashboards')}</Link>
            </section>
          )}
          {shown.length === 0 && count === 0 && !viewer && <p className="empty">{t('home.nothing')}</p>}
        </div>
      )}
      {tasks &&
        (admin || units.length > 0) &&
        homeYears().map((year) => (
          <Season key={year} year={year} admin={admin} upcoming={!seasonYears().includes(year)} />
        ))}
    </Page>
  );
}

/** Where the blocks' years stand: the province's for the secretariat, the unit's own blocks for its officers. */
function Season({ year, admin, upcoming }: { year: number; admin: boolean; upcoming: boolean }) {
  const { t } = useI18n();
  const [res] = useQuery({ query: SeasonQuery, variables: { year, mine: !admin } });
  const rows = res.data?.blockYears ?? [];
  // Next year is shown once a block has opened it, not as a list of blocks still to open before its time.
  if (!rows.length || (upcoming && !rows.some((r) => r.emulationYear))) return null;
  return (
    <SeasonOverview
      year={year}
      rows={rows}
      title={t(admin ? 'season.title' : 'season.mine', { year })}
      admin={admin}
    />
  );
}
