import { importRepository } from '@thidua/db';
import { COLLECTIVE_TITLES, type Achievement } from '@thidua/domain';
import { choice, inChunks, NameIndex, Problems, SeenKeys, text, year, type KindSpec } from '../check-kit';
import { personIndex, unitIndex } from './persons';
import { PERSON, UNIT } from './words';

/** The first label is the template's; a centrally-governed city's records name the forms after the city. */
export const TITLE_LABELS: Record<Achievement, string[]> = {
  FLAG_GOVERNMENT: ['Cờ thi đua của Chính phủ'],
  FLAG_PROVINCE: [
    'Cờ thi đua của UBND tỉnh',
    'Cờ thi đua cấp tỉnh',
    'Cờ thi đua của UBND thành phố',
    'Cờ thi đua thành phố',
  ],
  COLL_EXCELLENT: ['Tập thể lao động xuất sắc'],
  COLL_ADVANCED: ['Tập thể lao động tiên tiến'],
  MERIT_PROVINCE: [
    'Bằng khen của Chủ tịch UBND tỉnh',
    'Bằng khen cấp tỉnh',
    'Bằng khen của Chủ tịch UBND thành phố',
    'Bằng khen thành phố',
  ],
  CSTD_NAT: ['Chiến sĩ thi đua toàn quốc'],
  CSTD_PROV: ['Chiến sĩ thi đua cấp tỉnh', 'Chiến sĩ thi đua thành phố', 'Chiến sĩ thi đua cấp thành phố'],
  CSTD_BASE: ['Chiến sĩ thi đua cơ sở'],
  LDTT: ['Lao động tiên tiến'],
};
const isCollective = (t: Achievement) => [...COLLECTIVE_TITLES, 'MERIT_PROVINCE'].includes(t);

/**
 * Titles and awards on record (conferred before the platform, or by other issuers), which the streak rules count.
 * Key: the unit or person, the title and the year; importing one again corrects its decision.
 */
export const achievements: KindSpec = {
  kind: 'ACHIEVEMENTS',
  title: 'Thành tích',
  titleEn: 'Achievements on record',
  columns: [
    {
      key: 'unit',
      header: 'Đơn vị',
      en: 'Unit',
      required: true,
      example: 'Sở Tài chính',
      note: 'Đơn vị được khen, hoặc đơn vị của cá nhân được khen.',
    },
    {
      key: 'person',
      header: 'Cá nhân',
      en: 'Person',
      required: false,
      example: '',
      note: 'Để trống khi khen tập thể; họ tên như trong danh sách cá nhân của đơn vị khi khen cá nhân.',
    },
    {
      key: 'title',
      header: 'Danh hiệu, hình thức',
      en: 'Title or award',
      required: true,
      example: 'Tập thể lao động xuất sắc',
      options: TITLE_LABELS,
      note: Object.values(TITLE_LABELS)
        .map((l) => l[0])
        .join('; '),
    },
    {
      key: 'year',
      header: 'Năm',
      en: 'Year',
      required: true,
      example: '2024',
      note: 'Năm thi đua được khen.',
    },
    {
      key: 'decision',
      header: 'Quyết định',
      en: 'Decision',
      required: true,
      example: 'Quyết định số 45/QĐ-UBND ngày 15/01/2025 của UBND tỉnh',
      note: 'Số, ngày và cơ quan ban hành như trên quyết định.',
    },
  ],
  async check(rows, ctx) {
    const p = new Problems(achievements);
    const unitsByName = await unitIndex();
    const people = await personIndex();
    const stored = new NameIndex(
      await importRepository.existingAchievements(),
      (a) => a.decisionRef,
      (a) => `${a.subjectId}:${a.title}:${a.year}`,
    );
    const thisYear = Number(ctx.today.slice(0, 4));
    const seen = new SeenKeys();
    const writes: {
      subject_kind: 'UNIT' | 'PERSON';
      subject_id: string;
      title: string;
      year: number;
      decision_ref: string;
    }[] = [];
    let created = 0;
    let unchanged = 0;
    for (const r of rows) {
      const mark = p.count;
      const unitName = text(p, r, 'unit', { required: true });
      const personName = text(p, r, 'person');
      const title = choice(p, r, 'title', TITLE_LABELS);
      const y = year(p, r, 'year', 1990, thisYear);
      const decision = text(p, r, 'decision', { required: true, max: 500 });
      if (decision && decision.length < 3)
        p.add(r, 'decision', {
          vi: 'Ghi số, ngày và cơ quan ban hành quyết định.',
          en: "Write the decision's number, date and issuing body.",
        });
      const unit = unitName ? unitsByName.resolve(p, r, 'unit', unitName, UNIT) : null;
      const person =
        unit && personName
          ? people.resolve(p, r, 'person', personName, PERSON, `${unit.id}:`, {
              vi: ` của "${unit.name}"`,
              en: ` at "${unit.name}"`,
            })
          : null;
      if (title && isCollective(title) && personName)
        p.add(r, 'title', {
          vi: `${TITLE_LABELS[title][0]} là danh hiệu tập thể: để trống cột ${p.header('person')}.`,
          en: `"${TITLE_LABELS[title][0]}" is a collective title or award: leave the "${p.header('person')}" column blank.`,
        });
      if (title && !isCollective(title) && !personName)
        p.add(r, 'person', {
          vi: `${TITLE_LABELS[title][0]} là danh hiệu cá nhân: ghi họ tên người được khen.`,
          en: `"${TITLE_LABELS[title][0]}" is an individual title: write the full name of the person honoured.`,
        });
      if (p.count > mark || !unit || !title || !y || !decision) continue;
      const subjectId = person?.id ?? unit.id;
      const key = `${subjectId}:${title}:${y}`;
      if (seen.repeat(p, r, 'title', key, { vi: 'danh hiệu cùng năm', en: 'title in the same year' }))
        continue;
      const found = stored.find(key);
      if (found && found.decisionRef === decision) {
        unchanged++;
        continue;
      }
      if (!found) created++;
      writes.push({
        subject_kind: person ? 'PERSON' : 'UNIT',
        subject_id: subjectId,
        title,
        year: y,
        decision_ref: decision,
      });
    }
    return {
      problems: p.list,
      counts: { created, updated: writes.length - created, unchanged },
      async write(progress) {
        await inChunks(writes, (c) => importRepository.writeAchievements(c, ctx.userId), progress);
      },
    };
  },
};
