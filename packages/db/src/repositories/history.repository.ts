import type { ContestResult, Explanation, PaperFigures } from '@thidua/domain';
import type { BlockKind, EmulationYear, NominationStatus } from '../entities';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { conferenceRepository } from './conference.repository';
import { emulationYearRepository } from './emulation-year.repository';
import { rollupRepository } from './rollup.repository';
import { returning } from './sql';

/** One contest of a past conference as its documents give it: who was elected, and the counts when known. */
export interface PastContest {
  kind: 'FLAG' | 'MERIT' | 'NEXT_HEAD' | 'NEXT_DEPUTY';
  electedUnitIds: string[];
  /** Votes per candidate, when the minutes give them; null: the outcome only. */
  votes: { unitId: string; votes: number }[] | null;
}

/** A block year the province did not run on the platform, as its documents record it. */
export interface PastYear {
  blockId: string;
  blockKind: BlockKind;
  year: number;
  theme: string | null;
  headUnitId: string | null;
  deputyUnitId: string | null;
  /** Everyone who was a member in the year, in the documents' order… */
  memberUnitIds: string[];
  /** …of whom these had no membership of the block in the year yet: they get one for the calendar year. */
  newMemberUnitIds: string[];
  conference: {
    heldOn: string;
    endedOn: string | null;
    place: string;
    chairPerson: string | null;
    minutes: string | null;
  };
  /** The counting committee's ballot figures, when the minutes give them. */
  ballots: PaperFigures | null;
  contests: PastContest[];
  /** What the counts decide is read with these (R4); the documents' outcome stands either way. */
  threshold: { percent: number; mode: 'MORE_THAN' | 'AT_LEAST' };
  nextHeadUnitId: string | null;
  nextDeputyUnitId: string | null;
  sourceReference: string;
  userId: string;
}

export interface PastDecision {
  issuerCode: string;
  issuerName: string;
  number: number;
  numberText: string;
  decisionDate: string;
  signerName: string;
  signerTitle: string;
  userId: string;
  /** The base salary row the prizes were counted on, by its first day. */
  baseSalaryFrom: string;
  items: { nominationId: string; unitId: string; personId: string | null; form: string; prizeVnd: number }[];
}

const FORMS = { FLAG: 'FLAG_PROVINCE', MERIT: 'MERIT_PROVINCE' } as const;

/** The id an INSERT … RETURNING id gave. */
async function insertedId(sql: string, params: unknown[]): Promise<string> {
  const [row] = await returning<{ id: string }>(await tenantManager(), sql, params);
  return row!.id;
}

function reaches(votes: number, eligible: number, t: PastYear['threshold']): boolean {
  const left = 100 * votes;
  const right = t.percent * eligible;
  return eligible > 0 && (t.mode === 'MORE_THAN' ? left > right : left >= right);
}

/** Years recorded from documents, and their later decisions (tenant context: the province they belong to). */
export const historyRepository = {
  /**
   * Writes the year as closed: its memberships, conference, one counted and published PAPER round with the
   * documents' results, the outcome and the block's proposals as submitted, then the province's rollups of the
   * year so the dashboards count it. One transaction, the caller's.
   */
  async recordYear(spec: PastYear): Promise<EmulationYear> {
    const m = await tenantManager();
    const provinceId = currentProvinceId();
    const yearId = await insertedId(
      `INSERT INTO emulation_year (province_id, block_id, year, theme, head_unit_id, deputy_unit_id, state,
         recorded_from_documents, source_reference)
       VALUES ($1, $2, $3, $4, $5, $6, 'CLOSED', true, $7) RETURNING id`,
      [
        provinceId,
        spec.blockId,
        spec.year,
        spec.theme,
        spec.headUnitId,
        spec.deputyUnitId,
        spec.sourceReference,
      ],
    );
    for (const unitId of spec.newMemberUnitIds) {
      await m.query(
        `INSERT INTO block_membership (province_id, block_id, block_kind, unit_id, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, make_date($5, 1, 1), make_date($5, 12, 31))`,
        [provinceId, spec.blockId, spec.blockKind, unitId, spec.year],
      );
    }
    const conference = await conferenceRepository.save(
      yearId,
      {
        ...spec.conference,
        chairUnitId: spec.headUnitId,
        chairPosition: null,
        secretaryName: null,
        secretaryPosition: null,
        secretaryUserId: null,
        attendance: [],
        countingCommittee: [],
      },
      spec.userId,
    );

    if (spec.contests.length) {
      const members = spec.memberUnitIds;
      const periodId = await insertedId(
        // Held on the conference's day (08:00–09:00 Vietnam time, the hour being unknown), counted and published.
        `INSERT INTO voting_period (province_id, kind, emulation_year_id, conference_id, method, round, status, outcome,
           eligible_voter_ids, threshold_percent, threshold_mode, allow_self_vote, max_rounds, reminder_minutes,
           opens_at, closes_at, opened_at, opened_by, closed_at, closed_by, close_reason, tallied_at,
           results_published_at, published_by)
         SELECT $1, 'BLOCK', $2, $3, 'PAPER', 1, 'TALLIED', 'COMPLETE', $4, $5, $6, true, 1, '{}',
                t, t + interval '1 hour', t, $7, t + interval '1 hour', $7, 'PAPER_COUNT', now(), now(), $7
         FROM (SELECT ($8::date + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS t) s
         RETURNING id`,
        [
          provinceId,
          yearId,
          conference.id,
          members,
          spec.threshold.percent,
          spec.threshold.mode,
          spec.userId,
          spec.conference.heldOn,
        ],
      );
      const counted: { contestId: string; votes: { unitId: string; votes: number }[] }[] = [];
      for (const [i, c] of spec.contests.entries()) {
        const seats = Math.max(1, c.electedUnitIds.length);
        const contestId = await insertedId(
          `INSERT INTO voting_contest (province_id, voting_period_id, position, kind, seats, candidate_unit_ids)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [provinceId, periodId, i + 1, c.kind, seats, members],
        );
        const votes = new Map((c.votes ?? []).map((v) => [v.unitId, v.votes]));
        const eligible = members.length;
        const result: ContestResult & { fromDocuments: true } = {
          contestId,
          kind: c.kind,
          seats,
          cast: spec.ballots?.valid ?? 0,
          blank: 0,
          candidates: members
            .map((unitId) => {
              const v = votes.get(unitId) ?? 0;
              return {
                unitId,
                votes: v,
                percent: eligible ? Math.round((10000 * v) / eligible) / 100 : 0,
                reachedThreshold: c.votes
                  ? reaches(v, eligible, spec.threshold)
                  : c.electedUnitIds.includes(unitId),
              };
            })
            .sort((a, b) => b.votes - a.votes || (a.unitId < b.unitId ? -1 : 1)),
          elected: c.electedUnitIds,
          unfilledSeats: seats - c.electedUnitIds.length,
          ...(spec.ballots ? { paper: spec.ballots } : {}),
          shortfall: null,
          tiedUnitIds: [],
          fromDocuments: true,
        };
        await m.query(
          `INSERT INTO voting_result (province_id, voting_period_id, contest_id, result) VALUES ($1, $2, $3, $4)`,
          [provinceId, periodId, contestId, JSON.stringify(result)],
        );
        counted.push({ contestId, votes: c.votes ?? [] });
      }
      // The counting committee's figures, as the minutes give them, confirmed by their recording.
      if (spec.ballots) {
        const contests = counted.map((c) => ({ ...c, ...spec.ballots! }));
        await m.query(
          `INSERT INTO paper_count (province_id, voting_period_id, contests, entered_by, entered_by_unit_id,
             confirmed_by, confirmed_at)
           VALUES ($1, $2, $3, $4, $5, $4, now())`,
          [provinceId, periodId, JSON.stringify(contests), spec.userId, spec.headUnitId ?? members[0]],
        );
      }
    }

    const explanation = (text: string): Explanation[] => [{ rule: 'DOCUMENTS', text }];
    const proposals = spec.contests.flatMap((c) =>
      c.kind === 'FLAG' || c.kind === 'MERIT'
        ? c.electedUnitIds.map((unitId) => ({ unitId, form: FORMS[c.kind as 'FLAG' | 'MERIT'] }))
        : [],
    );
    const said = `Theo tài liệu: ${spec.sourceReference}`;
    await m.query(
      `INSERT INTO year_award_outcome (province_id, emulation_year_id, next_head_unit_id, next_deputy_unit_id,
         explanations, unresolved_ties, title_checks, dossier_submitted_at, dossier_submitted_by)
       VALUES ($1, $2, $3, $4, $5, '[]', '[]', now(), $6)`,
      [
        provinceId,
        yearId,
        spec.nextHeadUnitId,
        spec.nextDeputyUnitId,
        JSON.stringify(Object.fromEntries(proposals.map((p) => [p.unitId, explanation(said)]))),
        spec.userId,
      ],
    );
    for (const p of proposals) {
      await m.query(
        `INSERT INTO nomination (province_id, emulation_year_id, unit_id, form, path, status, explanation)
         VALUES ($1, $2, $3, $4, 'BLOCK', 'SUBMITTED', $5)`,
        [provinceId, yearId, p.unitId, p.form, JSON.stringify(explanation(said))],
      );
    }
    await rollupRepository.writeYear(spec.year);
    const [year] = await emulationYearRepository.byIds([yearId]);
    return year!;
  },

  /**
   * Records a decision of a documents year under its number as issued (the province's series is not used: the
   * number is history), pays each item as the caller computed, and marks the nominations decided. False when a
   * nomination is no longer in `from`.
   */
  async recordDecision(d: PastDecision, from: readonly NominationStatus[]): Promise<{ id: string } | null> {
    const m = await tenantManager();
    const provinceId = currentProvinceId();
    const [decision] = await returning<{ id: string }>(
      m,
      `INSERT INTO award_decision (province_id, issuer_code, issuer_name, year, number, number_text, decision_date,
         signer_name, signer_title, created_by, recorded_from_documents, base_salary_from)
       VALUES ($1, $2, $3, extract(year FROM $4::date), $5, $6, $4, $7, $8, $9, true, $10) RETURNING id`,
      [
        provinceId,
        d.issuerCode,
        d.issuerName,
        d.decisionDate,
        d.number,
        d.numberText,
        d.signerName,
        d.signerTitle,
        d.userId,
        d.baseSalaryFrom,
      ],
    );
    for (const i of d.items) {
      await m.query(
        `INSERT INTO award_decision_item (province_id, decision_id, nomination_id, unit_id, person_id, form, prize_vnd)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [provinceId, decision!.id, i.nominationId, i.unitId, i.personId, i.form, i.prizeVnd],
      );
      const moved = await returning(
        m,
        `UPDATE nomination SET status = 'DECIDED', status_reason = $3, updated_at = now()
         WHERE id = $1 AND status = ANY($2) RETURNING id`,
        [i.nominationId, from, d.numberText],
      );
      if (!moved.length) return null;
    }
    return decision!;
  },

  /**
   * What keeps a year recorded from documents from being removed (none: null): a proposal taken further than
   * recorded (appraised, put to the council, decided — or returned and sent again: it changed since), a file
   * attached to the year, or a year-end closing that counted it or opened the next year from it. The year and its
   * proposals stay locked to the caller's transaction, so an appraisal cannot slip in before the removal; GONE: the
   * year is no longer there (removed meanwhile).
   */
  async removalBlocker(yearId: string): Promise<'GONE' | 'PROPOSALS' | 'FILES' | 'CLOSING' | null> {
    const m = await tenantManager();
    const params = [currentProvinceId(), yearId];
    const year = await m.query(
      `SELECT id FROM emulation_year WHERE province_id = $1 AND id = $2 FOR UPDATE`,
      params,
    );
    if (!year.length) return 'GONE';
    const proposals = (await m.query(
      `SELECT status, updated_at <> created_at AS changed FROM nomination
        WHERE province_id = $1 AND emulation_year_id = $2 FOR UPDATE`,
      params,
    )) as { status: string; changed: boolean }[];
    if (proposals.some((n) => n.status !== 'SUBMITTED' || n.changed)) return 'PROPOSALS';
    const [row] = (await m.query(
      `SELECT EXISTS (SELECT 1 FROM attachment WHERE province_id = $1 AND emulation_year_id = $2) AS files,
              EXISTS (SELECT 1 FROM year_end_closing_block WHERE province_id = $1
                        AND (emulation_year_id = $2 OR next_year_id = $2)) AS closing`,
      params,
    )) as { files: boolean; closing: boolean }[];
    return row!.files ? 'FILES' : row!.closing ? 'CLOSING' : null;
  },

  /**
   * Removes a year recorded from documents that nothing rests on (removalBlocker is null): what recordYear wrote
   * (its round and results, conference, proposals, outcome, the memberships it added for the calendar year, the
   * block it created when nothing else is left in it), then the province's rollups of the year again, without the
   * block's.
   */
  async removeYear(year: EmulationYear): Promise<{ blockRemoved: boolean }> {
    const m = await tenantManager();
    const provinceId = currentProvinceId();
    const params = [provinceId, year.id];
    // The year's transaction time, to the microsecond (a Date keeps milliseconds): what it wrote carries it.
    const [{ created }] = (await m.query(
      `SELECT created_at::text AS created FROM emulation_year WHERE province_id = $1 AND id = $2`,
      params,
    )) as [{ created: string }];
    const ofPeriods = `voting_period_id IN (SELECT id FROM voting_period WHERE province_id = $1 AND emulation_year_id = $2)`;
    for (const table of ['voting_result', 'paper_count', 'voting_contest'])
      await m.query(`DELETE FROM ${table} WHERE province_id = $1 AND ${ofPeriods}`, params);
    for (const table of ['voting_period', 'conference', 'nomination', 'year_award_outcome'])
      await m.query(`DELETE FROM ${table} WHERE province_id = $1 AND emulation_year_id = $2`, params);
    // The memberships recordYear added: for the calendar year, written in the year's own transaction (now() is the
    // transaction's time), so one imported or added by hand for the same dates stays.
    await m.query(
      `DELETE FROM block_membership WHERE province_id = $1 AND block_id = $2
         AND valid_from = make_date($3, 1, 1) AND valid_to = make_date($3, 12, 31)
         AND created_at = $4::timestamptz`,
      [provinceId, year.blockId, year.year, created],
    );
    await m.query(`DELETE FROM emulation_year WHERE province_id = $1 AND id = $2`, params);
    await m.query(`DELETE FROM block_year_rollup WHERE province_id = $1 AND year = $2 AND block_id = $3`, [
      provinceId,
      year.year,
      year.blockId,
    ]);
    // A block created with the year (newBlock: in its transaction) and left empty goes too: its name, often the
    // very mistake, would otherwise stay in the lists and be refused as taken when the year is recorded again.
    const [, removedBlocks] = (await m.query(
      `DELETE FROM block WHERE province_id = $1 AND id = $2 AND created_at = $3::timestamptz
         AND NOT EXISTS (SELECT 1 FROM emulation_year WHERE province_id = $1 AND block_id = $2)
         AND NOT EXISTS (SELECT 1 FROM block_membership WHERE province_id = $1 AND block_id = $2)
         AND NOT EXISTS (SELECT 1 FROM block_year_rollup WHERE province_id = $1 AND block_id = $2)`,
      [provinceId, year.blockId, created],
    )) as [unknown, number];
    await rollupRepository.writeYear(year.year);
    await m.query(
      `DELETE FROM province_year_rollup WHERE province_id = $1 AND year = $2
         AND NOT EXISTS (SELECT 1 FROM block_year_rollup WHERE province_id = $1 AND year = $2)`,
      [provinceId, year.year],
    );
    return { blockRemoved: removedBlocks > 0 };
  },
};
