import {
  decisionRepository,
  personRepository,
  type Conference,
  type EmulationYear,
  type VotingPeriod,
} from '@thidua/db';
import {
  provinceTitle,
  submissionCitedBy,
  type CertificatesInput,
  type ConferenceMinutesInput,
  type ConferenceRecord,
  type CouncilMinutesInput,
  type CouncilSubmissionInput,
  type DecisionInput,
  type ProvinceName,
  type SubmissionInput,
  type VoteMinutesInput,
} from '@thidua/documents';
import {
  annexOrder,
  blockWords,
  formWordsIn,
  isProposalForm,
  placeWord,
  PROPOSAL_FORMS,
  TIE_BREAK_WORDS,
  vietnamDate,
  vietnamToday,
  votesNeeded,
  type BlockKind,
  type ProposalForm,
  type TieBreak,
} from '@thidua/domain';
import { appError, conflict, forbidden, notFound } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { filesOfYear, nominationSubject } from '../attachment/attachment.service';
import { yearConference } from '../conference/conference.service';
import { yearMembers } from '../emulation-year/emulation-year.service';
import { certificateLayout } from './certificate-layout';
import { canSeeResults, headOrDeputySide, periodYear, seesYearOutcome } from '../voting/voting.service';

/**
 * What each document prints, read in the request's province (RLS) under the same rules as the API: a count
 * before publication only for those who chair it (canSeeResults), a block's proposals only once published or
 * for its head unit (seesYearOutcome). Another province's record is simply not found.
 */

/**
 * A contest as the minutes title it; the forms carry the name of the province's or city's committee, the posts
 * a cluster's words ("Trưởng cụm").
 */
function contestWords(p: ProvinceName, kind: BlockKind | undefined): Record<string, string> {
  const forms = formWordsIn(p.kind);
  const { block } = blockWords(kind);
  return {
    FLAG: `Đơn vị dẫn đầu ${block} (đề nghị ${forms.FLAG_PROVINCE})`,
    MERIT: `Đề nghị ${forms.MERIT_PROVINCE}`,
    NEXT_HEAD: `Đơn vị Trưởng ${block} năm sau`,
    NEXT_DEPUTY: `Đơn vị Phó ${block} năm sau`,
    APPROVAL: 'Biểu quyết đề nghị khen thưởng',
  };
}

const formWords = (form: string, p: ProvinceName) => formWordsIn(p.kind)[form as ProposalForm] ?? form;

async function province(ctx: GraphQLContext): Promise<ProvinceName> {
  const p = await ctx.loaders.province.load(ctx.access!.provinceId);
  return { name: p!.name, kind: p!.kind };
}

/** Unit names by id (the loaders' batch, so a table of 500 costs one query). */
async function unitNames(ctx: GraphQLContext, ids: readonly string[]): Promise<(id: string) => string> {
  const units = await ctx.loaders.unit.loadMany([...new Set(ids)]);
  const names = new Map<string, string>();
  for (const u of units) if (u && !(u instanceof Error)) names.set(u.id, u.name);
  return (id) => names.get(id) ?? id;
}

/** A unit's short name when it is an abbreviation a register numbers with ("VPTU", "SNV"), not a shorter name. */
function abbreviation(unit: { shortName: string | null } | null | undefined): string | null {
  const code = unit?.shortName?.trim();
  return code && /^[A-ZĐ][A-ZĐ0-9-]{1,19}$/u.test(code) ? code : null;
}

async function personNames(ctx: GraphQLContext, ids: readonly string[]): Promise<(id: string) => string> {
  const people = await ctx.loaders.person.loadMany([...new Set(ids)]);
  const names = new Map<string, string>();
  for (const p of people) if (p && !(p instanceof Error)) names.set(p.id, p.fullName);
  return (id) => names.get(id) ?? id;
}

async function loadPeriodOr404(ctx: GraphQLContext, id: string): Promise<VotingPeriod> {
  const period = isUuid(id) ? await ctx.loaders.votingPeriod.load(id) : null;
  if (!period) throw notFound('VotingPeriod', id);
  return period;
}

const notVisible = () =>
  forbidden('The count is not published yet: only those who chair it may print its minutes');

/** A candidate's place on the ballot; one not on it (none should be) after those that are. */
function ballotPlace(contest: { candidateUnitIds: readonly string[] }, unitId: string): number {
  const i = contest.candidateUnitIds.indexOf(unitId);
  return i < 0 ? Infinity : i;
}

/** Biên bản kiểm phiếu: every round of the block year that the period belongs to, as far as the reader may see. */
/**
 * A year recorded from documents was voted and proposed on paper: its minutes and its submission are those
 * documents, which the platform does not print again (dated today, under today's law).
 */
function recordedFromDocuments(year: EmulationYear) {
  return appError(
    'BAD_USER_INPUT',
    `The year was recorded from documents${year.sourceReference ? ` (${year.sourceReference})` : ''}: its minutes and submission are those documents`,
  );
}

export async function voteMinutesData(ctx: GraphQLContext, periodId: string): Promise<VoteMinutesInput> {
  const asked = await loadPeriodOr404(ctx, periodId);
  const year = await periodYear(ctx, asked);
  if (!year)
    throw appError('BAD_USER_INPUT', "A council vote's minutes are the council minutes (council-minutes)");
  // Its vote was counted on paper and its minutes are the documents it was recorded from: the platform prints
  // no minutes of a count it never held.
  if (year.recordedFromDocuments) throw recordedFromDocuments(year);
  const periods = (await ctx.loaders.periodsOfYear.load(year.id)).slice().sort((a, b) => a.round - b.round);
  const visible: VotingPeriod[] = [];
  for (const p of periods) if (await canSeeResults(ctx, p)) visible.push(p);
  if (!visible.length) throw notVisible();
  const [block, conference, prov] = await Promise.all([
    ctx.loaders.block.load(year.blockId),
    yearConference(ctx, year.id),
    province(ctx),
  ]);
  const rounds = await Promise.all(
    visible.map(async (p) => ({
      period: p,
      contests: await ctx.loaders.contests.load(p.id),
      results: await ctx.loaders.votingResults.load(p.id),
      // Before publication the head and deputy's decision is theirs alone (as on the API).
      decisions:
        p.resultsPublishedAt || headOrDeputySide(ctx, year) ? await ctx.loaders.decisions.load(p.id) : [],
    })),
  );
  const ids = [
    ...(conference ? conferenceUnitIds(conference) : []),
    ...rounds.flatMap((r) => r.contests.flatMap((c) => c.candidateUnitIds)),
    ...rounds.flatMap((r) => r.decisions.flatMap((d) => [...d.unitIds, d.proposedByUnitId])),
    ...rounds.flatMap((r) => r.decisions.flatMap((d) => (d.confirmedByUnitId ? [d.confirmedByUnitId] : []))),
  ];
  const unit = await unitNames(ctx, ids);
  const contestTitle = new Map<string, string>();
  const titles = contestWords(prov, block?.kind);
  return {
    province: prov,
    blockName: block?.name ?? '',
    blockKind: block?.kind,
    year: year.year,
    conference: conference && conferenceRecord(conference, unit),
    rounds: rounds.map(({ period, contests, results }) => ({
      round: period.round,
      method: period.method,
      openedAt: period.openedAt.toISOString(),
      closedAt: period.closedAt?.toISOString() ?? null,
      thresholdPercent: Number(period.thresholdPercent),
      thresholdMode: period.thresholdMode,
      eligible: period.eligibleVoterIds.length,
      votesNeeded: votesNeeded(period.eligibleVoterIds.length, {
        thresholdPercent: Number(period.thresholdPercent),
        thresholdMode: period.thresholdMode,
      }),
      contests: contests.map((c) => {
        const r = results.find((x) => x.contestId === c.id)!.result;
        const title = titles[c.kind] ?? c.kind;
        contestTitle.set(c.id, title);
        const figures = r.paper ?? {
          issued: period.eligibleVoterIds.length,
          returned: r.cast,
          valid: r.cast,
          invalid: 0,
        };
        return {
          title,
          seats: c.seats,
          ...figures,
          blank: r.blank,
          // Equal counts in the ballot's order, as the members saw the candidates.
          candidates: r.candidates
            .slice()
            .sort((a, b) => b.votes - a.votes || ballotPlace(c, a.unitId) - ballotPlace(c, b.unitId))
            .map((x) => ({
              name: unit(x.unitId),
              votes: x.votes,
              percent: x.percent,
              reached: x.reachedThreshold,
              elected: r.elected.includes(x.unitId),
            })),
          unfilled: r.unfilledSeats,
          shortfall: r.shortfall,
          tied: r.tiedUnitIds.map(unit),
          tieBreak: r.tieBreak
            ? {
                among: r.tieBreak.among.map(unit),
                chosen: r.tieBreak.chosen.map(unit),
                rule: TIE_BREAK_WORDS[r.tieBreak.rule as TieBreak],
              }
            : null,
        };
      }),
    })),
    decisions: rounds.flatMap((r) =>
      r.decisions.map((d) => ({
        contest: contestTitle.get(d.contestId) ?? '',
        units: d.unitIds.map(unit),
        proposedBy: unit(d.proposedByUnitId),
        confirmedBy: d.confirmedAt && d.confirmedByUnitId ? unit(d.confirmedByUnitId) : null,
      })),
    ),
    publishedAt: visible[visible.length - 1]!.resultsPublishedAt?.toISOString() ?? null,
    generatedAt: new Date().toISOString(),
  };
}

/** The units a conference's record names: the chair, the members, the counting committee's. */
function conferenceUnitIds(c: Conference): string[] {
  return [
    ...(c.chairUnitId ? [c.chairUnitId] : []),
    ...c.attendance.map((a) => a.unitId),
    ...c.countingCommittee.flatMap((m) => (m.unitId ? [m.unitId] : [])),
  ];
}

function conferenceRecord(c: Conference, unit: (id: string) => string): ConferenceRecord {
  return {
    heldOn: c.heldOn,
    place: c.place,
    chairUnit: c.chairUnitId ? unit(c.chairUnitId) : null,
    chairPerson: c.chairPerson,
    chairPosition: c.chairPosition,
    secretaryName: c.secretaryName,
    secretaryPosition: c.secretaryPosition,
    attendance: c.attendance.map((a) => ({
      unit: unit(a.unitId),
      present: a.present,
      representatives: a.representatives ?? [],
      absenceReason: a.absenceReason ?? null,
    })),
    committee: c.countingCommittee.map((m) => ({
      name: m.name,
      role: m.role,
      unit: m.unitId ? unit(m.unitId) : null,
    })),
  };
}

/**
 * Biên bản hội nghị: the conference as recorded and, once the vote's last round is announced, what it chose
 * (elected, or decided by the head and deputy after the last round). Before, the count stays the committee's.
 */
export async function conferenceMinutesData(
  ctx: GraphQLContext,
  id: string,
): Promise<ConferenceMinutesInput> {
  const conference = isUuid(id) ? await ctx.loaders.conference.load(id) : null;
  if (!conference) throw notFound('Conference', id);
  const year = await ctx.loaders.emulationYear.load(conference.emulationYearId);
  if (!year) throw notFound('Conference', id);
  const [block, prov, periods, members] = await Promise.all([
    ctx.loaders.block.load(year.blockId),
    province(ctx),
    ctx.loaders.periodsOfYear.load(year.id),
    yearMembers(ctx, year),
  ]);
  const rounds = periods.filter((p) => p.kind === 'BLOCK').sort((a, b) => a.round - b.round);
  const announced = rounds.length > 0 && !!rounds[rounds.length - 1]!.resultsPublishedAt;
  const chosen = new Map<string, string[]>();
  // Units the head and deputy chose after the last round (R5): the minutes say so, not that the ballot did.
  const byDecision = new Set<string>();
  if (announced)
    for (const p of rounds) {
      const [contests, results, decisions] = await Promise.all([
        ctx.loaders.contests.load(p.id),
        ctx.loaders.votingResults.load(p.id),
        ctx.loaders.decisions.load(p.id),
      ]);
      for (const c of contests) {
        const elected = results.find((r) => r.contestId === c.id)?.result.elected ?? [];
        const decided = decisions.find((d) => d.contestId === c.id && d.confirmedAt)?.unitIds ?? [];
        chosen.set(c.kind, [...(chosen.get(c.kind) ?? []), ...elected, ...decided]);
        for (const u of decided) byDecision.add(`${c.kind}:${u}`);
      }
    }
  const unit = await unitNames(ctx, [...conferenceUnitIds(conference), ...[...chosen.values()].flat()]);
  const { block: word } = blockWords(block?.kind);
  const nextYear = (post: string) => `Đơn vị ${post} ${word} năm ${year.year + 1}`;
  const words: Record<string, string> = {
    ...contestWords(prov, block?.kind),
    NEXT_HEAD: nextYear('Trưởng'),
    NEXT_DEPUTY: nextYear('Phó'),
  };
  return {
    province: prov,
    blockName: block?.name ?? '',
    year: year.year,
    conference: {
      ...conferenceRecord(conference, unit),
      endedOn: conference.endedOn,
      minutes: conference.minutes,
    },
    memberCount: members.length,
    voted: rounds.length > 0,
    results: announced
      ? [...chosen].map(([kind, units]) => ({
          contest: words[kind] ?? kind,
          units: units.map((u) =>
            byDecision.has(`${kind}:${u}`)
              ? `${unit(u)} (do Trưởng ${word} và Phó ${word} thống nhất chọn sau vòng bỏ phiếu cuối)`
              : unit(u),
          ),
        }))
      : null,
    generatedAt: new Date().toISOString(),
  };
}

/** The block vote's last round, when the request may see its count: its minutes go with the dossier. */
export async function countedLastRound(ctx: GraphQLContext, yearId: string): Promise<VotingPeriod | null> {
  const rounds = (await ctx.loaders.periodsOfYear.load(yearId)).filter((p) => p.kind === 'BLOCK');
  const last = rounds.sort((a, b) => b.round - a.round)[0];
  return last && (await canSeeResults(ctx, last)) ? last : null;
}

/** The minutes of the vote, as the dossier lists them: generated by the platform from the count. */
const VOTE_MINUTES_ATTACHED = 'Biên bản kiểm phiếu (do hệ thống lập)';
const conferenceMinutesAttached = (kind: BlockKind | undefined) =>
  `Biên bản hội nghị tổng kết của ${blockWords(kind).block} (do hệ thống lập)`;

/**
 * The block's submission (tờ trình), listing what goes with it: the files attached to the block's year and its
 * conference, each proposal's achievement report, and the vote's minutes.
 */
export async function submissionData(ctx: GraphQLContext, yearId: string): Promise<SubmissionInput> {
  const year = isUuid(yearId) ? await ctx.loaders.emulationYear.load(yearId) : null;
  if (!year) throw notFound('EmulationYear', yearId);
  if (!seesYearOutcome(ctx, year))
    throw forbidden("The block's proposals are not published yet: only its head unit may print them");
  if (year.recordedFromDocuments) throw recordedFromDocuments(year);
  const [block, conference, prov, outcome, nominations, results] = await Promise.all([
    ctx.loaders.block.load(year.blockId),
    yearConference(ctx, year.id),
    province(ctx),
    ctx.loaders.awardOutcome.load(year.id),
    ctx.loaders.nominations.load(year.id),
    ctx.loaders.results.load(year.id),
  ]);
  // The higher award first, then by the members' final ranking: as a council reads a list.
  const forms: readonly string[] = PROPOSAL_FORMS;
  // Units without a ranking (a year recorded from documents) after the ranked ones.
  const ranked = new Map(results.map((r) => [r.unitId, r.position]));
  const position = (unitId: string) => ranked.get(unitId) ?? Number.MAX_SAFE_INTEGER;
  const proposals = nominations
    .filter((n) => !['NOT_ELIGIBLE', 'DEFERRED'].includes(n.status))
    .sort((a, b) => forms.indexOf(a.form) - forms.indexOf(b.form) || position(a.unitId) - position(b.unitId));
  const unit = await unitNames(ctx, [
    ...proposals.map((n) => n.unitId),
    ...(year.headUnitId ? [year.headUnitId] : []),
  ]);
  const person = await personNames(
    ctx,
    proposals.flatMap((n) => (n.personId ? [n.personId] : [])),
  );
  const head = year.headUnitId ? await personRepository.headOf(year.headUnitId) : null;
  const submittedAt = outcome[0]?.dossierSubmittedAt;
  const files = (await filesOfYear(ctx, year.id)).filter((a) => !a.generated);
  const subject = (n: (typeof proposals)[number]) =>
    n.personId ? `${person(n.personId)} (${unit(n.unitId)})` : unit(n.unitId);
  const attachments = [
    // The dossier's and the conference's files; a member's evidence is its sheet's, not the dossier's.
    ...files
      .filter((a) => a.ownerType === 'EMULATION_YEAR' || a.ownerType === 'CONFERENCE')
      .map((a) => a.name),
    ...proposals.flatMap((n) =>
      files
        .filter((a) => a.ownerType === 'NOMINATION' && a.subject === nominationSubject(n))
        .map((a) => `Báo cáo thành tích của ${subject(n)}: ${a.name}`),
    ),
    // The conference's minutes go with the dossier as the vote's do (domain.md §1.5), printed from the record.
    ...(conference ? [conferenceMinutesAttached(block?.kind)] : []),
    ...((await countedLastRound(ctx, year.id)) ? [VOTE_MINUTES_ATTACHED] : []),
  ];
  return {
    province: prov,
    blockName: block?.name ?? '',
    blockKind: block?.kind,
    year: year.year,
    headUnit: year.headUnitId ? unit(year.headUnitId) : '',
    headUnitCode: year.headUnitId ? abbreviation(await ctx.loaders.unit.load(year.headUnitId)) : null,
    // Signed for the head unit by its head, when the unit's people record one (with their position); else by
    // the conference's chair from the head unit, as the minutes name them; else the title and a line for the name.
    ...signerOf(head, year.headUnitId && conference?.chairUnitId === year.headUnitId ? conference : null),
    conferenceOn: conference?.heldOn ?? null,
    // The day in Vietnam: a dossier sent at 6 a.m. on 2 January is dated 2 January, not 1 January (UTC).
    date: vietnamDate(submittedAt ?? new Date()),
    proposals: proposals.map((n) => ({
      subject: subject(n),
      unit: unit(n.unitId),
      individual: !!n.personId,
      form: formWords(n.form, prov),
      grounds: n.explanation.map((e) => e.text),
    })),
    attachments,
  };
}

/** Who signs the head unit's submission (submissionData). */
function signerOf(
  head: { fullName: string; position: string | null } | null,
  chair: Pick<Conference, 'chairPerson' | 'chairPosition'> | null,
): { signerName: string | null; signerTitle: string } {
  if (head) return { signerName: head.fullName, signerTitle: head.position?.trim() || 'Thủ trưởng đơn vị' };
  // The chair signs only as the position the minutes give: a name under "Thủ trưởng đơn vị" would say they head it.
  const [name, position] = [chair?.chairPerson?.trim(), chair?.chairPosition?.trim()];
  return name && position
    ? { signerName: name, signerTitle: position }
    : { signerName: null, signerTitle: 'Thủ trưởng đơn vị' };
}

/** What a loader's loadMany found (neither missing nor failed). */
const found = <T>(list: (T | Error | null | undefined)[]) =>
  list.flatMap((x) => (x && !(x instanceof Error) ? [x] : []));

/** A council question passed: its subject, the nomination's unit and its one candidate, elected (minutes, submission). */
const passedQuestion = (c: { candidateUnitIds: string[] }, elected: readonly string[]) =>
  elected.includes(c.candidateUnitIds[0]!);

/** The council's minutes: attendance against its quorum and the secret ballot per nomination. */
export async function councilMinutesData(
  ctx: GraphQLContext,
  periodId: string,
): Promise<CouncilMinutesInput> {
  const period = await loadPeriodOr404(ctx, periodId);
  if (period.kind !== 'COUNCIL') throw appError('BAD_USER_INPUT', "A block vote's minutes are vote-minutes");
  if (!(await canSeeResults(ctx, period))) throw notVisible();
  const [contests, results, prov, cast, receipts, members] = await Promise.all([
    ctx.loaders.contests.load(period.id),
    ctx.loaders.votingResults.load(period.id),
    province(ctx),
    ctx.loaders.turnout.load(period.id),
    ctx.loaders.receipts.load(period.id),
    ctx.loaders.user.loadMany(period.eligibleVoterIds),
  ]);
  const voters = new Set(receipts.map((r) => r.voterId));
  const nominations = await ctx.loaders.nomination.loadMany(
    contests.flatMap((c) => (c.nominationId ? [c.nominationId] : [])),
  );
  const byId = new Map(found(nominations).map((n) => [n.id, n] as const));
  const unit = await unitNames(
    ctx,
    contests.flatMap((c) => c.candidateUnitIds),
  );
  const person = await personNames(
    ctx,
    [...byId.values()].flatMap((n) => (n.personId ? [n.personId] : [])),
  );
  // The block year each proposal came from (the submission to the Chairman lists their dossiers).
  const years = found(
    await ctx.loaders.emulationYear.loadMany([...new Set([...byId.values()].map((n) => n.emulationYearId))]),
  );
  const blocks = found(await ctx.loaders.block.loadMany([...new Set(years.map((y) => y.blockId))]));
  const yearOf = (n: { emulationYearId: string } | undefined) =>
    years.find((y) => y.id === n?.emulationYearId);
  const blockOf = (n: { emulationYearId: string } | undefined) =>
    blocks.find((b) => b.id === yearOf(n)?.blockId);
  return {
    province: prov,
    openedAt: period.openedAt.toISOString(),
    closedAt: period.closedAt?.toISOString() ?? null,
    members: period.eligibleVoterIds.length,
    voted: cast,
    roll: found(members)
      .map((u) => ({ name: u.fullName, voted: voters.has(u.id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    quorum:
      period.attendancePercent === null
        ? null
        : {
            percent: Number(period.attendancePercent),
            needed: votesNeeded(period.eligibleVoterIds.length, {
              thresholdPercent: Number(period.attendancePercent),
              thresholdMode: 'AT_LEAST',
            }),
          },
    nominations: contests.map((c) => {
      const r = results.find((x) => x.contestId === c.id)!.result;
      const n = c.nominationId ? byId.get(c.nominationId) : undefined;
      const subject = c.candidateUnitIds[0]!;
      const count = r.candidates.find((x) => x.unitId === subject);
      return {
        subject: n?.personId ? `${person(n.personId)} (${unit(subject)})` : unit(subject),
        form: n ? formWords(n.form, prov) : '',
        thresholdPercent: Number(c.thresholdPercent ?? period.thresholdPercent),
        thresholdMode: c.thresholdMode ?? period.thresholdMode,
        yes: count?.votes ?? 0,
        percent: count?.percent ?? 0,
        approved: passedQuestion(c, r.elected),
        withdrawn: r.withdrawn ?? null,
        individual: !!n?.personId,
        block: blockOf(n)?.name ?? null,
        blockKind: blockOf(n)?.kind ?? null,
        year: yearOf(n)?.year ?? null,
      };
    }),
    publishedAt: period.resultsPublishedAt?.toISOString() ?? null,
    generatedAt: new Date().toISOString(),
  };
}

/**
 * The Department's submission to the Chairman after a council session (council-submission): the session's record,
 * as its minutes print it, and the number and date the submission was given, once a decision records them.
 *
 * Which decision answers which submission: the session's submission asks the Chairman to decide the nominations
 * it passed, and each is decided once (award_decision_item, unique per nomination), by a decision that may cite
 * the submission it answers (award_decision.submission_number and submission_date). So the decisions that answer
 * this session's submission are those holding one of the nominations it passed: usually one, or several when the
 * Chairman decides them apart, each citing the same submission. Their citation is this submission's number and
 * date, as the decision prints them. None cited yet (no decision, or none citing one): a draft, its number and
 * day blank. Decisions citing different submissions for one session's proposals (the Department split them): no
 * single number is this document's, which stays a draft.
 */
export async function councilSubmissionData(
  ctx: GraphQLContext,
  periodId: string,
): Promise<CouncilSubmissionInput> {
  const minutes = await councilMinutesData(ctx, periodId);
  const period = await loadPeriodOr404(ctx, periodId);
  const [contests, results] = await Promise.all([
    ctx.loaders.contests.load(period.id),
    ctx.loaders.votingResults.load(period.id),
  ]);
  // The nominations the session passed, as its minutes count them (the contest's subject elected).
  const passed = contests.flatMap((c) =>
    c.nominationId && passedQuestion(c, results.find((r) => r.contestId === c.id)?.result.elected ?? [])
      ? [c.nominationId]
      : [],
  );
  const items = found(await ctx.loaders.decisionItemsOfNomination.loadMany(passed)).flat();
  const decisions = found(
    await ctx.loaders.awardDecision.loadMany([...new Set(items.map((i) => i.decisionId))]),
  );
  return { ...minutes, submission: submissionCitedBy(decisions) };
}

/**
 * A decision as signed, with its annexed items (collectives first, then people): the annex keeps every award, revoked
 * ones too (a revocation is a decision of its own); each item says whether its award was revoked since, for the
 * certificates.
 */
export async function decisionData(
  ctx: GraphQLContext,
  decisionId: string,
): Promise<
  Omit<DecisionInput, 'items'> & { items: (DecisionInput['items'][number] & { revoked: boolean })[] }
> {
  const [decision] = isUuid(decisionId) ? await decisionRepository.byIds([decisionId]) : [];
  if (!decision) throw notFound('AwardDecision', decisionId);
  const items = await decisionRepository.items([decision.id]);
  const nominations = await ctx.loaders.nomination.loadMany(items.map((i) => i.nominationId));
  const yearIds = found(nominations).map((n) => n.emulationYearId);
  const years = await ctx.loaders.emulationYear.loadMany([...new Set(yearIds)]);
  const blocks = await ctx.loaders.block.loadMany([...new Set(found(years).map((y) => y.blockId))]);
  const blockOf = (nominationId: string) => {
    const n = found(nominations).find((x) => x.id === nominationId);
    const y = n && found(years).find((x) => x.id === n.emulationYearId);
    return (y && found(blocks).find((b) => b.id === y.blockId)?.name) ?? null;
  };
  const unit = await unitNames(
    ctx,
    items.map((i) => i.unitId),
  );
  const person = await personNames(
    ctx,
    items.flatMap((i) => (i.personId ? [i.personId] : [])),
  );
  const prov = await province(ctx);
  return {
    province: prov,
    issuerName: decision.issuerName,
    numberText: decision.numberText,
    decisionDate: decision.decisionDate,
    signerName: decision.signerName,
    signerTitle: decision.signerTitle,
    submission:
      decision.submissionNumber && decision.submissionDate
        ? { number: decision.submissionNumber, date: decision.submissionDate }
        : null,
    years: [...new Set(found(years).map((y) => y.year))].sort(),
    items: items
      .slice()
      .sort(annexOrder)
      .map((i) => ({
        name: i.personId ? person(i.personId) : unit(i.unitId),
        unit: i.personId ? unit(i.unitId) : null,
        form: formWords(i.form, prov),
        prizeVnd: Number(i.prizeVnd),
        block: blockOf(i.nominationId),
        revoked: found(nominations).find((n) => n.id === i.nominationId)?.status === 'REVOKED',
      })),
  };
}

/** `?form=`: one form's pages (its words), or null for every form; anything else is refused. */
function onlyForm(form: string | null, p: ProvinceName): string | null {
  if (form !== null && !isProposalForm(form))
    throw appError('BAD_USER_INPUT', `form must be one of ${PROPOSAL_FORMS.join(', ')}`);
  return form === null ? null : formWords(form, p);
}

/**
 * One certificate per awardee of the decision, placed on the province's blank; with `form`, only that form's, so
 * that each file goes on its own pre-printed blank (a flag's is not a certificate of merit's).
 */
export async function certificatesData(
  ctx: GraphQLContext,
  decisionId: string,
  form: string | null = null,
): Promise<CertificatesInput> {
  const d = await decisionData(ctx, decisionId);
  const words = onlyForm(form, d.province);
  const flag = formWordsIn(d.province.kind).FLAG_PROVINCE;
  const printed = d.items.filter((i) => words === null || i.form === words);
  if (printed.length && printed.every((i) => i.revoked))
    throw conflict(
      'Every award of this decision (of this form) was revoked: there is no certificate to print',
    );
  return {
    province: d.province,
    layout: (await certificateLayout()).layout,
    decision: d,
    years: d.years,
    form: words,
    // A revoked award has no certificate to print.
    awardees: printed
      .filter((i) => !i.revoked)
      .map((i) => ({
        name: i.name,
        unit: i.unit,
        form: i.form,
        leads: i.form === flag,
        block: i.block ?? null,
      })),
  };
}

/**
 * Certificates of sample words, for the secretariat to print on its blank before its first decision: names as long
 * as real ones, so that a field set too narrow shows; signed "Bản in thử", so that no page passes for a real one.
 */
export async function sampleCertificatesData(
  ctx: GraphQLContext,
  form: string | null = null,
): Promise<CertificatesInput> {
  const p = await province(ctx);
  const words = onlyForm(form, p);
  const forms = formWordsIn(p.kind);
  const today = vietnamToday();
  const place = placeWord(p.kind);
  const awardees = [
    {
      name: `Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân ${place}`,
      unit: null,
      form: forms.FLAG_PROVINCE,
      leads: true,
      block: `Khối thi đua các cơ quan Đảng, đoàn thể ${place}`,
    },
    { name: 'Sở Tài chính', unit: null, form: forms.MERIT_PROVINCE, leads: false },
    {
      name: 'Nguyễn Thị Hồng Nhung',
      unit: p.kind === 'CITY' ? 'Văn phòng Thành ủy' : 'Văn phòng Tỉnh ủy',
      form: forms.CSTD_PROV,
      leads: false,
    },
  ];
  return {
    province: p,
    layout: (await certificateLayout()).layout,
    decision: {
      numberText: '00/QĐ-UBND',
      decisionDate: today,
      issuerName: `UBND ${provinceTitle(p)}`,
      signerName: 'Bản in thử',
      signerTitle: 'CHỦ TỊCH',
    },
    years: [Number(today.slice(0, 4))],
    form: words,
    awardees: awardees.filter((a) => words === null || a.form === words),
  };
}
