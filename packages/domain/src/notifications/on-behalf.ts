import type { ProvinceKind } from '../province/title';
import { titleNames, titleNamesEn, type Title } from '../titles';

/**
 * What the secretariat entered for a unit, as its audit names the act (`<act>_on_behalf`): one of the unit's own
 * acts, which the secretariat enters only on its behalf and with a reason (docs/architecture.md, "Acting for a
 * unit"), and which the unit's officers are told of.
 */
export type OnBehalfAct =
  | { act: 'covenant.sign' }
  | { act: 'sheet.submit'; targetUnitName: string | null }
  | { act: 'title.register' | 'title.withdraw'; title: Title; personName: string | null }
  | { act: 'ballot.cast'; round: number }
  | { act: 'attachment.upload' | 'attachment.delete'; criterion: string; fileName: string };

export const ON_BEHALF_ACTS = [
  'covenant.sign',
  'sheet.submit',
  'title.register',
  'title.withdraw',
  'ballot.cast',
  // Evidence files (the secretariat adding or removing one of a member's files; a year's other files are its own).
  'attachment.upload',
  'attachment.delete',
] as const;
export type OnBehalfActName = (typeof ON_BEHALF_ACTS)[number];

/** The act an audit action names, when it is one entered on a unit's behalf. */
export function onBehalfActOf(action: string): OnBehalfActName | null {
  const act = action.endsWith('_on_behalf') ? action.slice(0, -'_on_behalf'.length) : null;
  return act && (ON_BEHALF_ACTS as readonly string[]).includes(act) ? (act as OnBehalfActName) : null;
}

export interface OnBehalfNotice {
  unitName: string;
  blockName: string;
  year: number;
  reason: string;
  provinceKind?: ProvinceKind | null;
  what: OnBehalfAct;
}

/**
 * To the unit's officers, when the secretariat entered one of the unit's own acts for it: what, for which year,
 * and the reason it gave, so that a unit that did not ask for it can say so.
 */
export function renderOnBehalfNotice(
  n: OnBehalfNotice,
  locale: 'vi' | 'en' = 'vi',
): { title: string; body: string } {
  // The reason as typed, without the full stop a sentence around it adds.
  const reason = n.reason.trim().replace(/[.\s]+$/u, '');
  const [title, did] = (locale === 'vi' ? actVi : actEn)(n);
  return locale === 'vi'
    ? {
        title,
        body: `Sở Nội vụ đã ${did} thay cho ${n.unitName}. Lý do: ${reason}. Nếu đơn vị không yêu cầu việc này, đề nghị liên hệ Sở Nội vụ.`,
      }
    : {
        title,
        body: `The Department of Home Affairs ${did} on behalf of ${n.unitName}. Reason: ${reason}. If your unit did not ask for this, please tell the Department.`,
      };
}

/** The notice's title and what was done, in Vietnamese. */
function actVi({ what: w, blockName, year, provinceKind }: OnBehalfNotice): [string, string] {
  const at = `(${blockName}, năm ${year})`;
  switch (w.act) {
    case 'covenant.sign':
      return ['Sở Nội vụ ký giao ước thay đơn vị', `ký giao ước thi đua năm ${year} của ${blockName}`];
    case 'sheet.submit':
      return [
        'Sở Nội vụ gửi phiếu chấm điểm thay đơn vị',
        w.targetUnitName
          ? `gửi phiếu chấm điểm chéo cho ${w.targetUnitName} ${at}`
          : `gửi phiếu tự chấm điểm thi đua ${at}`,
      ];
    case 'title.register':
    case 'title.withdraw': {
      const title = `${titleNames(provinceKind)[w.title]}${w.personName ? ` cho ${w.personName}` : ''}`;
      return w.act === 'title.register'
        ? ['Sở Nội vụ đăng ký danh hiệu thay đơn vị', `đăng ký danh hiệu ${title} ${at}`]
        : ['Sở Nội vụ rút đăng ký danh hiệu thay đơn vị', `rút đăng ký danh hiệu ${title} ${at}`];
    }
    case 'ballot.cast':
      return [
        'Sở Nội vụ nhập phiếu bầu thay đơn vị',
        `nhập phiếu bầu tại hội nghị tổng kết của ${blockName} năm ${year} (vòng ${w.round})`,
      ];
    case 'attachment.upload':
      return [
        'Sở Nội vụ thêm tệp minh chứng thay đơn vị',
        `thêm tệp minh chứng “${w.fileName}” cho tiêu chí ${w.criterion} ${at}`,
      ];
    case 'attachment.delete':
      return [
        'Sở Nội vụ xóa tệp minh chứng thay đơn vị',
        `xóa tệp minh chứng “${w.fileName}” của tiêu chí ${w.criterion} ${at}`,
      ];
  }
}

/** The notice's title and what was done, in English. */
function actEn({ what: w, blockName, year, provinceKind }: OnBehalfNotice): [string, string] {
  const at = `(${blockName}, ${year})`;
  switch (w.act) {
    case 'covenant.sign':
      return ['Covenant signed for your unit', `signed ${blockName}'s covenant for ${year}`];
    case 'sheet.submit':
      return [
        'Score sheet sent for your unit',
        w.targetUnitName
          ? `sent the cross-scoring sheet for ${w.targetUnitName} ${at}`
          : `sent the self-scoring sheet ${at}`,
      ];
    case 'title.register':
    case 'title.withdraw': {
      const title = `${titleNamesEn(provinceKind)[w.title]}${w.personName ? ` for ${w.personName}` : ''}`;
      return w.act === 'title.register'
        ? ['Title registered for your unit', `registered the title ${title} ${at}`]
        : [
            'Title registration withdrawn for your unit',
            `withdrew the registration of the title ${title} ${at}`,
          ];
    }
    case 'ballot.cast':
      return [
        'Ballot entered for your unit',
        `entered the ballot at ${blockName}'s ${year} conference (round ${w.round})`,
      ];
    case 'attachment.upload':
      return [
        'Evidence file added for your unit',
        `added the evidence file “${w.fileName}” for criterion ${w.criterion} ${at}`,
      ];
    case 'attachment.delete':
      return [
        'Evidence file removed for your unit',
        `removed the evidence file “${w.fileName}” of criterion ${w.criterion} ${at}`,
      ];
  }
}
