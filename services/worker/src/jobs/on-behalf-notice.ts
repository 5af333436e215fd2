import {
  auditRepository,
  blockRepository,
  emulationYearRepository,
  personRepository,
  unitRepository,
  userRepository,
  votingRepository,
} from '@thidua/db';
import { onBehalfActOf, renderOnBehalfNotice, type OnBehalfAct, type Title } from '@thidua/domain';
import type { JobPayload } from '@thidua/jobs';
import { provinceKindOf, type NoticeContent } from './notice';

/** What the audit keeps of the record an act wrote (a score sheet, a registration): the fields the notice reads. */
interface ActRecord {
  emulationYearId?: string;
  scorerUnitId?: string;
  targetUnitId?: string;
  kind?: string;
  title?: Title;
  personId?: string | null;
  /** An evidence file's criterion and name. */
  subject?: string | null;
  name?: string;
  onBehalfReason?: string;
}

/**
 * The unit's officers, when the secretariat entered one of the unit's acts for it (on_behalf.entered): the payload
 * names the act's audit entry (`occurrence`, its number in the chain), which says what, for what and why.
 */
export async function onBehalfNotice(p: JobPayload<'notify'>): Promise<NoticeContent | null> {
  const entry = p.occurrence ? await auditRepository.entry(p.occurrence) : null;
  const act = entry ? onBehalfActOf(entry.action) : null;
  const unitId = p.unitIds?.[0];
  if (!entry || !act || !unitId || entry.entityId !== p.subjectId) return null;
  const after = (entry.after ?? {}) as ActRecord;
  const record = { ...((entry.before ?? {}) as ActRecord), ...after };

  const period = act === 'ballot.cast' ? (await votingRepository.byIds([p.subjectId]))[0] : undefined;
  const yearId = act === 'covenant.sign' ? p.subjectId : (period?.emulationYearId ?? record.emulationYearId);
  const [year] = yearId ? await emulationYearRepository.byIds([yearId]) : [];
  if (!year) return null;
  const [block] = await blockRepository.byIds([year.blockId]);
  const crossTarget = act === 'sheet.submit' && record.kind === 'CROSS';
  const units = new Map(
    (await unitRepository.byIds([unitId, ...(crossTarget ? [record.targetUnitId!] : [])])).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const [person] = record.personId ? await personRepository.byIds([record.personId]) : [];

  const what: OnBehalfAct =
    act === 'ballot.cast'
      ? { act, round: period?.round ?? 1 }
      : act === 'sheet.submit'
        ? { act, targetUnitName: crossTarget ? (units.get(record.targetUnitId!) ?? '') : null }
        : act === 'covenant.sign'
          ? { act }
          : act === 'attachment.upload' || act === 'attachment.delete'
            ? { act, criterion: record.subject ?? '', fileName: record.name ?? '' }
            : { act, title: record.title!, personName: person?.fullName ?? null };
  const facts = {
    unitName: units.get(unitId) ?? '',
    blockName: block?.name ?? 'Khối thi đua',
    year: year.year,
    reason: after.onBehalfReason ?? '',
    provinceKind: await provinceKindOf(p.provinceId),
    what,
  };
  const yearPage = `/blocks/${year.blockId}/years/${year.year}`;
  return {
    recipients: await userRepository.officersOf(p.provinceId, [unitId]),
    vi: renderOnBehalfNotice(facts),
    en: renderOnBehalfNotice(facts, 'en'),
    link: {
      'covenant.sign': `${yearPage}/sign`,
      'sheet.submit': `${yearPage}/sheets/${record.scorerUnitId}/${record.targetUnitId}`,
      'title.register': `${yearPage}/titles`,
      'title.withdraw': `${yearPage}/titles`,
      'ballot.cast': `/voting-periods/${p.subjectId}`,
      // The unit's own sheet, where its evidence files are.
      'attachment.upload': `${yearPage}/sheets/${unitId}/${unitId}`,
      'attachment.delete': `${yearPage}/sheets/${unitId}/${unitId}`,
    }[act],
  };
}
