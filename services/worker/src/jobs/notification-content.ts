import {
  awardRepository,
  blockRepository,
  conferenceRepository,
  decisionRepository,
  emulationYearRepository,
  personRepository,
  provinceRepository,
  unitRepository,
  userRepository,
  votingRepository,
  yearEndRepository,
} from '@thidua/db';
import {
  isYearPhaseEvent,
  provinceTitle,
  renderCouncilVotedNotice,
  renderDecisionNotice,
  renderNominationNotice,
  renderYearClosedNotice,
  renderYearPhaseNotice,
  renderYearEndNotice,
  renderVotingNotice,
  type NextLeaders,
  type ProposalForm,
  type VotingEventName,
  type YearPhaseEventName,
  reasonIsUnitRecord,
} from '@thidua/domain';
import { effectiveDeadline, nominationNoticeStatus, type JobPayload } from '@thidua/jobs';
import { provinceKindOf, type NoticeContent } from './notice';
import { onBehalfNotice } from './on-behalf-notice';

/** Who hears of an event, and what they read. Null when the subject no longer exists. */
export async function noticeContent(p: JobPayload<'notify'>): Promise<NoticeContent | null> {
  if (p.event === 'nomination.status_changed') return nominationNotice(p);
  if (p.event === 'decision.issued') return decisionNotice(p);
  if (p.event === 'year.closed') return yearClosedNotice(p);
  if (isYearPhaseEvent(p.event)) return yearPhaseNotice(p, p.event);
  if (p.event === 'year_end.finished') return yearEndNotice(p);
  if (p.event === 'council.all_voted') return councilVotedNotice(p);
  if (p.event === 'on_behalf.entered') return onBehalfNotice(p);
  return votingNotice(p, p.event);
}

/** The officers of the units voting (or the council members), for a voting period. */
async function votingNotice(p: JobPayload<'notify'>, event: VotingEventName): Promise<NoticeContent | null> {
  const [period] = await votingRepository.byIds([p.subjectId]);
  if (!period) return null;
  const council = period.kind === 'COUNCIL';
  const recipients = council
    ? (p.userIds ?? period.eligibleVoterIds)
    : await userRepository.officersOf(p.provinceId, p.unitIds ?? period.eligibleVoterIds);
  const [year] = period.emulationYearId ? await emulationYearRepository.byIds([period.emulationYearId]) : [];
  const [block] = year ? await blockRepository.byIds([year.blockId]) : [];
  const [conference] = period.conferenceId ? await conferenceRepository.byIds([period.conferenceId]) : [];
  const councilName = council ? await councilNames(p.provinceId) : null;
  const facts = (locale: 'vi' | 'en') => ({
    body: councilName ? councilName[locale] : (block?.name ?? 'Khối thi đua'),
    year: year?.year ?? null,
    round: period.round,
    deadline: effectiveDeadline(period),
    council,
    conferenceDate: conference?.heldOn ?? null,
    paper: period.method === 'PAPER',
  });
  return {
    recipients,
    vi: renderVotingNotice(event, facts('vi')),
    en: renderVotingNotice(event, facts('en'), 'en'),
    // Results published: straight to them, not to the session's page a tap away.
    link: `/voting-periods/${p.subjectId}${event === 'voting.published' ? '/results' : ''}`,
  };
}

/** The council named with its province: a member may sit on more than one province's. */
async function councilNames(provinceId: string) {
  const [province] = await provinceRepository.byIds([provinceId]);
  const place = province ? provinceTitle(province) : 'tỉnh';
  return {
    vi: `Hội đồng Thi đua – Khen thưởng ${place}`,
    en: `the ${province?.name ?? 'provincial'} Emulation and Awards Council`,
  };
}

/** The secretariat, which runs the council's session, when its last member has voted. */
async function councilVotedNotice(p: JobPayload<'notify'>): Promise<NoticeContent | null> {
  const [period] = await votingRepository.byIds([p.subjectId]);
  // Closed meanwhile (the secretariat did not wait for this notice): nothing left to tell.
  if (period?.kind !== 'COUNCIL' || period.status !== 'OPEN') return null;
  const council = await councilNames(p.provinceId);
  const members = period.eligibleVoterIds.length;
  return {
    recipients: await secretariat(p.provinceId),
    vi: renderCouncilVotedNotice(council.vi, members, effectiveDeadline(period)),
    en: renderCouncilVotedNotice(council.en, members, effectiveDeadline(period), 'en'),
    link: `/voting-periods/${p.subjectId}`,
  };
}

/** The nominated unit's officers and the head unit's; a dossier sent again after its return, the secretariat too. */
async function nominationNotice(p: JobPayload<'notify'>): Promise<NoticeContent | null> {
  const [nomination] = await awardRepository.nominationsByIds([p.subjectId]);
  if (!nomination) return null;
  const [year] = await emulationYearRepository.byIds([nomination.emulationYearId]);
  const [unit] = await unitRepository.byIds([nomination.unitId]);
  const [person] = nomination.personId ? await personRepository.byIds([nomination.personId]) : [];
  const [block] = year ? await blockRepository.byIds([year.blockId]) : [];
  const units = [nomination.unitId, ...(year?.headUnitId ? [year.headUnitId] : [])];
  const facts = {
    unitName: unit?.name ?? '',
    personName: person?.fullName ?? null,
    form: nomination.form,
    year: year?.year ?? 0,
    status: p.occurrence ? nominationNoticeStatus(p.occurrence) : nomination.status,
    reason: nomination.statusReason,
    provinceKind: await provinceKindOf(p.provinceId),
    blockKind: block?.kind,
  };
  const officers = await userRepository.officersOf(p.provinceId, units);
  // A deferral's or an ineligibility's reason is the unit's record (its open process, its disqualification): the
  // head unit's officers read the status without it, as the API shows them (Nomination.statusReason).
  const own = new Set(await userRepository.officersOf(p.provinceId, [nomination.unitId]));
  const withoutReason = { ...facts, reason: null };
  const personal: NonNullable<NoticeContent['personal']> = new Map(
    reasonIsUnitRecord(facts.status)
      ? officers
          .filter((u) => !own.has(u))
          .map((u) => [
            u,
            { vi: renderNominationNotice(withoutReason), en: renderNominationNotice(withoutReason, 'en') },
          ])
      : [],
  );
  return {
    recipients:
      facts.status === 'RESUBMITTED'
        ? [...new Set([...officers, ...(await secretariat(p.provinceId))])]
        : officers,
    vi: renderNominationNotice(facts),
    en: renderNominationNotice(facts, 'en'),
    link: `/nominations/${p.subjectId}`,
    personal,
  };
}

/** The officers of every awarded unit, each told their own unit's awards, and the province's secretariat. */
async function decisionNotice(p: JobPayload<'notify'>): Promise<NoticeContent | null> {
  const [decision] = await decisionRepository.byIds([p.subjectId]);
  if (!decision) return null;
  const items = await decisionRepository.items([decision.id]);
  const officers = await userRepository.officersByUnit(
    p.provinceId,
    items.map((i) => i.unitId),
  );
  const units = new Map((await unitRepository.byIds(items.map((i) => i.unitId))).map((u) => [u.id, u.name]));
  const people = new Map(
    (await personRepository.byIds(items.flatMap((i) => (i.personId ? [i.personId] : [])))).map((x) => [
      x.id,
      x.fullName,
    ]),
  );
  const facts = {
    numberText: decision.numberText,
    issuerName: decision.issuerName,
    decisionDate: decision.decisionDate,
    awards: items.length,
    provinceKind: await provinceKindOf(p.provinceId),
  };
  const personal: NonNullable<NoticeContent['personal']> = new Map();
  for (const userId of new Set(officers.map((o) => o.userId))) {
    const theirUnits = new Set(officers.filter((o) => o.userId === userId).map((o) => o.unitId));
    const yours = items
      .filter((i) => theirUnits.has(i.unitId))
      .map((i) => ({
        form: i.form as ProposalForm,
        unitName: units.get(i.unitId) ?? '',
        personName: i.personId ? (people.get(i.personId) ?? null) : null,
      }));
    personal.set(userId, {
      vi: renderDecisionNotice({ ...facts, yours }),
      en: renderDecisionNotice({ ...facts, yours }, 'en'),
    });
  }
  return {
    recipients: [...new Set([...personal.keys(), ...(await secretariat(p.provinceId))])],
    vi: renderDecisionNotice(facts),
    en: renderDecisionNotice(facts, 'en'),
    link: `/award-decisions/${decision.id}`,
    personal,
  };
}

/** The block year, its block's name and its page; its members' officers read only by the notices sent to them. */
async function yearAudience(p: JobPayload<'notify'>) {
  const [year] = await emulationYearRepository.byIds([p.subjectId]);
  if (!year) return null;
  const [block] = await blockRepository.byIds([year.blockId]);
  return {
    year,
    block: { name: block?.name ?? 'Khối thi đua', kind: block?.kind },
    officers: async () => {
      const members =
        (await blockRepository.membersInYear([year.blockId], year.year)).get(year.blockId) ?? [];
      return userRepository.officersOf(p.provinceId, members);
    },
    link: `/blocks/${year.blockId}/years/${year.year}`,
  };
}

async function yearClosedNotice(p: JobPayload<'notify'>): Promise<NoticeContent | null> {
  const y = await yearAudience(p);
  if (!y) return null;
  // Next year as opened by the year-end closing (its head and deputy, R11), else as the conference elected them;
  // a year closed by hand opens none, and nobody is asked to run a draft that does not exist.
  const opened = await emulationYearRepository.find(y.year.blockId, y.year.year + 1);
  const [outcome] = opened ? [] : await awardRepository.outcomes([y.year.id]);
  const headId = opened ? opened.headUnitId : (outcome?.nextHeadUnitId ?? null);
  const deputyId = opened ? opened.deputyUnitId : (outcome?.nextDeputyUnitId ?? null);
  const names = new Map(
    (await unitRepository.byIds([headId, deputyId].filter((id): id is string => !!id))).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const next: NextLeaders = {
    head: names.get(headId ?? '') ?? null,
    deputy: names.get(deputyId ?? '') ?? null,
  };
  // The draft's head unit is asked to take its first steps (its home page lists them).
  const heads =
    opened?.state === 'DRAFT' && headId ? await userRepository.officersOf(p.provinceId, [headId]) : [];
  const asHead = { ...next, readerHeads: true };
  const text = (locale: 'vi' | 'en', facts: NextLeaders) =>
    renderYearClosedNotice(y.block, y.year.year, locale, facts);
  return {
    recipients: [...new Set([...(await y.officers()), ...heads, ...(await secretariat(p.provinceId))])],
    vi: text('vi', next),
    en: text('en', next),
    link: y.link,
    personal: new Map(heads.map((u) => [u, { vi: text('vi', asHead), en: text('en', asHead) }])),
  };
}

/** Every member has something to do (sign the covenant, then score itself); then the secretariat (appraise). */
async function yearPhaseNotice(
  p: JobPayload<'notify'>,
  event: YearPhaseEventName,
): Promise<NoticeContent | null> {
  const y = await yearAudience(p);
  if (!y) return null;
  const dossier = event === 'year.dossier_submitted';
  return {
    recipients: dossier ? await secretariat(p.provinceId) : await y.officers(),
    vi: renderYearPhaseNotice(event, y.block, y.year.year, 'vi', y.year.registrationDeadline),
    en: renderYearPhaseNotice(event, y.block, y.year.year, 'en', y.year.registrationDeadline),
    // The dossier's proposals wait in the secretariat's appraisal queue; a member's task is the covenant to sign,
    // or its sheets to write (where the home page's tasks lead too), not the year's page above them.
    link: dossier ? '/nominations' : `${y.link}/${event === 'year.signing_opened' ? 'sign' : 'sheets'}`,
  };
}

/** The province's secretariat: its PROVINCE_ADMIN accounts. */
async function secretariat(provinceId: string): Promise<string[]> {
  const admins = await userRepository.list({ provinceId, role: 'PROVINCE_ADMIN' }, { first: 500, offset: 0 });
  return admins.items.map((u) => u.id);
}

/** The secretariat, when the province's year-end closing has finished (subject: the province; occurrence: the year). */
async function yearEndNotice(p: JobPayload<'notify'>): Promise<NoticeContent | null> {
  // "2026", or "2026/2" for the second round of a resumed closing.
  const closing = await yearEndRepository.get(parseInt(p.occurrence ?? '', 10));
  if (!closing) return null;
  const closed = closing.blocks.filter((b) => b.status === 'CLOSED' || b.status === 'ALREADY_CLOSED').length;
  const facts = {
    year: closing.year,
    closed,
    notClosed: closing.blocks.length - closed,
    provinceKind: await provinceKindOf(p.provinceId),
  };
  return {
    recipients: await secretariat(p.provinceId),
    vi: renderYearEndNotice(facts),
    en: renderYearEndNotice(facts, 'en'),
    link: `/year-end/${closing.year}`,
  };
}
