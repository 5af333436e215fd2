import {
  blockRepository,
  emulationYearRepository,
  notificationRepository,
  userRepository,
  votingRepository,
} from '@thidua/db';
import { renderVotingNotice } from '@thidua/domain';
import { effectiveDeadline, type JobPayload } from '@thidua/jobs';

/**
 * Turns a voting event into in-app notifications for the people concerned: the officers of the units (a block
 * vote) or the council members (a council vote), minus those who turned the event off. Each notification has an
 * idempotency key (event, subject, occurrence, recipient, channel), so a retried or repeated job never notifies
 * anyone twice.
 */
export async function notify(p: JobPayload<'notify'>) {
  const [period] = await votingRepository.byIds([p.subjectId]);
  if (!period) return { delivered: 0 };
  const council = period.kind === 'COUNCIL';
  const recipients = council
    ? (p.userIds ?? period.eligibleVoterIds)
    : await userRepository.officersOf(p.provinceId, p.unitIds ?? period.eligibleVoterIds);

  const muted = new Set(
    (await notificationRepository.preferences(recipients))
      .filter((x) => x.event === p.event && x.channel === 'IN_APP' && !x.enabled)
      .map((x) => x.userId),
  );
  const [year] = period.emulationYearId ? await emulationYearRepository.byIds([period.emulationYearId]) : [];
  const [block] = year ? await blockRepository.byIds([year.blockId]) : [];
  const { title, body } = renderVotingNotice(p.event, {
    body: council ? 'Hội đồng Thi đua - Khen thưởng tỉnh' : (block?.name ?? 'Khối thi đua'),
    year: year?.year ?? null,
    round: period.round,
    deadline: effectiveDeadline(period),
    council,
  });
  const delivered = await notificationRepository.deliver(
    recipients
      .filter((userId) => !muted.has(userId))
      .map((userId) => ({
        userId,
        event: p.event,
        subjectId: p.subjectId,
        title,
        body,
        link: `/voting-periods/${p.subjectId}`,
        idempotencyKey: [p.event, p.subjectId, p.occurrence ?? '-', userId, 'IN_APP'].join(':'),
      })),
  );
  return { delivered, muted: muted.size };
}
