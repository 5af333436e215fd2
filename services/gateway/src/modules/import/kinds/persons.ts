import { importRepository, type Gender } from '@thidua/db';
import { foldVietnamese } from '@thidua/domain';
import { choice, inChunks, NameIndex, Problems, SeenKeys, text, type KindSpec } from '../check-kit';

const GENDERS: Record<Gender, string[]> = { FEMALE: ['Nữ'], MALE: ['Nam'] };

/** The province's units by folded name, those in force first. */
export async function unitIndex() {
  return new NameIndex(
    await importRepository.existingUnits(),
    (u) => u.name,
    (u) => u.nameSearch,
  );
}

/** People by their unit and folded name: two people of one unit cannot share a name here. */
export async function personIndex() {
  return new NameIndex(
    await importRepository.existingPersons(),
    (x) => x.fullName,
    (x) => `${x.unitId}:${x.fullNameSearch}`,
  );
}

export const persons: KindSpec = {
  kind: 'PERSONS',
  title: 'Cá nhân',
  columns: [
    {
      key: 'fullName',
      header: 'Họ và tên',
      en: 'Full name',
      required: true,
      example: 'Nguyễn Thị Hoa',
      note: 'Có dấu. Khoá: đơn vị và họ tên.',
    },
    {
      key: 'unit',
      header: 'Đơn vị',
      en: 'Unit',
      required: true,
      example: 'Sở Tài chính',
      note: 'Tên đơn vị đã có trong tỉnh, viết đúng như tên đã có.',
    },
    { key: 'gender', header: 'Giới tính', en: 'Gender', required: true, example: 'Nữ', note: 'Nữ; Nam' },
    {
      key: 'position',
      header: 'Chức vụ',
      en: 'Position',
      required: false,
      example: 'Phó Giám đốc',
      note: 'Không bắt buộc.',
    },
  ],
  async check(rows) {
    const p = new Problems(persons);
    const unitsByName = await unitIndex();
    const people = await personIndex();
    const seen = new SeenKeys();
    const inserts: {
      unit_id: string;
      full_name: string;
      full_name_search: string;
      gender: Gender;
      position: string | null;
    }[] = [];
    const updates: { id: string; gender: Gender; position: string | null }[] = [];
    let unchanged = 0;
    for (const r of rows) {
      const mark = p.count;
      const fullName = text(p, r, 'fullName', { required: true });
      const unitName = text(p, r, 'unit', { required: true });
      const gender = choice(p, r, 'gender', GENDERS);
      const position = text(p, r, 'position');
      const unit = unitName ? unitsByName.resolve(p, r, 'unit', unitName, 'đơn vị') : null;
      if (!fullName || !unit) continue;
      const key = `${unit.id}:${foldVietnamese(fullName)}`;
      if (seen.repeat(p, r, 'fullName', key, 'họ tên trong cùng đơn vị')) continue;
      const found = people.match(p, r, 'fullName', key, fullName, 'người');
      if (p.count > mark || !gender) continue;
      const pos = position ?? found?.position ?? null;
      if (!found)
        inserts.push({
          unit_id: unit.id,
          full_name: fullName,
          full_name_search: foldVietnamese(fullName),
          gender,
          position: pos,
        });
      else if (found.gender !== gender || found.position !== pos)
        updates.push({ id: found.id, gender, position: pos });
      else unchanged++;
    }
    return {
      problems: p.list,
      counts: { created: inserts.length, updated: updates.length, unchanged },
      async write(progress) {
        const done = await inChunks(inserts, (c) => importRepository.insertPersons(c), progress);
        await inChunks(updates, (c) => importRepository.updatePersons(c), progress, done);
      },
    };
  },
};
