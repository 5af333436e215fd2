import { renderVotingNotice } from '@thidua/domain';
import type { DataSource } from 'typeorm';
import { appendDated, type AuditEntry } from '../repositories/audit.repository';
import { notificationRepository } from '../repositories/notification.repository';
import { userRepository } from '../repositories/user.repository';
import { currentManager, currentProvinceId, runInTenant } from '../tenancy/tenant-context';

/** Marks the events the demo wrote, in the place a request's id goes. */
export const DEMO_AUDIT_REQUEST_ID = 'demo-seed';

/** `HH:MM` on a day (YYYY-MM-DD), Vietnam time. */
const vn = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
const latest = (dates: Date[], fallback: Date) =>
  dates.reduce((a, b) => (b > a ? b : a), dates[0] ?? fallback);

type Event = AuditEntry & { occurredAt: Date };

interface YearRow {
  id: string;
  year: number;
  theme: string | null;
  head_unit_id: string | null;
  deputy_unit_id: string | null;
  block_id: string;
  criteria_set_id: string | null;
  registration_deadline: string | null;
  scoring_deadline: string | null;
  state: string;
  block_name: string;
  block_kind: string;
  description: string | null;
}

/**
 * What the gateway would have audited had the seeded history been entered through it, dated as the seeded rows
 * are: each event's actor is the user the row records (the signer, the scorer, who opened or closed the vote),
 * or, for what no row records (the block, the year, its transitions), the province's secretariat.
 */
async function demoEvents(secretariatId: string): Promise<Event[]> {
  const m = await currentManager();
  const q = <T>(sql: string, params: unknown[] = []) => m.query(sql, params) as Promise<T[]>;
  const events: Event[] = [];
  const add = (
    occurredAt: Date,
    actorUserId: string | null,
    action: string,
    entityType: string,
    entityId: string,
    change: { before?: object; after?: object } = {},
  ) => events.push({ occurredAt, actorUserId, action, entityType, entityId, ...change });

  // The merger: units continuing the former province's, recorded when the province began.
  const links = await q<{
    successor_id: string;
    predecessor_province_id: string;
    predecessor_id: string;
    predecessor_name: string;
    kind: string;
    effective_on: string;
    recorded_by: string;
  }>(
    `SELECT successor_id, predecessor_province_id, predecessor_id, predecessor_name, kind,
            effective_on::text AS effective_on, recorded_by
     FROM lineage_link WHERE subject_kind = 'UNIT' ORDER BY successor_id, predecessor_name`,
  );
  const bySuccessor = new Map<string, typeof links>();
  for (const l of links) bySuccessor.set(l.successor_id, [...(bySuccessor.get(l.successor_id) ?? []), l]);
  [...bySuccessor.values()].forEach((ls, i) =>
    add(
      plus(vn(ls[0]!.effective_on, '14:00'), i * 3),
      ls[0]!.recorded_by,
      'lineage.record',
      'Unit',
      ls[0]!.successor_id,
      {
        after: ls.map((l) => ({
          subjectKind: 'UNIT',
          successorId: l.successor_id,
          predecessorProvinceId: l.predecessor_province_id,
          predecessorId: l.predecessor_id,
          predecessorName: l.predecessor_name,
          kind: l.kind,
          effectiveOn: l.effective_on,
        })),
      },
    ),
  );

  // Each block year the seed carried through (next years' drafts are the closing's, which the worker writes).
  const years = await q<YearRow>(
    `SELECT y.id, y.year, y.theme, y.head_unit_id, y.deputy_unit_id, y.block_id, y.criteria_set_id,
            y.registration_deadline::text AS registration_deadline, y.scoring_deadline::text AS scoring_deadline,
            y.state, b.name AS block_name, b.kind AS block_kind, b.description
     FROM emulation_year y JOIN block b ON b.province_id = y.province_id AND b.id = y.block_id
     WHERE y.state <> 'DRAFT' ORDER BY y.year, b.name`,
  );
  for (const y of years) {
    const by = (table: string, columns: string, order: string) =>
      q<Record<string, unknown>>(
        `SELECT ${columns} FROM ${table} WHERE emulation_year_id = $1 ORDER BY ${order}`,
        [y.id],
      );
    const members = await q<{ unit_id: string; valid_from: string }>(
      `SELECT unit_id, valid_from::text AS valid_from FROM block_membership WHERE block_id = $1
       ORDER BY created_at, id`,
      [y.block_id],
    );
    const start = vn(
      members.map((mb) => mb.valid_from).reduce((a, b) => (b < a ? b : a), `${y.year}-01-02`),
      '08:00',
    );
    // A block carried over from an earlier year was created then, and is not created again.
    const { created }: { created: boolean } = (
      await q<{ created: boolean }>(
        `SELECT NOT EXISTS (SELECT 1 FROM emulation_year WHERE block_id = $1 AND year < $2) AS created`,
        [y.block_id, y.year],
      )
    )[0]!;
    if (created) {
      add(start, secretariatId, 'block.create', 'Block', y.block_id, {
        after: { id: y.block_id, name: y.block_name, kind: y.block_kind, description: y.description },
      });
      members.forEach((mb, i) =>
        add(plus(start, 5 + i), secretariatId, 'block.member.add', 'Block', y.block_id, {
          after: { blockId: y.block_id, unitId: mb.unit_id, validFrom: mb.valid_from },
        }),
      );
    }
    if (y.criteria_set_id) {
      const [set] = await q<{ name: string; version: number }>(
        `SELECT name, version FROM criteria_set WHERE id = $1`,
        [y.criteria_set_id],
      );
      add(plus(start, 30), secretariatId, 'criteria.create', 'CriteriaSet', y.criteria_set_id, {
        after: { id: y.criteria_set_id, year: y.year, version: set?.version, name: set?.name },
      });
    }
    add(plus(start, 40), secretariatId, 'year.open', 'EmulationYear', y.id, {
      after: {
        id: y.id,
        blockId: y.block_id,
        year: y.year,
        theme: y.theme,
        headUnitId: y.head_unit_id,
        deputyUnitId: y.deputy_unit_id,
        criteriaSetId: y.criteria_set_id,
        registrationDeadline: y.registration_deadline,
        scoringDeadline: y.scoring_deadline,
        state: 'DRAFT',
      },
    });
    const items = await by('covenant_item', 'text', 'position');
    add(plus(start, 50), secretariatId, 'covenant.set', 'EmulationYear', y.id, {
      before: { items: [] },
      after: { items: items.map((i) => i.text) },
    });
    const transition = (at: Date, from: string, to: string) =>
      add(at, secretariatId, 'year.transition', 'EmulationYear', y.id, {
        before: { state: from },
        after: { state: to },
      });
    transition(plus(start, 60), 'DRAFT', 'OPEN');

    const signatures = await by('covenant_signature', 'unit_id, signed_by, signed_at', 'signed_at, unit_id');
    signatures.forEach((s) =>
      add(s.signed_at as Date, s.signed_by as string, 'covenant.sign', 'EmulationYear', y.id, {
        after: { unitId: s.unit_id },
      }),
    );
    const signed = plus(
      latest(
        signatures.map((s) => s.signed_at as Date),
        start,
      ),
      120,
    );
    transition(signed, 'OPEN', 'COVENANT_SIGNED');

    const registrations = await by(
      'title_registration',
      'id, unit_id, title, person_id, registered_by, registered_at',
      'registered_at, title, unit_id',
    );
    registrations.forEach((r) =>
      add(
        r.registered_at as Date,
        r.registered_by as string,
        'title.register',
        'TitleRegistration',
        r.id as string,
        {
          after: {
            id: r.id,
            emulationYearId: y.id,
            unitId: r.unit_id,
            title: r.title,
            personId: r.person_id,
          },
        },
      ),
    );
    const registered = latest(
      registrations.map((r) => plus(r.registered_at as Date, 60)),
      signed,
    );
    const scoringFrom = y.registration_deadline
      ? plus(vn(y.registration_deadline, '08:00'), 24 * 60)
      : registered;
    transition(scoringFrom > registered ? scoringFrom : registered, 'COVENANT_SIGNED', 'SCORING');

    const sheets = await by(
      'score_sheet',
      'id, kind, scorer_unit_id, target_unit_id, version, submitted_by, submitted_at',
      'submitted_at, target_unit_id, kind DESC, scorer_unit_id',
    );
    sheets.forEach((s) =>
      add(s.submitted_at as Date, s.submitted_by as string, 'sheet.submit', 'ScoreSheet', s.id as string, {
        after: {
          id: s.id,
          emulationYearId: y.id,
          kind: s.kind,
          scorerUnitId: s.scorer_unit_id,
          targetUnitId: s.target_unit_id,
          version: s.version,
        },
      }),
    );
    const scored = plus(
      latest(
        sheets.map((s) => s.submitted_at as Date),
        registered,
      ),
      60,
    );

    const [conference] = await by(
      'conference',
      'id, held_on::text AS held_on, place, recorded_by',
      'held_on',
    );
    const periods = await by(
      'voting_period',
      `id, round, method, kind, opens_at, closes_at, opened_at, opened_by, closed_at, closed_by, close_reason,
       results_published_at, published_by, eligible_voter_ids`,
      'round',
    );
    const firstOpened = (periods[0]?.opened_at as Date | undefined) ?? null;
    // Locked once the sheets are in, before the conference whatever the deadline said.
    const lockAt = y.scoring_deadline ? plus(vn(y.scoring_deadline, '08:00'), 24 * 60) : scored;
    const locked = [
      lockAt > scored ? lockAt : scored,
      ...(firstOpened ? [plus(firstOpened, -60)] : []),
    ].reduce((a, b) => (b < a ? b : a));
    transition(locked, 'SCORING', 'SCORES_LOCKED');
    if (conference) {
      const at = vn(conference.held_on as string, '07:30');
      add(
        firstOpened && firstOpened < at ? plus(firstOpened, -30) : at,
        conference.recorded_by as string,
        'conference.record',
        'Conference',
        conference.id as string,
        {
          after: {
            id: conference.id,
            emulationYearId: y.id,
            heldOn: conference.held_on,
            place: conference.place,
          },
        },
      );
    }
    for (const p of periods) {
      add(p.opened_at as Date, p.opened_by as string | null, 'voting.open', 'VotingPeriod', p.id as string, {
        after: {
          round: p.round,
          method: p.method,
          opensAt: p.opens_at,
          closesAt: p.closes_at,
          eligibleVoters: (p.eligible_voter_ids as string[]).length,
        },
      });
      if (p.closed_at)
        add(
          p.closed_at as Date,
          p.closed_by as string | null,
          'voting.close',
          'VotingPeriod',
          p.id as string,
          {
            after: { reason: p.close_reason },
          },
        );
      if (p.results_published_at)
        add(
          p.results_published_at as Date,
          p.published_by as string | null,
          'voting.publish',
          'VotingPeriod',
          p.id as string,
        );
    }
    const published = periods.find((p) => p.results_published_at)?.results_published_at as Date | undefined;
    if (published) transition(plus(published, 10), 'VOTING', 'RESULTS_RECORDED');
    const [outcome] = await by(
      'year_award_outcome',
      'dossier_submitted_at, dossier_submitted_by',
      'dossier_submitted_at',
    );
    if (outcome?.dossier_submitted_at) {
      const at = outcome.dossier_submitted_at as Date;
      // As the gateway writes them (awards.resolver.ts): the transition, then the submission.
      transition(at, 'RESULTS_RECORDED', 'DOSSIER_SUBMITTED');
      add(
        at,
        (outcome.dossier_submitted_by as string | null) ?? secretariatId,
        'dossier.submit',
        'EmulationYear',
        y.id,
      );
    }
  }

  const closings = await q<{ year: number; started_by: string | null; started_at: Date }>(
    `SELECT year, started_by, started_at FROM year_end_closing WHERE state = 'DONE' ORDER BY year`,
  );
  for (const c of closings)
    add(c.started_at, c.started_by, 'year_end.start', 'Province', currentProvinceId(), {
      after: { year: c.year },
    });
  return events;
}

/**
 * The province's audit log as the gateway would have written it for the demo's history, appended through the
 * audit chain (`appendDated`, the repository's append with the event's date: hashed with the key, linked, under the province's lock), in date order.
 * Only into an empty log: once written (or once anybody acted in the province), a restart adds nothing, and no
 * backdated event is ever chained after a real one.
 */
export async function seedDemoAudit(
  ds: DataSource,
  provinceId: string,
  secretariatId: string,
): Promise<number> {
  return runInTenant(ds, provinceId, async () => {
    const m = await currentManager();
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`, [provinceId]);
    const [found] = (await m.query(`SELECT EXISTS (SELECT 1 FROM audit_event) AS any`)) as { any: boolean }[];
    if (found?.any) return 0;
    const now = new Date();
    const events = (await demoEvents(secretariatId))
      .map((e, i) => ({ e: { ...e, occurredAt: e.occurredAt > now ? now : e.occurredAt }, i }))
      // Stable: events of one moment keep the order they happened in.
      .sort((a, b) => a.e.occurredAt.getTime() - b.e.occurredAt.getTime() || a.i - b.i)
      .map(({ e }) => e);
    for (const { occurredAt, ...e } of events)
      await appendDated({ ...e, requestId: DEMO_AUDIT_REQUEST_ID }, occurredAt);
    return events.length;
  });
}

/**
 * The notices the worker's notify job sends when a block's vote opens (`voting.opened`, to the officers of the
 * units voting), for the province's open votes: the same template (`renderVotingNotice`), link and idempotency
 * key as the worker's, so the worker never sends one of them again, and a restart adds none. Dated when the vote
 * opened.
 */
export async function seedDemoNotifications(ds: DataSource, provinceId: string): Promise<number> {
  return runInTenant(ds, provinceId, async () => {
    const m = await currentManager();
    const periods: {
      id: string;
      round: number;
      method: string;
      closes_at: Date;
      extended_until: Date | null;
      opened_at: Date;
      eligible_voter_ids: string[];
      year: number;
      block_name: string;
      held_on: string | null;
    }[] = await m.query(
      `SELECT p.id, p.round, p.method, p.closes_at, p.extended_until, p.opened_at, p.eligible_voter_ids,
              y.year, b.name AS block_name, c.held_on::text AS held_on
       FROM voting_period p
       JOIN emulation_year y ON y.province_id = p.province_id AND y.id = p.emulation_year_id
       JOIN block b ON b.province_id = y.province_id AND b.id = y.block_id
       LEFT JOIN conference c ON c.province_id = p.province_id AND c.id = p.conference_id
       WHERE p.kind = 'BLOCK' AND p.status = 'OPEN' ORDER BY p.opened_at`,
    );
    let delivered = 0;
    for (const p of periods) {
      const recipients = await userRepository.officersOf(provinceId, p.eligible_voter_ids);
      const { title, body } = renderVotingNotice('voting.opened', {
        body: p.block_name,
        year: p.year,
        round: p.round,
        deadline: p.extended_until ?? p.closes_at,
        council: false,
        conferenceDate: p.held_on,
        paper: p.method === 'PAPER',
      });
      const keys = recipients.map((userId) => ['voting.opened', p.id, '-', userId, 'IN_APP'].join(':'));
      delivered += await notificationRepository.deliver(
        recipients.map((userId, i) => ({
          userId,
          event: 'voting.opened',
          subjectId: p.id,
          title,
          body,
          link: `/voting-periods/${p.id}`,
          idempotencyKey: keys[i]!,
          locale: 'vi' as const,
        })),
      );
      await m.query(
        `UPDATE notification SET created_at = $2 WHERE idempotency_key = ANY($1) AND read_at IS NULL`,
        [keys, p.opened_at],
      );
    }
    return delivered;
  });
}
