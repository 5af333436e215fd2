import { importRepository, personRepository, type ExistingPerson, type Gender } from '@thidua/db';
import { foldVietnamese } from '@thidua/domain';
import {
  choice,
  inChunks,
  NameIndex,
  Problems,
  SeenKeys,
  text,
  type KindSpec,
  type Said,
} from '../check-kit';
import { UNIT } from './words';

const GENDERS: Record<Gender, string[]> = { FEMALE: ['Nữ'], MALE: ['Nam'] };
const HEAD: Record<'YES' | 'NO', string[]> = { YES: ['Có', 'x', 'Yes'], NO: ['Không', 'No'] };

/** The province's units by folded name, those in force first. */
export async function unitIndex(existing?: Awaited<ReturnType<typeof importRepository.existingUnits>>) {
  return new NameIndex(
    existing ?? (await importRepository.existingUnits()),
    (u) => u.name,
    (u) => u.nameSearch,
  );
}

/** People by their unit and folded name: two people of one unit cannot share a name here. */
export async function personIndex(existing?: readonly ExistingPerson[]) {
  return new NameIndex(
    existing ?? (await importRepository.existingPersons()),
    (x) => x.fullName,
    (x) => `${x.unitId}:${x.fullNameSearch}`,
  );
}

export const persons: KindSpec = {
  kind: 'PERSONS',
  title: 'Cá nhân',
  titleEn: 'People',
  columns: [
    {
      key: 'fullName',
      header: 'Họ và tên',
      en: 'Full name',
      required: true,
      example: 'Nguyễn Thị Hoa',
      note: 'Có dấu. Nhận biết trùng theo đơn vị và họ tên.',
    },
    {
      key: 'unit',
      header: 'Đơn vị',
      en: 'Unit',
      required: true,
      example: 'Sở Tài chính',
      note: 'Tên đơn vị đã có trong tỉnh, viết đúng như tên đã có.',
    },
    {
      key: 'gender',
      header: 'Giới tính',
      en: 'Gender',
      required: true,
      example: 'Nữ',
      note: 'Nữ; Nam',
      options: GENDERS,
    },
    {
      key: 'position',
      header: 'Chức vụ',
      en: 'Position',
      required: false,
      example: 'Phó Giám đốc',
      note: 'Không bắt buộc.',
    },
    {
      key: 'headsUnit',
      header: 'Thủ trưởng đơn vị',
      en: 'Head of unit',
      required: false,
      example: 'Có',
      options: HEAD,
      note:
        'Có: người đứng đầu đơn vị (xét khi bằng điểm, tập thể có thủ trưởng là nữ được ưu tiên). ' +
        'Mỗi đơn vị một người: người ghi Có thay người đang là thủ trưởng. Không: không còn là thủ trưởng. ' +
        'Để trống: giữ như đã có.',
    },
  ],
  async check(rows) {
    const p = new Problems(persons);
    const units = await importRepository.existingUnits();
    const unitsByName = await unitIndex(units);
    const existing = await importRepository.existingPersons();
    const people = await personIndex(existing);
    const seen = new SeenKeys();
    const headRows = new Map<string, number>();
    const checked: {
      row: number;
      found: ExistingPerson | undefined;
      unitId: string;
      fullName: string;
      gender: Gender;
      position: string | null;
      head: 'YES' | 'NO' | null;
    }[] = [];
    for (const r of rows) {
      const mark = p.count;
      const fullName = text(p, r, 'fullName', { required: true });
      const unitName = text(p, r, 'unit', { required: true });
      const gender = choice(p, r, 'gender', GENDERS);
      const position = text(p, r, 'position');
      const head = choice(p, r, 'headsUnit', HEAD, false);
      const unit = unitName ? unitsByName.resolve(p, r, 'unit', unitName, UNIT) : null;
      if (!fullName || !unit) continue;
      const key = `${unit.id}:${foldVietnamese(fullName)}`;
      if (
        seen.repeat(p, r, 'fullName', key, {
          vi: 'họ tên trong cùng đơn vị',
          en: 'full name in the same unit',
        })
      )
        continue;
      if (head === 'YES') {
        const other = headRows.get(unit.id);
        if (other !== undefined) {
          p.add(r, 'headsUnit', {
            vi: `Đơn vị này đã có thủ trưởng ở dòng ${other} của tệp: mỗi đơn vị một người.`,
            en: `This unit's head is already named on row ${other} of the file: one head per unit.`,
          });
          continue;
        }
        headRows.set(unit.id, r.row);
      }
      const found = people.match(p, r, 'fullName', key, fullName, { vi: 'người', en: 'person' });
      if (p.count > mark || !gender) continue;
      checked.push({
        row: r.row,
        found,
        unitId: unit.id,
        fullName,
        gender,
        position: position ?? found?.position ?? null,
        head,
      });
    }

    // A unit whose head the file names has no other: its present head is handed over (cleared before writing).
    const headsUnit = (x: (typeof checked)[number]) =>
      x.head ? x.head === 'YES' : !headRows.has(x.unitId) && (x.found?.headsUnit ?? false);
    const inserts = checked
      .filter((x) => !x.found)
      .map((x) => ({
        unit_id: x.unitId,
        full_name: x.fullName,
        full_name_search: foldVietnamese(x.fullName),
        gender: x.gender,
        position: x.position,
        heads_unit: headsUnit(x),
      }));
    const updates = checked.flatMap((x) => {
      const { found: f } = x;
      const heads = headsUnit(x);
      return f && (f.gender !== x.gender || f.position !== x.position || f.headsUnit !== heads)
        ? [{ id: f.id, gender: x.gender, position: x.position, heads_unit: heads }]
        : [];
    });
    const unchanged = checked.length - inserts.length - updates.length;
    const keptHeads = checked.flatMap((x) => (x.found && x.head === 'YES' ? [x.found.id] : []));
    // The present heads the file hands over from without naming them: they change too, and the plan says so.
    const inFile = new Set(checked.flatMap((x) => (x.found ? [x.found.id] : [])));
    const handedOver = existing.filter((x) => x.headsUnit && headRows.has(x.unitId) && !inFile.has(x.id));
    const notes = headChanges(
      checked,
      existing,
      headRows,
      (id) => units.find((u) => u.id === id)?.name ?? '',
    );
    return {
      problems: p.list,
      counts: {
        created: inserts.length,
        updated: updates.length + handedOver.length,
        unchanged,
        ...(notes.length ? { notes: notes.map((n) => n.vi), notesEnglish: notes.map((n) => n.en) } : {}),
      },
      async write(progress) {
        await personRepository.handOverHeads([...headRows.keys()], keptHeads);
        const done = await inChunks(inserts, (c) => importRepository.insertPersons(c), progress);
        await inChunks(updates, (c) => importRepository.updatePersons(c), progress, done);
      },
    };
  },
};

/**
 * Whom a file makes a unit's head, and whom that replaces, said before the import (the counts only say "updated"):
 * a head named in place of the present one, or a present head marked "Không" with none named after them.
 */
function headChanges(
  checked: readonly {
    row: number;
    found?: ExistingPerson;
    unitId: string;
    fullName: string;
    head: 'YES' | 'NO' | null;
  }[],
  existing: readonly ExistingPerson[],
  headRows: ReadonlyMap<string, number>,
  unitName: (id: string) => string,
): Said[] {
  const named = checked.flatMap((x) => {
    if (x.head !== 'YES') return [];
    const before = existing.filter((e) => e.unitId === x.unitId && e.headsUnit && e.id !== x.found?.id);
    return before.length
      ? [
          {
            vi: `${unitName(x.unitId)}: ${x.fullName} (dòng ${x.row}) sẽ là thủ trưởng đơn vị, thay ${before
              .map((e) => e.fullName)
              .join(', ')}.`,
            en: `${unitName(x.unitId)}: ${x.fullName} (row ${x.row}) will be the head of the unit, replacing ${before
              .map((e) => e.fullName)
              .join(', ')}.`,
          },
        ]
      : [];
  });
  const ended = checked.flatMap((x) =>
    x.head === 'NO' && x.found?.headsUnit && !headRows.has(x.unitId)
      ? [
          {
            vi: `${unitName(x.unitId)}: ${x.fullName} (dòng ${x.row}) thôi là thủ trưởng đơn vị; đơn vị chưa có thủ trưởng.`,
            en: `${unitName(x.unitId)}: ${x.fullName} (row ${x.row}) will no longer be the head of the unit; the unit will have no head.`,
          },
        ]
      : [],
  );
  return [...named, ...ended];
}
