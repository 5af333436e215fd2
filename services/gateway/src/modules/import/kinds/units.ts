import { importRepository, type NewUnitRow, type UnitKind } from '@thidua/db';
import { foldVietnamese } from '@thidua/domain';
import { choice, date, inChunks, NameIndex, Problems, SeenKeys, text, type KindSpec } from '../check-kit';
import { dmy, UNIT, UNIT_NAME } from './words';

/**
 * Each kind's labels, the first as the web's unit form shows it (services/web/src/i18n/vi.json `units.kind.*`,
 * held equal by test/integration/import.test.ts): the template and the refusal list those; the others are what
 * secretariats also write. Dashes are folded when matching (check-kit's foldChoice), so "Tổ chức chính trị - xã
 * hội" typed with a hyphen is the first label too.
 */
export const UNIT_KIND_LABELS: Record<UnitKind, string[]> = {
  PARTY_AGENCY: ['Cơ quan Đảng'],
  STATE_AGENCY: ['Cơ quan nhà nước', 'Cơ quan hành chính'],
  MASS_ORGANIZATION: ['Tổ chức chính trị – xã hội', 'Đoàn thể', 'Mặt trận, đoàn thể'],
  PRESS: ['Cơ quan báo chí', 'Báo chí'],
  SCHOOL: ['Trường học', 'Cơ sở giáo dục'],
  LOCALITY: ['Địa phương (xã, phường)', 'Địa phương', 'Xã, phường'],
  ENTERPRISE: ['Doanh nghiệp'],
  OTHER: ['Khác'],
};

/** Units by folded name (the key of the province's unique index); an existing unit is corrected, never doubled. */
export const units: KindSpec = {
  kind: 'UNITS',
  title: 'Đơn vị',
  titleEn: 'Units',
  columns: [
    {
      key: 'name',
      header: 'Tên đơn vị',
      en: 'Unit name',
      required: true,
      example: 'Sở Tài chính',
      note: 'Tên đầy đủ, có dấu. Tên đã có phải viết đúng như trong hệ thống; tên chỉ khác dấu, chữ hoa hay khoảng trắng bị báo lỗi để không tạo trùng.',
    },
    {
      key: 'shortName',
      header: 'Tên viết tắt',
      en: 'Short name',
      required: false,
      example: 'STC',
      note: 'Không bắt buộc.',
    },
    {
      key: 'kind',
      header: 'Loại hình',
      en: 'Kind',
      required: true,
      example: 'Cơ quan nhà nước',
      options: UNIT_KIND_LABELS,
      note: Object.values(UNIT_KIND_LABELS)
        .map((l) => l[0])
        .join('; '),
    },
    {
      key: 'validFrom',
      header: 'Hiệu lực từ',
      en: 'Valid from',
      required: false,
      example: '01/07/2025',
      note: 'Ngày/tháng/năm; để trống nếu không rõ.',
    },
    {
      key: 'validTo',
      header: 'Hiệu lực đến',
      en: 'Valid to',
      required: false,
      example: '',
      note: 'Ngày đơn vị thôi hoạt động (sáp nhập, giải thể); để trống nếu còn hoạt động.',
    },
  ],
  async check(rows) {
    const p = new Problems(units);
    // In force first: a name matches the unit in force before one that ended.
    const index = new NameIndex(
      await importRepository.existingUnits(),
      (u) => u.name,
      (u) => u.nameSearch,
    );
    const seen = new SeenKeys();
    const inserts: NewUnitRow[] = [];
    const updates: (NewUnitRow & { id: string })[] = [];
    let unchanged = 0;
    for (const r of rows) {
      const mark = p.count;
      const name = text(p, r, 'name', { required: true });
      const shortName = text(p, r, 'shortName', { max: 100 });
      const kind = choice(p, r, 'kind', UNIT_KIND_LABELS);
      const from = date(p, r, 'validFrom');
      const to = date(p, r, 'validTo');
      if (from && to && to < from)
        p.add(r, 'validTo', {
          vi: `Ngày kết thúc ${dmy(to)} trước ngày bắt đầu ${dmy(from)}.`,
          en: `The end date ${dmy(to)} is before the start date ${dmy(from)}.`,
        });
      if (!name) continue;
      const key = foldVietnamese(name);
      if (seen.repeat(p, r, 'name', key, UNIT_NAME)) continue;
      const found = index.match(p, r, 'name', key, name, UNIT);
      if (p.count > mark || !kind) continue;
      // An empty optional cell keeps what is stored: an import adds and corrects, it never erases.
      const row: NewUnitRow = {
        name,
        name_search: key,
        short_name: shortName ?? found?.shortName ?? null,
        kind,
        valid_from: from ?? found?.validFrom ?? null,
        valid_to: to ?? found?.validTo ?? null,
      };
      if (!found) inserts.push(row);
      else if (
        row.short_name !== found.shortName ||
        row.kind !== found.kind ||
        row.valid_from !== found.validFrom ||
        row.valid_to !== found.validTo
      )
        updates.push({ ...row, id: found.id });
      else unchanged++;
    }
    return {
      problems: p.list,
      counts: { created: inserts.length, updated: updates.length, unchanged },
      async write(progress) {
        const done = await inChunks(inserts, (c) => importRepository.insertUnits(c), progress);
        await inChunks(updates, (c) => importRepository.updateUnits(c), progress, done);
      },
    };
  },
};
