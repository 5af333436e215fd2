import { foldVietnamese } from '@thidua/domain';
import { table, NO, signer } from './common';

/** A block's year-end conference as its minutes print it: the vote count's minutes and the conference's own. */
export interface ConferenceRecord {
  heldOn: string;
  place: string;
  /** The unit that chaired the conference (the head unit, usually) and the person, as recorded. */
  chairUnit: string | null;
  chairPerson: string | null;
  /** Printed after the name in the text ("Nguyễn Văn An, Chánh Văn phòng"); the signature line has the name alone. */
  chairPosition?: string | null;
  secretaryName: string | null;
  secretaryPosition?: string | null;
  attendance: { unit: string; present: boolean; representatives: string[]; absenceReason: string | null }[];
  committee: { name: string; role: string; unit: string | null }[];
}

/** "Trần Thị Bình, Chuyên viên": a person with their position when it is recorded; dots when unnamed. */
export function withPosition(name: string | null | undefined, position: string | null | undefined): string {
  const person = name?.trim();
  return person && position?.trim() ? `${person}, ${position.trim()}` : signer(person);
}

/**
 * "Nguyễn Thị Hồng Vân, Chánh Văn phòng (Văn phòng Tỉnh ủy)", the unit or the person alone, or dots when neither
 * is recorded.
 */
export function chairedBy(c: ConferenceRecord): string {
  const person = c.chairPerson?.trim() ? withPosition(c.chairPerson, c.chairPosition) : null;
  // "Giám đốc Sở Công Thương" already names the unit: not said again after it.
  const named = !!c.chairUnit && foldVietnamese(c.chairPosition ?? '').includes(foldVietnamese(c.chairUnit));
  if (person && c.chairUnit && !named) return `${person} (${c.chairUnit})`;
  return signer(person || c.chairUnit);
}

/** Each member present with its representatives, or absent with the reason. */
export function attendanceTable(attendance: ConferenceRecord['attendance']) {
  return table(
    [
      NO,
      { title: 'Đơn vị', width: 40 },
      { title: 'Có mặt', width: 10, align: 'center' },
      { title: 'Đại diện / lý do vắng', width: 44 },
    ],
    attendance.map((a, i) => [
      String(i + 1),
      a.unit,
      a.present ? 'Có' : 'Vắng',
      a.present ? a.representatives.join('; ') : (a.absenceReason ?? ''),
    ]),
  );
}

/** The counting committee (ban kiểm phiếu). */
export function committeeTable(committee: ConferenceRecord['committee']) {
  return table(
    [NO, { title: 'Họ và tên', width: 34 }, { title: 'Nhiệm vụ', width: 20 }, { title: 'Đơn vị', width: 40 }],
    committee.map((m, i) => [String(i + 1), m.name, m.role, m.unit ?? '']),
  );
}
