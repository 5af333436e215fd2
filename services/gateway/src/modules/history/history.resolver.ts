import {
  awardRepository,
  blockRepository,
  decisionRepository,
  emulationYearRepository,
  historyRepository,
  rollupRepository,
  type Block,
  type Unit,
} from '@thidua/db';
import { vietnamToday } from '@thidua/domain';
import { ROLLUPS_CHANNEL } from '@thidua/jobs';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { historyRoles } from '../../auth/auth-checker';
import { audit } from '../../common/audit';
import { withConstraints } from '../../common/constraints';
import { appError, badInput, conflict, missingRef } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { decidableNominations, decisionItems } from '../awards/decision-items';
import { AwardDecisionType } from '../awards/decisions.resolver';
import { yearConference } from '../conference/conference.service';
import { EmulationYearType } from '../emulation-year/emulation-year.types';
import { RecordPastDecisionInput, RecordPastYearInput, RemoveRecordedYearInput } from './history.types';
import { assertProvinceRunsYear } from './province-years';

const WHO = historyRoles('PLATFORM_ADMIN', 'PROVINCE_ADMIN');

/** Every gateway's dashboard cache empties once the rollups this request wrote are committed. */
function announceRollups(ctx: GraphQLContext, years: number[]): void {
  const provinceId = ctx.access!.provinceId;
  ctx.afterCommit.push(() =>
    Promise.all(
      years.map((year) =>
        ctx.services.eventBus.publish(ROLLUPS_CHANNEL, JSON.stringify({ provinceId, year })),
      ),
    ).then(() => undefined),
  );
}

const inForce = (u: Unit, year: number) =>
  (!u.validFrom || u.validFrom <= `${year}-12-31`) && (!u.validTo || u.validTo >= `${year}-01-01`);

/**
 * History from documents (issue 11, point 8): block years a province did not run on the platform, recorded by the
 * secretariat from their minutes or the press, and their decisions. Such a year is closed at once and counts in
 * streaks, trends and dashboards. A year before the province existed is recorded in the former province it
 * belongs to, by the platform admin or the secretariat of a province that absorbed it.
 */
@Resolver()
export class HistoryResolver {
  @Authorized(...WHO)
  @Mutation(() => EmulationYearType, {
    description:
      'Records a past block year from its documents, closed at once: members, conference, the outcome (and counts), ' +
      'the proposals as submitted, next head and deputy, with the source. In a former province: the platform ' +
      'admin or the secretariat of a province that absorbed it.',
  })
  async recordPastYear(
    @Arg('input', () => RecordPastYearInput) input: RecordPastYearInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { year } = input;
    const thisYear = Number(vietnamToday().slice(0, 4));
    if (year >= thisYear) throw badInput('year', `a past year is before ${thisYear}`);
    await assertProvinceRunsYear(ctx, year);
    if (!input.blockId === !input.newBlock) throw badInput('blockId', 'give either blockId or newBlock');
    const source = input.sourceReference.trim();
    if (source.length < 3) throw badInput('sourceReference', 'name the minutes, decision or article');

    const members = input.memberUnitIds;
    if (new Set(members).size !== members.length) throw badInput('memberUnitIds', 'a unit is listed twice');
    const units = await ctx.loaders.unit.loadMany(members);
    members.forEach((id, i) => {
      const u = units[i];
      if (!u || u instanceof Error) throw missingRef(`memberUnitIds.${i}`, 'Unit', id);
      if (!inForce(u, year))
        throw badInput(
          `memberUnitIds.${i}`,
          `${u.name} was not in force in ${year} (${u.validFrom ?? '…'}–${u.validTo ?? '…'})`,
        );
    });
    const nameOf = (id: string) => (units[members.indexOf(id)] as Unit | undefined)?.name ?? id;
    const member = (field: string, id: string | null | undefined) => {
      if (id && !members.includes(id)) throw badInput(field, `the unit is not among memberUnitIds`);
    };
    member('headUnitId', input.headUnitId);
    member('deputyUnitId', input.deputyUnitId);
    if (input.headUnitId && input.headUnitId === input.deputyUnitId)
      throw badInput('deputyUnitId', 'must differ from the head unit');

    const { heldOn, endedOn } = input.conference;
    const heldYear = Number(heldOn.slice(0, 4));
    if (heldYear !== year && heldYear !== year + 1)
      throw badInput('conference.heldOn', `the conference of ${year} is held in ${year} or ${year + 1}`);
    if (endedOn && endedOn < heldOn) throw badInput('conference.endedOn', 'must not be before heldOn');
    // Recorded from documents, closed at once and not corrected after: a conference still to come is a typo.
    if (heldOn > vietnamToday())
      throw badInput('conference.heldOn', 'a conference recorded as held is not after today');
    if (endedOn && endedOn > vietnamToday())
      throw badInput('conference.endedOn', 'a conference recorded as held did not end after today');

    const ballots = input.ballots ?? null;
    if (
      ballots &&
      (ballots.returned > ballots.issued || ballots.valid + ballots.invalid !== ballots.returned)
    )
      throw badInput('ballots', 'returned ≤ issued, and valid + invalid = returned');

    const kinds = new Set<string>();
    input.contests.forEach((c, i) => {
      if (kinds.has(c.kind)) throw badInput(`contests.${i}.kind`, `${c.kind} appears twice`);
      kinds.add(c.kind);
      if (new Set(c.electedUnitIds).size !== c.electedUnitIds.length)
        throw badInput(`contests.${i}.electedUnitIds`, 'a unit is listed twice');
      c.electedUnitIds.forEach((id) => member(`contests.${i}.electedUnitIds`, id));
      if ((c.kind === 'NEXT_HEAD' || c.kind === 'NEXT_DEPUTY') && c.electedUnitIds.length > 1)
        throw badInput(`contests.${i}.electedUnitIds`, `${c.kind} elects one unit`);
      const votes = c.votes ?? [];
      if (new Set(votes.map((v) => v.unitId)).size !== votes.length)
        throw badInput(`contests.${i}.votes`, 'a unit is listed twice');
      votes.forEach((v, j) => {
        member(`contests.${i}.votes.${j}.unitId`, v.unitId);
        if (ballots && v.votes > ballots.valid)
          throw badInput(`contests.${i}.votes.${j}.votes`, `more than the ${ballots.valid} valid ballots`);
        // Without the ballot counts, one ballot per member unit bounds the votes.
        if (!ballots && v.votes > members.length)
          throw badInput(`contests.${i}.votes.${j}.votes`, `more than the ${members.length} member units`);
      });
    });
    const elected = (kind: string) => input.contests.find((c) => c.kind === kind)?.electedUnitIds ?? [];
    const both = elected('FLAG').filter((id) => elected('MERIT').includes(id));
    if (both.length)
      throw badInput('contests', `a unit gets one proposal form a year (R7): ${both.map(nameOf).join(', ')}`);

    const next = (field: 'nextHeadUnitId' | 'nextDeputyUnitId', kind: string) => {
      const voted = elected(kind)[0] ?? null;
      const given = input[field] ?? null;
      member(field, given);
      if (given && voted && given !== voted)
        throw badInput(field, `differs from the ${kind} contest's elected unit`);
      return given ?? voted;
    };
    const nextHeadUnitId = next('nextHeadUnitId', 'NEXT_HEAD');
    const nextDeputyUnitId = next('nextDeputyUnitId', 'NEXT_DEPUTY');
    if (nextHeadUnitId && nextHeadUnitId === nextDeputyUnitId)
      throw badInput('nextDeputyUnitId', 'must differ from the next head unit');

    let block: Block;
    if (input.blockId) {
      const found = await ctx.loaders.block.load(input.blockId);
      if (!found) throw missingRef('blockId', 'Block', input.blockId);
      block = found;
      const existing = await emulationYearRepository.find(block.id, year);
      if (existing)
        throw conflict(
          existing.recordedFromDocuments
            ? `${block.name} ${year} is already recorded from ${existing.sourceReference}`
            : `${block.name} ran ${year} on the platform (${existing.state}): a year from documents cannot overlap it`,
        );
    } else {
      const name = input.newBlock!.name.trim();
      block = await withConstraints(
        { unique: `a block named "${name}" already exists: give its blockId` },
        () => blockRepository.create({ name, kind: input.newBlock!.kind, description: null }),
      );
    }
    const already = (await blockRepository.membersInYear([block.id], year)).get(block.id) ?? [];
    const unlisted = already.filter((id) => !members.includes(id));
    if (unlisted.length) {
      const more = (await ctx.loaders.unit.loadMany(unlisted)).map((u, i) =>
        u && !(u instanceof Error) ? u.name : unlisted[i],
      );
      throw badInput(
        'memberUnitIds',
        `the block's memberships make these members in ${year} too: ${more.join(', ')}`,
      );
    }
    const { rules } = await awardRepository.rulesFor(year);

    const recorded = await withConstraints(
      {
        unique: `${block.name} already has a year ${year}`,
        exclusion: `a listed unit was in another ${block.kind === 'BLOCK' ? 'block' : 'cluster'} in ${year}`,
      },
      () =>
        historyRepository.recordYear({
          blockId: block.id,
          blockKind: block.kind,
          year,
          theme: input.theme?.trim() || null,
          headUnitId: input.headUnitId ?? null,
          deputyUnitId: input.deputyUnitId ?? null,
          memberUnitIds: members,
          newMemberUnitIds: members.filter((id) => !already.includes(id)),
          conference: {
            heldOn,
            endedOn: endedOn ?? null,
            place: input.conference.place.trim(),
            chairPerson: input.conference.chairPerson?.trim() || null,
            minutes: input.conference.minutes ?? null,
          },
          ballots,
          contests: input.contests.map((c) => ({
            kind: c.kind,
            electedUnitIds: c.electedUnitIds,
            votes: c.votes ?? null,
          })),
          threshold: { percent: rules.voteThresholdPercent, mode: rules.voteThresholdMode },
          nextHeadUnitId,
          nextDeputyUnitId,
          sourceReference: source,
          userId: ctx.principal!.userId,
        }),
    );
    await audit(ctx, 'year.record_from_documents', 'EmulationYear', recorded.id, {
      after: {
        blockId: block.id,
        year,
        sourceReference: source,
        memberUnitIds: members,
        conference: input.conference,
        contests: input.contests,
        nextHeadUnitId,
        nextDeputyUnitId,
      },
    });
    announceRollups(ctx, [year]);
    return recorded;
  }

  @Authorized(...WHO)
  @Mutation(() => AwardDecisionType, {
    description:
      'Records the award decision of proposals from a year recorded from documents, under its number as issued ' +
      '(the series is not used); the nominations become DECIDED and count in streaks and dashboards.',
  })
  async recordPastDecision(
    @Arg('input', () => RecordPastDecisionInput) input: RecordPastDecisionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { ids, nominations } = await decidableNominations(input.nominationIds, [
      'SUBMITTED',
      'COUNCIL_APPROVED',
    ]);
    const years = await emulationYearRepository.byIds([
      ...new Set(nominations.map((n) => n.emulationYearId)),
    ]);
    for (const n of nominations)
      if (!years.find((y) => y.id === n.emulationYearId)?.recordedFromDocuments)
        throw badInput(
          'nominationIds',
          `nomination ${n.id} is of a year run on the platform: use issueAwardDecision`,
        );
    if (input.decisionDate > vietnamToday())
      throw badInput('decisionDate', 'a decision already issued: not after today');
    // A decision follows the conference that proposed (a date typed wrong, or the proposals of another year).
    for (const y of years) {
      const heldOn = (await yearConference(ctx, y.id))?.heldOn;
      if (heldOn && input.decisionDate < heldOn)
        throw badInput(
          'decisionDate',
          `must be on or after the conference of ${y.year} (${heldOn}) that proposed`,
        );
    }
    const [, number, issuerCode] = /^(\d+)\/QĐ-(.+)$/.exec(input.numberText)!;
    const { items, baseSalaryFrom } = await decisionItems(nominations, input.decisionDate);
    const decision = await withConstraints(
      { unique: `decision ${input.numberText} of ${input.decisionDate.slice(0, 4)} is already recorded` },
      () =>
        historyRepository.recordDecision(
          {
            issuerCode: issuerCode!,
            issuerName: input.issuerName.trim(),
            number: Number(number),
            numberText: input.numberText,
            decisionDate: input.decisionDate,
            signerName: input.signerName.trim(),
            signerTitle: input.signerTitle.trim(),
            userId: ctx.principal!.userId,
            baseSalaryFrom,
            items,
          },
          ['SUBMITTED', 'COUNCIL_APPROVED'],
        ),
    );
    if (!decision) throw conflict('A nomination changed meanwhile');
    const decidedYears = [...new Set(years.map((y) => y.year))];
    for (const y of decidedYears) await rollupRepository.writeYear(y);
    await audit(ctx, 'decision.record_from_documents', 'AwardDecision', decision.id, {
      after: { numberText: input.numberText, decisionDate: input.decisionDate, nominations: ids },
    });
    announceRollups(ctx, decidedYears);
    const [stored] = await decisionRepository.byIds([decision.id]);
    return stored;
  }

  @Authorized(...WHO)
  @Mutation(() => Boolean, {
    description:
      'Removes a year recorded from documents by mistake (a wrong block, year or outcome), so that it can be ' +
      'recorded again: refused once a proposal of it went on (appraisal, council, decision), a file is attached ' +
      "to it, or the province's year-end closing counted it.",
  })
  async removeRecordedYear(
    @Arg('input', () => RemoveRecordedYearInput) input: RemoveRecordedYearInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const [year] = await emulationYearRepository.byIds([input.emulationYearId]);
    if (!year) throw missingRef('emulationYearId', 'EmulationYear', input.emulationYearId);
    if (!year.recordedFromDocuments)
      throw badInput('emulationYearId', 'only a year recorded from documents can be removed');
    const reason = input.reason.trim();
    if (reason.length < 5) throw badInput('reason', 'say why the year is removed');
    const blocker = await historyRepository.removalBlocker(year.id);
    if (blocker === 'GONE') throw missingRef('emulationYearId', 'EmulationYear', year.id);
    if (blocker) throw appError('CONFLICT', REMOVAL_REFUSED[blocker], { reason: blocker });
    // Anything else found resting on it (a row the checks above do not know): refused whole, not half removed.
    const block = await ctx.loaders.block.load(year.blockId);
    const { blockRemoved } = await historyRepository.removeYear(year).catch((e: { code?: string }) => {
      if (e.code !== '23503') throw e;
      throw appError('CONFLICT', REMOVAL_REFUSED.IN_USE, { reason: 'IN_USE' });
    });
    await audit(ctx, 'year.remove_recorded', 'EmulationYear', year.id, {
      before: { blockId: year.blockId, year: year.year, sourceReference: year.sourceReference },
      // The block created with the year went with it: named here, since its own events can no longer name it.
      after: { reason, ...(blockRemoved ? { blockRemoved: { id: year.blockId, name: block?.name } } : {}) },
    });
    announceRollups(ctx, [year.year]);
    return true;
  }
}

/** Why a recorded year stays (`extensions.reason` names it for the web, which says it in Vietnamese). */
const REMOVAL_REFUSED = {
  PROPOSALS: 'A proposal of this year has gone on from its recording (appraisal, council or decision)',
  FILES: 'Files are attached to this year',
  CLOSING: 'A year-end closing has counted this year, or opened the next one from it',
  IN_USE: 'Other records rest on this year',
} as const;
